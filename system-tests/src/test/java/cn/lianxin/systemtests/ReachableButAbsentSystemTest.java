package cn.lianxin.systemtests;

import static cn.lianxin.systemtests.Actors.contact;
import static cn.lianxin.systemtests.Actors.liveUntil;
import static cn.lianxin.systemtests.Actors.org;
import static cn.lianxin.systemtests.Actors.person;
import static cn.lianxin.systemtests.LianxinSystem.CASES;
import static cn.lianxin.systemtests.LianxinSystem.TRACKING;
import static cn.lianxin.systemtests.LianxinSystem.admin;
import static cn.lianxin.systemtests.LianxinSystem.api;
import static cn.lianxin.systemtests.LianxinSystem.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.Period;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import cn.lianxin.testing.KafkaEvents;

/**
 * Scenario 4 — reachable but absent (R1 vs R2): a member who answers the phone every month but neither attends
 * organization life nor pays dues for six months is suspected of self-withdrawal (党章 Art. 9, 不合格党员处置),
 * not lost: no lost-contact case is opened.
 */
@ExtendWith(LianxinSystem.class)
class ReachableButAbsentSystemTest {

    @Test
    void aMemberReachedEveryMonthButAbsentForSixMonthsIsSuspectedOfSelfWithdrawalNotLost() {
        Instant start = Actors.nextOfficeMorning();
        LianxinSystem.travelTo(start);
        UUID committee = org(null, "COMMITTEE", "中共场景四街道工作委员会", person("书记"));
        Actors.Person secretary = person("书记");
        UUID branch = org(committee, "BRANCH", "场景四社区第一支部", secretary);
        UUID member = Actors.member(branch, "赵明远", "FULL");

        for (int month = 1; month <= 6; month++) {
            Instant day = start.atZone(Actors.SHANGHAI).plus(Period.ofMonths(month)).toInstant();
            liveUntil(day);
            contact(member, day, "PHONE", "REACHED"); // the secretary calls: he answers, but never comes
        }
        liveUntil(start.atZone(Actors.SHANGHAI).plus(Period.ofMonths(6)).plusDays(1).toInstant());

        events().await("contact.events", "lianxin.contact.SelfWithdrawalSuspected.v1", member);
        assertThat(events().all("contact.events"))
                .noneMatch(r -> member.toString().equals(r.key()) && "lianxin.contact.LostContactSuspected.v1".equals(
                        KafkaEvents.header(r, "ce_type")));
        // Reachable but absent: on the work list with its own state (talk to him, do not search for him), and the
        // secretary hears of it with the day's other warnings.
        api(TRACKING, admin()).get("/api/v1/members/{id}/contact-status", member).then()
                .statusCode(200)
                .body("state", equalTo("SELF_WITHDRAWAL_SUSPECTED"));
        api(TRACKING, admin()).queryParam("orgId", branch).get("/api/v1/worklists/overdue").then()
                .statusCode(200)
                .body("items.find { it.memberId == '" + member + "' }.state", equalTo("SELF_WITHDRAWAL_SUSPECTED"));
        Inboxes.awaitHeldSms(secretary.phone(), "self-withdrawal-suspected", "赵明远");
        api(CASES, admin()).get("/api/v1/members/{id}/cases", member).then()
                .statusCode(200)
                .body("$", hasSize(0));
        assertThat(Actors.monthlyReport(committee, LianxinSystem.now()).getInt("figures.lostTotal")).isZero();
    }
}
