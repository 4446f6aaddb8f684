package cn.lianxin.platform.retention;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import cn.lianxin.platform.schedule.OncePerCluster;

/**
 * Purges the platform tables: outbox rows published more than {@code lianxin.retention.outbox} ago and processed-event
 * rows older than {@code lianxin.retention.processed-events}. Unpublished outbox rows are never touched. Deletes run
 * in batches of {@code lianxin.retention.batch-size}, one short transaction each, so that the relay and the consumers
 * are never blocked behind a long delete; several instances could run it at once (the rows are claimed with
 * {@code SKIP LOCKED}), and the scheduled run is done by one of them only ({@link OncePerCluster}).
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    /** The scheduled run's identity, also its name in {@code scheduled_run}. */
    public static final String JOB = "retention";

    private final EntityManager em;
    private final Clock clock;
    private final RetentionConfig config;
    private final OncePerCluster runs;

    public RetentionJob(EntityManager em, Clock clock, RetentionConfig config, OncePerCluster runs) {
        this.em = em;
        this.clock = clock;
        this.config = config;
        this.runs = runs;
    }

    /** What one run deleted. */
    public record Purged(long outboxEvents, long processedEvents) {
    }

    /**
     * The daily run, by the one replica that claims its fire time ({@link OncePerCluster}): several could share the
     * deletes safely, but one does the work once and leaves one record of it.
     */
    @Scheduled(identity = JOB, cron = "${lianxin.retention.cron:0 15 3 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled(ScheduledExecution execution) {
        runs.run(JOB, execution, () -> {
            Purged purged = purge();
            if (purged.outboxEvents() > 0 || purged.processedEvents() > 0) {
                LOG.infof("Retention: deleted %d published outbox events and %d processed-event records",
                        purged.outboxEvents(), purged.processedEvents());
            }
            return purged;
        });
    }

    /** Deletes everything past its retention as of the service clock's now. */
    public Purged purge() {
        Instant now = clock.instant();
        return new Purged(purgeOutbox(now.minus(config.outbox()), config.batchSize()),
                purgeProcessedEvents(now.minus(config.processedEvents()), config.batchSize()));
    }

    /** Deletes outbox rows published before {@code cutoff}, batch by batch; returns how many. */
    public long purgeOutbox(Instant cutoff, int batchSize) {
        return inBatches(batchSize, limit -> deleteOutboxBatch(cutoff, limit));
    }

    /** Deletes processed-event rows recorded before {@code cutoff}, batch by batch; returns how many. */
    public long purgeProcessedEvents(Instant cutoff, int batchSize) {
        return inBatches(batchSize, limit -> deleteProcessedEventBatch(cutoff, limit));
    }

    /** One batch: at most {@code limit} outbox rows published before {@code cutoff}; unpublished rows never. */
    @Transactional(TxType.MANDATORY)
    public int deleteOutboxBatch(Instant cutoff, int limit) {
        return em.createNativeQuery("""
                DELETE FROM outbox_event WHERE id IN (
                    SELECT id FROM outbox_event
                    WHERE published_at IS NOT NULL AND published_at < :cutoff
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                """).setParameter("cutoff", cutoff).setParameter("limit", limit).executeUpdate();
    }

    /** One batch: at most {@code limit} processed-event rows recorded before {@code cutoff}. */
    @Transactional(TxType.MANDATORY)
    public int deleteProcessedEventBatch(Instant cutoff, int limit) {
        return em.createNativeQuery("""
                DELETE FROM processed_event WHERE event_id IN (
                    SELECT event_id FROM processed_event
                    WHERE processed_at < :cutoff
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                """).setParameter("cutoff", cutoff).setParameter("limit", limit).executeUpdate();
    }

    private static long inBatches(int batchSize, java.util.function.IntUnaryOperator batch) {
        int limit = Math.max(1, batchSize);
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> batch.applyAsInt(limit));
            total += deleted;
        } while (deleted == limit);
        return total;
    }
}
