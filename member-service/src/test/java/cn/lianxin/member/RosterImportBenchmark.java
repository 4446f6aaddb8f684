package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.testing.BenchmarkReport;
import cn.lianxin.testing.LianxinTestResource;

/**
 * Issue 14, target P4: imports a generated 100k-row roster (花名册) through the API as a job (POST, then GET until
 * terminal) and prints the time, the job's own time and the heap the test JVM (-Xmx1g, service in-process) needed;
 * then, in the same run, the baseline: COPY (the driver's CopyManager) of the very same member and outbox rows into
 * the same tables with the same indexes, in a transaction that is rolled back (the copies get new ids, blind indexes
 * and event ids so that they do not collide with the imported rows); then the ratio and the PostgreSQL settings in
 * force. Prints figures only, asserts no timing. Run: {@code ./mvnw verify -Pbenchmarks -pl member-service
 * -Dtest=RosterImportBenchmark} ({@code -Droster.rows=N} for another size).
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RosterImportBenchmark {

    private static final int ROWS = Integer.getInteger("roster.rows", 100_000);
    private static final String MEMBER_COLUMNS = "id, org_id, name, id_number_cipher, id_number_index, id_number_masked, "
            + "gender, ethnicity, birth_date, education, occupation, phone, wechat, qq, email, household_address, "
            + "residence_address, work_unit, category, joined_at, regularized_at, introducers, emergency_name, "
            + "emergency_relation, emergency_phone, preferred_channel, standing, flowing, source, registered_at, "
            + "registered_by, updated_at, updated_by, version";
    private static final String OUTBOX_COLUMNS = "id, topic, event_key, type, subject, occurred_at, payload";

    private final Fixtures fixtures = new Fixtures();

    @Inject
    DataSource db;

    @Test
    void imports100kRowsAndComparesWithCopy() throws Exception {
        UUID branch = fixtures.committeeWithBranch()[1];
        Path file = Files.createTempFile("roster-", ".xlsx");
        long generating = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file)) {
            RosterFiles.write(out, RosterFiles.HEADERS, () -> rows(ROWS));
        }
        System.out.printf("%nGenerated %,d rows: %,d bytes in %.1f s%n", ROWS, Files.size(file), (System.nanoTime() - generating) / 1e9);

        System.gc();
        long heapBefore = usedHeap();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        String token = fixtures.tokens.admin();
        long start = System.nanoTime();
        String location = RosterImports.start(token, branch, file.toFile(), null);
        double accepted = (System.nanoTime() - start) / 1e9;
        ValidatableResponse job = RosterImports.finished(token, location).body("status", equalTo("SUCCEEDED"))
                .body("imported", equalTo(ROWS));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        double jobSeconds = Duration.between(Instant.parse(job.extract().path("startedAt")),
                Instant.parse(job.extract().path("finishedAt"))).toNanos() / 1e9;
        Files.delete(file);

        double copySeconds = copyBaseline(branch);

        System.out.printf("%nRoster import of %,d rows (project, issue 14 P4):%n", ROWS);
        System.out.printf("  POST → 202 with Location: %.2f s (spool + inspect)%n", accepted);
        System.out.printf("  POST → job SUCCEEDED (read by GET every 100 ms): %.2f s (%,.0f rows/s)%n", seconds, ROWS / seconds);
        System.out.printf("  the job itself (startedAt → finishedAt): %.2f s%n", jobSeconds);
        System.out.printf("Baseline, same run: COPY of the same %,d member + %,d outbox rows, same tables and indexes: %.2f s (%,.0f rows/s)%n",
                ROWS, ROWS, copySeconds, ROWS / copySeconds);
        System.out.printf("Ratio (COPY time / import time, target ≥ 0.3): %.2f× end to end, %.2f× for the job itself%n",
                copySeconds / seconds, copySeconds / jobSeconds);
        System.out.printf("Heap: %,d MB before, peak %,d MB during (sum of pool peaks), max %,d MB%n", heapBefore >> 20,
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        printSettings();
        String rows = "P4 roster import of %,d rows".formatted(ROWS);
        String copy = "COPY of the same member + outbox rows";
        BenchmarkReport.figure("member RosterImportBenchmark", rows + ", POST -> SUCCEEDED", ROWS / seconds, "rows/s", copy,
                ROWS / copySeconds, ">= 0.3");
        BenchmarkReport.figure("member RosterImportBenchmark", rows + ", the job itself", ROWS / jobSeconds, "rows/s", copy,
                ROWS / copySeconds, ">= 0.3");
        BenchmarkReport.figure("member RosterImportBenchmark", rows + ", peak heap (test JVM)", peak >> 20, "MB", "-");
        try (Connection c = db.getConnection()) {
            BenchmarkReport.settings(c);
        }
    }

    /**
     * COPY of the imported members and their MemberRegistered events (new ids, blind indexes and event ids; every
     * other value the same) into member and outbox_event, timed; rolled back.
     */
    private double copyBaseline(UUID branch) throws Exception {
        Path members = Files.createTempFile("copy-member-", ".tsv");
        Path events = Files.createTempFile("copy-outbox-", ".tsv");
        try (Connection c = db.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (OutputStream out = Files.newOutputStream(members)) {
                copy.copyOut("COPY (SELECT gen_random_uuid(), " + MEMBER_COLUMNS.substring(4).replace("id_number_index", "id_number_index || '~'")
                        + " FROM member WHERE org_id = '" + branch + "') TO STDOUT", out);
            }
            try (OutputStream out = Files.newOutputStream(events)) {
                copy.copyOut("COPY (SELECT gen_random_uuid(), o.topic, o.event_key, o.type, o.subject, o.occurred_at, o.payload"
                        + " FROM outbox_event o JOIN member m ON o.subject = m.id::text WHERE m.org_id = '" + branch
                        + "' AND o.type = '" + MemberEvents.MEMBER_REGISTERED + "') TO STDOUT", out);
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long copiedMembers;
            long copiedEvents;
            try (InputStream in = Files.newInputStream(members)) {
                copiedMembers = copy.copyIn("COPY member (" + MEMBER_COLUMNS + ") FROM STDIN", in);
            }
            try (InputStream in = Files.newInputStream(events)) {
                copiedEvents = copy.copyIn("COPY outbox_event (" + OUTBOX_COLUMNS + ") FROM STDIN", in);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            c.rollback();
            c.setAutoCommit(true);
            if (copiedMembers != ROWS || copiedEvents != ROWS) {
                throw new IllegalStateException("the baseline copied " + copiedMembers + " members and " + copiedEvents + " events");
            }
            return seconds;
        } finally {
            Files.deleteIfExists(members);
            Files.deleteIfExists(events);
        }
    }

    private void printSettings() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version()")) {
                rs.next();
                System.out.println("PostgreSQL: " + rs.getString(1));
            }
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT name, current_setting(name) FROM pg_settings
                    WHERE name IN ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'effective_cache_size',
                                   'synchronous_commit', 'fsync', 'full_page_writes', 'wal_level', 'wal_buffers',
                                   'max_wal_size', 'checkpoint_timeout', 'commit_delay', 'jit')
                    ORDER BY name""");
                    ResultSet rs = q.executeQuery()) {
                StringBuilder line = new StringBuilder("Settings in force:");
                while (rs.next()) {
                    line.append(' ').append(rs.getString(1)).append('=').append(rs.getString(2));
                }
                System.out.println(line);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM member")) {
                rs.next();
                System.out.printf("member rows in the table after the run: %,d (indexes: pkey, id_number_index unique, org, org+name)%n",
                        rs.getLong(1));
            }
        }
    }

    private static long usedHeap() {
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    /** Valid, distinct rows generated on the fly (never all in memory). */
    private static Iterator<String[]> rows(int count) {
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public String[] next() {
                i++;
                return RosterFiles.row("党员" + i, TestIds.bornOn(LocalDate.of(1960, 1, 1).plusDays(i % 15_000)), null);
            }
        };
    }
}
