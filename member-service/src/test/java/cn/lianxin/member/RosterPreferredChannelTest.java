package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/** The roster's 首选联系方式 column: how an imported member prefers to be reached, read and written back. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RosterPreferredChannelTest {

    private static final String COLUMN = "首选联系方式";

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final KafkaEvents events = KafkaEvents.forTests();

    @Test
    void theRosterImportsTheChannelByLabelOrNameAndTheExportWritesTheLabelBack() throws Exception {
        UUID branch = fixtures.committeeWithBranch()[1];
        byte[] file = RosterFiles.workbook(RosterFiles.HEADERS, List.of(
                withChannel(RosterFiles.row("渠微信", TestIds.fresh(), null), "微信"),
                withChannel(RosterFiles.row("渠邮件", TestIds.fresh(), null), "email"),
                withChannel(RosterFiles.row("渠未填", TestIds.fresh(), null), null)));

        RosterImports.run(tokens.admin(), branch, file, null).body("status", equalTo("SUCCEEDED")).body("imported", equalTo(3));

        String wechat = given().auth().oauth2(tokens.admin()).queryParam("q", "渠微信").get("/api/v1/orgs/{id}/members", branch)
                .then().body("total", equalTo(1)).extract().path("items[0].id");
        given().auth().oauth2(tokens.admin()).get("/api/v1/members/{id}", wechat).then().statusCode(200)
                .body("preferredChannel", equalTo("WECHAT"));
        assertThat(KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_REGISTERED, wechat))
                .path("preferredChannel").asText()).isEqualTo("WECHAT");

        List<List<String>> rows = RosterFiles.rows(given().auth().oauth2(tokens.admin())
                .get("/api/v1/orgs/{id}/roster.xlsx", branch).then().statusCode(200).extract().asByteArray());
        int column = rows.get(0).indexOf(COLUMN);
        assertThat(column).isNotNegative();
        assertThat(rows.stream().skip(1).filter(r -> r.get(0).startsWith("渠"))
                .map(r -> r.get(0) + ":" + (column < r.size() && r.get(column) != null ? r.get(column) : "")))
                .containsExactlyInAnyOrder("渠微信:微信", "渠邮件:电子邮件", "渠未填:");
    }

    @Test
    void aChannelThatIsNoneIsARowErrorOfTheColumnAndNothingIsImported() {
        UUID branch = fixtures.committeeWithBranch()[1];
        String[] bad = withChannel(RosterFiles.row("渠坏值", TestIds.fresh(), null), "电话");

        RosterImports.run(tokens.admin(), branch, RosterFiles.workbook(RosterFiles.HEADERS,
                List.of(RosterFiles.row("渠好人", TestIds.fresh(), null), bad)), null)
                .body("status", equalTo("REFUSED")).body("imported", equalTo(0))
                .body("errors.column", contains(COLUMN))
                .body("errors[0].row", equalTo(3))
                .body("problem.errors.field", hasItems("rows[3]." + COLUMN));
        given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}/members", branch).then().body("total", equalTo(0));
    }

    private static String[] withChannel(String[] row, String channel) {
        String[] cells = Arrays.copyOf(row, RosterFiles.HEADERS.size());
        cells[RosterFiles.HEADERS.indexOf(COLUMN)] = channel;
        return cells;
    }
}
