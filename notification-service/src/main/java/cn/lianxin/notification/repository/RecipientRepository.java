package cn.lianxin.notification.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.TransactionSynchronizationRegistry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import cn.lianxin.notification.domain.OrgCard;
import cn.lianxin.platform.sql.TransactionMemo;

/**
 * The recipient projection (tables {@code member_recipient} and {@code org_card}). Later events win: an upsert only
 * replaces a row whose {@code updated_at} is not newer than the event's time.
 */
@ApplicationScoped
public class RecipientRepository {

    /** A member's row as stored: contacts and preferred channel as received, the liaison as its JSON text. */
    public record StoredMember(UUID memberId, UUID orgId, String orgPath, String name, String phone, String wechat,
            String email, String preferredChannel, String liaisonJson) {
    }

    /** A member's own contacts from a profile event; {@code preferredChannel} as the event named it. */
    public record Profile(UUID memberId, UUID orgId, String orgPath, String name, String phone, String wechat,
            String email, String preferredChannel) {
    }

    private final EntityManager em;
    private final ObjectMapper json;
    private final TransactionMemo<UUID, Optional<StoredMember>> members;

    public RecipientRepository(EntityManager em, ObjectMapper json, TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.json = json;
        this.members = new TransactionMemo<>(transactions);
    }

    public void saveOrgCard(UUID orgId, OrgCard card, Instant at) {
        em.createNativeQuery("""
                INSERT INTO org_card (org_id, wechat_group_url, web_address, updated_at) VALUES (:org, :group, :web, :at)
                ON CONFLICT (org_id) DO UPDATE SET wechat_group_url = EXCLUDED.wechat_group_url,
                    web_address = EXCLUDED.web_address, updated_at = EXCLUDED.updated_at
                WHERE org_card.updated_at <= EXCLUDED.updated_at
                """)
                .setParameter("org", orgId)
                .setParameter("group", card.wechatGroupUrl())
                .setParameter("web", card.webAddress())
                .setParameter("at", at)
                .executeUpdate();
    }

    /** A profile and the time of the event that told it. */
    public record DatedProfile(Profile profile, Instant at) {
    }

    /** Keeps the stored path when the event carries none. */
    public void saveProfile(Profile profile, Instant at) {
        saveProfiles(List.of(new DatedProfile(profile, at)));
    }

    /**
     * Profiles in one statement (a roster import announces thousands of members at once), at most one per member; each
     * keeps the stored path when it carries none.
     */
    public void saveProfiles(Collection<DatedProfile> profiles) {
        if (profiles.isEmpty()) {
            return;
        }
        ArrayNode rows = json.createArrayNode();
        profiles.forEach(dated -> {
            Profile p = dated.profile();
            rows.addObject().put("member_id", p.memberId().toString()).put("org_id", p.orgId().toString())
                    .put("org_path", p.orgPath()).put("name", p.name()).put("phone", p.phone()).put("wechat", p.wechat())
                    .put("email", p.email()).put("preferred_channel", p.preferredChannel())
                    .put("updated_at", dated.at().toString());
        });
        em.createNativeQuery("""
                INSERT INTO member_recipient (member_id, org_id, org_path, name, phone, wechat, email, preferred_channel, updated_at)
                SELECT member_id, org_id, org_path, name, phone, wechat, email, preferred_channel, updated_at
                FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(member_id uuid, org_id uuid, org_path text, name text,
                    phone text, wechat text, email text, preferred_channel text, updated_at timestamptz)
                ON CONFLICT (member_id) DO UPDATE SET org_id = EXCLUDED.org_id,
                    org_path = COALESCE(EXCLUDED.org_path, member_recipient.org_path), name = EXCLUDED.name,
                    phone = EXCLUDED.phone, wechat = EXCLUDED.wechat, email = EXCLUDED.email,
                    preferred_channel = EXCLUDED.preferred_channel, updated_at = EXCLUDED.updated_at
                WHERE member_recipient.updated_at <= EXCLUDED.updated_at
                """).setParameter("rows", rows.toString()).executeUpdate();
        members.forget();
    }

    /**
     * A liaison may be assigned before the member's profile reached us: it is kept on a placeholder row, dated
     * {@link Instant#EPOCH} so that it loses against any real profile event.
     */
    public void saveLiaison(UUID memberId, UUID orgId, String liaisonJson) {
        em.createNativeQuery("""
                INSERT INTO member_recipient (member_id, org_id, name, liaison, updated_at)
                VALUES (:member, :org, '', CAST(:liaison AS jsonb), :at)
                ON CONFLICT (member_id) DO UPDATE SET liaison = EXCLUDED.liaison
                """)
                .setParameter("member", memberId)
                .setParameter("org", orgId)
                .setParameter("liaison", liaisonJson)
                .setParameter("at", Instant.EPOCH)
                .executeUpdate();
        members.forget();
    }

    public void moveMember(UUID memberId, UUID orgId, String orgPath) {
        em.createNativeQuery("UPDATE member_recipient SET org_id = :org, org_path = :path WHERE member_id = :member")
                .setParameter("member", memberId)
                .setParameter("org", orgId)
                .setParameter("path", orgPath)
                .executeUpdate();
        members.forget();
    }

    /** Asked once per transaction: routing one notification reads its member several times ({@link TransactionMemo}). */
    public Optional<StoredMember> member(UUID memberId) {
        return members.get(memberId, id -> load(Set.of(id)).get(id));
    }

    /** Reads the given members in one query, remembered for the rest of the transaction ({@link #member}). */
    public void preload(Collection<UUID> memberIds) {
        members.preload(memberIds, this::load);
    }

    /** Each of {@code memberIds}, empty when it has no row. */
    private Map<UUID, Optional<StoredMember>> load(Set<UUID> memberIds) {
        Map<UUID, Optional<StoredMember>> found = new HashMap<>();
        memberIds.forEach(id -> found.put(id, Optional.empty()));
        List<?> rows = em.createNativeQuery("SELECT member_id, org_id, org_path, name, phone, wechat, email, preferred_channel, "
                + "CAST(liaison AS text) AS liaison FROM member_recipient WHERE member_id IN (:ids)",
                Tuple.class).setParameter("ids", memberIds).getResultList();
        rows.stream().map(Tuple.class::cast).forEach(t -> found.put(t.get("member_id", UUID.class), Optional.of(
                new StoredMember(t.get("member_id", UUID.class), t.get("org_id", UUID.class), t.get("org_path", String.class),
                        t.get("name", String.class), t.get("phone", String.class), t.get("wechat", String.class),
                        t.get("email", String.class), t.get("preferred_channel", String.class),
                        t.get("liaison", String.class)))));
        return found;
    }

    public Optional<OrgCard> card(UUID orgId) {
        List<?> rows = em.createNativeQuery("SELECT wechat_group_url, web_address FROM org_card WHERE org_id = :id",
                Tuple.class).setParameter("id", orgId).getResultList();
        return rows.stream().findFirst().map(Tuple.class::cast)
                .map(t -> new OrgCard(t.get("wechat_group_url", String.class), t.get("web_address", String.class)));
    }
}
