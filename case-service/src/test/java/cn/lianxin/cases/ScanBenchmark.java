package cn.lianxin.cases;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.cases.service.ScanService.ScanResult;
import cn.lianxin.cases.service.ScanService;
import cn.lianxin.testing.BenchmarkReport;
import cn.lianxin.testing.LianxinTestResource;

/**
 * How the set-based scan scales: N open cases fall due at once (C1 escalation and C3 re-check for each), then the
 * same scan again (must change nothing). Run with {@code ./mvnw verify -Pbenchmarks -pl case-service}.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ScanBenchmark {

    /** The numbers of open cases falling due at once ({@code -Dcase.scan.sizes=200,2000} for a quick run). */
    private static final int[] SIZES = Arrays.stream(System.getProperty("case.scan.sizes", "2000,20000").split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();

    @Inject
    ScanService scans;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void scansOpenCasesSetBased() throws SQLException {
        for (int n : SIZES) {
            Instant opened = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS);
            Instant due = opened.plus(30, ChronoUnit.DAYS);
            UUID root = UUID.randomUUID();
            UUID branch = UUID.randomUUID();
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    INSERT INTO case_file (id, member_id, org_id, org_path, state, trigger, situation, lost_since,
                        opened_at, opened_by, verification_due_at, responsible_org_id, escalation_due_at, updated_at)
                    SELECT gen_random_uuid(), gen_random_uuid(), :branch, :path, 'OPEN', 'LOST_CONTACT_SUSPECTED',
                        'UNKNOWN', :lost, :opened, 'benchmark', :due, :branch, :due, now()
                    FROM generate_series(1, :n)
                    """).setParameter("branch", branch).setParameter("path", "/" + root + "/" + branch + "/")
                    .setParameter("lost", opened.minus(90, ChronoUnit.DAYS)).setParameter("opened", opened)
                    .setParameter("due", due).setParameter("n", n).executeUpdate());

            long start = System.nanoTime();
            ScanResult first = scans.scan(due);
            Duration firstTook = Duration.ofNanos(System.nanoTime() - start);
            start = System.nanoTime();
            ScanResult again = scans.scan(due);
            Duration againTook = Duration.ofNanos(System.nanoTime() - start);

            System.out.printf("ScanBenchmark n=%d: first scan %d ms (escalated %d, rechecks %d; %.0f cases/s), "
                    + "repeat %d ms (escalated %d, rechecks %d), repeat/first = %.2f%n", n, firstTook.toMillis(),
                    first.escalated(), first.rechecksDue(), n * 1000.0 / Math.max(1, firstTook.toMillis()),
                    againTook.toMillis(), again.escalated(), again.rechecksDue(),
                    (double) againTook.toMillis() / Math.max(1, firstTook.toMillis()));
            BenchmarkReport.figure("case ScanBenchmark", "case scan, %,d open cases due at once".formatted(n),
                    n * 1000.0 / Math.max(1, firstTook.toMillis()), "cases/s", "-");
            BenchmarkReport.figure("case ScanBenchmark", "case scan repeated, %,d cases (changes nothing)".formatted(n),
                    againTook.toMillis(), "ms", "first scan", firstTook.toMillis(), "-");
        }
        try (Connection c = dataSource.getConnection()) {
            BenchmarkReport.settings(c);
        }
    }
}
