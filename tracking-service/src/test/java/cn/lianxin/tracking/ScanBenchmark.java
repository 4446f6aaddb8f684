package cn.lianxin.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGStatement;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.testing.BenchmarkReport;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.domain.ClockStage;
import cn.lianxin.tracking.repository.ScanExplain;
import cn.lianxin.tracking.repository.ScanRepository.Slice;
import cn.lianxin.tracking.service.ScanService;
import cn.lianxin.tracking.service.ScanService.ScanResult;

/**
 * The scan over 1,000,000 members against the bare SQL query that selects the same due clocks, in two shapes.
 * Run with {@code ./mvnw verify -Pbenchmarks -pl tracking-service}; prints the figures and their ratios (no
 * assertion on time).
 * <ul>
 * <li>daily: the members' last contacts spread over the last 100 days and yesterday's scan done, so that about
 * 1/100 of them fall due today and as many reach the end of their grace period (the steady state of the
 * scheduled scan);</li>
 * <li>backlog: nobody scanned yet and 8 % of the members due at once (a first scan, or a backfill).</li>
 * </ul>
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@TestProfile(ScanBenchmark.QuietRelay.class)
class ScanBenchmark {

    static final int MEMBERS = Integer.getInteger("benchmark.members", 1_000_000);
    static final Instant AS_OF = OffsetDateTime.parse("2024-06-01T00:00:00+08:00").toInstant();
    static final Instant YESTERDAY = OffsetDateTime.parse("2024-05-31T00:00:00+08:00").toInstant();

    /**
     * The relay would publish the emitted events to the broker meanwhile: measured apart, not here (no poll, and
     * see {@link #quietRelay}: no wake-up after the scan's commit).
     */
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

    @Inject
    TrackingConfig config;

    @Inject
    EntityManager em;

    @BeforeEach
    void quietRelay() {
        QuarkusMock.installMockForType(new Outbox(null, null, null, null, null) {
            @Override
            public void wakeRelayAfterCommit() {
            }
        }, Outbox.class);
    }

    @Test
    void dailyScanAndBacklogScanOfAMillionMembersAgainstTheirBareSelect() throws Exception {
        // daily: last contacts on the 100 days up to 31 May; yesterday's scan has run
        String daily = scenario("daily", "daily scan (contacts spread over the last 100 days, yesterday scanned)",
                "timestamptz '2024-05-31 09:00:00+08'", YESTERDAY);
        truncate();
        // backlog: registrations on the 100 days up to 1 June, never scanned: everyone due from 23 Feb to 1 Mar at once
        String backlog = scenario("backlog", "backlog scan (never scanned, 8 % of the members due at once)",
                "timestamptz '2024-06-01 09:00:00+08'", null);
        try (Connection c = dataSource.getConnection()) {
            BenchmarkReport.settings(c);
        }
        System.out.printf("%n=== ScanBenchmark: %,d members, scan as of %s, %d slices; %s ===%n%s%s%n", MEMBERS, AS_OF,
                config.scan().slices(), server(), daily, backlog);
    }

    /** What the figures depend on besides the machine: the server and its buffer cache. */
    private String server() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT current_setting('server_version'), current_setting('shared_buffers')")) {
            r.next();
            return "PostgreSQL " + r.getString(1) + ", shared_buffers " + r.getString(2);
        }
    }

    private String scenario(String shape, String name, String lastContactBase, Instant previousScan) throws Exception {
        UUID root = UUID.randomUUID();
        String prefix = "/" + root + "/";
        long load = timed(() -> load(root, prefix, lastContactBase, previousScan != null));
        long checkpointsAfterLoad = wal()[1];
        String sizes = sizes("member", "clock");
        if (previousScan != null) {
            scans.scan(previousScan, prefix);
            analyze();
        }
        if (Boolean.getBoolean("scan.explain")) {
            // the statements of slice 0 with their plans, times, buffers and WAL, rolled back; the clocks vacuumed
            // after, so that the measurements below start from the same pages (their figures are then not for a report)
            out(ScanExplain.explain(em, new Slice(AS_OF, AS_OF, prefix, 0, config.scan().slices(), null), config));
            asAdministrator("VACUUM ANALYZE clock", "VACUUM outbox_event");
        }
        copyClocks();
        // the nightly case, the same in every run: the clocks' pages last changed before the latest checkpoint, so that
        // the scan writes each page it changes whole to the WAL once (without it, whether a checkpoint fell after the
        // load decided that, and the scan's time with it)
        asAdministrator("CHECKPOINT");
        long bareSelect = timed(() -> bareSelect(prefix));
        long[] dueRows = new long[1];
        timed(() -> dueRows[0] = bareSelect(prefix)); // warm
        // the median of three: one run alone was once 2.5 times the cold one (722 against 287 ms at 1M, daily)
        long[] warmRuns = { timed(() -> bareSelect(prefix)), timed(() -> bareSelect(prefix)), timed(() -> bareSelect(prefix)) };
        long bareSelectWarm = Arrays.stream(warmRuns).sorted().skip(1).findFirst().orElseThrow();
        long bareWrite = timed(() -> bareWrite(prefix));
        long[] floorRows = new long[1];
        long[] floorWalBefore = wal();
        long floor = timed(() -> floorRows[0] = writeFloorWithClockUpdate(prefix, previousScan == null, EventRowsAs.BARE));
        long floorWal = wal()[0] - floorWalBefore[0];
        // the same floor with the events' rows as the outbox holds them, on fresh copies after the same checkpoint
        copyClocks();
        copyOutbox();
        asAdministrator("CHECKPOINT");
        long[] outboxFloorRows = new long[1];
        long[] outboxFloorWalBefore = wal();
        long outboxFloor = timed(() -> outboxFloorRows[0] = writeFloorWithClockUpdate(prefix, previousScan == null,
                EventRowsAs.OUTBOX));
        long outboxFloorWal = wal()[0] - outboxFloorWalBefore[0];
        // the scan starts from the same checkpoint state as the floors: their WAL must not bring the next one sooner
        asAdministrator("DROP TABLE bench_clock_copy", "DROP TABLE bench_outbox_copy", "CHECKPOINT");
        ScanResult[] result = new ScanResult[1];
        long[] walBefore = wal();
        long scan = timed(() -> result[0] = scans.scan(AS_OF, prefix));
        long[] walAfter = wal();
        long rescan = timed(() -> scans.scan(AS_OF, prefix));
        int events = result[0].emitted().values().stream().mapToInt(Integer::intValue).sum();
        if (Boolean.getBoolean("scan.digest")) {
            out(shape + ": digest of the clock states and event payloads (member and org ids left out): " + digest());
        }
        String members = "%,d members, %,d due".formatted(MEMBERS, dueRows[0]);
        BenchmarkReport.figure("tracking ScanBenchmark", "P1 " + shape + " scan, " + members, scan, "ms",
                "bare SQL select of the due clocks (warm)", bareSelectWarm, "daily".equals(shape) ? "<= 2x" : "<= 4x");
        BenchmarkReport.figure("tracking ScanBenchmark", "P1 " + shape + " scan, " + members, scan, "ms",
                "bare write floor (1 jsonb row per due clock)", bareWrite, "-");
        BenchmarkReport.figure("tracking ScanBenchmark", "P1 " + shape + " scan, " + members, scan, "ms",
                "write floor with the clock update (the due clocks' update + 1 jsonb row per event)", floor, "-");
        BenchmarkReport.figure("tracking ScanBenchmark", "P1 " + shape + " scan, " + members, scan, "ms",
                "write floor with the clock update and the events' outbox rows (their key, seq and relay index)",
                outboxFloor, "-");
        BenchmarkReport.figure("tracking ScanBenchmark", "P1 " + shape + " repeated scan (emits nothing)", rescan, "ms",
                "bare SQL select of the due clocks (warm)", bareSelectWarm, "-");
        StringBuilder out = new StringBuilder();
        out.append("--- %s: %,d clock rows due ---%n".formatted(name, dueRows[0]));
        out.append("load (generate_series, members + clocks + ANALYZE): %,d ms%n".formatted(load));
        out.append("tables with their indexes after the load: %s%n".formatted(sizes));
        out.append("bare SQL select of the due clocks with their members (cold / warm, the median of %s): %,d ms / %,d ms%n"
                .formatted(Arrays.toString(warmRuns), bareSelect, bareSelectWarm));
        out.append("bare SQL write floor (one jsonb row per due clock into an unindexed table): %,d ms%n".formatted(bareWrite));
        out.append(("write floor with the clock update (the due clocks' columns as the scan sets them, once each, on a copy"
                + " of clock; one unindexed jsonb row per event; a statement per slice, at the same time): %,d ms, %,d rows, %,d MB of WAL%n").formatted(floor,
                        floorRows[0], floorWal >> 20));
        out.append(("write floor with the clock update and the events' outbox rows (the same, each event a row of a copy of"
                + " outbox_event: its primary key, seq and unpublished index, a gen_random_uuid() id, the same small payload):"
                + " %,d ms, %,d rows, %,d MB of WAL%n").formatted(outboxFloor, outboxFloorRows[0], outboxFloorWal >> 20));
        out.append("scan (select + clock update with its emission key + outbox rows): %,d ms, %,d events %s%n"
                .formatted(scan, events, result[0].emitted()));
        out.append("scan per event: %.1f µs%n".formatted(scan * 1000.0 / Math.max(1, events)));
        out.append(("WAL written during the scan (whole server; a checkpoint just before the measurements): %,d MB (%,d"
                + " bytes an event); checkpoints since the load: %,d%n").formatted((walAfter[0] - walBefore[0]) >> 20,
                        (walAfter[0] - walBefore[0]) / Math.max(1, events), walAfter[1] - checkpointsAfterLoad));
        out.append("repeated scan, same asOf (emits nothing): %,d ms%n".formatted(rescan));
        out.append(("ratio scan / bare select (warm): %.1f; scan / bare write floor: %.1f; scan / write floor with the clock"
                + " update: %.1f (that floor / bare select: %.1f); scan / that floor with the outbox rows: %.1f (that floor /"
                + " bare select: %.1f); repeated scan / bare select: %.1f%n%n")
                .formatted((double) scan / Math.max(1, bareSelectWarm), (double) scan / Math.max(1, bareWrite),
                        (double) scan / Math.max(1, floor), (double) floor / Math.max(1, bareSelectWarm),
                        (double) scan / Math.max(1, outboxFloor), (double) outboxFloor / Math.max(1, bareSelectWarm),
                        (double) rescan / Math.max(1, bareSelectWarm)));
        return out.toString();
    }

    /**
     * TRUNCATE, VACUUM and the write floor's table are the schema owner's: done as the test database's administrator
     * (the service's role may only read and write its tables; as that role VACUUM ANALYZE skips them with a warning).
     */
    private void asAdministrator(String... statements) throws SQLException {
        String schema = ConfigProvider.getConfig().getValue("lianxin.schema", String.class);
        try (Connection c = LianxinTestResource.adminConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            for (String statement : statements) {
                s.execute(statement.replace("<role>", serviceRole()));
            }
        }
    }

    private static String serviceRole() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
    }

    private void truncate() throws SQLException {
        asAdministrator("TRUNCATE member, contact, clock, outbox_event, bench_write_floor");
    }

    private void analyze() throws SQLException {
        asAdministrator("VACUUM ANALYZE clock");
    }

    private Void load(UUID root, String prefix, String lastContactBase, boolean reached) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO org_projection (org_id, parent_id, path, name, type, updated_at) VALUES ('" + root
                    + "', NULL, '" + prefix + "', '基准党委', 'COMMITTEE', now())");
            s.execute("""
                    INSERT INTO member (member_id, org_id, org_path, category, standing, registered_at,
                                        last_reached_at, updated_at)
                    SELECT gen_random_uuid(), '%4$s', '%5$s', 'FULL', 'ACTIVE', r.registered, r.reached, now()
                    FROM (SELECT CASE WHEN %2$s THEN t - interval '2 years' ELSE t END AS registered,
                                 CASE WHEN %2$s THEN t END AS reached
                          FROM (SELECT %1$s - (g %% 100) * interval '1 day' AS t FROM generate_series(1, %3$d) g) s) r
                    """.formatted(lastContactBase, reached, MEMBERS, root, prefix));
            // the same arithmetic as Deadlines.dueAt: midnight in Shanghai of the day one period later
            s.execute("""
                    INSERT INTO clock (member_id, rule, started_at, due_at, grace_until, stage, next_at)
                    SELECT m.member_id, r.rule, COALESCE(m.last_reached_at, m.registered_at), d.due,
                           CASE WHEN r.escalates THEN d.due + interval '7 days' END, %s, d.due
                    FROM member m
                    CROSS JOIN (VALUES ('QUARTERLY', interval '3 months', true), ('LOST', interval '3 months', false),
                                       ('ORG_LIFE_ABSENCE', interval '6 months', false),
                                       ('DUES_ABSENCE', interval '6 months', false),
                                       ('DUES_ARREARS', interval '3 months', false)) r (rule, period, escalates)
                    CROSS JOIN LATERAL (SELECT ((COALESCE(m.last_reached_at, m.registered_at) AT TIME ZONE 'Asia/Shanghai')::date + r.period)::timestamp
                                               AT TIME ZONE 'Asia/Shanghai' AS due) d
                    WHERE m.org_path LIKE '%s%%'
                    """.formatted(ClockStage.RUNNING.sql(), prefix));
        }
        asAdministrator("VACUUM ANALYZE member", "VACUUM ANALYZE clock");
        return null;
    }

    /** Each table's size with its indexes and TOAST, and per member: what docs/scaling.md sizes PostgreSQL from. */
    private String sizes(String... tables) throws SQLException {
        StringBuilder sizes = new StringBuilder();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT pg_total_relation_size(to_regclass(?))")) {
            for (String table : tables) {
                s.setString(1, table);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    long bytes = r.getLong(1);
                    sizes.append(sizes.isEmpty() ? "" : ", ").append("%s %,d MB (%,d bytes a member)"
                            .formatted(table, bytes >> 20, bytes / MEMBERS));
                }
            }
        }
        return sizes.toString();
    }

    /**
     * The server's WAL position and its checkpoints so far. A page's first change after a checkpoint writes the whole
     * page to the WAL (8 kB): when the due clocks' pages were last changed before the latest checkpoint (the nightly
     * case), that is most of what a scan writes.
     */
    private long[] wal() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0'),"
                        + " checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter")) {
            r.next();
            return new long[] { r.getLong(1), r.getLong(2) };
        }
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
            // planned for its own values each time: the driver prepares a statement on the server at its fifth
            // execution on a connection, and PostgreSQL may then keep a generic plan made without them; the daily
            // shape's five selects came first on the same connection, and the backlog's then took 9.0–12.8 s with it
            // (2026-12-02), against 0.7–1.6 s in every other run, while the scan, which makes that select, took 4.8 s
            s.unwrap(PGStatement.class).setPrepareThreshold(0);
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
        asAdministrator("CREATE TABLE IF NOT EXISTS bench_write_floor (id uuid, payload jsonb)",
                "GRANT SELECT, INSERT ON bench_write_floor TO <role>");
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

    /**
     * A copy of {@code clock} with its indexes and fill factor, made before the checkpoint, for
     * {@link #writeFloorWithClockUpdate}: the floor changes the copy's pages as the scan changes the clocks' (each
     * page's first change after the checkpoint written whole to the WAL), and leaves the clocks as they were.
     */
    private void copyClocks() throws SQLException {
        asAdministrator("DROP TABLE IF EXISTS bench_clock_copy",
                "CREATE TABLE bench_clock_copy WITH (fillfactor = 80) AS SELECT * FROM clock",
                "ALTER TABLE bench_clock_copy ADD PRIMARY KEY (member_id, rule)",
                "CREATE INDEX bench_clock_copy_next ON bench_clock_copy (rule, next_at) WHERE next_at IS NOT NULL",
                "GRANT SELECT, UPDATE ON bench_clock_copy TO <role>", "VACUUM ANALYZE bench_clock_copy");
    }

    /**
     * A copy of {@code outbox_event} with its rows, keys, indexes and {@code seq} default, made before the checkpoint,
     * for {@link #writeFloorWithClockUpdate} with {@link EventRowsAs#OUTBOX}: the rows an event needs, as the scan
     * finds the outbox (in the daily shape, yesterday's events), left out of the outbox the scan writes to.
     */
    private void copyOutbox() throws SQLException {
        asAdministrator("DROP TABLE IF EXISTS bench_outbox_copy",
                "CREATE TABLE bench_outbox_copy (LIKE outbox_event INCLUDING DEFAULTS INCLUDING INDEXES)",
                "INSERT INTO bench_outbox_copy SELECT * FROM outbox_event",
                "GRANT SELECT, INSERT ON bench_outbox_copy TO <role>", "VACUUM ANALYZE bench_outbox_copy");
    }

    /** Where {@link #writeFloorWithClockUpdate} appends its row per event. */
    private enum EventRowsAs {
        /** One jsonb row with a random id, into an unindexed table: no key, no order. */
        BARE("INSERT INTO bench_write_floor SELECT gen_random_uuid(), "),
        /**
         * A row of the outbox's shape into a copy of it: its primary key on a random id, {@code seq} from the outbox's
         * sequence, the relay's unpublished index; topic, type and time constant, the member as key and subject.
         */
        OUTBOX("""
                INSERT INTO bench_outbox_copy (id, topic, event_key, type, subject, occurred_at, traceparent, payload)
                SELECT gen_random_uuid(), 'contact.events', CAST(u.member_id AS text), 'lianxin.tracking.ContactMissed.v1',
                       CAST(u.member_id AS text), now(), NULL, """);

        private final String insert;

        EventRowsAs(String insert) {
            this.insert = insert;
        }
    }

    /**
     * The least an emitting scan writes, with what it must change on the clocks: one statement that sets exactly the
     * columns the scan sets on each due clock, once (a reminder whose grace already ended goes straight to its
     * escalation), and appends one jsonb row per event to an unindexed table, no id function, no key. Run as the scan
     * runs, one statement per slice of the members at the same time (each its own committed transaction), on the copy
     * of the clocks. In the backlog every escalation is announced with its reminder (nothing was reminded before: two
     * events), in the daily shape none is (yesterday's scan reminded them): {@code backlog} says which, as the updated
     * row no longer shows its former stage. {@code eventRows} says what an event's row is. Returns the rows appended,
     * which should equal the scan's events.
     */
    private long writeFloorWithClockUpdate(String prefix, boolean backlog, EventRowsAs eventRows) throws Exception {
        String escalating = rules(ClockRule::escalates);
        String sql = """
                WITH u AS (
                    UPDATE bench_clock_copy c SET
                        stage = CAST(CASE WHEN c.rule IN (%1$s) AND c.stage = 'RUNNING' AND c.grace_until > ?
                                          THEN 'REMINDED' ELSE 'DONE' END AS clock_stage),
                        next_at = CASE WHEN c.rule IN (%1$s) AND c.stage = 'RUNNING' AND c.grace_until > ? THEN c.grace_until END,
                        emitted_level = CASE WHEN c.rule NOT IN (%1$s) THEN 'NOTICE'
                                             WHEN c.stage = 'RUNNING' AND c.grace_until > ? THEN 'REMINDER' ELSE 'ESCALATED' END,
                        emitted_due_at = c.due_at, emission_open = true
                    FROM member m
                    WHERE m.member_id = c.member_id AND c.rule IN (%2$s) AND c.next_at <= ? AND m.org_path LIKE ?
                      AND mod(get_byte(uuid_send(c.member_id), 15), ?) = ?
                    RETURNING c.member_id, c.rule, c.due_at, c.started_at, c.emitted_level, m.org_id
                )
                %3$s jsonb_build_object('memberId', u.member_id, 'orgId', u.org_id, 'rule', u.rule,
                       'dueAt', u.due_at, 'startedAt', u.started_at, 'level', u.emitted_level)
                FROM u CROSS JOIN generate_series(1, CASE WHEN ? AND u.emitted_level = 'ESCALATED' THEN 2 ELSE 1 END)
                """.formatted(escalating, rules(rule -> true), eventRows.insert);
        int slices = config.scan().slices();
        ExecutorService executor = Executors.newFixedThreadPool(slices);
        try {
            List<Future<Integer>> running = new ArrayList<>();
            for (int i = 0; i < slices; i++) {
                int slice = i;
                running.add(executor.submit(() -> {
                    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                        Timestamp asOf = Timestamp.from(AS_OF);
                        s.setTimestamp(1, asOf);
                        s.setTimestamp(2, asOf);
                        s.setTimestamp(3, asOf);
                        s.setTimestamp(4, asOf);
                        s.setString(5, prefix + "%");
                        s.setInt(6, slices);
                        s.setInt(7, slice);
                        s.setBoolean(8, backlog);
                        return s.executeUpdate();
                    }
                }));
            }
            long rows = 0;
            for (Future<Integer> slice : running) {
                rows += slice.get();
            }
            return rows;
        } finally {
            executor.shutdown();
        }
    }

    private static String rules(Predicate<ClockRule> which) {
        return Arrays.stream(ClockRule.values()).filter(which).map(rule -> "'" + rule.name() + "'")
                .collect(Collectors.joining(", "));
    }

    /**
     * What a change of the scan's SQL must leave as it was ({@code -Dscan.digest=true}, two runs of the same size): the
     * clocks and the outbox as multisets, without the ids a load draws at random.
     */
    private String digest() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
                SELECT md5(string_agg(t, E'\n' ORDER BY t)), count(*) FROM (
                    SELECT concat_ws('|', rule, stage, next_at, emitted_level, emitted_due_at, emission_open, due_at,
                                     started_at, grace_until) AS t FROM clock
                    UNION ALL
                    SELECT concat_ws('|', type, topic, event_key = subject, event_key = payload ->> 'memberId',
                                     traceparent IS NULL, payload - 'memberId' - 'orgId') FROM outbox_event) x""")) {
            r.next();
            return r.getString(1) + " over " + r.getLong(2) + " rows";
        }
    }

    private static void out(String text) {
        System.out.println(text);
    }

    private static long timed(Callable<?> work) throws Exception {
        long start = System.nanoTime();
        work.call();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
