package cn.lianxin.tracking.repository;

import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.quarkus.narayana.jta.QuarkusTransaction;

import cn.lianxin.platform.outbox.EventRows;
import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.repository.ScanRepository.Slice;
import cn.lianxin.tracking.repository.ScanRepository.Step;
import cn.lianxin.tracking.service.ContactEvents;

/**
 * ScanBenchmark's profile of one slice ({@code -Dscan.explain=true}): each statement of {@link ScanRepository}, in the
 * order ScanSlice runs them and bound as it binds them, under {@code EXPLAIN (ANALYZE, BUFFERS, WAL)}, in one
 * transaction that is rolled back. Returns the plans, each headed by its statement's name.
 */
public final class ScanExplain {

    private static final String EXPLAIN = "EXPLAIN (ANALYZE, BUFFERS, WAL) ";

    private ScanExplain() {
    }

    public static String explain(EntityManager em, Slice slice, TrackingConfig config) {
        StringBuilder out = new StringBuilder("=== EXPLAIN of slice " + slice.slice() + " of " + slice.slices() + " ===\n");
        QuarkusTransaction.begin();
        try {
            em.createNativeQuery("SET LOCAL work_mem = '64MB'").executeUpdate();
            em.createNativeQuery("SET LOCAL random_page_cost = 1.1").executeUpdate();
            em.createNativeQuery(ScanStatements.SCAN_DUE).executeUpdate();
            plan(out, "ADVANCE", em.createNativeQuery(EXPLAIN + ScanStatements.ADVANCE).setParameter("asOf", slice.asOf())
                    .setParameter("prefix", slice.pathPrefix() + "%").setParameter("slice", slice.slice())
                    .setParameter("slices", slice.slices()));
            for (ClockRule rule : List.of(ClockRule.LIAISON_MONTHLY, ClockRule.QUARTERLY)) {
                Period threshold = rule == ClockRule.QUARTERLY ? config.quarterly() : config.liaisonMonthly();
                step(em, out, Step.REMINDER, slice, rule, ContactEvents.CONTACT_MISSED, threshold, config.grace());
                step(em, out, Step.ESCALATION, slice, rule, ContactEvents.CONTACT_MISSED, threshold, config.grace());
            }
            step(em, out, Step.UNCONTROLLED, slice, ClockRule.UNCONTROLLED, ContactEvents.MEMBER_UNCONTROLLED, config.uncontrolled(),
                    config.grace());
            step(em, out, Step.LOST, slice, ClockRule.LOST, ContactEvents.LOST_CONTACT_SUSPECTED, config.lostContact(), config.grace());
            step(em, out, Step.SELF_WITHDRAWAL, slice, null, ContactEvents.SELF_WITHDRAWAL_SUSPECTED, config.selfWithdrawal(),
                    config.grace());
            step(em, out, Step.DUES_ARREARS, slice, ClockRule.DUES_ARREARS, ContactEvents.DUES_ARREARS, config.duesArrears(),
                    config.grace());
            probes(em, out, slice);
        } finally {
            QuarkusTransaction.rollback();
        }
        return out.toString();
    }

    private static void step(EntityManager em, StringBuilder out, Step step, Slice slice, ClockRule rule,
            String eventType, Period threshold, Period grace) {
        String sql = step.sql();
        Query query = em.createNativeQuery(EXPLAIN + sql).setParameter("threshold", threshold.toString())
                .setParameter("asOfText", slice.asOf().toString());
        EventRows.bind(query, eventType, slice.now(), slice.traceparent());
        if (rule != null) {
            query.setParameter("rule", rule.name());
        }
        if (sql.matches("(?s).*:asOf\\b.*")) {
            query.setParameter("asOf", slice.asOf());
        }
        if (sql.contains(":thresholdMonths")) {
            query.setParameter("thresholdMonths", (int) Math.max(1, threshold.toTotalMonths()));
        }
        if (sql.contains(":grace")) {
            query.setParameter("grace", grace.toString());
        }
        plan(out, step + (rule == null ? "" : " " + rule), query);
    }

    /** What the parts of an event row cost: each expression over the rows {@code scan_due} holds, timed apart. */
    private static void probes(EntityManager em, StringBuilder out, Slice slice) {
        String utc = "CAST(d.started_at AT TIME ZONE 'UTC' AS text)";
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("nothing", "1");
        probes.put("uuid_v7()", "uuid_v7()");
        probes.put("gen_random_uuid()", "gen_random_uuid()");
        probes.put("clock_timestamp() epoch ms (numeric)", "floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint");
        probes.put("clock_timestamp() epoch ms (float8)", "floor(date_part('epoch', clock_timestamp()) * 1000)::bigint");
        probes.put("uuid_v7 with a float8 epoch", """
                encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                   PLACING substring(int8send(floor(date_part('epoch', clock_timestamp()) * 1000)::bigint) FROM 3)
                   FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid""");
        probes.put("uuid_v7 as text over gen_random_uuid", """
                CAST(overlay(replace(CAST(gen_random_uuid() AS text), '-', '') PLACING
                   lpad(to_hex(floor(date_part('epoch', clock_timestamp()) * 1000)::bigint), 12, '0') || '7' FROM 1 FOR 13)
                   AS uuid)""");
        probes.put("uuid_v7 as text over random()", """
                CAST(lpad(to_hex(floor(date_part('epoch', clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
                   || lpad(to_hex(floor(random() * 4096)::int), 3, '0') || to_hex(8 + floor(random() * 4)::int)
                   || lpad(to_hex(floor(random() * 1073741824)::int), 8, '0')
                   || lpad(to_hex(floor(random() * 268435456)::int), 7, '0') AS uuid)""");
        probes.put("random() x4", "random() + random() + random() + random()");
        probes.put("event_time(started_at)", "event_time(d.started_at)");
        probes.put("event_time(due_at)", "event_time(d.due_at)");
        probes.put("started_at AT TIME ZONE 'UTC' as text", utc);
        probes.put("... replace T || Z", "replace(" + utc + ", ' ', 'T') || 'Z'");
        probes.put("... overlay T || Z", "overlay(" + utc + " PLACING 'T' FROM 11 FOR 1) || 'Z'");
        probes.put("to_char", "to_char(d.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')");
        probes.put("days overdue (numeric)", "CAST(floor(extract(epoch FROM (CAST(:asOf AS timestamptz) - d.due_at)) / 86400) AS int)");
        String[] members = { "memberId", "d.member_id", "orgId", "d.org_id", "obligation", "d.rule", "level", "'REMINDER'",
            "clockStartedAt", "event_time(d.started_at)", "dueAt", "event_time(d.due_at)", "threshold", "'P3M'",
            "lastReachedAt", "event_time(d.last_reached_at)", "asOf", "'2024-05-31T16:00:00Z'" };
        StringBuilder built = new StringBuilder();
        List<String> text = new ArrayList<>();
        for (int i = 0; i < members.length; i += 2) {
            built.append(i == 0 ? "" : ", ").append('\'').append(members[i]).append("', ").append(members[i + 1]);
            text.add(ScanStatements.string(members[i], members[i + 1]));
        }
        built.append(", 'liaison', d.liaison, 'daysOverdue', 3");
        text.add(ScanStatements.json("liaison", "d.liaison"));
        text.add(ScanStatements.value("daysOverdue", "3"));
        probes.put("REMINDER's payload by jsonb_build_object", "jsonb_build_object(" + built + ")");
        probes.put("... with jsonb_strip_nulls (as before)", "jsonb_strip_nulls(jsonb_build_object(" + built + "))");
        probes.put("... as JSON text cast once (ScanStatements.object)", ScanStatements.object(text.toArray(String[]::new)));
        out.append("--- probes over scan_due (ms for all its rows) ---\n");
        for (Map.Entry<String, String> probe : probes.entrySet()) {
            Query query = em.createNativeQuery("EXPLAIN (ANALYZE, TIMING OFF) SELECT count(" + probe.getValue()
                    + ") FROM scan_due d");
            if (probe.getValue().contains(":asOf")) {
                query.setParameter("asOf", slice.asOf());
            }
            // the least of five runs: the machine is shared
            double least = Double.MAX_VALUE;
            for (int run = 0; run < 5; run++) {
                for (Object line : query.getResultList()) {
                    String row = line.toString();
                    if (row.startsWith("Execution Time: ")) {
                        least = Math.min(least, Double.parseDouble(row.replaceAll("[^0-9.]", "")));
                    }
                }
            }
            out.append(probe.getKey()).append(": ").append(least).append(" ms\n");
        }
    }

    private static void plan(StringBuilder out, String name, Query query) {
        out.append("--- ").append(name).append(" ---\n");
        for (Object line : query.getResultList()) {
            out.append(line).append('\n');
        }
    }
}
