package cn.lianxin.member.repository;

import cn.lianxin.platform.outbox.EventRows;

/**
 * Rules M1–M6 as set-based SQL. Each statement selects what is due as of {@code :asOf}, records a finding per
 * (rule, subject, period) — {@code ON CONFLICT DO NOTHING RETURNING} tells which are new — and appends exactly
 * those events to the outbox ({@link EventRows}: {@code :topic}, {@code :type}, {@code :now}, {@code :traceparent}),
 * all in the caller's transaction. A finding names the event it caused: the event's id is made ({@code uuid_v7()})
 * where the finding is recorded. Dates in payloads are {@code YYYY-MM-DD}; {@code :asOfText} is the scan's instant
 * as Java writes it.
 */
final class ScanStatements {

    private ScanStatements() {
    }

    /** The finding of each due row, and the event of each new one with {@code payload} (over {@code d}, the due row). */
    private static String emitted(String rule, String subject, String period, String payload) {
        return """
                , emitted AS (
                    INSERT INTO scan_finding (rule, subject_id, period, member_id, as_of, event_id)
                    SELECT '%s', %s, %s, member_id, :asOf, uuid_v7() FROM due
                    ON CONFLICT DO NOTHING
                    RETURNING subject_id, member_id, event_id
                )
                """.formatted(rule, subject, period)
                + EventRows.appendWithIds("emitted e JOIN due d ON d.subject_id = e.subject_id", "e.event_id",
                        "e.member_id", payload);
    }

    /**
     * M1's one definition, over {@code transfer t JOIN member m}: the letter is still out (ISSUED) and its last day
     * ({@code due_at}: issued + validity) lies before {@code :asOfDate} (the Asia/Shanghai day of the scan), for an ACTIVE
     * member. The scan and the reconciliation report (口袋党员) both select with it.
     */
    static final String RECEIPT_OVERDUE = "t.status = 'ISSUED' AND t.due_at < :asOfDate AND m.standing = 'ACTIVE'";

    /** M1: the receipt of a transfer letter did not come back within its validity; once per transfer (ACTIVE members only). */
    static final String TRANSFER_RECEIPT_OVERDUE = """
            WITH due AS (
                SELECT t.id AS subject_id, t.* FROM transfer t JOIN member m ON m.id = t.member_id
                WHERE\s""" + RECEIPT_OVERDUE + "\n)" + emitted("M1", "subject_id", "'-'", """
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.from_org_id, 'transferId', d.id,
                'fromOrgId', d.from_org_id, 'toOrgId', d.to_org_id,
                'toExternalOrg', CASE WHEN d.to_external_name IS NULL THEN NULL
                    ELSE jsonb_build_object('name', d.to_external_name, 'region', d.to_external_region) END,
                'crossProvince', d.cross_province, 'issuedAt', to_char(d.issued_at, 'YYYY-MM-DD'),
                'validity', d.validity, 'dueAt', to_char(d.due_at, 'YYYY-MM-DD'), 'asOf', CAST(:asOfText AS text)))""");

    /** M2: no annual review of this year by the deadline; once per member and year. */
    static final String ANNUAL_REVIEW_OVERDUE = """
            WITH due AS (
                SELECT m.id AS subject_id, m.id AS member_id, m.org_id FROM member m
                WHERE m.standing = 'ACTIVE' AND m.transferred_out_at IS NULL AND m.registered_at < :dueAt
                  AND NOT EXISTS (SELECT 1 FROM annual_review r WHERE r.member_id = m.id AND r.year = :year)
            )""" + emitted("M2", "subject_id", "CAST(:yearText AS text)", """
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id, 'year', CAST(:year AS int),
                'dueAt', CAST(:dueAtText AS text),
                'lastReviewedYear', (SELECT max(r.year) FROM annual_review r WHERE r.member_id = d.member_id),
                'asOf', CAST(:asOfText AS text)))""");

    /** M3: an outflow at a fixed place for the threshold or longer should become a transfer; once per outflow. */
    static final String TRANSFER_RECOMMENDED = """
            WITH due AS (
                SELECT o.id AS subject_id, o.member_id, m.org_id, o.nature, o.left_at, o.destination_place,
                       o.destination_work_unit, o.destination_address, o.receiving_org_id, o.receiving_org_name,
                       o.receiving_contact_name, o.receiving_contact_phone
                FROM outflow o JOIN member m ON m.id = o.member_id
                WHERE o.nature = 'PERMANENT' AND o.status <> 'RETURNED' AND o.left_at <= :cutoff
                  AND m.standing = 'ACTIVE' AND m.transferred_out_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM transfer t WHERE t.member_id = o.member_id AND t.status = 'ISSUED')
            )""" + emitted("M3", "subject_id", "'-'", """
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id, 'outflowId', d.subject_id,
                'nature', d.nature, 'leftAt', to_char(d.left_at, 'YYYY-MM-DD'),
                'destination', jsonb_build_object('place', d.destination_place, 'workUnit', d.destination_work_unit,
                    'address', d.destination_address),
                'receivingOrg', CASE WHEN d.receiving_org_name IS NULL THEN NULL
                    ELSE jsonb_build_object('orgId', d.receiving_org_id, 'name', d.receiving_org_name,
                        'contactName', d.receiving_contact_name, 'contactPhone', d.receiving_contact_phone) END,
                'threshold', CAST(:threshold AS text), 'asOf', CAST(:asOfText AS text)))""");

    /** A receiving org as the events carry it (common ReceivingOrg), from an outflow row {@code d}; null when none. */
    private static final String RECEIVING_ORG = """
            CASE WHEN d.receiving_org_name IS NULL THEN NULL
                ELSE jsonb_strip_nulls(jsonb_build_object('orgId', d.receiving_org_id, 'name', d.receiving_org_name,
                    'contactName', d.receiving_contact_name, 'contactPhone', d.receiving_contact_phone)) END""";

    /**
     * M4's one definition ({@code Handshake.overdue} for an outflow), over {@code outflow o}: no report-in yet (still
     * OPEN: neither reported in nor returned) and its due day lies before {@code :asOfDate}. The scan (M4) selects with
     * it; the reconciliation report may too.
     */
    static final String REPORT_IN_OVERDUE_WHERE = "o.status = 'OPEN' AND o.report_in_due_at < :asOfDate";

    /**
     * M4 (the handshake of an outflow): the receiving org did not confirm the member's report-in (报到) by its due day
     * ({@code Handshake.overdue}: still OPEN, {@code report_in_due_at < :asOfDate}); once per outflow (ACTIVE members
     * only, as M1). Both sides are reminded.
     */
    static final String REPORT_IN_OVERDUE = """
            WITH due AS (
                SELECT o.id AS subject_id, o.member_id, o.org_id, o.left_at, o.report_in_due_at, o.destination_place,
                       o.receiving_org_id, o.receiving_org_name, o.receiving_contact_name, o.receiving_contact_phone
                FROM outflow o JOIN member m ON m.id = o.member_id
                WHERE m.standing = 'ACTIVE' AND m.transferred_out_at IS NULL AND\s""" + REPORT_IN_OVERDUE_WHERE + """
            )""" + emitted("M4", "subject_id", "'-'", """
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id, 'outflowId', d.subject_id,
                'leftAt', to_char(d.left_at, 'YYYY-MM-DD'), 'destinationPlace', d.destination_place,
                'receivingOrg', """ + RECEIVING_ORG + """
            ,
                'reportInDueAt', to_char(d.report_in_due_at, 'YYYY-MM-DD'), 'asOf', CAST(:asOfText AS text)))""");

    /**
     * M5 for outflows: the report-in still unconfirmed {@code :grace} after its due day ({@code Handshake.escalated});
     * the superior org of the sending branch is told; once per outflow.
     */
    static final String OUTFLOW_HANDSHAKE_ESCALATED = """
            WITH due AS (
                SELECT o.id AS subject_id, o.member_id, o.org_id, so.parent_id AS superior_org_id, o.left_at,
                       o.report_in_due_at AS due_at, o.destination_place, o.receiving_org_id, o.receiving_org_name,
                       o.receiving_contact_name, o.receiving_contact_phone
                FROM outflow o JOIN member m ON m.id = o.member_id JOIN org so ON so.id = o.org_id
                WHERE o.status = 'OPEN' AND CAST(o.report_in_due_at + CAST(:grace AS interval) AS date) < :asOfDate
                  AND m.standing = 'ACTIVE' AND m.transferred_out_at IS NULL
            )""" + emitted("M5", "subject_id", "'-'", """
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id, 'kind', 'OUTFLOW',
                'outflowId', d.subject_id, 'superiorOrgId', d.superior_org_id, 'receivingOrg', """ + RECEIVING_ORG + """
            ,
                'destinationPlace', d.destination_place, 'startedAt', to_char(d.left_at, 'YYYY-MM-DD'),
                'dueAt', to_char(d.due_at, 'YYYY-MM-DD'), 'grace', CAST(:grace AS text), 'asOf', CAST(:asOfText AS text)))""");

    /**
     * M5 for transfers: the receipt (回执) still not back {@code :grace} after the letter's validity (after M1's
     * reminder); the superior org of the sending branch is told; once per transfer.
     */
    static final String TRANSFER_HANDSHAKE_ESCALATED = """
            WITH due AS (
                SELECT t.id AS subject_id, t.member_id, t.from_org_id AS org_id, so.parent_id AS superior_org_id,
                       t.issued_at, t.due_at, t.to_org_id, COALESCE(ro.name, t.to_external_name) AS receiving_name
                FROM transfer t JOIN member m ON m.id = t.member_id JOIN org so ON so.id = t.from_org_id
                     LEFT JOIN org ro ON ro.id = t.to_org_id
                WHERE t.status = 'ISSUED' AND CAST(t.due_at + CAST(:grace AS interval) AS date) < :asOfDate
                  AND m.standing = 'ACTIVE'
            )""" + emitted("M5", "subject_id", "'-'", """
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id, 'kind', 'TRANSFER',
                'transferId', d.subject_id, 'superiorOrgId', d.superior_org_id,
                'receivingOrg', jsonb_strip_nulls(jsonb_build_object('orgId', d.to_org_id, 'name', d.receiving_name)),
                'startedAt', to_char(d.issued_at, 'YYYY-MM-DD'), 'dueAt', to_char(d.due_at, 'YYYY-MM-DD'),
                'grace', CAST(:grace AS text), 'asOf', CAST(:asOfText AS text)))""");

    /**
     * M6 (联系方式核实): the member's contact details crossed the unconfirmed-after boundary — which members is decided by
     * {@code ContactVerification.cutoff} alone ({@code :cutoff}, computed in Java: the last confirmation, else
     * registration, at or before it), the same rule as the verification list and the member view. {@code since} is
     * {@code ContactVerification.unconfirmedSince}: the last confirmation plus {@code :unconfirmedAfter} on the Shanghai
     * calendar. Once per member and crossing: the finding's period is {@code since}, so that a confirmation and, a period
     * later, a new crossing are told again. ACTIVE members in the register only, as the list.
     */
    static final String CONTACT_VERIFICATION_DUE = """
            WITH due AS (
                SELECT m.id AS subject_id, m.id AS member_id, m.org_id,
                       (COALESCE(m.contact_confirmed_at, m.registered_at) AT TIME ZONE 'Asia/Shanghai'
                           + CAST(:unconfirmedAfter AS interval)) AT TIME ZONE 'Asia/Shanghai' AS since,
                       m.phone_failing_since, m.email_failing_since, m.wechat_failing_since
                FROM member m
                WHERE m.standing = 'ACTIVE' AND m.transferred_out_at IS NULL
                  AND COALESCE(m.contact_confirmed_at, m.registered_at) <= :cutoff
            )""" + emitted("M6", "subject_id", EventRows.time("since"), """
            jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id, 'since', """ + EventRows.time("d.since") + """
            ,
                'unconfirmedAfter', CAST(:unconfirmedAfter AS text),
                'reasons', to_jsonb(array_remove(ARRAY[
                    CASE WHEN d.phone_failing_since IS NOT NULL THEN 'PHONE_FAILING' END,
                    CASE WHEN d.email_failing_since IS NOT NULL THEN 'EMAIL_FAILING' END,
                    CASE WHEN d.wechat_failing_since IS NOT NULL THEN 'WECHAT_FAILING' END,
                    'UNCONFIRMED'], NULL)),
                'asOf', CAST(:asOfText AS text))""");
}
