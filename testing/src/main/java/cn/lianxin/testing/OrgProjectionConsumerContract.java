package cn.lianxin.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;

import cn.lianxin.platform.inbox.ProcessedEvent;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.orgs.OrgSnapshot;
import cn.lianxin.platform.security.Roles;

/**
 * What every consumer of the organization tree must do, proven against the real broker: apply
 * {@code OrgCreated}, ignore a redelivery of the same event id, and move a malformed record to the
 * dead-letter topic while it keeps consuming. A service's test extends this with its Quarkus annotations.
 */
public abstract class OrgProjectionConsumerContract {

    private static final String CREATED = "lianxin.member.OrgCreated.v1";

    protected final KafkaEvents events = KafkaEvents.forTests();

    @Inject
    protected OrgProjection projection;

    @Test
    void projectsOrgCreated() {
        UUID root = UUID.randomUUID();
        UUID branch = UUID.randomUUID();

        events.publish("member.events", CREATED, root, orgJson(root, null, "COMMITTEE", "市委"));
        events.publish("member.events", CREATED, branch, orgJson(branch, root, "BRANCH", "第一支部"));

        OrgSnapshot.View view = awaitOrg(branch);
        assertThat(view.path()).isEqualTo("/" + root + "/" + branch + "/");
        assertThat(view.parentId()).isEqualTo(root);
        assertThat(view.type()).isEqualTo("BRANCH");
        assertThat(view.secretary().phone()).isEqualTo("13800138000");
    }

    @Test
    void ignoresARedeliveredEvent() {
        UUID org = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();

        events.publish("member.events", CREATED, eventId, org, orgJson(org, null, "COMMITTEE", "原名"));
        awaitOrg(org);
        events.publish("member.events", CREATED, eventId, org, orgJson(org, null, "COMMITTEE", "重复投递"));
        // A marker on the same key (so the same partition, consumed after the redelivery) tells us when it was read.
        UUID marker = UUID.randomUUID();
        events.publish("member.events", CREATED, org, orgJson(marker, null, "COMMITTEE", "标记"));
        awaitOrg(marker);

        assertThat(find(org).orElseThrow().name()).isEqualTo("原名");
        assertThat(QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", eventId))).isEqualTo(1);
    }

    @Test
    void sendsAMalformedRecordToTheDeadLetterTopicAndKeepsGoing() {
        UUID brokenKey = UUID.randomUUID();
        UUID org = UUID.randomUUID();

        events.publishRaw("member.events", brokenKey.toString(), "{not json");
        events.publish("member.events", CREATED, brokenKey, "{\"orgId\": 42}");
        events.publish("member.events", CREATED, org, orgJson(org, null, "COMMITTEE", "之后的组织"));

        awaitOrg(org);
        await().atMost(Duration.ofSeconds(20)).until(() -> events.all("member.events.dlq").stream()
                .filter(r -> brokenKey.toString().equals(r.key())).count() == 2);
    }

    @Test
    void showsTheProjectionToCallersInsideTheSubtreeOnly() {
        UUID root = UUID.randomUUID();
        UUID branchA = UUID.randomUUID();
        UUID branchB = UUID.randomUUID();
        events.publish("member.events", CREATED, root, orgJson(root, null, "COMMITTEE", "市委"));
        events.publish("member.events", CREATED, branchA, orgJson(branchA, root, "BRANCH", "A支部"));
        events.publish("member.events", CREATED, branchB, orgJson(branchB, root, "BRANCH", "B支部"));
        awaitOrg(branchA);
        awaitOrg(branchB);
        Tokens tokens = Tokens.forTests();

        given().auth().oauth2(tokens.admin()).get("/api/v1/projections/orgs/{id}", branchA).then()
                .statusCode(200)
                .body("name", equalTo("A支部"))
                .body("path", equalTo("/" + root + "/" + branchA + "/"));
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, branchA)).get("/api/v1/projections/orgs/{id}", branchA)
                .then().statusCode(200);
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, branchA)).get("/api/v1/projections/orgs/{id}", branchB)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(tokens.forRole(Roles.MEMBER, branchA)).get("/api/v1/projections/orgs/{id}", branchA)
                .then().statusCode(403);
        given().get("/api/v1/projections/orgs/{id}", branchA).then().statusCode(401);
        given().auth().oauth2(tokens.admin()).get("/api/v1/projections/orgs/not-a-uuid").then()
                .statusCode(404).contentType("application/problem+json");
    }

    private OrgSnapshot.View awaitOrg(UUID id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> find(id).isPresent());
        return find(id).orElseThrow();
    }

    private Optional<OrgSnapshot.View> find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> projection.find(id));
    }

    private static String orgJson(UUID id, UUID parent, String type, String name) {
        String path = parent == null ? "[\"" + id + "\"]" : "[\"" + parent + "\", \"" + id + "\"]";
        return """
                {"orgId": "%s", "name": "%s", "type": "%s", %s "path": %s,
                 "secretary": {"name": "张书记", "phone": "13800138000"}}
                """.formatted(id, name, type, parent == null ? "\"parentId\": null," : "\"parentId\": \"" + parent + "\",", path);
    }
}
