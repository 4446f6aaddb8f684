package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.platform.inbox.ProcessedEvent;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.ETags;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.Tokens;

/** Contact-data health (联系方式核实): failed deliveries flag a detail; confirmations clear them; 12 months unconfirmed. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ContactHealthTest {

    private static final String NOTIFICATION_FAILED = "lianxin.notification.NotificationFailed.v1";
    private static final String NOTIFICATION_DELIVERED = "lianxin.notification.NotificationDelivered.v1";

    @Inject
    TestClock clock;

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final KafkaEvents events = KafkaEvents.forTests();

    /** Members registered before the failures below are dated (a failure from before a detail was set flags nothing). */
    @BeforeEach
    void registerBeforeTheFailures() {
        clock.pin(TestClock.shanghai("2026-10-01T10:00"));
    }

    @AfterEach
    void unpinClock() {
        clock.release();
    }

    static String failed(UUID member, UUID branch, String channel, String code, String failedAt, String fallbackTo) {
        return failed(member, branch, "MEMBER", CONTACT_MISSED, channel, code, failedAt, fallbackTo);
    }

    private static final String CONTACT_MISSED = "lianxin.contact.ContactMissed.v1";
    private static final String MEMBER_FLOWED_OUT = "lianxin.member.MemberFlowedOut.v1";

    /** A NotificationFailed to the member {@code member} in the role {@code role}, caused by a {@code sourceType}. */
    static String failed(UUID member, UUID branch, String role, String sourceType, String channel, String code,
            String failedAt, String fallbackTo) {
        return """
                {"notificationId": "%s", "sourceEventId": "%s", "sourceEventType": "%s",
                 "memberId": "%s", "orgId": "%s",
                 "recipient": {"role": "%s", "memberId": "%s", "name": "某党员", "maskedAddress": "137****5678"},
                 "channel": "%s", "templateKey": "contact-missed.reminder", "attempts": 5, "failedAt": "%s",
                 "error": {"code": "%s", "message": "delivery failed"}%s}
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), sourceType, member, branch, role, member, channel,
                failedAt, code, fallbackTo == null ? "" : ", \"fallbackTo\": \"" + fallbackTo + "\"");
    }

    private ValidatableResponse member(UUID id) {
        return given().auth().oauth2(tokens.admin()).get("/api/v1/members/{id}", id).then().statusCode(200);
    }

    private void awaitFailing(UUID member, String detail) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> member(member)
                .body("contactHealth.failing.detail", hasItem(detail)));
    }

    @Test
    void aFailedDeliveryFlagsTheDetailOfItsChannelWithItsErrorCodeAndARedeliveryChangesNothing() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "康短信");
        UUID first = UUID.randomUUID();
        String invalid = failed(member, tree[1], "EMAIL", "INVALID_ADDRESS", "2026-11-01T09:00:00+08:00", "SMS");

        events.publish("notification.events", NOTIFICATION_FAILED, first, member, invalid);
        awaitFailing(member, "EMAIL");
        events.publish("notification.events", NOTIFICATION_FAILED, member,
                failed(member, tree[1], "EMAIL", "REJECTED", "2026-11-02T09:00:00+08:00", null));
        events.publish("notification.events", NOTIFICATION_FAILED, first, member, invalid); // redelivered
        UUID delivered = events.publish("notification.events", NOTIFICATION_DELIVERED, member, """
                {"notificationId": "%s", "sourceEventId": "%s", "sourceEventType": "lianxin.contact.ContactMissed.v1",
                 "memberId": "%s", "orgId": "%s", "recipient": {"role": "MEMBER", "memberId": "%s"}, "channel": "SMS",
                 "templateKey": "contact-missed.reminder", "attempts": 1, "deliveredAt": "2026-11-02T10:00:00+08:00",
                 "fallback": false}
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), member, tree[1], member));
        events.publish("notification.events", NOTIFICATION_FAILED, member,
                failed(member, tree[1], "WECHAT", "INVALID_ADDRESS", "2026-11-03T09:00:00+08:00", null));
        awaitFailing(member, "WECHAT"); // same key, same partition: everything before it is applied

        assertThat(QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", first))).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", delivered))).isEqualTo(1);

        member(member)
                .body("contactHealth.failing.detail", contains("EMAIL", "WECHAT"))
                .body("contactHealth.failing[0].channel", equalTo("EMAIL"))
                .body("contactHealth.failing[0].since", equalTo("2026-11-01T01:00:00Z"))
                .body("contactHealth.failing[0].errorCode", equalTo("REJECTED"))
                .body("contactHealth.failing[1].errorCode", equalTo("INVALID_ADDRESS"))
                .body("contactHealth.verificationDue", equalTo(true))
                .body("contactHealth.reasons", contains("EMAIL_FAILING", "WECHAT_FAILING"));
    }

    @Test
    void aFailedDeliveryToSomeoneOutsideTheRegisterOrOfATemplateFlagsNothing() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "康模板");
        UUID stranger = UUID.randomUUID();

        events.publish("notification.events", NOTIFICATION_FAILED, stranger,
                failed(stranger, tree[1], "SMS", "INVALID_ADDRESS", "2026-11-01T09:00:00+08:00", null));
        events.publish("notification.events", NOTIFICATION_FAILED, member,
                failed(member, tree[1], "SMS", "TEMPLATE_ERROR", "2026-11-01T09:00:00+08:00", null));
        events.publish("notification.events", NOTIFICATION_FAILED, member,
                failed(member, tree[1], "EMAIL", "REJECTED", "2026-11-01T09:05:00+08:00", null));
        awaitFailing(member, "EMAIL");

        member(member).body("contactHealth.failing.detail", contains("EMAIL"));
    }

    @Test
    void onlyAnInvalidOrRejectedAddressFlagsTheDetailNotAGatewayATimeoutOrNoAddress() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "康网关");
        for (String code : new String[] {"GATEWAY_ERROR", "NO_ADDRESS", "TIMEOUT", "OTHER", "TEMPLATE_ERROR"}) {
            events.publish("notification.events", NOTIFICATION_FAILED, member,
                    failed(member, tree[1], "SMS", code, "2026-11-01T09:00:00+08:00", "EMAIL"));
        }
        events.publish("notification.events", NOTIFICATION_FAILED, member,
                failed(member, tree[1], "EMAIL", "INVALID_ADDRESS", "2026-11-01T09:05:00+08:00", "WECHAT"));
        events.publish("notification.events", NOTIFICATION_FAILED, member,
                failed(member, tree[1], "WECHAT", "REJECTED", "2026-11-01T09:10:00+08:00", null));
        awaitFailing(member, "WECHAT"); // same key, same partition: everything before it is applied

        member(member).body("contactHealth.failing.detail", contains("EMAIL", "WECHAT"))
                .body("contactHealth.failing[0].errorCode", equalTo("INVALID_ADDRESS"))
                .body("contactHealth.failing[1].errorCode", equalTo("REJECTED"));
    }

    @Test
    void aFailureToTheLiaisonsCopyOrToTheOutflowsContactFlagsNothingOnTheRegister() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "康别址");

        events.publish("notification.events", NOTIFICATION_FAILED, member, // the phone copied at liaison assignment
                failed(member, tree[1], "LIAISON", CONTACT_MISSED, "SMS", "INVALID_ADDRESS", "2026-11-01T09:00:00+08:00", null));
        events.publish("notification.events", NOTIFICATION_FAILED, member, // the outflow's WeChat
                failed(member, tree[1], "MEMBER", MEMBER_FLOWED_OUT, "WECHAT", "REJECTED", "2026-11-01T09:05:00+08:00", null));
        events.publish("notification.events", NOTIFICATION_FAILED, member,
                failed(member, tree[1], "MEMBER", CONTACT_MISSED, "EMAIL", "REJECTED", "2026-11-01T09:10:00+08:00", null));
        awaitFailing(member, "EMAIL");

        member(member).body("contactHealth.failing.detail", contains("EMAIL"));
    }

    @Test
    void aFailureDatedAtOrBeforeThePhoneChangedAndConsumedAfterItDoesNotFlagTheNewPhone() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "康迟到");
        String secretary = tokens.forRole(Roles.SECRETARY, tree[1]);
        clock.pin(TestClock.shanghai("2026-11-10T10:00"));
        given().auth().oauth2(secretary).contentType(ContentType.JSON)
                .header("If-Match", ETags.of(secretary, "/api/v1/members/{id}", member))
                .body("{\"phone\": \"13900002222\"}").patch("/api/v1/members/{id}", member).then().statusCode(200);

        events.publish("notification.events", NOTIFICATION_FAILED, member,
                failed(member, tree[1], "SMS", "INVALID_ADDRESS", "2026-11-05T09:00:00+08:00", null));
        events.publish("notification.events", NOTIFICATION_FAILED, member,
                failed(member, tree[1], "SMS", "REJECTED", "2026-11-10T10:00:00+08:00", null)); // the same instant
        events.publish("notification.events", NOTIFICATION_FAILED, member,
                failed(member, tree[1], "SMS", "INVALID_ADDRESS", "2026-11-12T09:00:00+08:00", null));
        awaitFailing(member, "PHONE"); // with the fix only the last one flags: everything before it is applied

        member(member).body("contactHealth.failing.detail", contains("PHONE"))
                .body("contactHealth.failing[0].since", equalTo("2026-11-12T01:00:00Z"));
    }

    @Test
    void aNewPhoneClearsOnlyThePhonesFlag() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "康换号");
        events.publish("notification.events", NOTIFICATION_FAILED, member,
                failed(member, tree[1], "SMS", "INVALID_ADDRESS", "2026-11-01T09:00:00+08:00", "EMAIL"));
        events.publish("notification.events", NOTIFICATION_FAILED, member,
                failed(member, tree[1], "EMAIL", "REJECTED", "2026-11-01T09:10:00+08:00", null));
        awaitFailing(member, "EMAIL");
        String secretary = tokens.forRole(Roles.SECRETARY, tree[1]);

        given().auth().oauth2(secretary).contentType(ContentType.JSON)
                .header("If-Match", ETags.of(secretary, "/api/v1/members/{id}", member))
                .body("{\"phone\": \"13900001111\"}").patch("/api/v1/members/{id}", member).then().statusCode(200)
                .body("contactHealth.failing.detail", contains("EMAIL"))
                .body("contactHealth.reasons", contains("EMAIL_FAILING"));
    }

    @Test
    void theLiaisonConfirmsTheDetailsWhichClearsEveryFlagAndRecordsWhoAndWhen() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID liaison = fixtures.member(tree[1], "康联络");
        UUID member = fixtures.member(tree[1], "康核实");
        UUID other = fixtures.member(tree[1], "康他人");
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", member))
                .body("{\"liaisonMemberId\": \"" + liaison + "\"}").put("/api/v1/members/{id}/liaison", member).then()
                .statusCode(200);
        events.publish("notification.events", NOTIFICATION_FAILED, member,
                failed(member, tree[1], "SMS", "INVALID_ADDRESS", "2026-11-01T09:00:00+08:00", null));
        awaitFailing(member, "PHONE");
        String liaisonToken = tokens.forMember(Roles.LIAISON, tree[1], liaison);
        Instant now = TestClock.shanghai("2026-11-20T15:00");
        clock.pin(now);

        given().auth().oauth2(liaisonToken).post("/api/v1/members/{id}/contact-confirmations", member).then()
                .statusCode(200).body("failing", empty()).body("confirmedAt", equalTo(now.toString()))
                .body("confirmedBy", equalTo(Tokens.subjectOf(Roles.LIAISON, liaison)))
                .body("verificationDue", equalTo(false)).body("reasons", empty());
        member(member).body("contactHealth.failing", empty()).body("contactHealth.confirmedAt", equalTo(now.toString()));
        given().auth().oauth2(tokens.forRole(Roles.AUDITOR, tree[0])).queryParam("orgId", tree[1])
                .get("/api/v1/audit/contact-confirmations").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].memberId", equalTo(member.toString())).body("items[0].cleared", contains("PHONE"))
                .body("items[0].confirmedBy", equalTo(Tokens.subjectOf(Roles.LIAISON, liaison)))
                .body("items[0].confirmedAt", equalTo(now.toString()));

        given().auth().oauth2(liaisonToken).post("/api/v1/members/{id}/contact-confirmations", other).then().statusCode(404);
        UUID elsewhere = fixtures.committeeWithBranch()[1];
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, elsewhere)).post("/api/v1/members/{id}/contact-confirmations", member)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(tokens.forRole(Roles.AUDITOR, tree[0])).post("/api/v1/members/{id}/contact-confirmations", member)
                .then().statusCode(403);
    }

    @Test
    void detailsNobodyConfirmedForTwelveMonthsAreListedForVerificationAndInTheAnnualReview() {
        UUID[] tree = fixtures.committeeWithBranch();
        clock.pin(TestClock.shanghai("2025-01-10T10:00"));
        UUID old = fixtures.member(tree[1], "康旧人");
        clock.pin(TestClock.shanghai("2025-12-01T10:00"));
        UUID recent = fixtures.member(tree[1], "康新人");
        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, tree[0]);

        given().auth().oauth2(orgAdmin).queryParam("asOf", "2026-01-10T09:59:00+08:00")
                .get("/api/v1/orgs/{id}/contact-verifications", tree[0]).then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(orgAdmin).queryParam("asOf", "2026-01-10T10:00:00+08:00")
                .get("/api/v1/orgs/{id}/contact-verifications", tree[0]).then().statusCode(200)
                .body("total", equalTo(1)).body("unconfirmedAfter", equalTo("P12M"))
                .body("items[0].memberId", equalTo(old.toString())).body("items[0].reasons", contains("UNCONFIRMED"));

        clock.pin(TestClock.shanghai("2026-02-01T10:00"));
        member(old).body("contactHealth.verificationDue", equalTo(true)).body("contactHealth.reasons", contains("UNCONFIRMED"));
        member(recent).body("contactHealth.verificationDue", equalTo(false));
        given().auth().oauth2(orgAdmin).queryParam("year", 2026).get("/api/v1/orgs/{id}/reviews", tree[0]).then()
                .statusCode(200)
                .body("items.find { it.memberId == '" + old + "' }.contactVerificationDue", equalTo(true))
                .body("items.find { it.memberId == '" + old + "' }.contactReasons", contains("UNCONFIRMED"))
                .body("items.find { it.memberId == '" + recent + "' }.contactVerificationDue", equalTo(false));

        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, tree[1])).post("/api/v1/members/{id}/contact-confirmations", old)
                .then().statusCode(200);
        given().auth().oauth2(orgAdmin).get("/api/v1/orgs/{id}/contact-verifications", tree[0]).then()
                .body("total", equalTo(0));
        given().auth().oauth2(orgAdmin).queryParam("asOf", "2027-02-01T10:00:00+08:00")
                .get("/api/v1/orgs/{id}/contact-verifications", tree[0]).then().body("total", equalTo(2));
    }

    @Test
    void theVerificationListIsScopedToTheSubtreeAndReadsItsAsOf() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID elsewhere = fixtures.committeeWithBranch()[1];

        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, elsewhere)).get("/api/v1/orgs/{id}/contact-verifications", tree[1])
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(tokens.admin()).queryParam("asOf", "yesterday")
                .get("/api/v1/orgs/{id}/contact-verifications", tree[1]).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("asOf"));
    }
}
