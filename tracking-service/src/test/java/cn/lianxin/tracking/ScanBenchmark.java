package cn.lianxin.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.tracking.service.ScanService;
import cn.lianxin.tracking.service.ScanService.ScanResult;

/**
 * The scan over 1,000,000 members against the bare SQL query that selects the same due clocks. Run with
 * {@code ./mvnw verify -Pbenchmarks -pl tracking-service}; prints the figures and their ratio (no assertion on time).
 * The members' registrations spread over 100 days, so that about 8 % of them are due as of the scan.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@TestProfile(ScanBenchmark.QuietRelay.class)
class ScanBenchmark {

    static final int MEMBERS = Integer.getInteger("benchmark.members", 1_000_000);
    static final Instant AS_OF = OffsetDateTime.parse("2024-06-01T00:00:00+08:00").toInstant();

    /** The relay would publish the emitted events to the broker meanwhile: measured apart, not here. */
    public static class QuietRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lianxin.outbox.poll-interval", "24h", "quarkus.log.category.\"cn.lianxin\".level", "WARN");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ScanService scans;

    @Test
    void scanOfAMillionMembersAgainstItsBareSelect() throws Exception {
        UUID root = UUID.randomUUID();
        String prefix = "/" + root + "/";
        long load = timed(() -> load(root, prefix));
        long bareSelect = timed(() -> bareSelect(prefix));
        long[] dueRows = new long[1];
        timed(() -> dueRows[0] = bareSelect(prefix)); // warm
        long bareSelectWarm = timed(() -> bareSelect(prefix));
        long bareWrite = timed(() -> bareWrite(prefix));
        ScanResult[] result = new ScanResult[1];
        long scan = timed(() -> result[0] = scans.scan(AS_OF, prefix));
        long rescan = timed(() -> scans.scan(AS_OF, prefix));

        System.out.printf("%n=== ScanBenchmark: %,d members, %,d clock rows due as of %s ===%n", MEMBERS, dueRows[0], AS_OF);
        System.out.printf("load (generate_series, members + clocks + ANALYZE): %,d ms%n", load);
        System.out.printf("bare SQL select of the due clocks (cold / warm): %,d ms / %,d ms%n", bareSelect, bareSelectWarm);
        System.out.printf("bare SQL write floor (one jsonb row per due clock into an unindexed table): %,d ms%n", bareWrite);
        System.out.printf("scan (select + stage update + emission keys + outbox rows): %,d ms, emitted %s%n", scan,
                result[0].emitted());
        System.out.printf("repeated scan, same asOf (emits nothing): %,d ms%n", rescan);
        System.out.printf("ratio scan / bare select (warm): %.1f; scan / bare write floor: %.1f; repeated scan / bare select: %.1f%n%n",
                (double) scan / Math.max(1, bareSelectWarm), (double) scan / Math.max(1, bareWrite),
                (double) rescan / Math.max(1, bareSelectWarm));
    }

    private Void load(UUID root, String prefix) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO org_projection (org_id, parent_id, path, name, type, updated_at) VALUES ('" + root
                    + "', NULL, '" + prefix + "', '基准党委', 'COMMITTEE', now())");
            s.execute("""
                    INSERT INTO member (member_id, org_id, org_path, category, standing, registered_at, clocks_since, updated_at)
                    SELECT gen_random_uuid(), '%s', '%s', 'FULL', 'ACTIVE', t, t, now()
                    FROM (SELECT timestamptz '2024-06-01 09:00:00+08' - (g %% 100) * interval '1 day' AS t
                          FROM generate_series(1, %d) g) r
                    """.formatted(root, prefix, MEMBERS));
            // the same arithmetic as Deadlines.dueAt: midnight in Shanghai of the day one period later
            s.execute("""
                    INSERT INTO clock (member_id, rule, started_at, due_at, grace_until, stage, next_at)
                    SELECT m.member_id, r.rule, m.clocks_since, d.due,
                           CASE WHEN r.escalates THEN d.due + interval '7 days' END, 0, d.due
                    FROM member m
                    CROSS JOIN (VALUES ('QUARTERLY', interval '3 months', true), ('LOST', interval '3 months', false),
                                       ('ORG_LIFE_ABSENCE', interval '6 months', false),
                                       ('DUES_ABSENCE', interval '6 months', false),
                                       ('DUES_ARREARS', interval '3 months', false)) r (rule, period, escalates)
                    CROSS JOIN LATERAL (SELECT ((m.clocks_since AT TIME ZONE 'Asia/Shanghai')::date + r.period)::timestamp
                                               AT TIME ZONE 'Asia/Shanghai' AS due) d
                    WHERE m.org_path LIKE '%s%%'
                    """.formatted(prefix));
            s.execute("ANALYZE member");
            s.execute("ANALYZE clock");
        }
        return null;
    }

    /** What any scan has to read at least: the due clocks of the subtree, with the member facts events carry. */
    private long bareSelect(String prefix) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT c.member_id, c.rule, c.started_at, c.due_at, c.grace_until, m.org_id, m.liaison, m.last_reached_at
                FROM clock c JOIN member m ON m.member_id = c.member_id
                WHERE c.rule IN ('LIAISON_MONTHLY', 'QUARTERLY', 'UNCONTROLLED', 'LOST', 'ORG_LIFE_ABSENCE',
                                 'DUES_ABSENCE', 'DUES_ARREARS')
                  AND c.next_at <= ? AND m.org_path LIKE ?
                """)) {
            s.setTimestamp(1, Timestamp.from(AS_OF));
            s.setString(2, prefix + "%");
            s.setFetchSize(10_000);
            long rows = 0;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows++;
                }
            }
            return rows;
        }
    }

    /** The least any emitting scan writes: one row with a JSON payload per due clock, no index, no key. */
    private Void bareWrite(String prefix) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement create = c.createStatement()) {
            create.execute("CREATE TABLE IF NOT EXISTS bench_write_floor (id uuid, payload jsonb)");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO bench_write_floor
                SELECT gen_random_uuid(), jsonb_build_object('memberId', c.member_id, 'orgId', m.org_id, 'rule', c.rule,
                       'dueAt', c.due_at, 'startedAt', c.started_at)
                FROM clock c JOIN member m ON m.member_id = c.member_id
                WHERE c.rule IN ('LIAISON_MONTHLY', 'QUARTERLY', 'UNCONTROLLED', 'LOST', 'ORG_LIFE_ABSENCE',
                                 'DUES_ABSENCE', 'DUES_ARREARS')
                  AND c.next_at <= ? AND m.org_path LIKE ?
                """)) {
            s.setTimestamp(1, Timestamp.from(AS_OF));
            s.setString(2, prefix + "%");
            s.execute();
        }
        return null;
    }

    private static long timed(Callable<?> work) throws Exception {
        long start = System.nanoTime();
        work.call();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
