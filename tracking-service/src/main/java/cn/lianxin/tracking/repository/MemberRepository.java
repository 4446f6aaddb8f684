package cn.lianxin.tracking.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.lianxin.platform.sql.Row;
import cn.lianxin.tracking.domain.Standing;

/** The member projection (table {@code member}); written only from member events and recorded contacts. */
@ApplicationScoped
public class MemberRepository {

    private final EntityManager em;
    private final ObjectMapper json;

    public MemberRepository(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    public Optional<MemberRecord> find(UUID memberId) {
        return Sql.select(em, "SELECT " + RECORD_COLUMNS + " FROM member WHERE member_id = :id").set("id", memberId)
                .rows(MemberRepository::record).stream().findFirst();
    }

    /** The members of these ids known here, by id. */
    public Map<UUID, MemberRecord> findAll(Collection<UUID> memberIds) {
        Map<UUID, MemberRecord> found = new HashMap<>();
        Sql.select(em, "SELECT " + RECORD_COLUMNS
                + " FROM unnest(CAST(:ids AS uuid[])) AS i(id) JOIN member ON member_id = i.id")
                .setIds("ids", memberIds)
                .rows(MemberRepository::record).forEach(member -> found.put(member.memberId(), member));
        return found;
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

    /** What MemberRegistered says of a member, as this projection keeps it. */
    public record Registration(UUID memberId, UUID orgId, String orgPath, String name, String category,
            String standing, Instant registeredAt, List<String> focusTags) {
    }

    /**
     * MemberRegistered, for a run of members in one statement (a district's roster import announces thousands at
     * once): a redelivery or replay overwrites with the same facts. A member named twice takes the last.
     *
     * @return the members as they now stand here
     */
    public List<MemberRecord> registerAll(Collection<Registration> registrations, Instant now) {
        Map<UUID, ObjectNode> rows = new LinkedHashMap<>();
        for (Registration r : registrations) {
            rows.remove(r.memberId()); // one row per member: an upsert cannot touch a row twice
            ObjectNode row = json.createObjectNode().put("member_id", r.memberId().toString())
                    .put("org_id", r.orgId().toString()).put("org_path", r.orgPath()).put("name", r.name())
                    .put("category", r.category()).put("standing", r.standing())
                    .put("registered_at", r.registeredAt().toString()).put("updated_at", now.toString());
            r.focusTags().forEach(row.putArray("focus_tags")::add);
            rows.put(r.memberId(), row);
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        return Sql.select(em, """
                INSERT INTO member AS m (member_id, org_id, org_path, name, category, standing, registered_at,
                                         focus_tags, updated_at)
                SELECT member_id, org_id, org_path, name, category, standing, registered_at,
                       COALESCE(focus_tags, '{}'), updated_at
                FROM jsonb_populate_recordset(NULL::member, CAST(:rows AS jsonb))
                ON CONFLICT (member_id) DO UPDATE SET org_id = EXCLUDED.org_id, org_path = EXCLUDED.org_path,
                    name = EXCLUDED.name, category = EXCLUDED.category, standing = EXCLUDED.standing,
                    registered_at = EXCLUDED.registered_at, focus_tags = EXCLUDED.focus_tags,
                    updated_at = EXCLUDED.updated_at
                RETURNING\s""" + RECORD_COLUMNS).set("rows", json.createArrayNode().addAll(rows.values()).toString())
                .rows(MemberRepository::record);
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
     * Keeps the latest contact of each kind: {@code notes} are the member's latest contacts among those being recorded
     * ({@link LastContacts#with}, the one definition of what counts); a late-recorded older contact changes nothing.
     *
     * @return the member as the contact left them (their clocks are re-planned from it), empty when not known here
     */
    public Optional<MemberRecord> noteContact(UUID memberId, LastContacts notes) {
        return Sql.select(em, """
                UPDATE member SET\s""" + NOTED + """
                FROM (SELECT CAST(:reached AS timestamptz) AS reached, CAST(:direct AS timestamptz) AS direct,
                             CAST(:orgLife AS timestamptz) AS org_life, CAST(:dues AS timestamptz) AS dues,
                             CAST(:attempt AS timestamptz) AS attempt) n
                WHERE member_id = :id
                RETURNING\s""" + RECORD_COLUMNS).set("id", memberId).set("reached", notes.reachedAt())
                .set("direct", notes.directReachedAt()).set("orgLife", notes.orgLifeAt()).set("dues", notes.duesAt())
                .set("attempt", notes.attemptAt()).rows(MemberRepository::record).stream().findFirst();
    }

    /** {@link #noteContact} for a sheet's members, in one statement. */
    public List<MemberRecord> noteContacts(Map<UUID, LastContacts> notes) {
        if (notes.isEmpty()) {
            return List.of();
        }
        var rows = json.createArrayNode();
        notes.forEach((memberId, last) -> rows.addObject().put("id", memberId.toString())
                .put("reached", text(last.reachedAt())).put("direct", text(last.directReachedAt()))
                .put("org_life", text(last.orgLifeAt())).put("dues", text(last.duesAt()))
                .put("attempt", text(last.attemptAt())));
        return Sql.select(em, """
                UPDATE member SET\s""" + NOTED + """
                FROM jsonb_to_recordset(CAST(:notes AS jsonb))
                    AS n(id uuid, reached timestamptz, direct timestamptz, org_life timestamptz, dues timestamptz,
                         attempt timestamptz)
                WHERE member_id = n.id
                RETURNING\s""" + RECORD_COLUMNS).set("notes", rows.toString())
                .rows(MemberRepository::record);
    }

    /** Each last-contact column takes the later of its own and the note's ({@code n}; GREATEST passes over nulls). */
    private static final String NOTED = """
            last_reached_at = GREATEST(last_reached_at, n.reached),
                last_direct_reached_at = GREATEST(last_direct_reached_at, n.direct),
                last_org_life_at = GREATEST(last_org_life_at, n.org_life),
                last_dues_at = GREATEST(last_dues_at, n.dues),
                last_attempt_at = GREATEST(last_attempt_at, n.attempt)
            """;

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
