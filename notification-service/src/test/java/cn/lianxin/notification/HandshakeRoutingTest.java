package cn.lianxin.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.notification.support.NotificationTestSupport;
import cn.lianxin.notification.support.PeersTestResource;
import cn.lianxin.testing.LianxinTestResource;

/**
 * The handshake of outflows and transfers (member-service rules M1, M4, M5) routed end to end: the receiving branch in
 * this system hears of a flow member or a transfer letter on its way, both sides of an overdue report-in are reminded,
 * and an escalation reaches the superior org of the sending branch only.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@WithTestResource(PeersTestResource.class)
class HandshakeRoutingTest extends NotificationTestSupport {

    @Test
    void memberFlowedOutToAnOrgInTheSystemTellsThatOrgsSecretary() {
        Tree tree = tree();
        Tree destination = tree(secretary("深圳书记", false, false), secretary("林书记", false, false));
        String phone = mobile();
        UUID member = member(tree, "卫党员", phone, null, null);

        UUID event = publish("lianxin.member.MemberFlowedOut.v1", member, """
                {"memberId": "%s", "orgId": "%s", "outflowId": "%s", "nature": "TEMPORARY", "leftAt": "2027-02-20",
                 "contact": {"phone": "%s", "wechat": "wx-%s"}, "destination": {"place": "广东省深圳市南山区"},
                 "receivingOrg": {"orgId": "%s", "name": "南山流动党员支部", "contactName": "何委员", "contactPhone": "13700001111"},
                 "backupContact": {"name": "赵母", "relation": "母亲", "phone": "13700137000"},
                 "reportInDueAt": "2027-03-20"}
                """.formatted(member, tree.branch(), UUID.randomUUID(), phone, phone, destination.branch()));

        awaitNotifications(event, 2, r -> true);
        assertThat(notifications(event)).extracting(Row::recipientKey)
                .containsExactlyInAnyOrder("MEMBER:" + member, "SECRETARY:" + destination.branch());
        closeDigestWindow();
        assertThat(awaitGateway(destination.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("林书记同志", "卫党员已外出至广东省深圳市南山区", "报到后请于2027-03-20前在系统中确认");
        assertThat(gateways().to("13700001111")).isEmpty();
    }

    @Test
    void transferIssuedTellsTheReceivingBranchSecretaryByWhenToConfirmTheReceipt() {
        Tree tree = tree();
        Tree other = tree(secretary("外市书记", false, false), secretary("韩书记", false, false));
        UUID member = member(tree, "杨党员", mobile(), null, null);

        UUID event = publish("lianxin.member.TransferIssued.v1", member, """
                {"memberId": "%s", "orgId": "%s", "transferId": "%s", "fromOrgId": "%s", "toOrgId": "%s",
                 "crossProvince": false, "issuedAt": "2027-03-01", "validity": "P3M", "dueAt": "2027-06-01"}
                """.formatted(member, tree.branch(), UUID.randomUUID(), tree.branch(), other.branch()));

        assertThat(awaitNotifications(event, 1, r -> true)).extracting(Row::recipientKey)
                .containsExactly("SECRETARY:" + other.branch());
        awaitHeldThenCloseWindow(event, 1);
        assertThat(awaitGateway(other.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("韩书记同志", "第一党支部已于2027-03-01为党员杨党员开具组织关系介绍信", "最迟于2027-06-01前确认");
        assertThat(gateways().to(tree.branchSecretary().phone())).isEmpty();
    }

    @Test
    void aTransferOutOfTheSystemTellsNobodyWhenIssued() {
        Tree tree = tree();
        UUID member = member(tree, "朱党员", mobile(), null, null);

        UUID event = publish("lianxin.member.TransferIssued.v1", member, """
                {"memberId": "%s", "orgId": "%s", "transferId": "%s", "fromOrgId": "%s",
                 "toExternalOrg": {"name": "北京市海淀区某街道党工委", "region": "北京市海淀区"},
                 "crossProvince": true, "issuedAt": "2027-03-01", "validity": "P6M", "dueAt": "2027-09-01"}
                """.formatted(member, tree.branch(), UUID.randomUUID(), tree.branch()));
        // a later event of the same member is routed: the letter's event was consumed and told nobody
        UUID later = publish("lianxin.member.TransferIssued.v1", member, """
                {"memberId": "%s", "orgId": "%s", "transferId": "%s", "fromOrgId": "%s", "toOrgId": "%s",
                 "crossProvince": false, "issuedAt": "2027-03-02", "validity": "P3M", "dueAt": "2027-06-02"}
                """.formatted(member, tree.branch(), UUID.randomUUID(), tree.branch(), tree.root()));
        awaitNotifications(later, 1, r -> true);
        assertThat(notifications(event)).isEmpty();
    }

    @Test
    void reportInOverdueRemindsBothSides() {
        Tree tree = tree();
        Tree destination = tree(secretary("深圳书记", false, false), secretary("沈书记", false, false));
        UUID member = member(tree, "秦流动", mobile(), null, null);

        UUID event = publish("lianxin.member.ReportInOverdue.v1", member, """
                {"memberId": "%s", "orgId": "%s", "outflowId": "%s", "leftAt": "2027-01-20",
                 "destinationPlace": "广东省深圳市南山区",
                 "receivingOrg": {"orgId": "%s", "name": "南山流动党员支部", "contactName": "何委员", "contactPhone": "13700001111"},
                 "reportInDueAt": "2027-02-20", "asOf": "2027-02-25T02:00:00+08:00"}
                """.formatted(member, tree.branch(), UUID.randomUUID(), destination.branch()));

        awaitHeldThenCloseWindow(event, 2);
        assertThat(notifications(event)).extracting(Row::recipientKey)
                .containsExactlyInAnyOrder("SECRETARY:" + tree.branch(), "SECRETARY:" + destination.branch());
        assertThat(awaitGateway(destination.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("沈书记同志", "秦流动于2027-01-20外出至广东省深圳市南山区", "应于2027-02-20前到南山流动党员支部报到",
                        "已逾期5天");
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1)).hasSize(1);
    }

    @Test
    void reportInOverdueWithAReceivingOrgOutsideTheSystemRemindsItsContact() {
        Tree tree = tree();
        String contactPhone = mobile();
        UUID member = member(tree, "许流动", mobile(), null, null);

        UUID event = publish("lianxin.member.ReportInOverdue.v1", member, """
                {"memberId": "%s", "orgId": "%s", "outflowId": "%s", "leftAt": "2027-01-20",
                 "destinationPlace": "浙江省杭州市",
                 "receivingOrg": {"name": "杭州某社区党委", "contactName": "吴委员", "contactPhone": "%s"},
                 "reportInDueAt": "2027-02-20", "asOf": "2027-02-21T02:00:00+08:00"}
                """.formatted(member, tree.branch(), UUID.randomUUID(), contactPhone));

        awaitHeldThenCloseWindow(event, 2);
        assertThat(notifications(event)).extracting(Row::recipientKey)
                .containsExactlyInAnyOrder("SECRETARY:" + tree.branch(), "SECRETARY:" + contactPhone);
        assertThat(awaitGateway(contactPhone, 1).get(0).body().get("content").asText())
                .contains("吴委员同志", "应于2027-02-20前到杭州某社区党委报到");
    }

    @Test
    void handshakeEscalatedGoesToTheSuperiorOrgOfTheSendingBranchOnly() {
        Tree tree = tree();
        Tree other = tree(secretary("外市书记", false, false), secretary("郑书记", false, false));
        UUID member = member(tree, "冯转接", mobile(), null, null);

        UUID event = publish("lianxin.member.HandshakeEscalated.v1", member, """
                {"memberId": "%s", "orgId": "%s", "kind": "TRANSFER", "transferId": "%s", "superiorOrgId": "%s",
                 "receivingOrg": {"orgId": "%s", "name": "第一党支部"}, "startedAt": "2026-11-01",
                 "dueAt": "2027-02-01", "grace": "P14D", "asOf": "2027-02-20T02:00:00+08:00"}
                """.formatted(member, tree.branch(), UUID.randomUUID(), tree.root(), other.branch()));

        awaitHeldThenCloseWindow(event, 1);
        List<Row> rows = notifications(event);
        assertThat(rows).extracting(Row::recipientKey).containsExactly("SECRETARY:" + tree.root());
        assertThat(awaitGateway(tree.rootSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("市委书记同志", "第一党支部党员冯转接的组织关系转接回执", "应于2027-02-01前由第一党支部确认",
                        "已逾期19天");
        assertThat(gateways().to(other.branchSecretary().phone())).isEmpty();
        assertThat(gateways().to(tree.branchSecretary().phone())).isEmpty();
    }
}
