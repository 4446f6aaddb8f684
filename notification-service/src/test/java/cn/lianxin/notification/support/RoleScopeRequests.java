package cn.lianxin.notification.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.contracts.EventType;
import cn.lianxin.notification.support.Payloads.Contact;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.RoleScopeContract.World;

/** The least-privilege matrix's world for notification-service, built from the events it consumes. */
public final class RoleScopeRequests {

    private static final EventSchemas SCHEMAS = EventSchemas.load();

    private final KafkaEvents events = KafkaEvents.forTests();
    private final EntityManager em;
    /** A notification about each member of the world (from a CaseOpened). */
    private final Map<UUID, UUID> notificationAbout = new ConcurrentHashMap<>();

    public RoleScopeRequests(EntityManager em) {
        this.em = em;
    }

    public World createWorld() {
        UUID committee = UUID.randomUUID();
        UUID branch = UUID.randomUUID();
        publish("lianxin.member.OrgCreated.v1", committee, Payloads.orgCreated(committee, List.of(committee), "COMMITTEE",
                "中共Y区委", new Contact("区委书记", "13911110000", null, null), null, null, null));
        publish("lianxin.member.OrgCreated.v1", branch, Payloads.orgCreated(branch, List.of(committee, branch), "BRANCH",
                "第九党支部", new Contact("九支书记", "13911110001", null, null), null, null, null));
        UUID liaison = register(branch, List.of(committee, branch), "刘联络", "13911110002");
        UUID own = register(branch, List.of(committee, branch), "本党员", "13911110003");
        UUID other = register(branch, List.of(committee, branch), "他党员", "13911110004");
        publish("lianxin.member.LiaisonAssigned.v1", own, """
                {"memberId": "%s", "orgId": "%s", "liaison": {"memberId": "%s", "name": "刘联络", "phone": "13911110002"}}
                """.formatted(own, branch, liaison));
        for (UUID member : List.of(own, other)) {
            UUID event = publish("lianxin.case.CaseOpened.v1", member, Payloads.caseOpened(UUID.randomUUID(), member, branch));
            await().atMost(Duration.ofSeconds(30)).until(() -> id("SELECT id FROM notification WHERE source_event_id = '"
                    + event + "' AND org_path IS NOT NULL") != null);
            notificationAbout.put(member, id("SELECT id FROM notification WHERE source_event_id = '" + event + "'"));
        }
        return new World(committee, branch, liaison, own, other);
    }

    public UUID notificationAbout(UUID member) {
        return notificationAbout.get(member);
    }

    /** A FAILED copy of the notification about the member: what a retry is for (each call gets its own). */
    public UUID failedAbout(UUID member) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO notification (id, source_event_id, source_event_type, template_key, member_id, case_id, org_id,
                    org_path, recipient_key, recipient_role, recipient_org_id, recipient_name, channel, address,
                    recipient_addresses, model, status, attempts, created_at, failed_at, last_error_code, last_error)
                SELECT :id, gen_random_uuid(), source_event_type, template_key, member_id, case_id, org_id, org_path,
                    recipient_key, recipient_role, recipient_org_id, recipient_name, channel, address, recipient_addresses,
                    model, 'FAILED', 4, :at, :at, 'GATEWAY_ERROR', 'gateway answered 503'
                FROM notification WHERE id = :of
                """).setParameter("id", id).setParameter("at", Instant.parse("2027-03-01T02:00:00Z"))
                .setParameter("of", notificationAbout(member)).executeUpdate());
        return id;
    }

    /** A template's subject and body as stored now. */
    public Map<String, String> template(String key) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) em.createNativeQuery(
                    "SELECT subject, body FROM notification_template WHERE template_key = :key")
                    .setParameter("key", key).getSingleResult();
            return Map.of("subject", (String) row[0], "body", (String) row[1]);
        });
    }

    private UUID register(UUID branch, List<UUID> path, String name, String phone) {
        UUID member = UUID.randomUUID();
        publish("lianxin.member.MemberRegistered.v1", member,
                Payloads.memberRegistered(member, branch, path, name, phone, null, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> id("SELECT member_id FROM member_recipient WHERE member_id = '"
                + member + "' AND org_path IS NOT NULL") != null);
        return member;
    }

    private UUID publish(String ceType, UUID subject, String json) {
        SCHEMAS.assertValid(ceType, json);
        return events.publish(EventType.parse(ceType).topic(), ceType, subject, json);
    }

    private UUID id(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery(sql).getResultList();
            return rows.isEmpty() ? null : (UUID) rows.get(0);
        });
    }
}
