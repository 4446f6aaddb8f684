package cn.lianxin.systemtests;

import static cn.lianxin.systemtests.Actors.liveUntil;
import static cn.lianxin.systemtests.Actors.org;
import static cn.lianxin.systemtests.Actors.person;
import static cn.lianxin.systemtests.LianxinSystem.MEMBER;
import static cn.lianxin.systemtests.LianxinSystem.admin;
import static cn.lianxin.systemtests.LianxinSystem.api;
import static cn.lianxin.systemtests.LianxinSystem.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

import cn.lianxin.systemtests.Actors.Person;

/**
 * Scenario 5 — a transfer letter whose receipt (回执) never comes back: after its validity (P3M) member-service
 * raises {@code TransferReceiptOverdue} and the secretaries of both the sending and the receiving branch hear of it.
 */
@ExtendWith(LianxinSystem.class)
class TransferReceiptOverdueSystemTest {

    @Test
    void bothBranchesHearOfAReceiptThatNeverCameBack() {
        Instant start = Actors.nextOfficeMorning();
        LianxinSystem.travelTo(start);
        UUID committee = org(null, "COMMITTEE", "中共场景五镇委员会", person("书记"));
        Person sendingSecretary = person("书记");
        Person receivingSecretary = person("书记");
        UUID sending = org(committee, "BRANCH", "场景五东村支部", sendingSecretary);
        UUID receiving = org(committee, "BRANCH", "场景五西村支部", receivingSecretary);
        UUID member = Actors.member(sending, "孙立新", "FULL");

        api(MEMBER, admin())
                .body(Map.of("memberId", member, "toOrgId", receiving, "crossProvince", false,
                        "issuedAt", start.atZone(Actors.SHANGHAI).toLocalDate().toString()))
                .post("/api/v1/transfers").then().statusCode(201);

        Instant call = Actors.plus(start, 2, 0);
        liveUntil(call);
        Actors.contact(member, call, "PHONE", "REACHED"); // he stays in contact while his letter travels
        liveUntil(Actors.plus(start, 3, 1));

        events().await("member.events", "lianxin.member.TransferReceiptOverdue.v1", member);
        Inboxes.awaitHeldSms(sendingSecretary.phone(), "transfer-receipt-overdue", "孙立新");
        Inboxes.awaitSms(receivingSecretary.phone(), "transfer-receipt-overdue", "孙立新");
        JsonPath report = Actors.monthlyReport(committee, LianxinSystem.now());
        assertThat(report.getInt("figures.members")).isEqualTo(1); // still the sending branch's: no receipt yet
        assertThat(report.getInt("figures.lostTotal")).isZero();
    }
}
