package cn.lianxin.notification.delivery;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/**
 * Closes the digest windows that are due: every held group becomes one digest (or its single notification) in the
 * delivery schedule. Runs every {@code lianxin.notification.digest.every}; {@link #flush} takes an explicit instant.
 * With several replicas, one bundles at a time (a transaction-scoped advisory lock in {@link Digests#bundleNextDue});
 * a replica that finds another bundling ends its tick, and the other goes on until nothing is due.
 */
@ApplicationScoped
public class DigestFlush {

    private static final Logger LOG = Logger.getLogger(DigestFlush.class);

    private final Digests digests;
    private final Clock clock;

    public DigestFlush(Digests digests, Clock clock) {
        this.digests = digests;
        this.clock = clock;
    }

    @Scheduled(identity = "notification-digests", every = "${lianxin.notification.digest.every:60s}",
            concurrentExecution = ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void flushDue() {
        try {
            flush(clock.instant());
        } catch (RuntimeException e) {
            LOG.error("digest flush stopped early; the rest stays held for the next run", e);
        }
    }

    /** @return how many (recipient, kind, window) groups were closed as of {@code asOf} */
    public int flush(Instant asOf) {
        int groups = 0;
        while (digests.bundleNextDue(asOf)) {
            groups++;
        }
        return groups;
    }
}
