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
 * The policy features' events (docs/domain.md §5, §7: 花名册备案, 专项排查, 协查) routed end to end: event on the topic →
 * notification for the right secretary → message at the real peer, in the next digest, or at once for the urgent
 * approval request.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@WithTestResource(PeersTestResource.class)
class PolicyRoutingTest extends NotificationTestSupport {

    @Test
    void rosterFiledGoesToTheSecretaryOfTheSuperiorOrgToAcknowledge() {
        Tree tree = tree();
        UUID filing = UUID.randomUUID();

        UUID event = publish("lianxin.member.RosterFiled.v1", tree.branch(), Payloads.rosterFiled(tree.branch(), filing));

        assertRecipients(event, "SECRETARY:" + tree.root());
        awaitHeldThenCloseWindow(event, 1);
        assertThat(awaitGateway(tree.rootSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("市委书记同志", "第一党支部已于2027-03-20报送2027年度党员花名册备案", "共42人",
                        "/api/v1/roster-filings/" + filing);
        assertThat(gateways().to(tree.branchSecretary().phone())).isEmpty();
    }

    @Test
    void rosterReturnedGoesToTheBranchSecretaryWithTheRemarks() {
        Tree tree = tree();

        UUID event = publish("lianxin.member.RosterReturned.v1", tree.branch(),
                Payloads.rosterReturned(tree.branch(), UUID.randomUUID(), "2名流动党员未填写流入地党组织"));

        assertRecipients(event, "SECRETARY:" + tree.branch());
        awaitHeldThenCloseWindow(event, 1);
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("张书记同志", "2027年度党员花名册", "被中共X市委退回", "意见：2名流动党员未填写流入地党组织");
    }

    @Test
    void campaignReminderDueGoesToTheLaggingBranchSecretaryWithTheListOfWhoIsNotAccountedFor() {
        Tree tree = tree();
        UUID campaign = UUID.randomUUID();

        UUID event = publish("lianxin.contact.CampaignReminderDue.v1", tree.branch(),
                Payloads.campaignReminderDue(campaign, tree.branch(), tree.root()));

        assertRecipients(event, "SECRETARY:" + tree.branch());
        awaitHeldThenCloseWindow(event, 1);
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("张书记同志", "2027年第一季度专项排查将于2027-03-31结束", "24名党员中", "还有5人尚未排查清楚",
                        "http://localhost:8082/api/v1/campaigns/" + campaign + "/unaccounted?orgId=" + tree.branch());
    }

    @Test
    void campaignClosedGoesToTheSecretaryOfTheCampaignsOrgWithTheFigures() {
        Tree tree = tree();

        UUID event = publish("lianxin.contact.CampaignClosed.v1", tree.root(),
                Payloads.campaignClosed(UUID.randomUUID(), tree.root(), tree.branch()));

        assertRecipients(event, "SECRETARY:" + tree.root());
        awaitHeldThenCloseWindow(event, 1);
        assertThat(awaitGateway(tree.rootSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("市委书记同志", "2027年第一季度专项排查（2027-01-01至2027-03-31）已期满结束",
                        "排查范围212人", "未排查清楚3人，涉及1个党支部");
    }

    @Test
    void lookupApprovalRequestedGoesAtOnceToTheOrganizerOfTheOrgThatApproves() {
        Tree tree = tree();
        Contact organizer = secretary("王委员", false, false);
        UUID committee = UUID.randomUUID();
        publish(ORG_CREATED, committee, Payloads.orgCreated(committee, List.of(tree.root(), committee), "COMMITTEE",
                "中共城东街道工委", secretary("街道书记", false, false), organizer, null, null));
        awaitRow("SELECT count(*) FROM org_projection WHERE org_id = '" + committee + "' AND organizer IS NOT NULL");
        UUID member = member(tree, "吕党员", mobile(), null, null);

        UUID event = publish("lianxin.case.LookupApprovalRequested.v1", member,
                Payloads.lookupApprovalRequested(UUID.randomUUID(), member, tree.branch(), committee));

        // the 组织委员 does the committee's organizational work and approves as its ORG_ADMIN; not the secretary
        assertRecipients(event, "ORGANIZER:" + committee);
        assertThat(awaitGateway(organizer.phone(), 1).get(0).body().get("content").asText())
                .contains("王委员同志", "申请就失联党员吕党员向公安（户籍）协查", "请中共城东街道工委尽快审核");
    }

    @Test
    void lookupApprovalRequestedGoesAtOnceToTheSecretaryOfTheOrgThatApprovesWhenItNamesNoOrganizer() {
        Tree tree = tree();
        UUID member = member(tree, "秦党员", mobile(), null, null);

        UUID event = publish("lianxin.case.LookupApprovalRequested.v1", member,
                Payloads.lookupApprovalRequested(UUID.randomUUID(), member, tree.branch(), tree.root()));

        assertRecipients(event, "SECRETARY:" + tree.root());
        // urgent: no digest window to wait for
        assertThat(awaitGateway(tree.rootSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("市委书记同志", "第一党支部于2027-03-01申请就失联党员秦党员向公安（户籍）协查现住址、在用手机号码",
                        "《中国共产党党员教育管理工作条例》第三十二条", "请中共X市委尽快审核");
        assertThat(gateways().to(tree.branchSecretary().phone())).isEmpty();
    }

    @Test
    void lookupRefusedGoesToTheBranchSecretaryWithTheReason() {
        Tree tree = tree();
        UUID member = member(tree, "尤党员", mobile(), null, null);

        UUID event = publish("lianxin.case.LookupRefused.v1", member,
                Payloads.lookupRefused(UUID.randomUUID(), member, tree.branch()));

        assertRecipients(event, "SECRETARY:" + tree.branch());
        awaitHeldThenCloseWindow(event, 1);
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("张书记同志", "尤党员", "向电信运营商提出的协查申请", "理由：依据不足：请先完成实地走访");
    }

    @Test
    void lookupOverdueGoesToTheBranchSecretary() {
        Tree tree = tree();
        UUID member = member(tree, "何党员", mobile(), null, null);

        UUID event = publish("lianxin.case.LookupOverdue.v1", member,
                Payloads.lookupOverdue(UUID.randomUUID(), member, tree.branch()));

        assertRecipients(event, "SECRETARY:" + tree.branch());
        awaitHeldThenCloseWindow(event, 1);
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("张书记同志", "何党员", "发往社保的协查请求应于2027-02-27前答复", "已逾期2天", "第1次催办");
    }

    @Test
    void rosterAcknowledgedAndCampaignOpenedAreInformationalAndNotifyNobody() {
        Tree tree = tree();
        UUID filing = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();

        UUID acknowledged = publish("lianxin.member.RosterAcknowledged.v1", tree.branch(),
                Payloads.rosterAcknowledged(tree.branch(), filing));
        UUID opened = publish("lianxin.contact.CampaignOpened.v1", tree.branch(),
                Payloads.campaignOpened(campaign, tree.branch()));
        // Routed events behind them on the same keys (same partitions, consumed in order): once these are in, the
        // informational ones have been read.
        UUID returned = publish("lianxin.member.RosterReturned.v1", tree.branch(),
                Payloads.rosterReturned(tree.branch(), filing, "请补充"));
        UUID closed = publish("lianxin.contact.CampaignClosed.v1", tree.branch(),
                Payloads.campaignClosed(campaign, tree.branch(), tree.branch()));

        assertRecipients(returned, "SECRETARY:" + tree.branch());
        assertRecipients(closed, "SECRETARY:" + tree.branch());
        assertThat(notifications(acknowledged)).isEmpty();
        assertThat(notifications(opened)).isEmpty();
    }

    /** Waits for the event's notifications and checks who they are for (one channel each here). */
    private List<Row> assertRecipients(UUID event, String... recipientKeys) {
        List<Row> rows = awaitNotifications(event, recipientKeys.length, r -> true);
        assertThat(rows).extracting(Row::recipientKey).containsExactlyInAnyOrder(recipientKeys);
        return rows;
    }
}
