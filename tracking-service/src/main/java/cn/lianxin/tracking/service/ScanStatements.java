package cn.lianxin.tracking.service;

/**
 * The scan, as set-based SQL over the indexed {@code clock.next_at} column. Each statement takes the clocks that
 * fell due by {@code :asOf}, moves them on to their next stage, records one emission per (member, rule, level,
 * period) — {@code ON CONFLICT DO NOTHING RETURNING} tells which are new — and writes exactly those events to
 * the outbox, all in the caller's transaction. The outbox rows are built from what the emission insert returns
 * and the member row; never by joining two CTEs, whose row estimates are blind (a nested loop over both).
 * Parameters: {@code :asOf}, {@code :now} (ce_time), {@code :prefix} (org subtree path), {@code :threshold}
 * (ISO period text), {@code :type} (ce_type); some take {@code :rule}, {@code :grace}, {@code :thresholdMonths}.
 */
final class ScanStatements {

    private ScanStatements() {
    }

    private static final String OUTBOX = """
            INSERT INTO outbox_event (id, topic, event_key, type, subject, occurred_at, payload)
            SELECT d.event_id, 'contact.events', CAST(d.member_id AS text), :type, CAST(d.member_id AS text), :now, %s
            FROM emitted d JOIN member m ON m.member_id = d.member_id
            """;

    private static String due(String stageCondition, String extraCondition) {
        return """
                WITH due AS (
                    SELECT c.member_id, c.rule, c.started_at, c.due_at, c.grace_until
                    FROM clock c JOIN member m ON m.member_id = c.member_id
                    WHERE c.rule = :rule AND %s AND c.next_at <= :asOf AND m.org_path LIKE :prefix %s
                )""".formatted(stageCondition, extraCondition);
    }

    private static String emitted(String level) {
        return """
                , emitted AS (
                    INSERT INTO clock_emission (member_id, rule, level, due_at, started_at, grace_until, as_of, event_id)
                    SELECT member_id, rule, '%s', due_at, started_at, grace_until, :asOf, gen_random_uuid() FROM due
                    ON CONFLICT DO NOTHING
                    RETURNING member_id, rule, event_id, started_at, due_at, grace_until
                )
                """.formatted(level);
    }

    private static final String DAYS_OVERDUE = "CAST(floor(extract(epoch FROM (:asOf - d.due_at)) / 86400) AS int)";

    /** T1/T2 at due: ContactMissed REMINDER (to the liaison); the clock then waits for the end of grace. */
    static final String REMINDER = due("c.stage = 0", "")
            + ", advanced AS (UPDATE clock c SET stage = 1, next_at = d.grace_until FROM due d"
            + " WHERE c.member_id = d.member_id AND c.rule = d.rule)"
            + emitted("REMINDER")
            + OUTBOX.formatted("""
                    jsonb_strip_nulls(jsonb_build_object('memberId', m.member_id, 'orgId', m.org_id,
                        'obligation', d.rule, 'level', 'REMINDER', 'clockStartedAt', rfc3339(d.started_at),
                        'dueAt', rfc3339(d.due_at), 'threshold', :threshold,
                        'lastReachedAt', rfc3339(m.last_reached_at), 'liaison', m.liaison,
                        'daysOverdue', %s, 'asOf', rfc3339(:asOf)))""".formatted(DAYS_OVERDUE));

    /** T3: still unmet after grace: ContactMissed ESCALATED (to the branch secretary); the period is done. */
    static final String ESCALATION = due("c.stage = 1", "")
            + ", advanced AS (UPDATE clock c SET stage = 2, next_at = NULL FROM due d"
            + " WHERE c.member_id = d.member_id AND c.rule = d.rule)"
            + emitted("ESCALATED")
            + OUTBOX.formatted("""
                    jsonb_strip_nulls(jsonb_build_object('memberId', m.member_id, 'orgId', m.org_id,
                        'obligation', d.rule, 'level', 'ESCALATED', 'clockStartedAt', rfc3339(d.started_at),
                        'dueAt', rfc3339(d.due_at), 'threshold', :threshold, 'grace', :grace,
                        'graceEndsAt', rfc3339(d.grace_until),
                        'lastReachedAt', rfc3339(m.last_reached_at), 'liaison', m.liaison,
                        'daysOverdue', %s, 'asOf', rfc3339(:asOf)))""".formatted(DAYS_OVERDUE));

    private static final String DONE = ", advanced AS (UPDATE clock c SET stage = 2, next_at = NULL FROM due d"
            + " WHERE c.member_id = d.member_id AND c.rule = d.rule)";

    /** T4: MemberUncontrolled (失控). */
    static final String UNCONTROLLED = due("c.stage = 0", "AND m.outflow_id IS NOT NULL")
            + DONE + emitted("NOTICE")
            + OUTBOX.formatted("""
                    jsonb_strip_nulls(jsonb_build_object('memberId', m.member_id, 'orgId', m.org_id,
                        'outflowId', m.outflow_id, 'leftAt', to_char(m.left_at, 'YYYY-MM-DD'),
                        'lastReachedAt', rfc3339(m.last_reached_at), 'uncontrolledSince', rfc3339(d.due_at),
                        'threshold', :threshold, 'destinationPlace', m.destination_place, 'liaison', m.liaison,
                        'asOf', rfc3339(:asOf)))""");

    /** T5: LostContactSuspected; lostSince is the last REACHED contact, or registration (or restoration). */
    static final String LOST = due("c.stage = 0", "")
            + DONE + emitted("NOTICE")
            + OUTBOX.formatted("""
                    jsonb_strip_nulls(jsonb_build_object('memberId', m.member_id, 'orgId', m.org_id,
                        'lostSince', rfc3339(d.started_at),
                        'lostSinceBasis', CASE WHEN m.last_reached_at = d.started_at
                            THEN 'LAST_REACHED_CONTACT' ELSE 'REGISTRATION' END,
                        'lastAttemptAt', rfc3339(m.last_attempt_at),
                        'unsuccessfulAttempts', (SELECT count(*) FROM contact k WHERE k.member_id = m.member_id
                            AND k.outcome = 'NOT_REACHED' AND k.at >= d.started_at),
                        'flowing', m.outflow_id IS NOT NULL, 'outflowId', m.outflow_id,
                        'threshold', :threshold, 'asOf', rfc3339(:asOf)))""");

    /** T7: DuesArrears; at least the threshold's months, even where month ends shorten the calendar count. */
    static final String DUES_ARREARS = due("c.stage = 0", "")
            + DONE + emitted("NOTICE")
            + OUTBOX.formatted("""
                    jsonb_strip_nulls(jsonb_build_object('memberId', m.member_id, 'orgId', m.org_id,
                        'lastDuesAt', rfc3339(m.last_dues_at), 'arrearsSince', rfc3339(d.started_at),
                        'monthsInArrears', GREATEST(:thresholdMonths, (SELECT CAST(extract(year FROM a) * 12 + extract(month FROM a) AS int)
                            FROM age(:asOf AT TIME ZONE 'Asia/Shanghai', d.started_at AT TIME ZONE 'Asia/Shanghai') a)),
                        'threshold', :threshold, 'asOf', rfc3339(:asOf)))""");

    /**
     * T6, R2 of domain.md: a member reached recently (the lost clock T5 is not due) but without org life or
     * without dues for the threshold: one SelfWithdrawalSuspected per episode, naming what is missing. A member
     * who is not reachable is left to T5 (R1) and looked at again by the next scans.
     */
    static final String SELF_WITHDRAWAL = """
            WITH due AS (
                SELECT c.member_id, c.rule, c.started_at, c.due_at
                FROM clock c JOIN member m ON m.member_id = c.member_id
                WHERE c.rule IN ('ORG_LIFE_ABSENCE', 'DUES_ABSENCE') AND c.stage = 0 AND c.next_at <= :asOf
                  AND m.org_path LIKE :prefix AND m.last_reached_at IS NOT NULL
                  AND EXISTS (SELECT 1 FROM clock l WHERE l.member_id = c.member_id AND l.rule = 'LOST'
                              AND l.due_at > :asOf)
            ), advanced AS (
                UPDATE clock c SET stage = 2, next_at = NULL FROM due d WHERE c.member_id = d.member_id AND c.rule = d.rule
            ), episode AS (
                SELECT d.member_id, min(d.due_at) AS due_at, min(d.started_at) AS since
                FROM due d
                WHERE NOT EXISTS (SELECT 1 FROM clock_emission o WHERE o.member_id = d.member_id
                                  AND o.rule = 'SELF_WITHDRAWAL' AND o.cleared_at IS NULL)
                GROUP BY d.member_id
            ), emitted AS (
                INSERT INTO clock_emission (member_id, rule, level, due_at, started_at, as_of, event_id)
                SELECT member_id, 'SELF_WITHDRAWAL', 'NOTICE', due_at, since, :asOf, gen_random_uuid() FROM episode
                ON CONFLICT DO NOTHING
                RETURNING member_id, event_id
            )
            INSERT INTO outbox_event (id, topic, event_key, type, subject, occurred_at, payload)
            SELECT e.event_id, 'contact.events', CAST(e.member_id AS text), :type, CAST(e.member_id AS text), :now,
                jsonb_strip_nulls(jsonb_build_object('memberId', m.member_id, 'orgId', m.org_id,
                    'missing', p.missing, 'lastReachedAt', rfc3339(m.last_reached_at),
                    'lastOrgLifeAt', rfc3339(m.last_org_life_at), 'lastDuesAt', rfc3339(m.last_dues_at),
                    'since', rfc3339(p.since), 'threshold', :threshold, 'asOf', rfc3339(:asOf)))
            FROM emitted e JOIN member m ON m.member_id = e.member_id
            CROSS JOIN LATERAL (
                SELECT jsonb_agg(CASE x.rule WHEN 'ORG_LIFE_ABSENCE' THEN 'ORG_LIFE' ELSE 'DUES' END ORDER BY x.rule) AS missing,
                       min(x.started_at) AS since
                FROM clock x WHERE x.member_id = e.member_id AND x.rule IN ('ORG_LIFE_ABSENCE', 'DUES_ABSENCE')
                  AND x.due_at <= :asOf) p
            """;
}
