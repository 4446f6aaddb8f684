package cn.lianxin.notification.recipients;

import static cn.lianxin.notification.recipients.Json.object;
import static cn.lianxin.notification.recipients.Json.text;
import static cn.lianxin.notification.recipients.Json.uuid;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.notification.domain.Channel;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.events.MalformedEventException;

/**
 * Who can be reached, projected from member.events: the member's own contacts and preferred channel, the
 * liaison (联络员), and the 联心卡 extras of each org. Later events win (ce_time), so a late redelivery of an
 * old profile does not overwrite a newer one.
 */
@ApplicationScoped
public class RecipientProjection {

    private final EntityManager em;
    private final ObjectMapper mapper;

    public RecipientProjection(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    public Map<String, Consumer<IncomingEvent>> handlers() {
        return Map.of(
                "MemberRegistered", this::memberProfile,
                "MemberProfileChanged", this::memberProfile,
                "LiaisonAssigned", this::liaisonAssigned,
                "MemberTransferred", this::memberTransferred);
    }

    /** OrgCreated / OrgChanged: the WeChat group and web address printed on the 联心卡. */
    @Transactional(TxType.MANDATORY)
    public void orgCard(IncomingEvent event) {
        JsonNode p = event.payload();
        em.createNativeQuery("""
                INSERT INTO org_card (org_id, wechat_group_url, web_address, updated_at) VALUES (:org, :group, :web, :at)
                ON CONFLICT (org_id) DO UPDATE SET wechat_group_url = EXCLUDED.wechat_group_url,
                    web_address = EXCLUDED.web_address, updated_at = EXCLUDED.updated_at
                WHERE org_card.updated_at <= EXCLUDED.updated_at
                """)
                .setParameter("org", required(event, "orgId"))
                .setParameter("group", text(p, "wechatGroupUrl"))
                .setParameter("web", text(p, "webAddress"))
                .setParameter("at", event.time())
                .executeUpdate();
    }

    @Transactional(TxType.MANDATORY)
    void memberProfile(IncomingEvent event) {
        JsonNode p = event.payload();
        JsonNode contact = object(p, "contact");
        String path = Json.materializedPath(p.get("orgPath"));
        em.createNativeQuery("""
                INSERT INTO member_recipient (member_id, org_id, org_path, name, phone, wechat, email, preferred_channel, updated_at)
                VALUES (:member, :org, :path, :name, :phone, :wechat, :email, :preferred, :at)
                ON CONFLICT (member_id) DO UPDATE SET org_id = EXCLUDED.org_id,
                    org_path = COALESCE(EXCLUDED.org_path, member_recipient.org_path), name = EXCLUDED.name,
                    phone = EXCLUDED.phone, wechat = EXCLUDED.wechat, email = EXCLUDED.email,
                    preferred_channel = EXCLUDED.preferred_channel, updated_at = EXCLUDED.updated_at
                WHERE member_recipient.updated_at <= EXCLUDED.updated_at
                """)
                .setParameter("member", required(event, "memberId"))
                .setParameter("org", required(event, "orgId"))
                .setParameter("path", path)
                .setParameter("name", text(p, "name") == null ? "" : text(p, "name"))
                .setParameter("phone", text(contact, "phone"))
                .setParameter("wechat", text(contact, "wechat"))
                .setParameter("email", text(contact, "email"))
                .setParameter("preferred", text(p, "preferredChannel"))
                .setParameter("at", event.time())
                .executeUpdate();
    }

    @Transactional(TxType.MANDATORY)
    void liaisonAssigned(IncomingEvent event) {
        JsonNode liaison = object(event.payload(), "liaison");
        if (liaison == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no liaison");
        }
        // A liaison may be assigned before the member's profile reached us: keep it on a placeholder row.
        em.createNativeQuery("""
                INSERT INTO member_recipient (member_id, org_id, name, liaison, updated_at)
                VALUES (:member, :org, '', CAST(:liaison AS jsonb), :at)
                ON CONFLICT (member_id) DO UPDATE SET liaison = EXCLUDED.liaison
                """)
                .setParameter("member", required(event, "memberId"))
                .setParameter("org", required(event, "orgId"))
                .setParameter("liaison", liaison.toString())
                .setParameter("at", Instant.EPOCH) // a placeholder loses against any real profile event
                .executeUpdate();
    }

    @Transactional(TxType.MANDATORY)
    void memberTransferred(IncomingEvent event) {
        em.createNativeQuery("UPDATE member_recipient SET org_id = :org, org_path = :path WHERE member_id = :member")
                .setParameter("member", required(event, "memberId"))
                .setParameter("org", required(event, "orgId"))
                .setParameter("path", Json.materializedPath(event.payload().get("orgPath")))
                .executeUpdate();
    }

    public Optional<MemberRecipient> member(UUID memberId) {
        List<?> rows = em.createNativeQuery("SELECT member_id, org_id, org_path, name, phone, wechat, email, preferred_channel, "
                + "CAST(liaison AS text) AS liaison FROM member_recipient WHERE member_id = :id", Tuple.class)
                .setParameter("id", memberId).getResultList();
        return rows.stream().findFirst().map(Tuple.class::cast).map(t -> {
                    String preferred = t.get("preferred_channel", String.class);
                    return new MemberRecipient(t.get("member_id", UUID.class), t.get("org_id", UUID.class),
                            t.get("org_path", String.class),
                            new Person(memberId, t.get("name", String.class), t.get("phone", String.class),
                                    t.get("wechat", String.class), t.get("email", String.class)),
                            preferred == null ? null : Channel.valueOf(preferred), person(t.get("liaison", String.class)));
                });
    }

    public OrgCard card(UUID orgId) {
        List<?> rows = em.createNativeQuery("SELECT wechat_group_url, web_address FROM org_card WHERE org_id = :id",
                Tuple.class).setParameter("id", orgId).getResultList();
        if (rows.isEmpty()) {
            return OrgCard.NONE;
        }
        Tuple row = (Tuple) rows.get(0);
        return new OrgCard(row.get(0, String.class), row.get(1, String.class));
    }

    /** A {@code Liaison}/{@code ContactPerson} JSON object as a person to reach. */
    public static Person person(JsonNode node) {
        return node == null ? null
                : new Person(uuid(node, "memberId"), text(node, "name"), text(node, "phone"), text(node, "wechat"),
                        text(node, "email"));
    }

    private Person person(String json) {
        try {
            return json == null ? null : person(mapper.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("member_recipient holds unreadable liaison JSON", e);
        }
    }

    private static UUID required(IncomingEvent event, String field) {
        try {
            UUID id = uuid(event.payload(), field);
            if (id != null) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new MalformedEventException(event.type() + " " + event.id() + " lacks a valid " + field);
    }
}
