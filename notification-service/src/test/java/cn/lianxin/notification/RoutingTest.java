package cn.lianxin.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.card.ContactCardRenderer;
import cn.lianxin.card.QrCodes;
import cn.lianxin.notification.support.GatewayStub;
import cn.lianxin.notification.support.Mails;
import cn.lianxin.notification.support.NotificationTestSupport;
import cn.lianxin.notification.support.Payloads;
import cn.lianxin.notification.support.Payloads.Contact;
import cn.lianxin.notification.support.PeersTestResource;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;

/** Who hears what (docs/domain.md §5), proven end to end: event on the topic → message at the real peer. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@WithTestResource(PeersTestResource.class)
class RoutingTest extends NotificationTestSupport {

    @Test
    void contactMissedReminderGoesToTheLiaisonNamedInTheEvent() {
        Tree tree = tree();
        UUID member = member(tree, "赵党员", mobile(), null, null);
        Contact liaison = new Contact("王联络", mobile(), null, null);

        UUID event = publish("lianxin.contact.ContactMissed.v1", member,
                Payloads.contactMissed(member, tree.branch(), "REMINDER", liaison));
        awaitHeldThenCloseWindow(event, 1);

        Row row = awaitDelivered(event, "SMS");
        assertThat(row.role()).isEqualTo("LIAISON");
        assertThat(row.address()).isEqualTo(liaison.phone());
        assertThat(row.templateKey()).isEqualTo("contact-missed.reminder");
        GatewayStub.Received sms = awaitGateway(liaison.phone(), 1).get(0);
        assertThat(sms.path()).isEqualTo(GatewayStub.SMS_PATH);
        assertThat(sms.authorization()).isEqualTo("Bearer test-sms-key");
        assertThat(sms.body().get("requestId").asText()).isEqualTo(row.id().toString());
        assertThat(sms.body().get("content").asText()).contains("王联络同志", "赵党员", "第一党支部", "逾期14天");
        assertThat(notifications(event)).hasSize(1);
    }

    @Test
    void contactMissedReminderWithoutLiaisonInTheEventUsesTheProjectedLiaisonAndTheirPreferredChannel() throws Exception {
        Tree tree = tree();
        String liaisonMail = email("liaison");
        String liaisonPhone = mobile();
        UUID liaison = member(tree, "王联络", liaisonPhone, liaisonMail, "EMAIL");
        UUID member = member(tree, "钱党员", mobile(), null, null);
        publish("lianxin.member.LiaisonAssigned.v1", member, """
                {"memberId": "%s", "orgId": "%s",
                 "liaison": {"memberId": "%s", "name": "王联络", "phone": "%s", "email": "%s"}}
                """.formatted(member, tree.branch(), liaison, liaisonPhone, liaisonMail));
        awaitRow("SELECT count(*) FROM member_recipient WHERE member_id = '" + member + "' AND liaison IS NOT NULL");

        UUID event = publish("lianxin.contact.ContactMissed.v1", member,
                Payloads.contactMissed(member, tree.branch(), "REMINDER", null));
        awaitHeldThenCloseWindow(event, 1);

        Row row = awaitDelivered(event, "EMAIL");
        assertThat(row.recipientKey()).isEqualTo("LIAISON:" + liaison);
        MimeMessage mail = awaitMail(liaisonMail);
        assertThat(mail.getSubject()).isEqualTo("【联系提醒】请联系党员钱党员");
        assertThat(mail.getContent().toString()).contains("王联络同志", "联络员每月联系", "2027-02-15");
        assertThat(gateways().to(liaisonPhone)).isEmpty();
    }

    /**
     * Reminders that arrive together are routed as a run (their members read in one query, their notifications stored
     * in one statement): each still reaches whom it would alone — the liaison in the event, the projected liaison on
     * their preferred channel, the branch secretary for a member nobody has projected yet or for an escalation — and a
     * redelivered one is stored once.
     */
    @Test
    void remindersThatArriveTogetherEachReachWhomTheyWouldAlone() {
        Tree tree = tree();
        Contact named = new Contact("周联络", mobile(), null, null);
        String liaisonMail = email("liaison");
        UUID projectedLiaison = member(tree, "吴联络", mobile(), liaisonMail, "EMAIL");
        UUID withLiaison = member(tree, "郑党员", mobile(), null, null);
        publish("lianxin.member.LiaisonAssigned.v1", withLiaison, """
                {"memberId": "%s", "orgId": "%s",
                 "liaison": {"memberId": "%s", "name": "吴联络", "phone": "%s", "email": "%s"}}
                """.formatted(withLiaison, tree.branch(), projectedLiaison, mobile(), liaisonMail));
        awaitRow("SELECT count(*) FROM member_recipient WHERE member_id = '" + withLiaison + "' AND liaison IS NOT NULL");

        List<ProducerRecord<String, String>> records = new ArrayList<>();
        Map<UUID, String> expectedRecipient = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            UUID member = member(tree, "冯党员" + i, mobile(), null, null);
            expectedRecipient.put(send(records, member, Payloads.contactMissed(member, tree.branch(), "REMINDER", named)),
                    "LIAISON:" + named.phone());
            expectedRecipient.put(send(records, withLiaison, Payloads.contactMissed(withLiaison, tree.branch(), "REMINDER",
                    null)), "LIAISON:" + projectedLiaison);
            UUID unknown = UUID.randomUUID(); // not projected (yet): nobody designated, the secretary has to act
            expectedRecipient.put(send(records, unknown, Payloads.contactMissed(unknown, tree.branch(), "REMINDER", null)),
                    "SECRETARY:" + tree.branch());
            expectedRecipient.put(send(records, member, Payloads.contactMissed(member, tree.branch(), "ESCALATED", named)),
                    "SECRETARY:" + tree.branch());
        }
        records.add(records.get(0)); // the relay resends after a broker failure
        events.publishTogether(records);

        expectedRecipient.forEach((event, recipient) -> {
            List<Row> rows = awaitNotifications(event, 1, row -> true);
            assertThat(rows).as("event %s", event).singleElement().satisfies(row -> {
                assertThat(row.recipientKey()).isEqualTo(recipient);
                assertThat(row.status()).isEqualTo("HELD");
                if (recipient.equals("LIAISON:" + projectedLiaison)) {
                    assertThat(row.channel()).as("the projected liaison's preferred channel").isEqualTo("EMAIL");
                }
            });
        });
    }

    private static UUID send(List<ProducerRecord<String, String>> records, UUID member, String payload) {
        UUID event = UUID.randomUUID();
        records.add(KafkaEvents.event("contact.events", "lianxin.contact.ContactMissed.v1", event, member, payload));
        return event;
    }

    @Test
    void escalatedContactMissedGoesToTheBranchSecretary() {
        Tree tree = tree();
        UUID member = member(tree, "孙党员", mobile(), null, null);

        UUID event = publish("lianxin.contact.ContactMissed.v1", member,
                Payloads.contactMissed(member, tree.branch(), "ESCALATED", new Contact("王联络", mobile(), null, null)));
        awaitHeldThenCloseWindow(event, 1);

        Row row = awaitDelivered(event, "SMS");
        assertThat(row.recipientKey()).isEqualTo("SECRETARY:" + tree.branch());
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("张书记同志", "孙党员", "宽限期至2027-02-22");
    }

    @Test
    void memberUncontrolledGoesToTheBranchSecretary() {
        Tree tree = tree();
        UUID member = member(tree, "李党员", mobile(), null, null);

        UUID event = publish("lianxin.contact.MemberUncontrolled.v1", member,
                Payloads.memberUncontrolled(member, tree.branch()));

        Row row = awaitDelivered(event, "SMS");
        assertThat(row.recipientKey()).isEqualTo("SECRETARY:" + tree.branch());
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("流动党员李党员", "广东省深圳市南山区", "失控名单");
    }

    @Test
    void caseOpenedGoesToTheBranchSecretary() {
        Tree tree = tree();
        UUID member = member(tree, "周党员", mobile(), null, null);
        UUID caseId = UUID.randomUUID();

        UUID event = publish("lianxin.case.CaseOpened.v1", member, Payloads.caseOpened(caseId, member, tree.branch()));
        awaitHeldThenCloseWindow(event, 1);

        Row row = awaitDelivered(event, "SMS");
        assertThat(row.recipientKey()).isEqualTo("SECRETARY:" + tree.branch());
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("周党员", "2027-03-31前");
    }

    @Test
    void caseEscalatedGoesToTheSecretaryOfTheOrgTheEventNames() {
        Tree tree = tree();
        UUID member = member(tree, "吴党员", mobile(), null, null);

        UUID event = publish("lianxin.case.CaseEscalated.v1", member,
                Payloads.caseEscalated(UUID.randomUUID(), member, tree.branch(), tree.root()));

        Row row = awaitDelivered(event, "SMS");
        assertThat(row.recipientKey()).isEqualTo("SECRETARY:" + tree.root());
        assertThat(notifications(event)).hasSize(1);
        assertThat(awaitGateway(tree.rootSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("市委书记同志", "由第一党支部提级至中共X市委");
        assertThat(gateways().to(tree.branchSecretary().phone())).isEmpty();
    }

    @Test
    void standingActionProposedGoesToTheSecretaryAndTheSuperiorOrg() {
        Tree tree = tree();
        UUID member = member(tree, "郑党员", mobile(), null, null);

        UUID event = publish("lianxin.case.StandingActionProposed.v1", member,
                Payloads.standingActionProposed(UUID.randomUUID(), member, tree.branch(), tree.root()));

        List<Row> rows = awaitNotifications(event, 2, r -> r.status().equals("DELIVERED"));
        assertThat(rows).extracting(Row::recipientKey)
                .containsExactlyInAnyOrder("SECRETARY:" + tree.branch(), "SECRETARY:" + tree.root());
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("停止党籍", "须报中共X市委审批");
        assertThat(awaitGateway(tree.rootSecretary().phone(), 1)).hasSize(1);
    }

    @Test
    void memberFlowedOutSendsTheMemberTheLianxinCardOnTheirPreferredChannel() throws Exception {
        Tree tree = tree();
        String mail = email("flow");
        UUID member = member(tree, "冯党员", mobile(), mail, "EMAIL");

        UUID event = publish("lianxin.member.MemberFlowedOut.v1", member,
                Payloads.memberFlowedOut(member, tree.branch(), mobile(), "wx-feng"));

        Row row = awaitDelivered(event, "EMAIL");
        assertThat(row.recipientKey()).isEqualTo("MEMBER:" + member);
        MimeMessage card = awaitMail(mail);
        assertThat(card.getSubject()).isEqualTo("【联心卡】第一党支部");
        assertThat(Mails.text(card)).contains("冯党员同志", "广东省深圳市南山区",
                "支部书记：张书记 " + tree.branchSecretary().phone(), "组织委员：李委员 13900139000",
                "微信群：https://weixin.example.cn/g/1", "网址：https://dj.example.cn/b1");
        // No contactCard in the event: the picture is drawn from the org projection.
        assertThat(cardQrCode(card)).isEqualTo("https://weixin.example.cn/g/1");
        JsonNode delivered = awaitOutcome(DELIVERED, row.id());
        assertThat(delivered.get("recipient").get("role").asText()).isEqualTo("MEMBER");
        assertThat(delivered.get("recipient").get("maskedAddress").asText()).startsWith("f***@example.org");
        assertThat(delivered.get("channel").asText()).isEqualTo("EMAIL");
    }

    @Test
    void transferReceiptOverdueGoesToBothOrgs() {
        Tree tree = tree();
        Tree other = tree(secretary("外市书记", false, false), secretary("陈书记", false, false));
        UUID member = member(tree, "褚党员", mobile(), null, null);

        UUID event = publish("lianxin.member.TransferReceiptOverdue.v1", member,
                Payloads.transferReceiptOverdue(member, tree.branch(), other.branch()));
        awaitHeldThenCloseWindow(event, 2);

        List<Row> rows = awaitNotifications(event, 2, r -> r.status().equals("DELIVERED"));
        assertThat(rows).extracting(Row::recipientKey)
                .containsExactlyInAnyOrder("SECRETARY:" + tree.branch(), "SECRETARY:" + other.branch());
        assertThat(awaitGateway(other.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                .contains("陈书记同志", "褚党员", "2027-02-20前返回");
        assertThat(awaitGateway(tree.branchSecretary().phone(), 1)).hasSize(1);
    }

    @Test
    void malformedContactAndCaseRecordsGoToTheirDeadLetterTopicsAndConsumptionGoesOn() {
        Tree tree = tree();
        UUID member = member(tree, "蒋党员", mobile(), null, null);
        String brokenKey = UUID.randomUUID().toString();

        events.publishRaw("contact.events", brokenKey, "{not json");
        events.publishRaw("case.events", brokenKey, "{not json");
        UUID event = publish("lianxin.case.CaseOpened.v1", member, Payloads.caseOpened(UUID.randomUUID(), member, tree.branch()));

        awaitHeldThenCloseWindow(event, 1);
        awaitDelivered(event, "SMS");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                events.all("contact.events.dlq").stream().anyMatch(r -> brokenKey.equals(r.key()))
                        && events.all("case.events.dlq").stream().anyMatch(r -> brokenKey.equals(r.key())));
    }

    @Test
    void aPreferenceChangedByMemberProfileChangedSendsTheCardAsAWechatTemplateMessage() {
        Tree tree = tree();
        String phone = mobile();
        UUID member = member(tree, "韩党员", phone, null, "SMS");
        publish("lianxin.member.MemberProfileChanged.v1", member, """
                {"memberId": "%s", "orgId": "%s", "changed": ["preferredChannel"], "name": "韩党员", "gender": "FEMALE",
                 "category": "FULL", "joinedAt": "2001-07-01", "contact": {"phone": "%s"}, "preferredChannel": "WECHAT"}
                """.formatted(member, tree.branch(), phone));
        awaitRow("SELECT count(*) FROM member_recipient WHERE member_id = '" + member + "' AND preferred_channel = 'WECHAT'");
        String wechat = "wx-han-" + UUID.randomUUID().toString().substring(0, 6);

        UUID event = publish("lianxin.member.MemberFlowedOut.v1", member,
                Payloads.memberFlowedOut(member, tree.branch(), mobile(), wechat));

        Row row = awaitDelivered(event, "WECHAT");
        assertThat(row.recipientKey()).isEqualTo("MEMBER:" + member);
        GatewayStub.Received message = awaitGateway(wechat, 1).get(0);
        assertThat(message.path()).isEqualTo(GatewayStub.WECHAT_PATH);
        assertThat(message.authorization()).isEqualTo("Bearer test-wechat-key");
        assertThat(message.body().get("title").asText()).isEqualTo("【联心卡】第一党支部");
        assertThat(message.body().get("content").asText()).contains("韩党员同志", "支部书记：张书记");
        assertThat(message.body().get("requestId").asText()).isEqualTo(row.id().toString());
    }

    @Test
    void theContactCardCarriedByMemberFlowedOutIsWhatTheMemberReceives() throws Exception {
        Tree tree = tree();
        String mail = email("card");
        UUID member = member(tree, "秦党员", mobile(), mail, "EMAIL");

        UUID event = publish("lianxin.member.MemberFlowedOut.v1", member, """
                {"memberId": "%s", "orgId": "%s", "outflowId": "%s", "nature": "PERMANENT", "leftAt": "2027-02-20",
                 "contact": {"phone": "%s", "wechat": "wx-qin"}, "destination": {"place": "内蒙古乌海市海勃湾区"},
                 "backupContact": {"name": "秦父", "relation": "父亲", "phone": "13700137001"},
                 "contactCard": {"orgName": "中共X街道第一支部委员会",
                                 "secretary": {"name": "刘书记", "phone": "13500135000"},
                                 "wechatGroupUrl": "https://weixin.example.cn/g/card",
                                 "cardUrl": "/api/v1/members/%s/contact-card.png"}}
                """.formatted(member, tree.branch(), UUID.randomUUID(), mobile(), member));

        awaitDelivered(event, "EMAIL");
        MimeMessage card = awaitMail(mail);
        assertThat(card.getSubject()).isEqualTo("【联心卡】中共X街道第一支部委员会");
        assertThat(Mails.text(card))
                .contains("内蒙古乌海市海勃湾区", "支部书记：刘书记 13500135000", "微信群：https://weixin.example.cn/g/card")
                .doesNotContain("组织委员", "网址：");
        assertThat(cardQrCode(card)).isEqualTo("https://weixin.example.cn/g/card");
    }

    /** The mail carries the 联心卡 as one inline image/png whose QR code opens the branch WeChat group. */
    private static String cardQrCode(MimeMessage mail) throws Exception {
        List<Part> images = Mails.parts(mail, "image/png");
        assertThat(images).hasSize(1);
        Part image = images.get(0);
        assertThat(image.getFileName()).isEqualTo("lianxin-card.png");
        assertThat(((MimePart) image).getContentID()).isEqualTo("<lianxin-card@lianxin.cn>");
        assertThat(Mails.parts(mail, "text/html")).singleElement()
                .satisfies(html -> assertThat(html.getContent().toString()).contains("cid:lianxin-card@lianxin.cn"));
        byte[] png = Mails.bytes(image);
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(picture).as("a readable PNG").isNotNull();
        assertThat(picture.getWidth()).isEqualTo(ContactCardRenderer.WIDTH);
        return QrCodes.read(picture).orElseThrow(() -> new AssertionError("no QR code on the card"));
    }
}
