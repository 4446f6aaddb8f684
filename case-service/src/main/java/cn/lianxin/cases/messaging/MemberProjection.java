package cn.lianxin.cases.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;

/**
 * This service's view of the register (name, branch and its path, category, standing, liaison), from member.events.
 * Events of one member arrive in order (keyed by member id); a stale event never overwrites a newer one.
 */
@ApplicationScoped
public class MemberProjection {

    /** A member as case-service knows them. */
    public record Member(UUID memberId, UUID orgId, String orgPath, String name, String category, String standing,
            Instant standingSince, UUID liaisonMemberId) {
    }

    record Registered(UUID memberId, UUID orgId, List<UUID> orgPath, String name, String category, String standing,
            Instant registeredAt) {
    }

    record ProfileChanged(UUID memberId, String name, String category) {
    }

    record Transferred(UUID memberId, UUID orgId, List<UUID> orgPath, UUID toOrgId) {
    }

    record StandingChanged(UUID memberId, String to, Instant effectiveAt) {
    }

    record LiaisonAssigned(UUID memberId, Liaison liaison) {
    }

    /** Only the liaison's member id matters here: a named cadre who is not a member has none. */
    record Liaison(UUID memberId) {
    }

    /** Standings that end membership outside a case (§3b): an open case closes with that resolution. */
    private static final Set<String> LEFT_THE_PARTY = Set.of("DECEASED", "WITHDRAWN", "EXPELLED");

    /** Told when a member leaves the register, so that an open case closes. */
    public interface Departures {
        void memberLeft(UUID memberId, String resolution, Instant at);
    }

    private final EntityManager em;
    private final EventReader reader;
    private final Departures departures;

    public MemberProjection(EntityManager em, EventReader reader, Departures departures) {
        this.em = em;
        this.reader = reader;
        this.departures = departures;
    }

    public Map<String, Consumer<IncomingEvent>> handlers() {
        return Map.of("MemberRegistered", this::registered, "MemberProfileChanged", this::profileChanged,
                "MemberTransferred", this::transferred, "MemberStandingChanged", this::standingChanged,
                "LiaisonAssigned", this::liaisonAssigned);
    }

    @Transactional(TxType.MANDATORY)
    void registered(IncomingEvent event) {
        Registered m = reader.payload(event, Registered.class);
        em.createNativeQuery("""
                INSERT INTO member_projection (member_id, org_id, org_path, name, category, standing, standing_since, updated_at)
                VALUES (:id, :org, :path, :name, :category, :standing, :since, :at)
                ON CONFLICT (member_id) DO UPDATE SET org_id = EXCLUDED.org_id, org_path = EXCLUDED.org_path,
                    name = EXCLUDED.name, category = EXCLUDED.category, standing = EXCLUDED.standing,
                    standing_since = EXCLUDED.standing_since, updated_at = EXCLUDED.updated_at
                WHERE member_projection.updated_at <= EXCLUDED.updated_at
                """)
                .setParameter("id", m.memberId()).setParameter("org", m.orgId()).setParameter("path", path(m.orgPath()))
                .setParameter("name", m.name()).setParameter("category", m.category())
                .setParameter("standing", m.standing()).setParameter("since", m.registeredAt())
                .setParameter("at", event.time())
                .executeUpdate();
    }

    @Transactional(TxType.MANDATORY)
    void profileChanged(IncomingEvent event) {
        ProfileChanged m = reader.payload(event, ProfileChanged.class);
        update(event, "name = :name, category = :category", m.memberId(),
                Map.of("name", m.name(), "category", m.category()));
    }

    @Transactional(TxType.MANDATORY)
    void transferred(IncomingEvent event) {
        Transferred m = reader.payload(event, Transferred.class);
        if (m.toOrgId() == null) {
            // Transferred out of the system: the member leaves this register.
            update(event, "standing = 'TRANSFERRED_OUT'", m.memberId(), Map.of());
            departures.memberLeft(m.memberId(), "TRANSFERRED_OUT", event.time());
        } else {
            update(event, "org_id = :org, org_path = :path", m.memberId(),
                    Map.of("org", m.orgId(), "path", path(m.orgPath())));
        }
    }

    @Transactional(TxType.MANDATORY)
    void standingChanged(IncomingEvent event) {
        StandingChanged m = reader.payload(event, StandingChanged.class);
        update(event, "standing = :standing, standing_since = :since", m.memberId(),
                Map.of("standing", m.to(), "since", m.effectiveAt()));
        if (LEFT_THE_PARTY.contains(m.to())) {
            departures.memberLeft(m.memberId(), m.to(), m.effectiveAt());
        }
    }

    @Transactional(TxType.MANDATORY)
    void liaisonAssigned(IncomingEvent event) {
        LiaisonAssigned m = reader.payload(event, LiaisonAssigned.class);
        UUID liaison = m.liaison() == null ? null : m.liaison().memberId();
        if (liaison == null) {
            update(event, "liaison_member_id = NULL", m.memberId(), Map.of());
        } else {
            update(event, "liaison_member_id = :liaison", m.memberId(), Map.of("liaison", liaison));
        }
    }

    private void update(IncomingEvent event, String set, UUID memberId, Map<String, Object> values) {
        var query = em.createNativeQuery("UPDATE member_projection SET " + set
                + ", updated_at = :at WHERE member_id = :id AND updated_at <= :at")
                .setParameter("id", memberId).setParameter("at", event.time());
        values.forEach(query::setParameter);
        query.executeUpdate();
    }

    public Optional<Member> find(UUID memberId) {
        List<?> rows = em.createNativeQuery("""
                SELECT member_id, org_id, org_path, name, category, standing, standing_since, liaison_member_id
                FROM member_projection WHERE member_id = :id
                """).setParameter("id", memberId).getResultList();
        return rows.stream().findFirst().map(r -> {
            Object[] row = (Object[]) r;
            return new Member((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3], (String) row[4],
                    (String) row[5], (Instant) row[6], (UUID) row[7]);
        });
    }

    /** The members whose liaison (联络员) is the given member. */
    public List<UUID> assignedTo(UUID liaisonMemberId) {
        return em.createNativeQuery("SELECT member_id FROM member_projection WHERE liaison_member_id = :liaison",
                UUID.class).setParameter("liaison", liaisonMemberId).getResultList().stream().map(UUID.class::cast)
                .toList();
    }

    private static String path(List<UUID> ids) {
        StringBuilder path = new StringBuilder("/");
        ids.forEach(id -> path.append(id).append('/'));
        return path.toString();
    }
}
