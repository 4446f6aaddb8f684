package cn.lianxin.platform.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Runs a daily scheduled job once per cluster, however many replicas of the service fire it. Every replica's scheduler
 * fires the same cron at the same scheduled fire time; each tries to claim the run, the pair (job, scheduled fire time
 * to the second), by inserting it into its schema's {@code scheduled_run} table with {@code ON CONFLICT DO NOTHING}, in
 * a transaction of its own that commits before the job starts. The replica whose row went in runs the job and writes
 * its finish time and outcome on the row; the others skip the run and log it. The row is the operators' record of the
 * last runs (docs/operations.md, "Scheduled work").
 *
 * <p>A run whose instance died keeps {@code finished_at} empty and blocks nothing: the next fire time is another run.
 * The daily scans are idempotent and catch up on what is due, and a missed run can be made up by hand. Scans started
 * through {@code POST /api/v1/scans} are explicit and claim nothing. Jobs that run every few seconds do not claim here
 * (one row per tick would be noise): they take row locks with {@code SKIP LOCKED} or a transaction-scoped advisory lock.
 */
@ApplicationScoped
public class OncePerCluster {

    private static final Logger LOG = Logger.getLogger(OncePerCluster.class);
    /** What is kept of a run's result or failure on its row. */
    private static final int DETAIL_LENGTH = 2000;

    private final EntityManager em;
    private final Clock clock;
    private final MeterRegistry registry;
    private final String instance;

    public OncePerCluster(EntityManager em, Clock clock, MeterRegistry registry, ScheduleConfig config) {
        this.em = em;
        this.clock = clock;
        this.registry = registry;
        this.instance = config.instance().filter(name -> !name.isBlank()).orElseGet(OncePerCluster::defaultInstance);
    }

    /**
     * Runs {@code job} here if this instance claims the run of {@code execution}'s scheduled fire time.
     *
     * @return whether it ran here
     */
    public boolean run(String job, ScheduledExecution execution, Supplier<?> task) {
        return run(job, execution.getScheduledFireTime(), task);
    }

    /**
     * Runs {@code task} here if this instance claims (job, {@code scheduledFireTime}); otherwise skips it. A failure of
     * the task is recorded on the run's row and rethrown.
     *
     * @return whether it ran here
     */
    public boolean run(String job, Instant scheduledFireTime, Supplier<?> task) {
        Instant fireTime = fireTime(scheduledFireTime);
        if (!claim(job, fireTime)) {
            LOG.infof("Scheduled %s of %s skipped here (%s): another instance claimed it", job, fireTime, instance);
            count(job, "skipped");
            return false;
        }
        LOG.infof("Scheduled %s of %s claimed here (%s)", job, fireTime, instance);
        Object result;
        try {
            result = task.get();
        } catch (RuntimeException | Error e) {
            finishQuietly(job, fireTime, "FAILED", String.valueOf(e));
            count(job, "failed");
            throw e;
        }
        finishQuietly(job, fireTime, "SUCCEEDED", result == null ? null : String.valueOf(result));
        count(job, "succeeded");
        return true;
    }

    /**
     * Claims (job, fire time) for this instance, in a transaction of its own, committed when this returns.
     *
     * @return true for the one instance whose row went in
     */
    public boolean claim(String job, Instant fireTime) {
        Instant at = fireTime(fireTime);
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                INSERT INTO scheduled_run (job, fire_time, instance, started_at)
                VALUES (:job, :fireTime, :instance, :now)
                ON CONFLICT (job, fire_time) DO NOTHING
                """)
                .setParameter("job", job)
                .setParameter("fireTime", at)
                .setParameter("instance", instance)
                .setParameter("now", clock.instant())
                .executeUpdate() == 1);
    }

    /** The name this instance writes on the runs it claims. */
    public String instance() {
        return instance;
    }

    /**
     * The key of a run: the scheduler's fire time to the second. Every replica computes the same cron fire time; what
     * differs between them is when their threads actually start (milliseconds), which is not part of the key.
     */
    static Instant fireTime(Instant scheduledFireTime) {
        return scheduledFireTime.truncatedTo(ChronoUnit.SECONDS);
    }

    private void finishQuietly(String job, Instant fireTime, String outcome, String detail) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    UPDATE scheduled_run SET finished_at = :now, outcome = :outcome, detail = :detail
                    WHERE job = :job AND fire_time = :fireTime
                    """)
                    .setParameter("now", clock.instant())
                    .setParameter("outcome", outcome)
                    .setParameter("detail", detail == null ? null : detail.substring(0, Math.min(detail.length(), DETAIL_LENGTH)))
                    .setParameter("job", job)
                    .setParameter("fireTime", fireTime)
                    .executeUpdate());
        } catch (RuntimeException e) {
            // The job's own outcome stands; only its record is incomplete (finished_at stays empty).
            LOG.warnf(e, "Could not record the end (%s) of scheduled %s of %s", outcome, job, fireTime);
        }
    }

    private void count(String job, String outcome) {
        registry.counter("lianxin.scheduled.runs", "job", job, "outcome", outcome).increment();
    }

    private static String defaultInstance() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "unknown-host";
            }
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
