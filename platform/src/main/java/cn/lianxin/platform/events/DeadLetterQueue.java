package cn.lianxin.platform.events;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;

/**
 * The failure strategy of every incoming channel ({@value #STRATEGY}): SmallRye's dead-letter queue, plus a
 * {@value #REASON_HEADER} header that says which check failed and where (never a payload value), and a count of every
 * dead-lettered record by topic and reason ({@value #REJECTED_METRIC}) and by topic alone ({@value #DLQ_METRIC}). A
 * record left unapplied because the service is stopping ({@link ConsumptionStopped}) is not dead-lettered: it stays
 * unacknowledged, its offset uncommitted, and is delivered again after the restart.
 *
 * <p>SmallRye's dead-letter queue writes with a Kafka producer of its own, one per channel: each is made when its channel
 * dead-letters its first record, not when the service starts ({@link OnFirstRejection}). Most channels never
 * dead-letter one, and a producer made at start costs every start its construction, a network thread, a connection to
 * the broker and its metadata, on the two cores the start needs (docs/operations.md, "Sizing").
 */
@ApplicationScoped
@Identifier(DeadLetterQueue.STRATEGY)
@Unremovable // looked up by name from the channel configuration, never injected
public class DeadLetterQueue implements KafkaFailureHandler.Factory {

    /** The value of {@code failure-strategy} that selects this strategy. */
    public static final String STRATEGY = "lianxin-dead-letter-queue";
    /** Header of a dead-lettered record: {@code <check>: <detail>}, e.g. {@code schema: maxLength at /name}. */
    public static final String REASON_HEADER = "lianxin-rejection-reason";
    /** Counter of dead-lettered records, tagged {@code topic} and {@code reason}. */
    public static final String REJECTED_METRIC = "lianxin.events.rejected";
    /**
     * Counter of records written to a dead-letter topic, tagged {@code topic} (the topic they were read from):
     * {@code lianxin_dlq_records_total} in Prometheus, which the DLQ-growth alert watches.
     */
    public static final String DLQ_METRIC = "lianxin.dlq.records";

    private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class);

    private final KafkaFailureHandler.Factory deadLetterQueue;
    private final MeterRegistry registry;

    public DeadLetterQueue(@Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE) KafkaFailureHandler.Factory deadLetterQueue,
            MeterRegistry registry) {
        this.deadLetterQueue = deadLetterQueue;
        this.registry = registry;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx, KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure) {
        OnFirstRejection delegate = new OnFirstRejection(() -> deadLetterQueue.create(config, vertx, consumer, reportFailure));
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable failure, Metadata metadata) {
                if (ConsumptionStopped.in(failure)) {
                    LOG.infof("%s-%d@%d left for redelivery: the service is stopping", record.getTopic(),
                            record.getPartition(), record.getOffset());
                    return Uni.createFrom().voidItem();
                }
                Rejection rejection = Rejection.of(failure);
                registry.counter(REJECTED_METRIC, "topic", record.getTopic(), "reason", rejection.check()).increment();
                registry.counter(DLQ_METRIC, "topic", record.getTopic()).increment();
                RecordHeaders headers = new RecordHeaders();
                headers.add(REASON_HEADER, rejection.text().getBytes(UTF_8));
                OutgoingKafkaRecordMetadata<Object> reason = OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build();
                // SmallRye copies the failure's message and its cause's into headers of its own (dead-letter-reason,
                // dead-letter-cause): it is handed the reason alone, which names the check, never a value.
                KafkaFailureHandler deadLetters = delegate.get();
                if (deadLetters == null) {
                    // the channel has stopped: the record stays unacknowledged and is delivered again after the restart
                    return Uni.createFrom().failure(new IllegalStateException("the channel of " + record.getTopic()
                            + " has stopped; " + record.getTopic() + "-" + record.getPartition() + "@" + record.getOffset()
                            + " is left for redelivery"));
                }
                return deadLetters.handle(record, new DeadLettered(rejection.text()),
                        metadata == null ? Metadata.of(reason) : metadata.with(reason));
            }

            @Override
            public void terminate() {
                delegate.terminate();
            }
        };
    }

    /** A channel's dead-letter handler (and its producer), made when it is first needed and never after it stopped. */
    static final class OnFirstRejection {

        private final Supplier<KafkaFailureHandler> factory;
        private KafkaFailureHandler handler;
        private boolean terminated;

        OnFirstRejection(Supplier<KafkaFailureHandler> factory) {
            this.factory = factory;
        }

        /** The handler, made on the first call; null once {@link #terminate() terminated}. */
        synchronized KafkaFailureHandler get() {
            if (handler == null && !terminated) {
                handler = factory.get();
            }
            return terminated ? null : handler;
        }

        /** Terminates the handler if one was made (it closes its producer); none is made after. */
        synchronized void terminate() {
            terminated = true;
            if (handler != null) {
                handler.terminate();
            }
        }
    }

    /** What the dead-letter record says of its failure: the reason, no cause, no stack. */
    static final class DeadLettered extends RuntimeException {

        DeadLettered(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Why a record was dead-lettered, from the failure (which the messaging layer may have wrapped). */
    record Rejection(String check, String text) {

        static Rejection of(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof RejectedEventException rejected) {
                    return new Rejection(rejected.check(), rejected.getMessage());
                }
                if (cause instanceof MalformedEventException) {
                    // Its message may quote the parser, and the parser the payload: the header stays generic.
                    return new Rejection("malformed", "malformed: not a readable Lianxin CloudEvent");
                }
            }
            return new Rejection("error", "error: " + failure.getClass().getName());
        }
    }
}
