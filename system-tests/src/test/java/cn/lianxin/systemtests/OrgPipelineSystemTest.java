package cn.lianxin.systemtests;

import static cn.lianxin.systemtests.LianxinSystem.CASES;
import static cn.lianxin.systemtests.LianxinSystem.MEMBER;
import static cn.lianxin.systemtests.LianxinSystem.NOTIFICATION;
import static cn.lianxin.systemtests.LianxinSystem.TRACKING;
import static cn.lianxin.systemtests.LianxinSystem.admin;
import static cn.lianxin.systemtests.LianxinSystem.anonymous;
import static cn.lianxin.systemtests.LianxinSystem.api;
import static cn.lianxin.systemtests.LianxinSystem.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import cn.lianxin.testing.KafkaEvents;

/**
 * The organization tree reaches every service: member-service is the only writer, the others learn it from
 * {@code OrgCreated} on {@code member.events} and scope every caller by it.
 */
@ExtendWith(LianxinSystem.class)
class OrgPipelineSystemTest {

    private static final List<String> CONSUMERS = List.of(TRACKING, CASES, NOTIFICATION);

    @Test
    void anOrgCreatedOnMemberServiceScopesCallersInEveryOtherService() {
        UUID committee = createOrg(null, "COMMITTEE", "中共系统测试市委员会");
        UUID branch = createOrg(committee, "BRANCH", "系统测试第一支部");

        ConsumerRecord<String, String> created = LianxinSystem.events().await("member.events", "lianxin.member.OrgCreated.v1", branch);
        assertThat(KafkaEvents.payload(created).path("path").toString()).contains(committee.toString(), branch.toString());

        String secretary = tokenFor("SECRETARY", branch);
        for (String service : CONSUMERS) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api(service, admin())
                    .get("/api/v1/projections/orgs/{id}", branch).then()
                    .statusCode(200)
                    .body("parentId", equalTo(committee.toString())));
            api(service, secretary).get("/api/v1/projections/orgs/{id}", branch).then().statusCode(200);
            api(service, secretary).get("/api/v1/projections/orgs/{id}", committee).then().statusCode(404);
        }
    }

    @Test
    void everyServiceRefusesCallersWithoutAToken() {
        anonymous(MEMBER).get("/api/v1/orgs/{id}", UUID.randomUUID()).then().statusCode(401);
        for (String service : CONSUMERS) {
            anonymous(service).get("/api/v1/projections/orgs/{id}", UUID.randomUUID()).then().statusCode(401);
        }
    }

    private static UUID createOrg(UUID parent, String type, String name) {
        String parentField = parent == null ? "" : "\"parentId\": \"" + parent + "\",";
        String id = api(MEMBER, admin())
                .body("""
                        {"name": "%s", "type": "%s", %s "secretary": {"name": "王书记", "phone": "13800000000"}}
                        """.formatted(name, type, parentField))
                .post("/api/v1/orgs").then()
                .statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }
}
