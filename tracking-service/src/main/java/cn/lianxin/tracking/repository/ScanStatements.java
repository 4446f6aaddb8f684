package cn.lianxin.tracking.repository;

import static cn.lianxin.platform.outbox.EventRows.time;

import cn.lianxin.platform.outbox.EventRows;
import cn.lianxin.tracking.domain.ClockStage;

/**
 * The scan, as set-based SQL over the indexed {@code clock.next_at} column. Each statement is one
 * {@code UPDATE clock … FROM member … RETURNING}: it takes the clocks that fell due by {@code :asOf}, moves them on
 * to their next stage ({@link ClockStage}) and records on the row what it announced ({@code emitted_level},
 * {@code emitted_due_at}); the {@code WHERE} admits only clocks whose stage and emitted key still differ, so the rows
 * it returns are exactly the new events, which it appends to the outbox ({@link EventRows}) in the same statement and
 * transaction. Exactly once per (member, rule, level, period) holds because the update of the row is the emission
 * (scans serialise on an advisory lock; a contact that restarts a clock meanwhile locks the same row, and the
 * re-checked {@code WHERE} then fails). Parameters: {@code :asOf}, {@code :prefix} (org subtree path), {@code :slice}
 * of {@code :slices} (the members whose id falls in this slice, see the service's ScanService), {@code :threshold}
 * (ISO period text), {@code :asOfText}, and EventRows' {@code :topic}, {@code :type}, {@code :now} (ce_time) and
 * {@code :traceparent} (the scan span's); some take {@code :rule}, {@code :grace}, {@code :thresholdMonths}.
 */
final class ScanStatements {

    private ScanStatements() {
    }

    /** The clock's member falls in the slice being scanned: a member's clocks are all in one slice. */
    private static final String IN_SLICE = "mod(get_byte(uuid_send(c.member_id), 15), :slices) = :slice";

    /** The member facts the events carry, returned by the update (no second join on member). */
    private static final String MEMBER_FACTS = "m.org_id, m.liaison, m.last_reached_at, m.last_attempt_at,"
            + " m.last_dues_at, m.outflow_id, m.left_at, m.destination_place";

    private static String advance(String level, ClockStage from, ClockStage to, String nextAt, String keyDiffers,
            String extraCondition, String payload) {
        return """
                WITH emitted AS (
                    UPDATE clock c SET stage = %s, next_at = %s, emitted_level = '%s', emitted_due_at = c.due_at,
                        emission_open = true
                    FROM member m
                    WHERE m.member_id = c.member_id AND c.rule = :rule AND c.stage = %s AND c.next_at <= :asOf
                      AND m.org_path LIKE :prefix AND %s AND %s %s
                    RETURNING c.member_id, c.rule, c.started_at, c.due_at, c.grace_until, %s
                )
                """.formatted(to.sql(), nextAt, level, from.sql(), IN_SLICE, keyDiffers, extraCondition, MEMBER_FACTS)
                + EventRows.append("emitted d", "d.member_id", payload);
    }

    /** The period's first announcement. */
    private static final String NEW_PERIOD = "c.emitted_due_at IS DISTINCT FROM c.due_at";

    private static String notice(String extraCondition, String payload) {
        return advance("NOTICE", ClockStage.RUNNING, ClockStage.DONE, "NULL", NEW_PERIOD, extraCondition, payload);
    }

    private static final String DAYS_OVERDUE = "CAST(floor(extract(epoch FROM (:asOf - d.due_at)) / 86400) AS int)";

    /** T1/T2 at due: ContactMissed REMINDER (to the liaison); the clock then waits for the end of grace. */
    static final String REMINDER = advance("REMINDER", ClockStage.RUNNING, ClockStage.REMINDED, "c.grace_until",
            NEW_PERIOD, "", """
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id,
                'obligation', d.rule, 'level', 'REMINDER', 'clockStartedAt', %s,
                'dueAt', %s, 'threshold', :threshold,
                'lastReachedAt', %s, 'liaison', d.liaison,
                'daysOverdue', %s, 'asOf', :asOfText))""".formatted(time("d.started_at"), time("d.due_at"),
            time("d.last_reached_at"), DAYS_OVERDUE));

    /** T3: still unmet after grace: ContactMissed ESCALATED (to the branch secretary); the period is done. */
    static final String ESCALATION = advance("ESCALATED", ClockStage.REMINDED, ClockStage.DONE, "NULL",
            "(" + NEW_PERIOD + " OR c.emitted_level IS DISTINCT FROM 'ESCALATED')", "", """
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id,
                'obligation', d.rule, 'level', 'ESCALATED', 'clockStartedAt', %s,
                'dueAt', %s, 'threshold', :threshold, 'grace', :grace,
                'graceEndsAt', %s,
                'lastReachedAt', %s, 'liaison', d.liaison,
                'daysOverdue', %s, 'asOf', :asOfText))""".formatted(time("d.started_at"), time("d.due_at"),
            time("d.grace_until"), time("d.last_reached_at"), DAYS_OVERDUE));

    /** T4: MemberUncontrolled (失控). */
    static final String UNCONTROLLED = notice("AND m.outflow_id IS NOT NULL", """
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id,
                'outflowId', d.outflow_id, 'leftAt', to_char(d.left_at, 'YYYY-MM-DD'),
                'lastReachedAt', %s, 'uncontrolledSince', %s,
                'threshold', :threshold, 'destinationPlace', d.destination_place, 'liaison', d.liaison,
                'asOf', :asOfText))""".formatted(time("d.last_reached_at"), time("d.due_at")));

    /** T5: LostContactSuspected; lostSince is the last REACHED contact, or registration (or restoration). */
    static final String LOST = notice("", """
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id,
                'lostSince', %s,
                'lostSinceBasis', CASE WHEN d.last_reached_at = d.started_at
                    THEN 'LAST_REACHED_CONTACT' ELSE 'REGISTRATION' END,
                'lastAttemptAt', %s,
                'unsuccessfulAttempts', (SELECT count(*) FROM contact k WHERE k.member_id = d.member_id
                    AND k.outcome = 'NOT_REACHED' AND k.at >= d.started_at),
                'flowing', d.outflow_id IS NOT NULL, 'outflowId', d.outflow_id,
                'threshold', :threshold, 'asOf', :asOfText))""".formatted(time("d.started_at"),
            time("d.last_attempt_at")));

    /** T7: DuesArrears; at least the threshold's months, even where month ends shorten the calendar count. */
    static final String DUES_ARREARS = notice("", """
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id,
                'lastDuesAt', %s, 'arrearsSince', %s,
                'monthsInArrears', GREATEST(:thresholdMonths, (SELECT CAST(extract(year FROM a) * 12 + extract(month FROM a) AS int)
                    FROM age(:asOf AT TIME ZONE 'Asia/Shanghai', d.started_at AT TIME ZONE 'Asia/Shanghai') a)),
                'threshold', :threshold, 'asOf', :asOfText))""".formatted(time("d.last_dues_at"),
            time("d.started_at")));

    /**
     * T6, R2 of docs/domain.md: a member reached recently (the lost clock T5 is not due) but without org life or
     * without dues for the threshold: one SelfWithdrawalSuspected per episode, naming what is missing. Both
     * absence clocks record that they fired; an episode is open while one of them still stands (as of the
     * statement's snapshot, i.e. before this scan). A member who is not reachable is left to T5 (R1) and looked
     * at again by the next scans.
     */
    static final String SELF_WITHDRAWAL = """
            WITH marked AS (
                UPDATE clock c SET stage = %s, next_at = NULL, emitted_level = 'NOTICE', emitted_due_at = c.due_at,
                    emission_open = true
                FROM member m
                WHERE m.member_id = c.member_id AND c.rule IN ('ORG_LIFE_ABSENCE', 'DUES_ABSENCE') AND c.stage = %s
                  AND c.next_at <= :asOf AND m.org_path LIKE :prefix AND m.last_reached_at IS NOT NULL AND %s
                  AND c.emitted_due_at IS DISTINCT FROM c.due_at
                  AND EXISTS (SELECT 1 FROM clock l WHERE l.member_id = c.member_id AND l.rule = 'LOST'
                              AND l.due_at > :asOf)
                RETURNING c.member_id, m.org_id, m.last_reached_at, m.last_org_life_at, m.last_dues_at
            ), episode AS (
                SELECT DISTINCT ON (d.member_id) d.* FROM marked d
                WHERE NOT EXISTS (SELECT 1 FROM clock o WHERE o.member_id = d.member_id
                                  AND o.rule IN ('ORG_LIFE_ABSENCE', 'DUES_ABSENCE') AND o.emission_open)
            )
            """.formatted(ClockStage.DONE.sql(), ClockStage.RUNNING.sql(), IN_SLICE) + EventRows.append("""
            episode e
            CROSS JOIN LATERAL (
                SELECT jsonb_agg(CASE x.rule WHEN 'ORG_LIFE_ABSENCE' THEN 'ORG_LIFE' ELSE 'DUES' END ORDER BY x.rule) AS missing,
                       min(x.started_at) AS since
                FROM clock x WHERE x.member_id = e.member_id AND x.rule IN ('ORG_LIFE_ABSENCE', 'DUES_ABSENCE')
                  AND x.due_at <= :asOf) p""", "e.member_id", """
            jsonb_strip_nulls(jsonb_build_object('memberId', e.member_id, 'orgId', e.org_id,
                'missing', p.missing, 'lastReachedAt', %s,
                'lastOrgLifeAt', %s, 'lastDuesAt', %s,
                'since', %s, 'threshold', :threshold, 'asOf', :asOfText))""".formatted(time("e.last_reached_at"),
            time("e.last_org_life_at"), time("e.last_dues_at"), time("p.since")));
}
