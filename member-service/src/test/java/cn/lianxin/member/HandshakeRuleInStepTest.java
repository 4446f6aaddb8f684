package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import cn.lianxin.member.domain.Handshake;
import cn.lianxin.member.domain.Handshake.State;
import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.platform.time.ShanghaiCalendar;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/**
 * The handshake has one definition, {@link Handshake}, and runs as SQL twice: the state in the handshake list and the
 * scan's rules M4 (report-in overdue), M1 (receipt overdue) and M5 (escalation). This table runs the same outflows and
 * transfers through both — around the due day and the end of the grace (the day before, on, after), a month end, a
 * cross-province letter, confirmed ones — and fails on any case where the SQL differs from the Java rule.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class HandshakeRuleInStepTest {

    private static final Period REPORT_IN = Period.ofMonths(1);
    private static final Period GRACE = Period.ofDays(14);
    private static final Period VALIDITY = Period.ofMonths(3);
    private static final Period CROSS_PROVINCE = Period.ofMonths(6);

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final KafkaEvents events = KafkaEvents.forTests();

    private record Case(String label, boolean transfer, boolean crossProvince, LocalDate startedAt, boolean confirmed) {
    }

    private record Outcome(String label, State state, boolean reminded, boolean escalated) {
    }

    @Test
    void theListsStateAndTheScansRemindersAndEscalationsAreExactlyTheJavaRules() {
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = ShanghaiCalendar.dateOf(asOf);
        List<Case> table = new ArrayList<>();
        for (int daysPastDue : List.of(-10, -1, 0, 1, 13, 14, 15, 40)) {
            LocalDate due = today.minusDays(daysPastDue);
            table.add(new Case("outflow due " + due, false, false, due.minus(REPORT_IN), false));
            table.add(new Case("transfer due " + due, true, false, due.minus(VALIDITY), false));
        }
        LocalDate monthEnd = today.minusMonths(3).withDayOfMonth(1);
        while (monthEnd.lengthOfMonth() != 31) {
            monthEnd = monthEnd.minusMonths(1);
        }
        table.add(new Case("outflow left on a 31st", false, false, monthEnd.withDayOfMonth(31), false));
        table.add(new Case("letter issued on a 31st", true, false, monthEnd.minusMonths(3).withDayOfMonth(1)
                .plusDays(monthEnd.minusMonths(3).lengthOfMonth() - 1L), false));
        table.add(new Case("cross-province letter", true, true, today.minusMonths(4), false));
        table.add(new Case("cross-province letter long ago", true, true, today.minusMonths(7), false));
        table.add(new Case("outflow reported in late", false, false, today.minusMonths(3), true));
        table.add(new Case("transfer received late", true, false, today.minusMonths(5), true));

        UUID committee = fixtures.org(null, "COMMITTEE", "同步党委" + Fixtures.suffix());
        UUID from = fixtures.org(committee, "BRANCH", "同步流出");
        UUID to = fixtures.org(committee, "BRANCH", "同步流入");
        String admin = tokens.admin();
        List<UUID> members = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<LocalDate> dues = new ArrayList<>();
        for (Case c : table) {
            UUID member = fixtures.member(from, "同步" + Fixtures.suffix());
            JsonPath created;
            if (c.transfer()) {
                created = given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                        {"memberId": "%s", "toOrgId": "%s", "crossProvince": %s, "issuedAt": "%s"}
                        """.formatted(member, to, c.crossProvince(), c.startedAt())).post("/api/v1/transfers").then()
                        .statusCode(201).extract().jsonPath();
                dues.add(LocalDate.parse(created.getString("dueAt")));
                if (c.confirmed()) {
                    given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}")
                            .post("/api/v1/transfers/{id}/receipt", created.getString("id")).then().statusCode(200);
                }
            } else {
                created = given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                        {"nature": "TEMPORARY", "leftAt": "%s", "phone": "13512345678", "wechat": "flow_wx",
                         "destination": {"place": "浙江省杭州市"},
                         "receivingOrg": {"orgId": "%s", "name": "同步流入", "contactName": "刘书记", "contactPhone": "0571-12345678"},
                         "backupContact": {"name": "王芳", "relation": "配偶", "phone": "13698765432"}}
                        """.formatted(c.startedAt(), to)).post("/api/v1/members/{id}/outflows", member).then()
                        .statusCode(201).extract().jsonPath();
                dues.add(LocalDate.parse(created.getString("reportInDueAt")));
                if (c.confirmed()) {
                    given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}")
                            .post("/api/v1/members/{m}/outflows/{o}/report-in", member, created.getString("id")).then()
                            .statusCode(200);
                }
            }
            members.add(member);
            ids.add(created.getString("id"));
        }

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"asOf\": \"" + asOf + "\"}")
                .post("/api/v1/scans").then().statusCode(200);
        Map<String, String> listed = given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, committee))
                .queryParam("asOf", asOf.toString()).queryParam("size", 200).get("/api/v1/orgs/{id}/handshakes", committee)
                .then().statusCode(200).extract().jsonPath().getList("items", Map.class).stream()
                .collect(Collectors.toMap(m -> (String) m.get("id"), m -> (String) m.get("state")));
        Set<String> reminded = subjects(Set.of(MemberEvents.REPORT_IN_OVERDUE, MemberEvents.TRANSFER_RECEIPT_OVERDUE), members);
        Set<String> escalated = subjects(Set.of(MemberEvents.HANDSHAKE_ESCALATED), members);

        List<Outcome> java = new ArrayList<>();
        List<Outcome> sql = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            Case c = table.get(i);
            LocalDate due = dues.get(i);
            LocalDate expectedDue = c.transfer()
                    ? Handshake.receiptDue(c.startedAt(), Handshake.receiptValidity(c.crossProvince(), VALIDITY, CROSS_PROVINCE))
                    : Handshake.reportInDue(c.startedAt(), REPORT_IN);
            assertThat(due).as(c.label()).isEqualTo(expectedDue);
            java.add(new Outcome(c.label(), Handshake.state(c.confirmed(), due, GRACE, today),
                    Handshake.overdue(c.confirmed(), due, today), Handshake.escalated(c.confirmed(), due, GRACE, today)));
            sql.add(new Outcome(c.label(), State.valueOf(listed.get(ids.get(i))), reminded.contains(ids.get(i)),
                    escalated.contains(ids.get(i))));
        }
        assertThat(sql).containsExactlyElementsOf(java);
        assertThat(java).as("the table reaches every state")
                .extracting(Outcome::state).contains(State.values());
    }

    /** The outflow or transfer ids that events of these types name for these members, after the outbox drained. */
    private Set<String> subjects(Set<String> types, List<UUID> members) {
        UUID marker = fixtures.member(fixtures.committeeWithBranch()[1], "标记");
        events.await("member.events", MemberEvents.MEMBER_REGISTERED, marker);
        Set<String> keys = members.stream().map(UUID::toString).collect(Collectors.toSet());
        Set<String> found = new HashSet<>();
        events.all("member.events").stream()
                .filter(r -> keys.contains(r.key()) && types.contains(KafkaEvents.header(r, "ce_type")))
                .map(KafkaEvents::payload)
                .forEach(p -> found.add(p.has("outflowId") ? p.get("outflowId").asText() : p.get("transferId").asText()));
        return found;
    }
}
