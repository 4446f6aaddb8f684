package cn.lianxin.systemtests;

import static cn.lianxin.systemtests.Actors.contact;
import static cn.lianxin.systemtests.Actors.liveUntil;
import static cn.lianxin.systemtests.Actors.org;
import static cn.lianxin.systemtests.Actors.person;
import static cn.lianxin.systemtests.Actors.plus;
import static cn.lianxin.systemtests.LianxinSystem.TRACKING;
import static cn.lianxin.systemtests.LianxinSystem.admin;
import static cn.lianxin.systemtests.LianxinSystem.api;
import static cn.lianxin.systemtests.LianxinSystem.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.systemtests.Actors.Registered;
import cn.lianxin.testing.KafkaEvents;

/**
 * 报平安 (docs/domain.md §7) across the services: a member nobody reached this quarter gets, with the quarterly reminder,
 * an SMS from notification-service with a personal link signed by its key; the link opens a page on tracking-service,
 * which checks it with the matching public key. Opening it records nothing (mail scanners open links); confirming it
 * records one SELF_CHECK_IN contact; the link works once; a link whose claims were altered is refused.
 */
@ExtendWith(LianxinSystem.class)
class SelfCheckInSystemTest {

    private static final String CONTACT_RECORDED = "lianxin.contact.ContactRecorded.v1";

    @Test
    void aMemberMissedForAQuarterChecksInOnceByTheSignedLinkOfTheReminderAndAnAlteredLinkIsRefused() {
        Instant start = Actors.nextOfficeMorning();
        LianxinSystem.travelTo(start);
        UUID committee = org(null, "COMMITTEE", "中共报平安街道工作委员会", person("书记"));
        UUID branch = org(committee, "BRANCH", "报平安社区支部", person("书记"));
        Registered member = Actors.registered(branch, "韩平安", "FULL");
        UUID neighbour = Actors.member(branch, "杨邻居", "FULL");
        Instant reached = start.plusSeconds(60);
        LianxinSystem.travelTo(reached);
        contact(member.id(), reached, "PHONE", "REACHED");
        contact(neighbour, reached, "PHONE", "REACHED");

        // A quarter without contact: the quarterly reminder; the member receives the 报平安 message with a link to
        // tracking-service (the link base notification-service was given).
        liveUntil(plus(start, 3, 1));
        events().await("contact.events", r -> member.id().toString().equals(r.key())
                && "lianxin.contact.ContactMissed.v1".equals(KafkaEvents.header(r, "ce_type"))
                && "QUARTERLY".equals(KafkaEvents.payload(r).path("obligation").asText())
                && "REMINDER".equals(KafkaEvents.payload(r).path("level").asText()));
        String text = Inboxes.awaitSms(member.phone(), "contact-missed.self-check-in", "韩平安", "点击报平安").body();
        Matcher found = Pattern.compile(Pattern.quote(LianxinSystem.url(TRACKING) + "/self-check-in/")
                + "([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)").matcher(text);
        assertThat(found.find()).as("a 报平安 link to tracking-service in %s", text).isTrue();
        String link = found.group();
        String token = found.group(1);
        String stateBefore = state(member.id());
        assertThat(stateBefore).isNotEqualTo("IN_CONTACT");

        // Opening the link shows the confirmation page and records nothing.
        get(link).statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<form method=\"post\">")).body(containsString("报平安"));
        assertThat(selfCheckIns(member.id())).isEmpty();
        assertThat(state(member.id())).isEqualTo(stateBefore);

        // Confirming records one SELF_CHECK_IN contact: tracking's history and status show it, and contact.events.
        post(link).statusCode(200).body(containsString("已报平安"));
        List<Map<String, Object>> recorded = selfCheckIns(member.id());
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0)).containsEntry("outcome", "REACHED").containsEntry("recordedBy", "self-check-in");
        Instant at = Instant.parse((String) recorded.get(0).get("at"));
        assertThat(state(member.id())).isEqualTo("IN_CONTACT");
        assertThat(Instant.parse(api(TRACKING, admin()).get("/api/v1/members/{id}/contact-status", member.id()).then()
                .statusCode(200).extract().path("lastReachedAt"))).isEqualTo(at);
        ConsumerRecord<String, String> event = events().await("contact.events", r -> member.id().toString().equals(r.key())
                && CONTACT_RECORDED.equals(KafkaEvents.header(r, "ce_type"))
                && "SELF_CHECK_IN".equals(KafkaEvents.payload(r).path("channel").asText()));
        assertThat(KafkaEvents.payload(event).path("outcome").asText()).isEqualTo("REACHED");

        // The same link again records nothing and says it was used.
        post(link).statusCode(409).body(containsString("链接已使用")).body(not(containsString("<form")));
        get(link).statusCode(409).body(containsString("链接已使用"));
        assertThat(selfCheckIns(member.id())).hasSize(1);

        // A link whose claims were altered (another member's id under the member's signature) is invalid, and records
        // nothing for anyone.
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains(member.id().toString());
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replace(member.id().toString(), neighbour.toString()).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String tampered = LianxinSystem.url(TRACKING) + "/self-check-in/" + altered;
        get(tampered).statusCode(404).body(containsString("链接无效"));
        post(tampered).statusCode(404).body(containsString("链接无效"));
        assertThat(selfCheckIns(neighbour)).isEmpty();
        assertThat(selfCheckIns(member.id())).hasSize(1);
        assertThat(events().all("contact.events")).filteredOn(r -> CONTACT_RECORDED.equals(KafkaEvents.header(r, "ce_type"))
                && "SELF_CHECK_IN".equals(KafkaEvents.payload(r).path("channel").asText())
                && (member.id().toString().equals(r.key()) || neighbour.toString().equals(r.key())))
                .extracting(ConsumerRecord::key).containsExactly(member.id().toString());
    }

    /** The link as the member's phone opens it: no account, no token, the address as sent. */
    private static ValidatableResponse get(String link) {
        return RestAssured.given().urlEncodingEnabled(false).get(link).then();
    }

    /** The page's button: a form POST to the same address. */
    private static ValidatableResponse post(String link) {
        return RestAssured.given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded")
                .post(link).then();
    }

    private static String state(UUID member) {
        return api(TRACKING, admin()).get("/api/v1/members/{id}/contact-status", member).then().statusCode(200)
                .extract().path("state");
    }

    /** The member's SELF_CHECK_IN contacts in tracking-service's history. */
    private static List<Map<String, Object>> selfCheckIns(UUID member) {
        List<Map<String, Object>> contacts = api(TRACKING, admin()).queryParam("size", 100)
                .get("/api/v1/members/{id}/contacts", member).then().statusCode(200).extract().jsonPath().getList("items");
        return contacts.stream().filter(c -> "SELF_CHECK_IN".equals(c.get("channel"))).toList();
    }
}
