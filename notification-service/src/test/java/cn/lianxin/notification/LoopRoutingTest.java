package cn.lianxin.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.notification.support.NotificationTestSupport;
import cn.lianxin.notification.support.Payloads;
import cn.lianxin.notification.support.Payloads.Contact;
import cn.lianxin.notification.support.PeersTestResource;
import cn.lianxin.testing.LianxinTestResource;

/**
 * The warnings that used to reach nobody (issue 11), routed as docs/domain.md §5 says: event on the topic → notification
 * for the right recipient → message at the real peer once the digest window closes (or at once for the member).
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@WithTestResource(PeersTestResource.class)
class LoopRoutingTest extends NotificationTestSupport {

    @Test
    void selfWithdrawalSuspectedGoesToTheBranchSecretary() {
        Tree tree = tree();
        UUID member = member(tree, "卫党员", mobile(), null, null);

        UUID event = publish("lianxin.contact.SelfWithdrawalSuspected.v1", member,
                Payloads.selfWithdrawalSuspected(member, tree.branch()));

        assertRecipients(event, "SECRETARY:" + tree.branch());
        awaitHeldThenCloseWindow(event, 1);
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("张书记同志", "卫党员", "自2026-08-01起未参加组织生活、按期交纳党费");
    }

    @Test
    void duesArrearsGoesToTheMemberAtOnceAndToTheBranchSecretary() {
        Tree tree = tree();
        String phone = mobile();
        UUID member = member(tree, "蒋党员", phone, null, null);

        UUID event = publish("lianxin.contact.DuesArrears.v1", member, Payloads.duesArrears(member, tree.branch()));

        assertRecipients(event, "SECRETARY:" + tree.branch(), "MEMBER:" + member);
        assertThat(awaitGateway(phone, 1).get(0).body().get("content").asText())
                .contains("蒋党员同志", "已4个月", "支部书记张书记（" + tree.branchSecretary().phone() + "）");
        assertThat(gateways().to(tree.branchSecretary().phone())).isEmpty(); // staff: in the next digest
        closeDigestWindow();
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("党员蒋党员（第一党支部）自2026-11-01起未交纳党费");
    }

    @Test
    void caseRecheckDueGoesToTheBranchSecretary() {
        Tree tree = tree();
        UUID member = member(tree, "沈党员", mobile(), null, null);

        UUID event = publish("lianxin.case.CaseRecheckDue.v1", member,
                Payloads.caseRecheckDue(UUID.randomUUID(), member, tree.branch()));

        assertRecipients(event, "SECRETARY:" + tree.branch());
        awaitHeldThenCloseWindow(event, 1);
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("沈党员", "2027-03-01这一周尚未登记查找", "上次查找2027-02-10");
    }

    @Test
    void followUpDueGoesToTheLiaisonOfTheMember() {
        Tree tree = tree();
        UUID member = member(tree, "韩党员", mobile(), null, null);
        Contact liaison = new Contact("王联络", mobile(), null, null);
        publish("lianxin.member.LiaisonAssigned.v1", member, Payloads.liaisonAssigned(member, tree.branch(), liaison));
        awaitRow("SELECT count(*) FROM member_recipient WHERE member_id = '" + member + "' AND liaison IS NOT NULL");

        UUID event = publish("lianxin.case.FollowUpDue.v1", member, Payloads.followUp(UUID.randomUUID(), member, tree.branch()));

        List<Row> rows = assertRecipients(event, "LIAISON:" + liaison.phone());
        assertThat(rows.get(0).role()).isEqualTo("LIAISON");
        awaitHeldThenCloseWindow(event, 1);
        assertThat(awaitGateway(liaison.phone(), 1).get(0).body().get("content").asText())
                .contains("王联络同志", "韩党员", "第2次回访（共7次）");
    }

    @Test
    void followUpDueWithoutLiaisonGoesToTheBranchSecretary() {
        Tree tree = tree();
        UUID member = member(tree, "杨党员", mobile(), null, null);

        UUID event = publish("lianxin.case.FollowUpDue.v1", member, Payloads.followUp(UUID.randomUUID(), member, tree.branch()));

        assertRecipients(event, "SECRETARY:" + tree.branch());
    }

    @Test
    void followUpMissedGoesToTheBranchSecretary() {
        Tree tree = tree();
        UUID member = member(tree, "朱党员", mobile(), null, null);

        UUID event = publish("lianxin.case.FollowUpMissed.v1", member,
                Payloads.followUp(UUID.randomUUID(), member, tree.branch()));

        assertRecipients(event, "SECRETARY:" + tree.branch());
        awaitHeldThenCloseWindow(event, 1);
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("朱党员", "第2次回访", "至今未登记");
    }

    @Test
    void memberFoundAndCaseClosedAnswerTheBranchAndEveryOrgTheCaseEscalatedTo() {
        Tree tree = tree();
        UUID member = member(tree, "秦党员", mobile(), null, null);
        UUID caseId = UUID.randomUUID();
        UUID escalated = publish("lianxin.case.CaseEscalated.v1", member,
                Payloads.caseEscalated(caseId, member, tree.branch(), tree.root()));
        awaitNotifications(escalated, 1, r -> r.status().equals("DELIVERED")); // urgent: at once, no digest

        UUID found = publish("lianxin.case.MemberFound.v1", member, Payloads.memberFound(caseId, member, tree.branch()));
        UUID closed = publish("lianxin.case.CaseClosed.v1", member, Payloads.caseClosed(caseId, member, tree.branch()));

        assertRecipients(found, "SECRETARY:" + tree.branch(), "SECRETARY:" + tree.root());
        assertRecipients(closed, "SECRETARY:" + tree.branch(), "SECRETARY:" + tree.root());
        closeDigestWindow();
        // The root's secretary hears of the escalation, then of the finding and of the closing.
        List<String> toRoot = awaitGateway(tree.rootSecretary().phone(), 3).stream()
                .map(r -> r.body().get("content").asText()).toList();
        assertThat(toRoot).anySatisfy(text -> assertThat(text).contains("秦党员", "已于2027-03-01找到"))
                .anySatisfy(text -> assertThat(text).contains("秦党员", "结案原因：去世"));
    }

    @Test
    void annualReviewOverdueGoesToTheBranchSecretary() {
        Tree tree = tree();
        UUID member = member(tree, "尤党员", mobile(), null, null);

        UUID event = publish("lianxin.member.AnnualReviewOverdue.v1", member,
                Payloads.annualReviewOverdue(member, tree.branch()));

        assertRecipients(event, "SECRETARY:" + tree.branch());
        awaitHeldThenCloseWindow(event, 1);
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("尤党员", "2027年度的信息年审");
    }

    @Test
    void transferRecommendedGoesToTheBranchSecretary() {
        Tree tree = tree();
        UUID member = member(tree, "许党员", mobile(), null, null);

        UUID event = publish("lianxin.member.TransferRecommended.v1", member,
                Payloads.transferRecommended(member, tree.branch()));

        assertRecipients(event, "SECRETARY:" + tree.branch());
        awaitHeldThenCloseWindow(event, 1);
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("流动党员许党员", "广东省深圳市南山区", "流入地党组织：南山区某街道党工委");
    }

    @Test
    void monthlyReportPublishedGoesToTheOrgsSecretaryAndItsSuperiorOrg() {
        Tree tree = tree();

        UUID event = publish("lianxin.case.MonthlyReportPublished.v1", tree.branch(),
                Payloads.monthlyReportPublished(tree.branch(), tree.branchPath()));

        assertRecipients(event, "SECRETARY:" + tree.branch(), "SECRETARY:" + tree.root());
        awaitHeldThenCloseWindow(event, 2);
        assertThat(awaitGateway(tree.rootSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("市委书记同志", "第一党支部2027-02失联党员月报", "仍未找到1人");
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1)).hasSize(1);
    }

    @Test
    void memberFlowedOutAlsoTellsTheReceivingOrgsContact() {
        Tree tree = tree();
        String phone = mobile();
        UUID member = member(tree, "吕党员", phone, null, null);
        Contact receiving = new Contact("何委员", mobile(), null, null);

        UUID event = publish("lianxin.member.MemberFlowedOut.v1", member,
                Payloads.memberFlowedOutWithReceivingOrg(member, tree.branch(), phone, receiving));

        assertRecipients(event, "MEMBER:" + member, "SECRETARY:" + receiving.phone());
        awaitGateway(phone, 1); // the member's 联心卡 at once
        awaitNotifications(event, 2, r -> r.role().equals("MEMBER") || r.status().equals("HELD"));
        closeDigestWindow();
        assertThat(awaitGateway(receiving.phone(), 1).get(0).body().get("content").asText())
                .contains("何委员同志", "吕党员已外出至广东省深圳市南山区", "将到南山区某街道党工委报到");
    }

    /** Waits for the event's notifications and checks who they are for (one channel each here). */
    private List<Row> assertRecipients(UUID event, String... recipientKeys) {
        List<Row> rows = awaitNotifications(event, recipientKeys.length, r -> true);
        assertThat(rows).extracting(Row::recipientKey).containsExactlyInAnyOrder(recipientKeys);
        return rows;
    }
}
