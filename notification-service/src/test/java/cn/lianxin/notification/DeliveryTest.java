package cn.lianxin.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.notification.support.NotificationTestSupport;
import cn.lianxin.notification.support.Payloads.Contact;
import cn.lianxin.notification.support.Payloads;
import cn.lianxin.notification.support.PeersTestResource;
import cn.lianxin.platform.observability.Traceparent;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Management;
import cn.lianxin.testing.TestClock;

/** Exactly once per (event, recipient, channel); back-off, fallback, failure, quiet hours, the persisted schedule. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@WithTestResource(PeersTestResource.class)
class DeliveryTest extends NotificationTestSupport {

    private static final String UNCONTROLLED = "lianxin.contact.MemberUncontrolled.v1";

    @Test
    void aRedeliveredEventNotifiesOnceOnly() {
        Tree tree = tree();
        UUID member = member(tree, "赵党员", mobile(), null, null);
        UUID eventId = UUID.randomUUID();
        String payload = Payloads.memberUncontrolled(member, tree.branch());

        publish(UNCONTROLLED, eventId, member, payload);
        publish(UNCONTROLLED, eventId, member, payload);
        // A later event on the same key is consumed after both copies: once it is handled, so are they.
        UUID marker = publish(UNCONTROLLED, member, Payloads.memberUncontrolled(member, tree.branch()));
        awaitDelivered(marker, "SMS");

        assertThat(notifications(eventId)).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("DELIVERED"));
        assertThat(awaitGateway(tree.branchSecretary().phone(), 2)).hasSize(2); // the event once, the marker once
    }

    @Test
    void aNotificationKeepsTheTraceOfTheEventThatPlannedIt() {
        Tree tree = tree();
        UUID member = member(tree, "吴党员", mobile(), null, null);
        UUID eventId = UUID.randomUUID();
        String payload = Payloads.memberUncontrolled(member, tree.branch());
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        events.publish("contact.events", UNCONTROLLED, eventId, member, payload, "00-" + traceId + "-00f067aa0ba902b7-01");
        Row delivered = awaitNotification(eventId, "SMS", r -> r.status().equals("DELIVERED"));

        String stored = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT traceparent FROM notification WHERE id = :id").setParameter("id", delivered.id()).getSingleResult());
        assertThat(Traceparent.traceId(stored)).contains(traceId);
        // the delivery continues it: NotificationDelivered is published in the same trace
        var record = events.await("notification.events", r -> KafkaEvents.payload(r).path("notificationId").asText()
                .equals(delivered.id().toString()));
        assertThat(Traceparent.traceId(KafkaEvents.header(record, Traceparent.HEADER))).contains(traceId);
    }

    @Test
    void theUniqueConstraintRefusesASecondNotificationForTheSameEventRecipientAndChannel() {
        Tree tree = tree();
        UUID member = member(tree, "钱党员", mobile(), null, null);
        UUID event = publish(UNCONTROLLED, member, Payloads.memberUncontrolled(member, tree.branch()));
        Row row = awaitNotification(event, "SMS", r -> true);

        int inserted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                INSERT INTO notification (id, source_event_id, source_event_type, template_key, org_id, recipient_key,
                    recipient_role, channel, recipient_addresses, model, status, created_at)
                SELECT gen_random_uuid(), source_event_id, source_event_type, template_key, org_id, recipient_key,
                    recipient_role, channel, recipient_addresses, model, 'PENDING', created_at FROM notification WHERE id = :id
                ON CONFLICT ON CONSTRAINT notification_once_per_event_recipient_channel DO NOTHING
                """).setParameter("id", row.id()).executeUpdate());

        assertThat(inserted).isZero();
    }

    @Test
    void aGatewayErrorIsRetriedWithExponentialBackoffUntilDelivered() {
        Tree tree = tree();
        UUID member = member(tree, "孙党员", mobile(), null, null);
        gateways().script(tree.branchSecretary().phone(), 500, 503);
        Instant start = clock.instant();
        double sentBefore = Management.value("lianxin_deliveries_total", "channel", "SMS", "outcome", "sent");
        double failedBefore = Management.value("lianxin_deliveries_total", "channel", "SMS", "outcome", "failed");

        UUID event = publish(UNCONTROLLED, member, Payloads.memberUncontrolled(member, tree.branch()));
        Row first = awaitNotification(event, "SMS", r -> r.attempts() == 1);
        assertThat(first.status()).isEqualTo("PENDING");
        assertThat(first.nextAttemptAt()).isEqualTo(start.plus(Duration.ofMinutes(1)));

        clock.advance(Duration.ofMinutes(1));
        Row second = awaitNotification(event, "SMS", r -> r.attempts() == 2);
        assertThat(second.nextAttemptAt()).isEqualTo(start.plus(Duration.ofMinutes(1 + 2)));

        clock.advance(Duration.ofMinutes(2));
        Row delivered = awaitNotification(event, "SMS", r -> r.status().equals("DELIVERED"));
        assertThat(delivered.attempts()).isEqualTo(3);
        assertThat(awaitGateway(tree.branchSecretary().phone(), 3)).hasSize(3);
        // every attempt counted by channel and outcome (other tests' deliveries may run meanwhile: at least these)
        assertThat(Management.value("lianxin_deliveries_total", "channel", "SMS", "outcome", "failed"))
                .isGreaterThanOrEqualTo(failedBefore + 2);
        assertThat(Management.value("lianxin_deliveries_total", "channel", "SMS", "outcome", "sent"))
                .isGreaterThanOrEqualTo(sentBefore + 1);

        JsonNode outcome = awaitOutcome(DELIVERED, delivered.id());
        assertThat(outcome.get("attempts").asInt()).isEqualTo(3);
        assertThat(outcome.get("fallback").asBoolean()).isFalse();
        assertThat(outcome.get("recipient").get("role").asText()).isEqualTo("SECRETARY");
        assertThat(outcome.get("recipient").get("orgId").asText()).isEqualTo(tree.branch().toString());

        given().auth().oauth2(tokens.admin()).get("/api/v1/notifications/{id}", delivered.id()).then()
                .statusCode(200)
                .body("status", equalTo("DELIVERED"))
                .body("deliveryAttempts", hasSize(3))
                .body("deliveryAttempts[0].outcome", equalTo("FAILED"))
                .body("deliveryAttempts[0].errorCode", equalTo("GATEWAY_ERROR"))
                .body("deliveryAttempts[1].errorCode", equalTo("GATEWAY_ERROR"))
                .body("deliveryAttempts[2].outcome", equalTo("DELIVERED"));
    }

    @Test
    void afterTheRetriesTheNextChannelIsTriedAndNotificationFailedNamesIt() throws Exception {
        Contact secretary = secretary("张书记", false, true); // phone and e-mail, no WeChat
        Tree tree = tree(secretary("市委书记", false, false), secretary);
        UUID member = member(tree, "李党员", mobile(), null, null);
        gateways().script(secretary.phone(), 503, 503, 503, 503);

        UUID event = publish(UNCONTROLLED, member, Payloads.memberUncontrolled(member, tree.branch()));
        awaitNotification(event, "SMS", r -> r.attempts() == 1);
        for (int attempt = 2; attempt <= 4; attempt++) {
            clock.advance(Duration.ofMinutes(1L << (attempt - 2))); // 1, 2, 4 minutes
            int expected = attempt;
            awaitNotification(event, "SMS", r -> r.attempts() == expected);
        }

        Row sms = awaitNotification(event, "SMS", r -> r.status().equals("FAILED"));
        Row mail = awaitNotification(event, "EMAIL", r -> r.status().equals("DELIVERED"));
        assertThat(mail.fallback()).isTrue();
        assertThat(awaitMail(secretary.email()).getContent().toString()).contains("张书记同志", "李党员");

        JsonNode failed = awaitOutcome(FAILED, sms.id());
        assertThat(failed.get("attempts").asInt()).isEqualTo(4);
        assertThat(failed.get("error").get("code").asText()).isEqualTo("GATEWAY_ERROR");
        assertThat(failed.get("fallbackTo").asText()).isEqualTo("EMAIL");
        assertThat(failed.get("recipient").get("maskedAddress").asText()).contains("****");
        JsonNode delivered = awaitOutcome(DELIVERED, mail.id());
        assertThat(delivered.get("fallback").asBoolean()).isTrue();
    }

    @Test
    void aRejectedMessageWithNoChannelLeftFailsAndCanBeRetriedByHand() {
        Contact secretary = secretary("张书记", false, false); // phone only
        Tree tree = tree(secretary("市委书记", false, false), secretary);
        UUID member = member(tree, "周党员", mobile(), null, null);
        gateways().script(secretary.phone(), 403);

        UUID event = publish(UNCONTROLLED, member, Payloads.memberUncontrolled(member, tree.branch()));

        Row failed = awaitNotification(event, "SMS", r -> r.status().equals("FAILED"));
        assertThat(failed.attempts()).isEqualTo(1); // a rejection is not retried
        assertThat(notifications(event)).hasSize(1);
        JsonNode outcome = awaitOutcome(FAILED, failed.id());
        assertThat(outcome.get("error").get("code").asText()).isEqualTo("REJECTED");
        assertThat(outcome.has("fallbackTo")).isFalse();

        given().auth().oauth2(tokens.admin()).post("/api/v1/notifications/{id}/retry", failed.id()).then()
                .statusCode(202)
                .body("status", equalTo("PENDING"));
        Row delivered = awaitNotification(event, "SMS", r -> r.status().equals("DELIVERED"));
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat(awaitGateway(secretary.phone(), 2)).hasSize(2);

        given().auth().oauth2(tokens.admin()).post("/api/v1/notifications/{id}/retry", failed.id()).then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void smsIsDeferredDuringQuietHoursAndSentAtEightInTheMorning() {
        clock.pin(TestClock.shanghai("2027-03-01T23:00"));
        Tree tree = tree();
        UUID member = member(tree, "吴党员", mobile(), null, null);

        UUID event = publish(UNCONTROLLED, member, Payloads.memberUncontrolled(member, tree.branch()));

        Row deferred = awaitNotification(event, "SMS", Row::deferred);
        assertThat(deferred.status()).isEqualTo("PENDING");
        assertThat(deferred.attempts()).isZero();
        assertThat(deferred.nextAttemptAt()).isEqualTo(TestClock.shanghai("2027-03-02T08:00"));
        assertThat(gateways().to(tree.branchSecretary().phone())).isEmpty();

        clock.pin(TestClock.shanghai("2027-03-02T08:00"));
        Row delivered = awaitNotification(event, "SMS", r -> r.status().equals("DELIVERED"));
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1)).hasSize(1);
        JsonNode outcome = awaitOutcome(DELIVERED, delivered.id());
        assertThat(outcome.get("deferredByQuietHours").asBoolean()).isTrue();
    }

    @Test
    void emailIsExemptFromQuietHours() throws Exception {
        clock.pin(TestClock.shanghai("2027-03-01T23:30"));
        Tree tree = tree();
        String mail = email("night");
        UUID member = member(tree, "郑党员", mobile(), mail, "EMAIL");

        UUID event = publish("lianxin.member.MemberFlowedOut.v1", member,
                Payloads.memberFlowedOut(member, tree.branch(), mobile(), "wx-zheng"));

        Row delivered = awaitNotification(event, "EMAIL", r -> r.status().equals("DELIVERED"));
        assertThat(delivered.deferred()).isFalse();
        assertThat(awaitMail(mail).getSubject()).contains("联心卡");
    }

    @Test
    void whatIsDueInThePersistedScheduleIsDeliveredByTheDispatcher() {
        // As a previous process (stopped before it could deliver) left it: a PENDING row, due in the past.
        Tree tree = tree();
        UUID member = member(tree, "王党员", mobile(), null, null);
        UUID id = UUID.randomUUID();
        String phone = mobile();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO notification (id, source_event_id, source_event_type, template_key, member_id, org_id, org_path,
                    recipient_key, recipient_role, recipient_org_id, recipient_name, channel, address, recipient_addresses,
                    model, status, attempts, next_attempt_at, created_at)
                VALUES (:id, :event, 'lianxin.contact.MemberUncontrolled.v1', 'member-uncontrolled', :member, :org, :path,
                    :key, 'SECRETARY', :org, '张书记', 'SMS', :phone, CAST(:addresses AS jsonb),
                    CAST(:model AS jsonb), 'PENDING', 1, :due, :due)
                """)
                .setParameter("id", id).setParameter("event", UUID.randomUUID()).setParameter("member", member)
                .setParameter("org", tree.branch()).setParameter("path", "/" + tree.root() + "/" + tree.branch() + "/")
                .setParameter("key", "SECRETARY:" + tree.branch()).setParameter("phone", phone)
                .setParameter("addresses", "{\"SMS\": \"" + phone + "\"}")
                .setParameter("model", """
                        {"recipientName": "张书记", "memberName": "王党员", "orgName": "第一党支部", "leftDate": "2027-01-10",
                         "uncontrolledSince": "2027-02-10", "destination": "内蒙古乌海市"}
                        """)
                .setParameter("due", clock.instant().minus(Duration.ofHours(3)))
                .executeUpdate());

        List<?> arrived = awaitGateway(phone, 1);
        assertThat(arrived).hasSize(1);
        assertThat(gateways().to(phone).get(0).body().get("content").asText()).contains("王党员", "内蒙古乌海市");
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT status FROM notification WHERE id = :id").setParameter("id", id)
                .getSingleResult().equals("DELIVERED")));
        assertThat(PeersTestResource.gateways().to(phone).get(0).body().get("requestId").asText()).isEqualTo(id.toString());
    }

    @Test
    void aRecipientWhoseOrgArrivesAfterTheEventIsReachedOnTheNextAttempt() {
        Tree tree = tree();
        UUID member = member(tree, "褚党员", mobile(), null, null);
        UUID lateOrg = UUID.randomUUID();

        UUID event = publish("lianxin.case.CaseEscalated.v1", member,
                Payloads.caseEscalated(UUID.randomUUID(), member, tree.branch(), lateOrg));
        Row unknown = awaitNotification(event, "SMS", r -> r.attempts() == 1);
        assertThat(unknown.status()).isEqualTo("PENDING");
        assertThat(unknown.address()).isNull();

        Contact secretary = secretary("迟书记", false, false);
        publish(ORG_CREATED, lateOrg, Payloads.orgCreated(lateOrg, List.of(tree.root(), lateOrg), "GENERAL_BRANCH",
                "第一党总支", secretary, null, null, null));
        awaitRow("SELECT count(*) FROM org_projection WHERE org_id = '" + lateOrg + "'");
        clock.advance(Duration.ofMinutes(1));

        Row delivered = awaitNotification(event, "SMS", r -> r.status().equals("DELIVERED"));
        assertThat(delivered.address()).isEqualTo(secretary.phone());
        assertThat(awaitGateway(secretary.phone(), 1).get(0).body().get("content").asText())
                .startsWith("迟书记同志：").contains("褚党员");
        given().auth().oauth2(tokens.admin()).get("/api/v1/notifications/{id}", delivered.id()).then()
                .body("deliveryAttempts[0].errorCode", equalTo("NO_ADDRESS"))
                .body("deliveryAttempts[1].outcome", equalTo("DELIVERED"));
    }
}
