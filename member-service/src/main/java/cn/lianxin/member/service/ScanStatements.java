package cn.lianxin.member.service;

/**
 * Rules M1–M3 as set-based SQL. Each statement selects what is due as of {@code :asOf}, records a finding per
 * (rule, subject, period) — {@code ON CONFLICT DO NOTHING RETURNING} tells which are new — and writes exactly
 * those events to the outbox, all in the caller's transaction.
 */
final class ScanStatements {

    private ScanStatements() {
    }

    private static String emitted(String rule, String subject, String period) {
        return """
                , emitted AS (
                    INSERT INTO scan_finding (rule, subject_id, period, member_id, as_of, event_id)
                    SELECT '%s', %s, %s, member_id, :asOf, gen_random_uuid() FROM due
                    ON CONFLICT DO NOTHING
                    RETURNING subject_id, member_id, event_id
                )
                INSERT INTO outbox_event (id, topic, event_key, type, subject, occurred_at, payload)
                SELECT e.event_id, 'member.events', CAST(e.member_id AS text), :type, CAST(e.member_id AS text), :now, %%s
                FROM emitted e JOIN due d ON d.subject_id = e.subject_id
                """.formatted(rule, subject, period);
    }

    /** M1: the receipt of a transfer letter did not come back within its validity; once per transfer (ACTIVE members only). */
    static final String TRANSFER_RECEIPT_OVERDUE = """
            WITH due AS (
                SELECT t.id AS subject_id, t.* FROM transfer t JOIN member m ON m.id = t.member_id
                WHERE t.status = 'ISSUED' AND t.due_at < :asOfDate AND m.standing = 'ACTIVE'
            )""" + emitted("M1", "subject_id", "'-'").formatted("""
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
            )""" + emitted("M2", "subject_id", "CAST(:yearText AS text)").formatted("""
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
            )""" + emitted("M3", "subject_id", "'-'").formatted("""
            jsonb_strip_nulls(jsonb_build_object('memberId', d.member_id, 'orgId', d.org_id, 'outflowId', d.subject_id,
                'nature', d.nature, 'leftAt', to_char(d.left_at, 'YYYY-MM-DD'),
                'destination', jsonb_build_object('place', d.destination_place, 'workUnit', d.destination_work_unit,
                    'address', d.destination_address),
                'receivingOrg', CASE WHEN d.receiving_org_name IS NULL THEN NULL
                    ELSE jsonb_build_object('orgId', d.receiving_org_id, 'name', d.receiving_org_name,
                        'contactName', d.receiving_contact_name, 'contactPhone', d.receiving_contact_phone) END,
                'threshold', CAST(:threshold AS text), 'asOf', CAST(:asOfText AS text)))""");
}
