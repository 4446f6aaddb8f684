package cn.lianxin.cases.repository;

import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import cn.lianxin.cases.domain.Member;
import cn.lianxin.platform.sql.Row;

/**
 * The register projection ({@code member_projection}), written from member.events: a stale event (older than the
 * row) never overwrites a newer one.
 */
@ApplicationScoped
public class MemberRepository {

    private final EntityManager em;
    private final ObjectMapper json;

    public MemberRepository(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** A member as a MemberRegistered event tells it, dated by that event. */
    public record Registration(UUID memberId, UUID orgId, String orgPath, String name, String category, String standing,
            Instant standingSince, Instant at) {
    }

    /**
     * Newly registered members, or each whole row again when its event is not older than it: in one statement, at most
     * one registration per member (a roster import announces thousands at once).
     */
    public void register(Collection<Registration> registrations) {
        if (registrations.isEmpty()) {
            return;
        }
        ArrayNode rows = json.createArrayNode();
        registrations.forEach(r -> rows.addObject().put("member_id", text(r.memberId())).put("org_id", text(r.orgId()))
                .put("org_path", r.orgPath()).put("name", r.name()).put("category", r.category())
                .put("standing", r.standing()).put("standing_since", text(r.standingSince())).put("updated_at", text(r.at())));
        em.createNativeQuery("""
                INSERT INTO member_projection (member_id, org_id, org_path, name, category, standing, standing_since, updated_at)
                SELECT member_id, org_id, org_path, name, category, standing, standing_since, updated_at
                FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(member_id uuid, org_id uuid, org_path text, name text,
                    category text, standing text, standing_since timestamptz, updated_at timestamptz)
                ON CONFLICT (member_id) DO UPDATE SET org_id = EXCLUDED.org_id, org_path = EXCLUDED.org_path,
                    name = EXCLUDED.name, category = EXCLUDED.category, standing = EXCLUDED.standing,
                    standing_since = EXCLUDED.standing_since, updated_at = EXCLUDED.updated_at
                WHERE member_projection.updated_at <= EXCLUDED.updated_at
                """).setParameter("rows", rows.toString()).executeUpdate();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    public void changeProfile(UUID memberId, Instant at, String name, String category) {
        update(memberId, at, "name = :name, category = :category", Map.of("name", name, "category", category));
    }

    /** Transferred out of the system: the member leaves this register. */
    public void transferOut(UUID memberId, Instant at) {
        update(memberId, at, "standing = 'TRANSFERRED_OUT'", Map.of());
    }

    public void transfer(UUID memberId, Instant at, UUID orgId, String orgPath) {
        update(memberId, at, "org_id = :org, org_path = :path", Map.of("org", orgId, "path", orgPath));
    }

    public void changeStanding(UUID memberId, Instant at, String standing, Instant since) {
        update(memberId, at, "standing = :standing, standing_since = :since",
                Map.of("standing", standing, "since", since));
    }

    /** {@code liaisonMemberId} null: no liaison on the register (none, or a named cadre who is not a member). */
    public void assignLiaison(UUID memberId, Instant at, UUID liaisonMemberId) {
        if (liaisonMemberId == null) {
            update(memberId, at, "liaison_member_id = NULL", Map.of());
        } else {
            update(memberId, at, "liaison_member_id = :liaison", Map.of("liaison", liaisonMemberId));
        }
    }

    /** Sets {@code set} on the member's row unless the row is newer than {@code at}. */
    private void update(UUID memberId, Instant at, String set, Map<String, Object> values) {
        var query = em.createNativeQuery("UPDATE member_projection SET " + set
                + ", updated_at = :at WHERE member_id = :id AND updated_at <= :at")
                .setParameter("id", memberId).setParameter("at", at);
        values.forEach(query::setParameter);
        query.executeUpdate();
    }

    public Optional<Member> find(UUID memberId) {
        return findAll(List.of(memberId)).stream().findFirst();
    }

    /** The members of {@code memberIds} on the register, in one query; a member not on it is left out. */
    public List<Member> findAll(Collection<UUID> memberIds) {
        if (memberIds.isEmpty()) {
            return List.of();
        }
        return Row.list(em.createNativeQuery("""
                SELECT member_id, org_id, org_path, name, category, standing, standing_since, liaison_member_id
                FROM member_projection WHERE member_id IN (:ids)
                """, Tuple.class).setParameter("ids", memberIds),
                r -> new Member(r.uuid("member_id"), r.uuid("org_id"), r.string("org_path"), r.string("name"),
                        r.string("category"), r.string("standing"), r.instant("standing_since"),
                        r.uuid("liaison_member_id")));
    }

    /** The names of the members of {@code ids} on the register, in one query; a member not on it is left out. */
    public Map<UUID, String> names(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, String> names = new HashMap<>();
        for (Map.Entry<UUID, String> row : Row.list(em.createNativeQuery(
                "SELECT member_id, name FROM member_projection WHERE member_id IN (:ids)", Tuple.class)
                .setParameter("ids", ids), r -> new SimpleEntry<>(r.uuid("member_id"), r.string("name")))) {
            names.put(row.getKey(), row.getValue());
        }
        return names;
    }

    /** The members whose liaison (联络员) is the given member. */
    public List<UUID> assignedTo(UUID liaisonMemberId) {
        return em.createNativeQuery("SELECT member_id FROM member_projection WHERE liaison_member_id = :liaison")
                .setParameter("liaison", liaisonMemberId).getResultList().stream().map(UUID.class::cast).toList();
    }
}
