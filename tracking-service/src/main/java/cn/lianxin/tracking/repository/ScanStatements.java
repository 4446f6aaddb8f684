package cn.lianxin.tracking.repository;

import static cn.lianxin.platform.outbox.EventRows.time;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import cn.lianxin.platform.outbox.EventRows;
import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.domain.ClockStage;

/**
 * The scan, as set-based SQL over the indexed {@code clock.next_at} column, in one pass over a slice's due clocks.
 * {@link #ADVANCE} is one {@code UPDATE clock … FROM member … RETURNING} for every rule: it takes the clocks that fell
 * due by {@code :asOf}, moves each on to its next stage ({@link ClockStage}) and records on the row what it announced
 * ({@code emitted_level}, {@code emitted_due_at}); the {@code WHERE} admits only clocks whose stage and emitted key still
 * differ, so the rows it returns are exactly the new events. They go, with the member facts the events carry, into the
 * transaction's {@code scan_due} ({@link #SCAN_DUE}), from which each step appends its events to the outbox
 * ({@link EventRows}) in the same transaction: the due clocks and their members are read once per slice, each clock is
 * written once (also when its reminder and its escalation both fall in one scan).
 * Exactly once per (member, rule, level, period) holds because the update of the row is the emission (scans serialise
 * on an advisory lock; a contact that restarts a clock meanwhile locks the same row, and the re-checked {@code WHERE}
 * then fails). Parameters: {@code :asOf}, {@code :prefix} (org subtree path), {@code :slice} of {@code :slices} (the
 * members whose id falls in this slice, see the service's ScanService); the steps also {@code :threshold} (ISO period
 * text), {@code :asOfText}, and EventRows' {@code :topic}, {@code :type}, {@code :now} (ce_time) and
 * {@code :traceparent} (the scan span's); some take {@code :rule}, {@code :grace}, {@code :thresholdMonths}.
 */
final class ScanStatements {

    private ScanStatements() {
    }

    /** The clock's member falls in the slice being scanned: a member's clocks are all in one slice. */
    private static final String IN_SLICE = "mod(get_byte(uuid_send(c.member_id), 15), :slices) = :slice";

    /** The clocks a scan moves on: every rule's. */
    private static final String SCANNED_RULES = rules(rule -> true);

    /** T1/T2/T3: the rules reminded at due and escalated after grace ({@link ClockRule#escalates}). */
    private static final String ESCALATING = rules(ClockRule::escalates);

    /** T6's two absence clocks, announced together as one SelfWithdrawalSuspected. */
    private static final String ABSENCE = "'" + ClockRule.ORG_LIFE_ABSENCE.name() + "', '" + ClockRule.DUES_ABSENCE.name() + "'";

    private static String rules(Predicate<ClockRule> which) {
        return Arrays.stream(ClockRule.values()).filter(which).map(rule -> "'" + rule.name() + "'")
                .collect(Collectors.joining(", "));
    }

    /** The period's first announcement. */
    private static final String NEW_PERIOD = "c.emitted_due_at IS DISTINCT FROM c.due_at";

    /**
     * What a due clock of each rule needs besides a new period to be announced, over the clock {@code c} and its member
     * {@code m}. T4 only for a member away (流动); T6 (R2 of docs/domain.md) only for a member reached recently (the lost
     * clock T5 is not due): a member who is not reachable is left to T5 (R1) and looked at again by the next scans.
     */
    private static final Map<ClockRule, String> ALSO = Map.of(
            ClockRule.UNCONTROLLED, "m.outflow_id IS NOT NULL",
            ClockRule.ORG_LIFE_ABSENCE, ScanStatements.reachedRecently(),
            ClockRule.DUES_ABSENCE, ScanStatements.reachedRecently());

    /** T6's condition: reached, and the member's lost clock (T5) not yet due. */
    private static String reachedRecently() {
        return "m.last_reached_at IS NOT NULL AND EXISTS (SELECT 1 FROM clock l WHERE l.member_id = c.member_id"
                + " AND l.rule = '" + ClockRule.LOST.name() + "' AND l.due_at > :asOf)";
    }

    /** The clock {@code c} is announced now: by its stage, its emitted key and its rule's condition ({@link #ALSO}). */
    private static String announced() {
        StringBuilder rule = new StringBuilder("CASE c.rule");
        ALSO.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(also -> rule.append(" WHEN '").append(also.getKey().name()).append("' THEN ").append(also.getValue()));
        rule.append(" ELSE true END");
        // T1/T2 at due (a new period), T3 when still unmet after grace (until this period's escalation is announced)
        return """
                CASE WHEN c.rule IN (%1$s) THEN (c.stage = %2$s AND %4$s)
                         OR (c.stage = %3$s AND (%4$s OR c.emitted_level IS DISTINCT FROM 'ESCALATED'))
                     ELSE c.stage = %2$s AND %4$s AND %5$s END""".formatted(ESCALATING, ClockStage.RUNNING.sql(),
                ClockStage.REMINDED.sql(), NEW_PERIOD, rule);
    }

    /**
     * The transaction's due clocks that this scan announced, with the facts their events carry: {@code reminded} and
     * {@code escalated} (ContactMissed's two levels), {@code episode_open} (T6: one of the member's absence clocks
     * still stood before this scan, so no new episode). Dropped at commit.
     */
    static final String SCAN_DUE = """
            CREATE TEMP TABLE scan_due (
                member_id uuid, rule text, started_at timestamptz, due_at timestamptz, grace_until timestamptz,
                reminded boolean, escalated boolean, episode_open boolean,
                org_id uuid, liaison jsonb, last_reached_at timestamptz, last_attempt_at timestamptz,
                last_dues_at timestamptz, last_org_life_at timestamptz, outflow_id uuid, left_at date,
                destination_place text
            ) ON COMMIT DROP""";

    /**
     * The one pass: every due clock of the slice moved on and recorded in {@code scan_due}. An escalating rule's
     * clock goes from RUNNING to REMINDED (waiting for {@code grace_until}), from REMINDED to DONE; every other rule's
     * from RUNNING to DONE with a NOTICE. A RUNNING clock of an escalating rule whose grace had already ended by
     * {@code :asOf} (a first scan, a backfill) is reminded and escalated at once (T3 right after T1/T2, as the next
     * scan would): it goes straight to DONE, written once, and {@code scan_due} records both announcements. The
     * RETURNING clause reads the row as updated ({@code once} carries what the row was: reminded and escalated at
     * once), and its subquery the clocks as they stood before this statement.
     */
    static final String ADVANCE = """
            WITH advanced AS (
                UPDATE clock c SET
                    stage = CAST(CASE WHEN c.rule IN (%1$s) AND c.stage = %2$s AND NOT o.at_once THEN %3$s ELSE %4$s END
                        AS clock_stage),
                    next_at = CASE WHEN c.rule IN (%1$s) AND c.stage = %2$s AND NOT o.at_once THEN c.grace_until END,
                    emitted_level = CASE WHEN c.rule NOT IN (%1$s) THEN 'NOTICE'
                                         WHEN c.stage = %2$s AND NOT o.at_once THEN 'REMINDER' ELSE 'ESCALATED' END,
                    emitted_due_at = c.due_at, emission_open = true
                FROM member m CROSS JOIN (VALUES (false), (true)) o (at_once)
                WHERE m.member_id = c.member_id AND c.rule IN (%5$s) AND c.next_at <= :asOf
                  AND m.org_path LIKE :prefix AND %6$s AND %7$s
                  AND o.at_once = (c.rule IN (%1$s) AND c.stage = %2$s AND c.grace_until <= :asOf) IS TRUE
                RETURNING c.member_id, c.rule, c.started_at, c.due_at, c.grace_until,
                    c.emitted_level = 'REMINDER' OR o.at_once AS reminded, c.emitted_level = 'ESCALATED' AS escalated,
                    CASE WHEN c.rule IN (%8$s) THEN EXISTS (SELECT 1 FROM clock x WHERE x.member_id = c.member_id
                        AND x.rule IN (%8$s) AND x.emission_open) END AS episode_open,
                    m.org_id, m.liaison, m.last_reached_at, m.last_attempt_at, m.last_dues_at, m.last_org_life_at,
                    m.outflow_id, m.left_at, m.destination_place
            )
            INSERT INTO scan_due SELECT * FROM advanced""".formatted(ESCALATING, ClockStage.RUNNING.sql(),
            ClockStage.REMINDED.sql(), ClockStage.DONE.sql(), SCANNED_RULES, IN_SLICE, announced(), ABSENCE);

    private static String announce(String which, String payload) {
        return EventRows.append("scan_due d WHERE d.rule = :rule AND " + which, "d.member_id", payload);
    }

    /**
     * A payload: the jsonb that {@code jsonb_strip_nulls(jsonb_build_object(…))} makes of the same members, written as
     * JSON text and cast once. A member whose value is NULL is left out, as {@code jsonb_strip_nulls} leaves it out
     * ({@code concat_ws} skips NULLs, and a member's text is NULL with its value). About two thirds of what
     * {@code jsonb_build_object} costs a row, which looks up the type of each of its arguments on every call
     * (ScanBenchmark's probes: 5.4 µs against 7.9 µs a ContactMissed payload). Each member is made by
     * {@link #string}, {@link #text}, {@link #value} or {@link #json}; jsonb orders the keys, so the result is the same
     * jsonb, byte for byte.
     */
    static String object(String... members) {
        return "CAST('{' || concat_ws(',', " + String.join(", ", members) + ") || '}' AS jsonb)";
    }

    /** A string whose text needs no JSON escape: an id, a name, an instant by {@code event_time}, an ISO period. */
    static String string(String key, String sql) {
        return "'\"" + key + "\":\"' || " + sql + " || '\"'";
    }

    /** Any text, escaped as JSON. */
    static String text(String key, String sql) {
        return "'\"" + key + "\":' || CAST(to_json(" + sql + ") AS text)";
    }

    /** A number or a boolean: its text is its JSON. */
    static String value(String key, String sql) {
        return "'\"" + key + "\":' || CAST(" + sql + " AS text)";
    }

    /** A jsonb value, stripped of its null members as {@code jsonb_strip_nulls} strips the payload's; a JSON null is left out. */
    static String json(String key, String sql) {
        return "'\"" + key + "\":' || CAST(NULLIF(jsonb_strip_nulls(" + sql + "), 'null') AS text)";
    }

    private static final String DAYS_OVERDUE = "CAST(floor(extract(epoch FROM (:asOf - d.due_at)) / 86400) AS int)";

    /** T1/T2 at due: ContactMissed REMINDER (to the liaison); the clock then waits for the end of grace. */
    static final String REMINDER = announce("d.reminded", object(string("memberId", "d.member_id"),
            string("orgId", "d.org_id"), string("obligation", "d.rule"), string("level", "'REMINDER'"),
            string("clockStartedAt", time("d.started_at")), string("dueAt", time("d.due_at")),
            string("threshold", ":threshold"), string("lastReachedAt", time("d.last_reached_at")),
            json("liaison", "d.liaison"), value("daysOverdue", DAYS_OVERDUE), string("asOf", ":asOfText")));

    /** T3: still unmet after grace: ContactMissed ESCALATED (to the branch secretary); the period is done. */
    static final String ESCALATION = announce("d.escalated", object(string("memberId", "d.member_id"),
            string("orgId", "d.org_id"), string("obligation", "d.rule"), string("level", "'ESCALATED'"),
            string("clockStartedAt", time("d.started_at")), string("dueAt", time("d.due_at")),
            string("threshold", ":threshold"), string("grace", ":grace"), string("graceEndsAt", time("d.grace_until")),
            string("lastReachedAt", time("d.last_reached_at")), json("liaison", "d.liaison"),
            value("daysOverdue", DAYS_OVERDUE), string("asOf", ":asOfText")));

    /** T4: MemberUncontrolled (失控). */
    static final String UNCONTROLLED = announce("true", object(string("memberId", "d.member_id"),
            string("orgId", "d.org_id"), string("outflowId", "d.outflow_id"),
            string("leftAt", "to_char(d.left_at, 'YYYY-MM-DD')"), string("lastReachedAt", time("d.last_reached_at")),
            string("uncontrolledSince", time("d.due_at")), string("threshold", ":threshold"),
            text("destinationPlace", "d.destination_place"), json("liaison", "d.liaison"), string("asOf", ":asOfText")));

    /** T5: LostContactSuspected; lostSince is the last REACHED contact, or registration (or restoration). */
    static final String LOST = announce("true", object(string("memberId", "d.member_id"),
            string("orgId", "d.org_id"), string("lostSince", time("d.started_at")),
            string("lostSinceBasis", "CASE WHEN d.last_reached_at = d.started_at THEN 'LAST_REACHED_CONTACT'"
                    + " ELSE 'REGISTRATION' END"),
            string("lastAttemptAt", time("d.last_attempt_at")),
            value("unsuccessfulAttempts", "(SELECT count(*) FROM contact k WHERE k.member_id = d.member_id"
                    + " AND k.outcome = 'NOT_REACHED' AND k.at >= d.started_at)"),
            value("flowing", "d.outflow_id IS NOT NULL"), string("outflowId", "d.outflow_id"),
            string("threshold", ":threshold"), string("asOf", ":asOfText")));

    /** T7: DuesArrears; at least the threshold's months, even where month ends shorten the calendar count. */
    static final String DUES_ARREARS = announce("true", object(string("memberId", "d.member_id"),
            string("orgId", "d.org_id"), string("lastDuesAt", time("d.last_dues_at")),
            string("arrearsSince", time("d.started_at")),
            value("monthsInArrears", "GREATEST(:thresholdMonths, (SELECT CAST(extract(year FROM a) * 12"
                    + " + extract(month FROM a) AS int) FROM age(:asOf AT TIME ZONE 'Asia/Shanghai',"
                    + " d.started_at AT TIME ZONE 'Asia/Shanghai') a))"),
            string("threshold", ":threshold"), string("asOf", ":asOfText")));

    /**
     * T6, R2 of docs/domain.md: a member reached recently but without org life or without dues for the threshold
     * (the absence clocks {@link #ADVANCE} announced): one SelfWithdrawalSuspected per episode, naming what is missing.
     * Both absence clocks record that they fired; an episode is open while one of them still stands (as of the
     * snapshot before this scan, {@code episode_open}).
     */
    static final String SELF_WITHDRAWAL = """
            WITH episode AS (
                SELECT DISTINCT ON (d.member_id) d.* FROM scan_due d
                WHERE d.rule IN (%s) AND NOT d.episode_open
            )
            """.formatted(ABSENCE) + EventRows.append("""
            episode e
            CROSS JOIN LATERAL (
                SELECT jsonb_agg(CASE x.rule WHEN 'ORG_LIFE_ABSENCE' THEN 'ORG_LIFE' ELSE 'DUES' END ORDER BY x.rule) AS missing,
                       min(x.started_at) AS since
                FROM clock x WHERE x.member_id = e.member_id AND x.rule IN (%s)
                  AND x.due_at <= :asOf) p""".formatted(ABSENCE), "e.member_id", object(string("memberId", "e.member_id"),
            string("orgId", "e.org_id"), json("missing", "p.missing"), string("lastReachedAt", time("e.last_reached_at")),
            string("lastOrgLifeAt", time("e.last_org_life_at")), string("lastDuesAt", time("e.last_dues_at")),
            string("since", time("p.since")), string("threshold", ":threshold"), string("asOf", ":asOfText")));
}
