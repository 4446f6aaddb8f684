package cn.lianxin.tracking.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.platform.schedule.OncePerCluster;
import cn.lianxin.testing.LianxinTestResource;

/**
 * Issue 12: with two replicas, a scheduled scan runs once per cluster. The replicas race for the run's row in
 * {@code scheduled_run} (platform's {@link OncePerCluster}); here the race is run against the real database, from
 * one thread and from two threads in separate transactions, and through the clock scan's own scheduled method.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class OncePerClusterTest {

    /** A cron fire time as the scheduler gives it; each test uses jobs of its own, so the instant may repeat. */
    private static final Instant FIRE_TIME = Instant.parse("2031-03-04T17:30:00Z");

    @Inject
    OncePerCluster runs;

    @Inject
    ScanService scans;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    @Test
    void twoClaimsOfTheSameRunOneWinsAndAFireTimeToTheSameSecondIsTheSameRun() {
        String job = job();
        assertThat(runs.claim(job, FIRE_TIME)).as("first claim").isTrue();
        assertThat(runs.claim(job, FIRE_TIME)).as("second claim of the same run").isFalse();
        // Replicas' threads start a few milliseconds apart: the run is the fire time to the second.
        assertThat(runs.claim(job, FIRE_TIME.plusMillis(420))).as("the same second, later").isFalse();
        assertThat(rows(job)).hasSize(1);
    }

    @Test
    void twoThreadsInTransactionsOfTheirOwnClaimingAtOnceOneWins() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String job = job();
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Boolean>> claims = List.of(
                        threads.submit(() -> {
                            together.await(10, TimeUnit.SECONDS);
                            return runs.claim(job, FIRE_TIME);
                        }),
                        threads.submit(() -> {
                            together.await(10, TimeUnit.SECONDS);
                            return runs.claim(job, FIRE_TIME);
                        }));
                List<Boolean> won = List.of(claims.get(0).get(30, TimeUnit.SECONDS), claims.get(1).get(30, TimeUnit.SECONDS));
                assertThat(won).as("round %d: exactly one of two concurrent claims wins", round).containsExactlyInAnyOrder(true, false);
                assertThat(rows(job)).hasSize(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anotherFireTimeIsAnotherRunAndARunWhoseInstanceDiedBlocksNotTheNextDay() {
        String job = job();
        // Claimed and never finished: its instance died in the scan.
        assertThat(runs.claim(job, FIRE_TIME)).isTrue();
        AtomicInteger ran = new AtomicInteger();

        assertThat(runs.run(job, FIRE_TIME.plus(Duration.ofDays(1)), ran::incrementAndGet)).as("the next day's run").isTrue();

        assertThat(ran).hasValue(1);
        List<Tuple> rows = rows(job);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("finished_at")).as("the dead run stays unfinished").isNull();
        assertThat(rows.get(1).get("outcome")).isEqualTo("SUCCEEDED");
        assertThat(rows.get(1).get("detail")).isEqualTo("1");
        assertThat(rows.get(1).get("instance")).isEqualTo(runs.instance());
    }

    @Test
    void theLoserSkipsTheJobAndTheWinnerRecordsHowItEnded() {
        String job = job();
        AtomicInteger ran = new AtomicInteger();
        assertThat(runs.run(job, FIRE_TIME, ran::incrementAndGet)).as("the winner runs it").isTrue();
        double skippedBefore = skipped(job);

        assertThat(runs.run(job, FIRE_TIME, ran::incrementAndGet)).as("the loser").isFalse();

        assertThat(ran).as("times the job ran").hasValue(1);
        assertThat(skipped(job) - skippedBefore).isEqualTo(1.0);
        Tuple row = rows(job).get(0);
        assertThat(row.get("outcome")).isEqualTo("SUCCEEDED");
        assertThat(row.get("finished_at")).isNotNull();

        String failing = job();
        assertThatThrownBy(() -> runs.run(failing, FIRE_TIME, () -> {
            throw new IllegalStateException("the database went away");
        })).hasMessage("the database went away");
        Tuple failed = rows(failing).get(0);
        assertThat(failed.get("outcome")).isEqualTo("FAILED");
        assertThat((String) failed.get("detail")).contains("the database went away");
        assertThat(failed.get("finished_at")).isNotNull();
    }

    @Test
    void theClockScanFiredOnAReplicaThatLostTheRunDoesNotScanAndTheWinnerRecordsWhatItEmitted() {
        // The real job (its cron is off in tests: nothing else fires it), at a fire time of its own.
        Instant fireTime = Instant.parse("2031-03-05T17:30:00Z");
        assertThat(runs.claim(ScanService.JOB, fireTime)).as("another replica's claim").isTrue();
        double skippedBefore = skipped(ScanService.JOB);

        scans.scheduled(execution(fireTime));

        assertThat(skipped(ScanService.JOB) - skippedBefore).as("skipped here").isEqualTo(1.0);
        Tuple claimed = row(ScanService.JOB, fireTime);
        assertThat(claimed.get("finished_at")).as("the loser leaves the winner's run alone").isNull();
        assertThat(claimed.get("detail")).isNull();

        Instant next = fireTime.plus(Duration.ofDays(1));
        scans.scheduled(execution(next));

        Tuple ran = row(ScanService.JOB, next);
        assertThat(ran.get("outcome")).isEqualTo("SUCCEEDED");
        assertThat((String) ran.get("detail")).as("the scan's result").startsWith("ScanResult[asOf=");
    }

    private double skipped(String job) {
        var counter = registry.find("lianxin.scheduled.runs").tags("job", job, "outcome", "skipped").counter();
        return counter == null ? 0 : counter.count();
    }

    private static String job() {
        return "test-job-" + UUID.randomUUID();
    }

    private List<Tuple> rows(String job) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                SELECT fire_time, instance, started_at, finished_at, outcome, detail FROM scheduled_run
                WHERE job = :job ORDER BY fire_time
                """, Tuple.class).setParameter("job", job).getResultList().stream().map(Tuple.class::cast).toList());
    }

    private Tuple row(String job, Instant fireTime) {
        return rows(job).stream().filter(r -> fireTime.equals(r.get("fire_time", Instant.class))).findFirst().orElseThrow();
    }

    /** What the scheduler hands the scheduled method when the cron fires at {@code fireTime}. */
    private static ScheduledExecution execution(Instant fireTime) {
        return new ScheduledExecution() {
            @Override
            public Trigger getTrigger() {
                throw new UnsupportedOperationException("not read by the scheduled scan");
            }

            @Override
            public Instant getFireTime() {
                return fireTime.plusMillis(3);
            }

            @Override
            public Instant getScheduledFireTime() {
                return fireTime;
            }
        };
    }
}
