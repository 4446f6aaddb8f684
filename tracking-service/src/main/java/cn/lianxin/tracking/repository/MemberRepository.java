package cn.lianxin.tracking.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import cn.lianxin.platform.sql.Row;
import cn.lianxin.tracking.domain.ContactChannel;
import cn.lianxin.tracking.domain.Standing;

/** The member projection (table {@code member}); written only from member events and recorded contacts. */
@ApplicationScoped
public class MemberRepository {

    private final EntityManager em;

    public MemberRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<MemberRecord> find(UUID memberId) {
        return Sql.select(em, "SELECT " + RECORD_COLUMNS + " FROM member WHERE member_id = :id").set("id", memberId)
                .rows(MemberRepository::record).stream().findFirst();
    }

    /** The columns of a {@link MemberRecord}, for a SELECT or a RETURNING. */
    private static final String RECORD_COLUMNS = """
            member_id, org_id, org_path, standing, in_register, CAST(liaison ->> 'memberId' AS uuid) AS liaison_id,
            registered_at, restarted_at, outflow_id, left_at, reported_in_at, last_reached_at, last_direct_reached_at,
            last_org_life_at, last_dues_at, last_attempt_at""";

    private static MemberRecord record(Row r) {
        return new MemberRecord(r.uuid("member_id"), r.uuid("org_id"), r.string("org_path"),
                Standing.valueOf(r.string("standing")), r.bool("in_register"), r.uuid("liaison_id"),
                r.instant("registered_at"), r.instant("restarted_at"), r.uuid("outflow_id"), r.localDate("left_at"),
                r.instant("reported_in_at"), r.instant("last_reached_at"), r.instant("last_direct_reached_at"),
                r.instant("last_org_life_at"), r.instant("last_dues_at"), r.instant("last_attempt_at"));
    }

    /** MemberRegistered: a redelivery or replay overwrites with the same facts. */
    public void register(UUID memberId, UUID orgId, String orgPath, String name, String category, String standing,
            Instant registeredAt, List<String> focusTags, Instant now) {
        Sql.of(em, """
                INSERT INTO member (member_id, org_id, org_path, name, category, standing, registered_at, focus_tags,
                                    updated_at)
                VALUES (:id, :org, :path, :name, :category, :standing, :registered,
                        CAST(string_to_array(:tags, ',') AS text[]), :now)
                ON CONFLICT (member_id) DO UPDATE SET org_id = EXCLUDED.org_id, org_path = EXCLUDED.org_path,
                    name = EXCLUDED.name, category = EXCLUDED.category, standing = EXCLUDED.standing,
                    registered_at = EXCLUDED.registered_at, focus_tags = EXCLUDED.focus_tags,
                    updated_at = EXCLUDED.updated_at
                """).set("id", memberId).set("org", orgId).set("path", orgPath).set("name", name)
                .set("category", category).set("standing", standing).set("registered", registeredAt)
                .set("tags", String.join(",", focusTags)).set("now", now).update();
    }

    /** {@code focusTags} null: unchanged. */
    public void changeProfile(UUID memberId, UUID orgId, String name, String category, List<String> focusTags,
            Instant now) {
        Sql.of(em, """
                UPDATE member SET category = :category, updated_at = :now, name = COALESCE(:name, name),
                    focus_tags = CASE WHEN CAST(:tags AS text) IS NULL THEN focus_tags
                                      ELSE CAST(string_to_array(:tags, ',') AS text[]) END,
                    org_path = CASE WHEN org_id = :org THEN org_path
                                    ELSE COALESCE((SELECT path FROM org_projection WHERE org_id = :org), org_path) END,
                    org_id = :org
                WHERE member_id = :id
                """).set("id", memberId).set("org", orgId).set("name", name).set("category", category)
                .set("tags", focusTags == null ? null : String.join(",", focusTags)).set("now", now).update();
    }

    public void assignLiaison(UUID memberId, String liaisonJson, Instant now) {
        Sql.of(em, "UPDATE member SET liaison = CAST(:liaison AS jsonb), updated_at = :now WHERE member_id = :id")
                .set("id", memberId).set("liaison", liaisonJson).set("now", now).update();
    }

    public void flowOut(UUID memberId, UUID outflowId, LocalDate leftAt, String destinationPlace, Instant now) {
        Sql.of(em, """
                UPDATE member SET outflow_id = :outflow, left_at = :leftAt, reported_in_at = NULL,
                    destination_place = :place, updated_at = :now
                WHERE member_id = :id
                """).set("id", memberId).set("outflow", outflowId).set("leftAt", leftAt)
                .set("place", destinationPlace).set("now", now).update();
    }

    public void reportIn(UUID memberId, UUID outflowId, Instant reportedInAt, Instant now) {
        Sql.of(em, """
                UPDATE member SET reported_in_at = :at, updated_at = :now
                WHERE member_id = :id AND outflow_id = :outflow
                """).set("id", memberId).set("outflow", outflowId).set("at", reportedInAt).set("now", now).update();
    }

    public void returned(UUID memberId, UUID outflowId, Instant now) {
        Sql.of(em, """
                UPDATE member SET outflow_id = NULL, left_at = NULL, reported_in_at = NULL, destination_place = NULL,
                    updated_at = :now
                WHERE member_id = :id AND outflow_id = :outflow
                """).set("id", memberId).set("outflow", outflowId).set("now", now).update();
    }

    public void transferred(UUID memberId, UUID orgId, String orgPath, boolean stillInRegister, Instant now) {
        Sql.of(em, """
                UPDATE member SET org_id = :org, org_path = :path, in_register = :inRegister, updated_at = :now
                WHERE member_id = :id
                """).set("id", memberId).set("org", orgId).set("path", orgPath)
                .set("inRegister", stillInRegister, Boolean.class).set("now", now).update();
    }

    /**
     * TransferIssued / TransferReceiptOverdue: {@code transferId} was issued on {@code issuedOn}, its receipt is due by
     * {@code dueOn}.
     */
    public void transferInTransit(UUID memberId, UUID transferId, LocalDate issuedOn, LocalDate dueOn) {
        Sql.of(em, """
                UPDATE member SET transfer_id = :transfer, transfer_issued_on = :issued, transfer_receipt_due_on = :due
                WHERE member_id = :id
                """).set("id", memberId).set("transfer", transferId).set("issued", issuedOn).set("due", dueOn).update();
    }

    /** MemberTransferred: the receipt came back; that transfer is no longer in transit. */
    public void transferReceived(UUID memberId, UUID transferId) {
        Sql.of(em, """
                UPDATE member SET transfer_id = NULL, transfer_issued_on = NULL, transfer_receipt_due_on = NULL
                WHERE member_id = :id AND transfer_id = :transfer
                """).set("id", memberId).set("transfer", transferId).update();
    }

    /** A return to ACTIVE restarts every clock at {@code effectiveAt}. */
    public void changeStanding(UUID memberId, String standing, Instant restartClocksAt, Instant now) {
        Sql.of(em, """
                UPDATE member SET standing = :standing, updated_at = :now,
                    restarted_at = COALESCE(:restart, restarted_at)
                WHERE member_id = :id
                """).set("id", memberId).set("standing", standing).set("restart", restartClocksAt)
                .set("now", now).update();
    }

    /**
     * Keeps the latest contact of each kind; a late-recorded older contact changes nothing.
     *
     * @return the member as the contact left them (the clocks are re-planned from it), empty when not known here
     */
    public Optional<MemberRecord> noteContact(UUID memberId, Instant at, ContactChannel channel, boolean reached) {
        return Sql.select(em, """
                UPDATE member SET
                    last_reached_at = CASE WHEN :reached THEN GREATEST(last_reached_at, :at) ELSE last_reached_at END,
                    last_direct_reached_at = CASE WHEN :reached AND :direct
                        THEN GREATEST(last_direct_reached_at, :at) ELSE last_direct_reached_at END,
                    last_org_life_at = CASE WHEN :reached AND :channel = 'ORG_LIFE'
                        THEN GREATEST(last_org_life_at, :at) ELSE last_org_life_at END,
                    last_dues_at = CASE WHEN :reached AND :channel = 'DUES'
                        THEN GREATEST(last_dues_at, :at) ELSE last_dues_at END,
                    last_attempt_at = CASE WHEN :reached THEN last_attempt_at ELSE GREATEST(last_attempt_at, :at) END
                WHERE member_id = :id
                RETURNING\s""" + RECORD_COLUMNS).set("id", memberId).set("at", at).set("channel", channel.name())
                .set("reached", reached, Boolean.class).set("direct", channel.isDirect(), Boolean.class)
                .rows(MemberRepository::record).stream().findFirst();
    }
}
