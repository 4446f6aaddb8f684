package cn.lianxin.platform.inbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;

import cn.lianxin.platform.events.ConsumptionStopped;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.events.MalformedEventException;

/**
 * What a consumer does when applying an event fails (docs/architecture.md, "Inbox"). The record stays where it is
 * while the consumer retries, so the partition waits with it and per-member order holds.
 * <ul>
 * <li>A {@link TransientFailure transient} failure (the database out of reach, a deadlock) is retried as long as it
 * lasts, the wait doubling from {@code first-delay} up to {@code max-delay}: an outage delays events, never loses
 * them.</li>
 * <li>A payload the handler cannot read ({@link MalformedEventException}) goes to the failure strategy at once.</li>
 * <li>Any other failure is tried {@code attempts-on-error} times, then passed on to the channel's failure strategy,
 * which dead-letters the record with the reason {@code error: <class>}: one defective event must not stop every later
 * event of its partition.</li>
 * <li>Once the service is stopping, a failure (the connection pool and the EntityManagerFactory close under a running
 * handler) becomes {@link ConsumptionStopped}: the record is neither dead-lettered nor acknowledged, and is delivered
 * again after the restart.</li>
 * </ul>
 * Log lines name the event's id and type and the failure's class, never its message: a database error can quote the
 * row it could not write.
 */
@ApplicationScoped
public class ConsumerRetry {

    /** Counter of repeated attempts, tagged {@code topic} and {@code reason} ({@code transient} or {@code error}). */
    public static final String RETRIED_METRIC = "lianxin.events.retried";

    private static final Logger LOG = Logger.getLogger(ConsumerRetry.class);

    private final ConsumerRetryConfig config;
    private final MeterRegistry registry;
    private final Pause pause;

    @Inject
    public ConsumerRetry(ConsumerRetryConfig config, MeterRegistry registry) {
        this(config, registry, new StopSignal());
    }

    ConsumerRetry(ConsumerRetryConfig config, MeterRegistry registry, Pause pause) {
        this.config = config;
        this.registry = registry;
        this.pause = pause;
    }

    void stop(@Observes ShutdownEvent event) {
        pause.stop();
    }

    /** Runs {@code attempt} (one transaction applying {@code event}) until it succeeds or may no longer be retried. */
    public void run(String topic, IncomingEvent event, Runnable attempt) {
        Duration wait = config.firstDelay();
        int errors = 0;
        for (int number = 1;; number++) {
            try {
                attempt.run();
                if (number > 1) {
                    LOG.infof("%s %s from %s applied at attempt %d", event.name(), event.id(), topic, number);
                }
                return;
            } catch (RuntimeException failure) {
                if (pause.stopped()) {
                    throw new ConsumptionStopped(event.id().toString(), failure);
                }
                if (causedByMalformedEvent(failure)) {
                    throw failure; // the same payload fails the same way every time
                }
                boolean transientFailure = TransientFailure.causedBy(failure);
                if (!transientFailure && ++errors >= config.attemptsOnError()) {
                    throw failure;
                }
                String reason = transientFailure ? "transient" : "error";
                registry.counter(RETRIED_METRIC, "topic", topic, "reason", reason).increment();
                LOG.warnf("%s %s from %s not applied (%s, %s): attempt %d in %d ms", event.name(), event.id(), topic,
                        reason, failure.getClass().getName(), number + 1, wait.toMillis());
                if (!pause.await(wait)) {
                    throw new ConsumptionStopped(event.id().toString(), failure);
                }
                wait = wait.multipliedBy(2).compareTo(config.maxDelay()) > 0 ? config.maxDelay() : wait.multipliedBy(2);
            }
        }
    }

    private static boolean causedByMalformedEvent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MalformedEventException) {
                return true;
            }
        }
        return false;
    }

    /** The wait between attempts, cut short when the service stops. */
    interface Pause {

        /** @return false if the service began to stop instead */
        boolean await(Duration wait);

        boolean stopped();

        void stop();
    }

    private static final class StopSignal implements Pause {

        private final CountDownLatch stopping = new CountDownLatch(1);

        @Override
        public boolean await(Duration wait) {
            try {
                return !stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public boolean stopped() {
            return stopping.getCount() == 0 || Thread.currentThread().isInterrupted();
        }

        @Override
        public void stop() {
            stopping.countDown();
        }
    }
}
