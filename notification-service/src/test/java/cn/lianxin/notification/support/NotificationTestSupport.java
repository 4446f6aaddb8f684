package cn.lianxin.notification.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;

import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.contracts.EventType;
import cn.lianxin.notification.delivery.DigestFlush;
import cn.lianxin.notification.support.Payloads.Contact;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.Tokens;

/** Shared set-up: an org tree and members published as member-service would, and ways to watch delivery. */
public abstract class NotificationTestSupport {

    public static final String ORG_CREATED = "lianxin.member.OrgCreated.v1";
    public static final String MEMBER_REGISTERED = "lianxin.member.MemberRegistered.v1";
    public static final String DELIVERED = "lianxin.notification.NotificationDelivered.v1";
    public static final String FAILED = "lianxin.notification.NotificationFailed.v1";

    private static final EventSchemas SCHEMAS = EventSchemas.load();

    protected final KafkaEvents events = KafkaEvents.forTests();
    protected final Tokens tokens = Tokens.forTests();

    @Inject
    protected TestClock clock;

    @Inject
    protected EntityManager em;

    @Inject
    protected DigestFlush digests;

    /** A notification row as stored. */
    public record Row(UUID id, String recipientKey, String role, String channel, String status, String address,
            int attempts, Instant nextAttemptAt, boolean deferred, boolean fallback, String templateKey) {
    }

    /** 市委 (root) → 第一支部 (branch); both secretaries reachable. */
    public record Tree(UUID root, UUID branch, List<UUID> branchPath, Contact rootSecretary, Contact branchSecretary) {
    }

    /** Delivery runs on its own schedule (every 5 s) behind whatever earlier tests left due: room for a busy CI. */
    private static final Duration AWAIT = Duration.ofSeconds(60);

    @BeforeEach
    void daytimeInShanghai() {
        clock.pin(TestClock.shanghai("2027-03-01T10:00"));
        // Every test closes its digest window at the same instant: what earlier tests left in the delivery schedule
        // (retries, back-offs) is moved out of the way, so that a test waits for its own deliveries only.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE notification SET next_attempt_at = '2100-01-01T00:00:00Z' WHERE status = 'PENDING'").executeUpdate());
    }

    /**
     * Closes the digest window the test's held notifications wait in (they arrived on 2027-03-01 after 09:00, so it
     * closes at 09:00 the next morning, Shanghai) and puts what it held into the delivery schedule.
     */
    protected void closeDigestWindow() {
        clock.pin(TestClock.shanghai("2027-03-02T09:00"));
        digests.flush(clock.instant());
    }

    /** Waits until the event's {@code count} notifications are held for a digest, then closes the window. */
    protected void awaitHeldThenCloseWindow(UUID sourceEventId, int count) {
        awaitNotifications(sourceEventId, count, r -> r.status().equals("HELD"));
        closeDigestWindow();
    }

    protected static GatewayStub gateways() {
        return PeersTestResource.gateways();
    }

    protected static String mobile() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    protected static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    protected Contact secretary(String name, boolean wechat, boolean email) {
        String phone = mobile();
        return new Contact(name, phone, wechat ? "wx" + phone : null, email ? email("sec") : null);
    }

    protected Tree tree() {
        return tree(secretary("市委书记", true, true), secretary("张书记", true, true));
    }

    protected Tree tree(Contact rootSecretary, Contact branchSecretary) {
        UUID root = UUID.randomUUID();
        UUID branch = UUID.randomUUID();
        publish(ORG_CREATED, root, Payloads.orgCreated(root, List.of(root), "COMMITTEE", "中共X市委", rootSecretary,
                null, null, null));
        publish(ORG_CREATED, branch, Payloads.orgCreated(branch, List.of(root, branch), "BRANCH", "第一党支部",
                branchSecretary, new Contact("李委员", "13900139000", null, null), "https://weixin.example.cn/g/1",
                "https://dj.example.cn/b1"));
        awaitRow("SELECT count(*) FROM org_card WHERE org_id = '" + branch + "'");
        awaitRow("SELECT count(*) FROM org_projection WHERE org_id = '" + root + "'");
        return new Tree(root, branch, List.of(root, branch), rootSecretary, branchSecretary);
    }

    protected UUID member(Tree tree, String name, String phone, String email, String preferred) {
        UUID member = UUID.randomUUID();
        publish(MEMBER_REGISTERED, member, Payloads.memberRegistered(member, tree.branch(), tree.branchPath(), name,
                phone, null, email, preferred));
        awaitRow("SELECT count(*) FROM member_recipient WHERE member_id = '" + member + "' AND name <> ''");
        return member;
    }

    /** Publishes as the producing service would, after checking the payload against its JSON Schema. */
    protected UUID publish(String ceType, UUID subject, String json) {
        SCHEMAS.assertValid(ceType, json);
        return events.publish(EventType.parse(ceType).topic(), ceType, subject, json);
    }

    protected void publish(String ceType, UUID eventId, UUID subject, String json) {
        SCHEMAS.assertValid(ceType, json);
        events.publish(EventType.parse(ceType).topic(), ceType, eventId, subject, json);
    }

    protected List<Row> notifications(UUID sourceEventId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Row> rows = new ArrayList<>();
            for (Object o : em.createNativeQuery("""
                    SELECT id, recipient_key, recipient_role, channel, status, address, attempts, next_attempt_at,
                        deferred_by_quiet_hours, fallback, template_key
                    FROM notification WHERE source_event_id = :id ORDER BY created_at, channel
                    """, Tuple.class).setParameter("id", sourceEventId).getResultList()) {
                Tuple t = (Tuple) o;
                rows.add(new Row(t.get(0, UUID.class), t.get(1, String.class), t.get(2, String.class),
                        t.get(3, String.class), t.get(4, String.class), t.get(5, String.class), t.get(6, Integer.class),
                        t.get(7, Instant.class), t.get(8, Boolean.class), t.get(9, Boolean.class), t.get(10, String.class)));
            }
            return rows;
        });
    }

    /** Waits until the event's notifications number {@code count} and all match. */
    protected List<Row> awaitNotifications(UUID sourceEventId, int count, Predicate<Row> match) {
        await().atMost(AWAIT).until(() -> {
            List<Row> rows = notifications(sourceEventId);
            return rows.size() == count && rows.stream().allMatch(match);
        });
        return notifications(sourceEventId);
    }

    protected Row awaitNotification(UUID sourceEventId, String channel, Predicate<Row> match) {
        try {
            await().atMost(AWAIT).until(() -> notifications(sourceEventId).stream()
                    .anyMatch(r -> r.channel().equals(channel) && match.test(r)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + channel + " notification of event " + sourceEventId + " matched within "
                    + AWAIT + "; " + schedule(sourceEventId), e);
        }
        return notifications(sourceEventId).stream().filter(r -> r.channel().equals(channel)).findFirst().orElseThrow();
    }

    /**
     * Waits until the event's {@code channel} notification is delivered, letting the pinned clock move on to a
     * retry's due time as real time would: a first attempt that failed on a busy machine (the SMTP or gateway stub
     * answering late) is retried after its back-off, and the message still has to arrive.
     */
    protected Row awaitDelivered(UUID sourceEventId, String channel) {
        return awaitNotification(sourceEventId, channel, r -> {
            if (r.status().equals("PENDING") && r.attempts() > 0 && r.nextAttemptAt().isAfter(clock.instant())) {
                clock.pin(r.nextAttemptAt());
            }
            return r.status().equals("DELIVERED");
        });
    }

    /** What the event's notifications look like, and what the dispatcher has due before them: for a failed wait. */
    private String schedule(UUID sourceEventId) {
        return QuarkusTransaction.requiringNew().call(() -> "clock " + clock.instant() + "; its notifications "
                + em.createNativeQuery("""
                        SELECT string_agg(concat_ws(' ', channel, status, 'attempts=' || attempts,
                            'next=' || next_attempt_at, last_error_code, last_error), ' | ')
                        FROM notification WHERE source_event_id = :id
                        """).setParameter("id", sourceEventId).getSingleResult()
                + "; due in the schedule: " + em.createNativeQuery(
                        "SELECT count(*) FROM notification WHERE status = 'PENDING' AND next_attempt_at <= :now")
                        .setParameter("now", clock.instant()).getSingleResult());
    }

    protected List<GatewayStub.Received> awaitGateway(String address, int count) {
        await().atMost(AWAIT).until(() -> gateways().to(address).size() >= count);
        return gateways().to(address);
    }

    protected MimeMessage awaitMail(String address) {
        await().atMost(AWAIT).until(() -> mailsTo(address).size() >= 1);
        return mailsTo(address).get(0);
    }

    protected static List<MimeMessage> mailsTo(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : PeersTestResource.smtp().getReceivedMessages()) {
            try {
                if (message.getAllRecipients() != null && List.of(message.getAllRecipients()).stream()
                        .anyMatch(a -> a.toString().contains(address))) {
                    found.add(message);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return found;
    }

    /** The NotificationDelivered / NotificationFailed of one notification, schema-checked by KafkaEvents. */
    protected JsonNode awaitOutcome(String ceType, UUID notificationId) {
        ConsumerRecord<String, String> record = events.await("notification.events",
                r -> ceType.equals(KafkaEvents.header(r, "ce_type"))
                        && KafkaEvents.payload(r).path("notificationId").asText().equals(notificationId.toString()));
        return KafkaEvents.payload(record);
    }

    protected void awaitRow(String countSql) {
        await().atMost(AWAIT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(countSql).getSingleResult()).longValue() > 0));
    }
}
