package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.tracking.repository.MemberRecord;

/**
 * A contact sheet (POST /contacts/batch) is recorded in sets, yet leaves every member, clock, contact and event as its
 * items recorded one at a time (POST /contacts) would.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ContactSheetTest {

    @Inject
    World world;

    @Inject
    EntityManager em;

    @Test
    void aSheetLeavesMembersAndClocksAsItsItemsOneAtATimeWould() {
        UUID branch = world.branch(world.committee(), "花名册支部");
        UUID sheetFirst = world.register(branch, "2024-01-15T10:00:00+08:00");
        UUID sheetSecond = world.register(branch, "2024-01-15T10:00:00+08:00");
        UUID aloneFirst = world.register(branch, "2024-01-15T10:00:00+08:00");
        UUID aloneSecond = world.register(branch, "2024-01-15T10:00:00+08:00");
        // Two members' items interleaved; the second's older REACHED contact comes after a newer attempt.
        List<String[]> items = List.of(
                new String[] { "first", "2024-03-05T19:00:00+08:00", "ORG_LIFE", "REACHED" },
                new String[] { "second", "2024-03-01T09:00:00+08:00", "PHONE", "NOT_REACHED" },
                new String[] { "first", "2024-03-05T19:30:00+08:00", "DUES", "REACHED" },
                new String[] { "second", "2024-02-20T09:00:00+08:00", "PHONE", "REACHED" },
                new String[] { "first", "2024-03-06T09:00:00+08:00", "PHONE", "NOT_REACHED" });

        JsonPath recorded = given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("items", items.stream().map(i -> item(i[0].equals("first") ? sheetFirst : sheetSecond, i))
                        .toList()))
                .post("/api/v1/contacts/batch").then().statusCode(201).extract().jsonPath();
        for (String[] i : items) {
            world.contact(i[0].equals("first") ? aloneFirst : aloneSecond, i[1], i[2], i[3]).statusCode(201);
        }

        assertThat(recorded.getList("items.memberId")).containsExactly(sheetFirst.toString(), sheetSecond.toString(),
                sheetFirst.toString(), sheetSecond.toString(), sheetFirst.toString());
        assertThat(recorded.getList("items.channel")).containsExactly("ORG_LIFE", "PHONE", "DUES", "PHONE", "PHONE");
        assertThat(recorded.getList("items.id")).doesNotHaveDuplicates().allSatisfy(id ->
                given().auth().oauth2(world.tokens.admin()).get("/api/v1/contacts/{id}", id).then().statusCode(200));
        for (UUID[] pair : List.of(new UUID[] { sheetFirst, aloneFirst }, new UUID[] { sheetSecond, aloneSecond })) {
            assertThat(lastContacts(pair[0])).isEqualTo(lastContacts(pair[1]));
            assertThat(world.clockRows(pair[0])).isEqualTo(world.clockRows(pair[1])).isNotEmpty();
            assertThat(world.contactCount(pair[0])).isEqualTo(world.contactCount(pair[1]));
            assertThat(world.outboxCount(pair[0], "ContactRecorded")).isEqualTo(world.outboxCount(pair[1], "ContactRecorded"));
        }
        assertThat(world.find(sheetFirst).orElseThrow().lastDuesAt()).isEqualTo(World.instant("2024-03-05T19:30:00+08:00"));
        assertThat(world.find(sheetSecond).orElseThrow().lastReachedAt()).isEqualTo(World.instant("2024-02-20T09:00:00+08:00"));
        assertThat(world.find(sheetSecond).orElseThrow().lastAttemptAt()).isEqualTo(World.instant("2024-03-01T09:00:00+08:00"));
    }

    /** T8 in a sheet names, for each state it ends, the item that ended it, as one contact at a time would. */
    @Test
    void aSheetEndsAnnouncedStatesNamingTheItemThatEndedEach() {
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "失联支部");
        UUID lost = world.register(branch, "2024-03-01T09:00:00+08:00");
        assertThat(world.scan(committee, "2024-07-01T00:00:00+08:00")).containsEntry("LostContactSuspected", 1);
        UUID fresh = world.register(branch, "2024-06-20T09:00:00+08:00");

        JsonPath recorded = given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(
                        item(lost, new String[] { "", "2024-07-05T10:00:00+08:00", "VISIT", "REACHED" }),
                        item(fresh, new String[] { "", "2024-07-05T10:00:00+08:00", "ORG_LIFE", "REACHED" }),
                        item(lost, new String[] { "", "2024-07-05T10:30:00+08:00", "DUES", "REACHED" }))))
                .post("/api/v1/contacts/batch").then().statusCode(201).extract().jsonPath();

        List<JsonPath> restored = restoredEvents(lost);
        assertThat(restored).hasSize(2);
        assertThat(restored.get(0).getString("contactId")).isEqualTo(recorded.getString("items[0].id"));
        assertThat(restored.get(0).getList("cleared")).containsExactly("CONTACT_MISSED", "LOST_CONTACT_SUSPECTED");
        assertThat(restored.get(1).getString("contactId")).isEqualTo(recorded.getString("items[2].id"));
        assertThat(restored.get(1).getList("cleared")).containsExactly("DUES_ARREARS");
        assertThat(restoredEvents(fresh)).isEmpty();
        world.status(lost, "2024-07-06T00:00:00+08:00").body("state", equalTo("IN_CONTACT"));
        assertThat(world.find(fresh).orElseThrow().lastOrgLifeAt()).isEqualTo(World.instant("2024-07-05T10:00:00+08:00"));
    }

    private static Map<String, String> item(UUID member, String[] item) {
        return Map.of("memberId", member.toString(), "at", item[1], "channel", item[2], "outcome", item[3]);
    }

    private List<Object> lastContacts(UUID member) {
        MemberRecord m = world.find(member).orElseThrow();
        return Arrays.asList(m.lastReachedAt(), m.lastDirectReachedAt(), m.lastOrgLifeAt(), m.lastDuesAt(),
                m.lastAttemptAt());
    }

    /** The ContactRestored payloads about a member, in the order they were appended. */
    @SuppressWarnings("unchecked")
    private List<JsonPath> restoredEvents(UUID member) {
        List<String> payloads = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                SELECT CAST(payload AS text) FROM outbox_event
                WHERE subject = :s AND type = 'lianxin.contact.ContactRestored.v1' ORDER BY seq
                """).setParameter("s", member.toString()).getResultList());
        return payloads.stream().map(JsonPath::from).toList();
    }
}
