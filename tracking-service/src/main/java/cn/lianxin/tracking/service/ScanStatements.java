package cn.lianxin.tracking.service;

/**
 * The scan, as set-based SQL over the indexed {@code clock.next_at} column. Each statement is one
 * {@code UPDATE clock … FROM member … RETURNING}: it takes the clocks that fell due by {@code :asOf}, moves them on
 * to their next stage and records on the row what it announced ({@code emitted_level}, {@code emitted_due_at}); the
 * {@code WHERE} admits only clocks whose stage and emitted key still differ, so the rows it returns are exactly the
 * new events, which it writes to the outbox in the same statement and transaction. Exactly once per (member, rule,
 * level, period) holds because the update of the row is the emission (scans serialise on an advisory lock; a
 * contact that restarts a clock meanwhile locks the same row, and the re-checked {@code WHERE} then fails).
 * Parameters: {@code :asOf}, {@code :now} (ce_time), {@code :prefix} (org subtree path), {@code :slice} of
 * {@code :slices} (the members whose id falls in this slice, see {@link ScanService}), {@code :threshold} (ISO period
 * text), {@code :type} (ce_type); some take {@code :rule}, {@code :grace}, {@code :thresholdMonths}.
 */
final class ScanStatements {

    private ScanStatements() {
    }

    /** The session settings under which {@link #utcText} holds: the scan sets them for its transaction. */
    static final String[] SESSION = { "SET LOCAL TimeZone = 'UTC'", "SET LOCAL DateStyle = 'ISO'" };

    /**
     * Writes the {@code utc(x)} of a statement as RFC 3339 text of the instant x ({@code 2024-05-31T16:00:00Z}, as
     * Jackson writes an Instant): its ISO text in a UTC session, five times cheaper than {@code to_char}.
     */
    static String utcText(String sql) {
        return sql.replaceAll("utc\\(([a-z]\\.[a-z_]+)\\)", "replace(replace(CAST($1 AS text), ' ', 'T'), '+00', 'Z')");
    }

    /** The clock's member falls in the slice being scanned: a member's clocks are all in one slice. */
    private static final String IN_SLICE = "mod(get_byte(uuid_send(c.member_id), 15), :slices) = :slice";

    /** The member facts the events carry, returned by the update (no second join on member). */
    private static final String MEMBER_FACTS = "m.org_id, m.liaison, m.last_reached_at, m.last_attempt_at,"
            + " m.last_dues_at, m.outflow_id, m.left_at, m.destination_place";

    private static String advance(String level, String fromStage, String toStage, String nextAt, String keyDiffers,
            String extraCondition) {
        return """
                WITH emitted AS (
                    UPDATE clock c SET stage = %s, next_at = %s, emitted_level = '%s', emitted_due_at = c.due_at,
                        emission_open = true
                    FROM member m
                    WHERE m.member_id = c.member_id AND c.rule = :rule AND c.stage = %s AND c.next_at <= :asOf
                      AND m.org_path LIKE :prefix AND %s AND %s %s
                    RETURNING c.member_id, c.rule, c.started_at, c.due_at, c.grace_until, %s
                )
                INSERT INTO outbox_event (id, topic, event_key, type, subject, occurred_at, payload)
                SELECT uuid_v7(), 'contact.events', CAST(d.member_id AS text), :type, CAST(d.member_id AS text),
                    :now, %%s
                FROM emitted d
                """.formatted(toStage, nextAt, level, fromStage, IN_SLICE, keyDiffers, extraCondition, MEMBER_FACTS);
    }

    /** The period's first announcement. */
    private static final String NEW_PERIOD = "c.emitted_due_at IS DISTINCT FROM c.due_at";

    private static String notice(String extraCondition) {
        return advance("NOTICE", "0", "2", "NULL", NEW_PERIOD, extraCondition);
    }

    private static final String DAYS_OVERDUE = "CAST(floor(extract(epoch FROM (:asOf - d.due_at)) / 86400) AS int)";

    /** T1/T2 at due: ContactMissed REMINDER (to the liaison); the clock then waits for the end of grace. */
    static final String REMINDER = utcText(advance("REMINDER", "0", "1", "c.grace_until", NEW_PERIOD, "").formatted("""
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id,
                'obligation', d.rule, 'level', 'REMINDER', 'clockStartedAt', utc(d.started_at),
                'dueAt', utc(d.due_at), 'threshold', :threshold,
                'lastReachedAt', utc(d.last_reached_at), 'liaison', d.liaison,
                'daysOverdue', %s, 'asOf', :asOfText))""".formatted(DAYS_OVERDUE)));

    /** T3: still unmet after grace: ContactMissed ESCALATED (to the branch secretary); the period is done. */
    static final String ESCALATION = utcText(advance("ESCALATED", "1", "2", "NULL",
            "(" + NEW_PERIOD + " OR c.emitted_level IS DISTINCT FROM 'ESCALATED')", "").formatted("""
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id,
                'obligation', d.rule, 'level', 'ESCALATED', 'clockStartedAt', utc(d.started_at),
                'dueAt', utc(d.due_at), 'threshold', :threshold, 'grace', :grace,
                'graceEndsAt', utc(d.grace_until),
                'lastReachedAt', utc(d.last_reached_at), 'liaison', d.liaison,
                'daysOverdue', %s, 'asOf', :asOfText))""".formatted(DAYS_OVERDUE)));

    /** T4: MemberUncontrolled (失控). */
    static final String UNCONTROLLED = utcText(notice("AND m.outflow_id IS NOT NULL").formatted("""
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id,
                'outflowId', d.outflow_id, 'leftAt', to_char(d.left_at, 'YYYY-MM-DD'),
                'lastReachedAt', utc(d.last_reached_at), 'uncontrolledSince', utc(d.due_at),
                'threshold', :threshold, 'destinationPlace', d.destination_place, 'liaison', d.liaison,
                'asOf', :asOfText))"""));

    /** T5: LostContactSuspected; lostSince is the last REACHED contact, or registration (or restoration). */
    static final String LOST = utcText(notice("").formatted("""
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id,
                'lostSince', utc(d.started_at),
                'lostSinceBasis', CASE WHEN d.last_reached_at = d.started_at
                    THEN 'LAST_REACHED_CONTACT' ELSE 'REGISTRATION' END,
                'lastAttemptAt', utc(d.last_attempt_at),
                'unsuccessfulAttempts', (SELECT count(*) FROM contact k WHERE k.member_id = d.member_id
                    AND k.outcome = 'NOT_REACHED' AND k.at >= d.started_at),
                'flowing', d.outflow_id IS NOT NULL, 'outflowId', d.outflow_id,
                'threshold', :threshold, 'asOf', :asOfText))"""));

    /** T7: DuesArrears; at least the threshold's months, even where month ends shorten the calendar count. */
    static final String DUES_ARREARS = utcText(notice("").formatted("""
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id,
                'lastDuesAt', utc(d.last_dues_at), 'arrearsSince', utc(d.started_at),
                'monthsInArrears', GREATEST(:thresholdMonths, (SELECT CAST(extract(year FROM a) * 12 + extract(month FROM a) AS int)
                    FROM age(:asOf AT TIME ZONE 'Asia/Shanghai', d.started_at AT TIME ZONE 'Asia/Shanghai') a)),
                'threshold', :threshold, 'asOf', :asOfText))"""));

    /**
     * T6, R2 of docs/domain.md: a member reached recently (the lost clock T5 is not due) but without org life or
     * without dues for the threshold: one SelfWithdrawalSuspected per episode, naming what is missing. Both
     * absence clocks record that they fired; an episode is open while one of them still stands (as of the
     * statement's snapshot, i.e. before this scan). A member who is not reachable is left to T5 (R1) and looked
     * at again by the next scans.
     */
    static final String SELF_WITHDRAWAL = utcText("""
            WITH marked AS (
                UPDATE clock c SET stage = 2, next_at = NULL, emitted_level = 'NOTICE', emitted_due_at = c.due_at,
                    emission_open = true
                FROM member m
                WHERE m.member_id = c.member_id AND c.rule IN ('ORG_LIFE_ABSENCE', 'DUES_ABSENCE') AND c.stage = 0
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
            INSERT INTO outbox_event (id, topic, event_key, type, subject, occurred_at, payload)
            SELECT uuid_v7(), 'contact.events', CAST(e.member_id AS text), :type, CAST(e.member_id AS text), :now,
                jsonb_strip_nulls(jsonb_build_object('memberId', e.member_id, 'orgId', e.org_id,
                    'missing', p.missing, 'lastReachedAt', utc(e.last_reached_at),
                    'lastOrgLifeAt', utc(e.last_org_life_at), 'lastDuesAt', utc(e.last_dues_at),
                    'since', utc(p.since), 'threshold', :threshold, 'asOf', :asOfText))
            FROM episode e
            CROSS JOIN LATERAL (
                SELECT jsonb_agg(CASE x.rule WHEN 'ORG_LIFE_ABSENCE' THEN 'ORG_LIFE' ELSE 'DUES' END ORDER BY x.rule) AS missing,
                       min(x.started_at) AS since
                FROM clock x WHERE x.member_id = e.member_id AND x.rule IN ('ORG_LIFE_ABSENCE', 'DUES_ABSENCE')
                  AND x.due_at <= :asOf) p
            """.formatted(IN_SLICE));
}
