package cn.lianxin.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;

import cn.lianxin.platform.inbox.ProcessedEvent;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.orgs.OrgSnapshot;
import cn.lianxin.platform.security.Roles;

/**
 * What every consumer of the organization tree must do, proven against the real broker: apply
 * {@code OrgCreated}, ignore a redelivery of the same event id, and move a malformed record to the
 * dead-letter topic while it keeps consuming; apply a poll's records in one transaction, and when that fails, one by
 * one, so that a record failing in its handler is dead-lettered alone. A service's test extends this with its Quarkus annotations.
 */
public abstract class OrgProjectionConsumerContract {

    private static final String CREATED = "lianxin.member.OrgCreated.v1";

    protected final KafkaEvents events = KafkaEvents.forTests();

    @Inject
    protected OrgProjection projection;

    @Inject
    protected EntityManager em;

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

    /**
     * Records of one poll are applied in one transaction: rows written by one transaction share its id, which
     * PostgreSQL keeps as the rows' {@code xmin}. Forty events sent together commit in fewer than forty transactions,
     * and an event repeated inside the batch (a relay sending again after a broker failure) is applied once.
     */
    @Test
    void appliesTheRecordsOfAPollInOneTransactionAndARepeatedOneOnce() {
        List<UUID> ids = new ArrayList<>();
        List<UUID> orgs = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID org = UUID.randomUUID();
            UUID eventId = UUID.randomUUID();
            records.add(KafkaEvents.event("member.events", CREATED, eventId, org, orgJson(org, null, "COMMITTEE", "批量" + i)));
            if (i == 20) {
                records.add(KafkaEvents.event("member.events", CREATED, eventId, org, orgJson(org, null, "COMMITTEE", "重复投递")));
            }
            ids.add(eventId);
            orgs.add(org);
        }
        events.publishTogether(records);

        orgs.forEach(this::awaitOrg);

        assertThat(find(orgs.get(20)).orElseThrow().name()).isEqualTo("批量20");
        assertThat(QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId in ?1", ids))).isEqualTo(40);
        long transactions = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(DISTINCT xmin::text) FROM processed_event WHERE event_id IN (:ids)")
                .setParameter("ids", ids).getSingleResult()).longValue());
        assertThat(transactions).isLessThan(40);
    }

    /**
     * A record that passes the gate but fails in its handler (here: a path that does not end at the org) makes its
     * batch's transaction fail: the batch is then applied record by record, so the bad one alone is dead-lettered
     * and every neighbour is applied, once.
     */
    @Test
    void deadLettersARecordThatFailsInsideABatchAloneAndAppliesItsNeighbours() {
        UUID broken = UUID.randomUUID();
        List<UUID> orgs = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID org = UUID.randomUUID();
            orgs.add(org);
            records.add(KafkaEvents.event("member.events", CREATED, UUID.randomUUID(), org,
                    orgJson(org, null, "COMMITTEE", "邻居" + i)));
            if (i == 10) {
                records.add(KafkaEvents.event("member.events", CREATED, UUID.randomUUID(), broken, """
                        {"orgId": "%s", "name": "路径不对", "type": "COMMITTEE", "parentId": null, "path": ["%s"],
                         "secretary": {"name": "张书记", "phone": "13800138000"}}
                        """.formatted(broken, UUID.randomUUID())));
            }
        }
        events.publishTogether(records);

        orgs.forEach(this::awaitOrg);
        await().atMost(Duration.ofSeconds(20)).until(() -> events.all("member.events.dlq").stream()
                .anyMatch(r -> broken.toString().equals(r.key())));
        assertThat(find(broken)).isEmpty();
        assertThat(events.all("member.events.dlq").stream().filter(r -> broken.toString().equals(r.key())).count())
                .isEqualTo(1);
    }

    /**
     * A batch's handler reads the orgs its events name in one query ({@link OrgProjection#preload}): each is then
     * answered from what was read, for the rest of the transaction — a change written meanwhile by another statement
     * is not seen — and an org with no row is known to be absent.
     */
    @Test
    void preloadsOrgsInOneQueryRememberedForTheTransaction() {
        UUID root = UUID.randomUUID();
        UUID branch = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        events.publish("member.events", CREATED, root, orgJson(root, null, "COMMITTEE", "预读市委"));
        events.publish("member.events", CREATED, branch, orgJson(branch, root, "BRANCH", "预读支部"));
        awaitOrg(branch);

        QuarkusTransaction.begin();
        try {
            projection.preload(List.of(root, branch, unknown));
            em.createNativeQuery("UPDATE org_projection SET name = '改名' WHERE org_id IN (:ids)")
                    .setParameter("ids", List.of(root, branch)).executeUpdate();
            assertThat(projection.find(branch).orElseThrow().name()).isEqualTo("预读支部");
            assertThat(projection.find(branch).orElseThrow().path()).isEqualTo("/" + root + "/" + branch + "/");
            assertThat(projection.find(root).orElseThrow().name()).isEqualTo("预读市委");
            assertThat(projection.find(unknown)).isEmpty();
        } finally {
            QuarkusTransaction.rollback(); // the renaming was only this test's probe
        }
        assertThat(find(branch).orElseThrow().name()).isEqualTo("预读支部");
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
