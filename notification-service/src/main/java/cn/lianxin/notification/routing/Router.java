package cn.lianxin.notification.routing;

import static cn.lianxin.notification.recipients.Json.object;
import static cn.lianxin.notification.recipients.Json.text;
import static cn.lianxin.notification.recipients.Json.uuid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cn.lianxin.notification.card.CardModel;
import cn.lianxin.notification.domain.RecipientRole;
import cn.lianxin.notification.recipients.MemberRecipient;
import cn.lianxin.notification.recipients.OrgCard;
import cn.lianxin.notification.recipients.Person;
import cn.lianxin.notification.recipients.RecipientProjection;
import cn.lianxin.notification.template.NotificationKind;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.orgs.OrgSnapshot;

/**
 * Who hears what (domain.md §5). The routing table:
 * <pre>
 * ContactMissed{level: REMINDER}   → the liaison (from the event, else the projection; none known → branch secretary)
 * ContactMissed{level: ESCALATED}  → secretary of the member's branch
 * MemberUncontrolled               → secretary of the member's branch
 * CaseOpened                       → secretary of the member's branch
 * CaseEscalated                    → secretary of toOrgId (the org the case escalated to)
 * StandingActionProposed           → secretary of the branch and secretary of the superior org
 *                                    (superiorOrgId, else the branch's parent)
 * MemberFlowedOut                  → the member, with the 联心卡
 * TransferReceiptOverdue           → secretaries of fromOrgId and of toOrgId (internal transfers)
 * </pre>
 */
@ApplicationScoped
public class Router {

    /** Event names that cause notifications; the consumers hand exactly these to {@link #route}. */
    public static final Set<String> ROUTED = Set.of("ContactMissed", "MemberUncontrolled", "CaseOpened",
            "CaseEscalated", "StandingActionProposed", "MemberFlowedOut", "TransferReceiptOverdue");

    private final OrgProjection orgs;
    private final RecipientProjection recipients;
    private final RecipientDirectory directory;

    public Router(OrgProjection orgs, RecipientProjection recipients, RecipientDirectory directory) {
        this.orgs = orgs;
        this.recipients = recipients;
        this.directory = directory;
    }

    public List<PlannedNotification> route(IncomingEvent event) {
        JsonNode p = event.payload();
        return switch (event.name()) {
            case "ContactMissed" -> contactMissed(p);
            case "MemberUncontrolled" -> toBranchSecretary(NotificationKind.MEMBER_UNCONTROLLED, p, Map.of(
                    "leftDate", Labels.date(text(p, "leftAt")),
                    "uncontrolledSince", Labels.date(text(p, "uncontrolledSince")),
                    "destination", nullable(text(p, "destinationPlace"))));
            case "CaseOpened" -> toBranchSecretary(NotificationKind.CASE_OPENED, p, Map.of(
                    "trigger", Labels.caseTrigger(text(p, "trigger")),
                    "lostSince", Labels.date(text(p, "lostSince")),
                    "verificationDueDate", Labels.date(text(p, "verificationDueAt"))));
            case "CaseEscalated" -> caseEscalated(p);
            case "StandingActionProposed" -> standingActionProposed(p);
            case "MemberFlowedOut" -> memberFlowedOut(p);
            case "TransferReceiptOverdue" -> transferReceiptOverdue(p);
            default -> List.of();
        };
    }

    private List<PlannedNotification> contactMissed(JsonNode p) {
        Map<String, Object> data = new HashMap<>();
        data.put("obligation", Labels.obligation(text(p, "obligation")));
        data.put("dueDate", Labels.date(text(p, "dueAt")));
        data.put("daysOverdue", p.path("daysOverdue").asInt());
        if ("ESCALATED".equals(text(p, "level"))) {
            data.put("graceEndDate", Labels.date(text(p, "graceEndsAt")));
            return toBranchSecretary(NotificationKind.CONTACT_MISSED_ESCALATED, p, data);
        }
        UUID member = uuid(p, "memberId");
        Person liaison = Optional.ofNullable(RecipientProjection.person(object(p, "liaison")))
                .or(() -> recipients.member(member).map(MemberRecipient::liaison))
                .orElse(null);
        if (liaison == null) { // nobody designated (专人负责 missing): the branch secretary has to act
            return toBranchSecretary(NotificationKind.CONTACT_MISSED_REMINDER, p, data);
        }
        UUID branch = uuid(p, "orgId");
        Recipient recipient = Recipient.of(RecipientRole.LIAISON, branch, liaison,
                liaison.memberId() == null ? null
                        : recipients.member(liaison.memberId()).map(MemberRecipient::preferredChannel).orElse(null));
        return List.of(planned(NotificationKind.CONTACT_MISSED_REMINDER, p, recipient, data));
    }

    private List<PlannedNotification> caseEscalated(JsonNode p) {
        UUID to = uuid(p, "toOrgId");
        return List.of(planned(NotificationKind.CASE_ESCALATED, p, secretaryOf(to), Map.of(
                "level", p.path("level").asInt(),
                "fromOrgName", orgName(uuid(p, "fromOrgId")),
                "toOrgName", orgName(to),
                "reason", Labels.escalationReason(text(p, "reason")),
                "lostSince", Labels.date(text(p, "lostSince")),
                "dueDate", Labels.date(text(p, "dueAt")))));
    }

    private List<PlannedNotification> standingActionProposed(JsonNode p) {
        UUID branch = uuid(p, "orgId");
        UUID superior = Optional.ofNullable(uuid(p, "superiorOrgId"))
                .or(() -> orgs.find(branch).map(OrgSnapshot.View::parentId)).orElse(null);
        Map<String, Object> data = new HashMap<>();
        data.put("action", Labels.action(text(p, "action")));
        data.put("superiorOrgName", superior == null ? null : orgName(superior));
        List<PlannedNotification> planned = new ArrayList<>();
        planned.add(planned(NotificationKind.STANDING_ACTION_PROPOSED, p, secretaryOf(branch), data));
        if (superior != null && !superior.equals(branch)) {
            planned.add(planned(NotificationKind.STANDING_ACTION_PROPOSED, p, secretaryOf(superior), data));
        }
        return planned;
    }

    private List<PlannedNotification> memberFlowedOut(JsonNode p) {
        UUID member = uuid(p, "memberId");
        UUID branch = uuid(p, "orgId");
        Optional<MemberRecipient> known = recipients.member(member);
        JsonNode away = object(p, "contact");
        // While away, the phone and WeChat registered with the outflow (四个清楚) are the ones that work.
        Person person = new Person(member, known.map(m -> m.self().name()).orElse(null), text(away, "phone"),
                text(away, "wechat"), known.map(m -> m.self().email()).orElse(null));
        Recipient recipient = Recipient.of(RecipientRole.MEMBER, branch, person,
                known.map(MemberRecipient::preferredChannel).orElse(null));
        CardContents card = card(p, branch);
        Map<String, Object> data = card.templateData();
        data.put("destination", text(object(p, "destination"), "place"));
        PlannedNotification planned = planned(NotificationKind.MEMBER_FLOWED_OUT_CARD, p, recipient, data);
        if (card.orgName() != null) { // the card as member-service printed it wins
            planned.model().put("orgName", card.orgName());
        }
        // What the e-mail draws as the 联心卡 picture (CardAttachments).
        planned.model().put(CardModel.KEY, CardModel.of(person.name(), (String) planned.model().get("orgName"),
                card.secretary(), card.organizer(), card.wechatGroupUrl(), card.webAddress()));
        return List.of(planned);
    }

    /** What the 联心卡 shows; {@code orgName} only when the event's card names the branch. */
    private record CardContents(String orgName, Person secretary, Person organizer, String wechatGroupUrl,
            String webAddress, String cardUrl) {

        Map<String, Object> templateData() {
            Map<String, Object> data = new HashMap<>();
            data.put("secretaryName", secretary == null ? "（待补充）" : secretary.name());
            data.put("secretaryPhone", secretary == null ? "" : secretary.phone());
            data.put("organizerName", organizer == null ? null : organizer.name());
            data.put("organizerPhone", organizer == null ? null : organizer.phone());
            data.put("wechatGroupUrl", wechatGroupUrl);
            data.put("webAddress", webAddress);
            data.put("cardUrl", cardUrl);
            return data;
        }
    }

    /**
     * The 联心卡 contents: from the event's {@code contactCard} when member-service sent one (it knows the
     * card as of the outflow), else from this service's org projection.
     */
    private CardContents card(JsonNode p, UUID branch) {
        JsonNode card = object(p, "contactCard");
        if (card != null) {
            return new CardContents(text(card, "orgName"), RecipientProjection.person(object(card, "secretary")),
                    RecipientProjection.person(object(card, "organizer")), text(card, "wechatGroupUrl"),
                    text(card, "webAddress"), text(card, "cardUrl"));
        }
        Optional<OrgSnapshot.View> org = orgs.find(branch);
        OrgCard extras = recipients.card(branch);
        return new CardContents(null, org.map(OrgSnapshot.View::secretary).map(Router::person).orElse(null),
                org.map(OrgSnapshot.View::organizer).map(Router::person).orElse(null), extras.wechatGroupUrl(),
                extras.webAddress(), null);
    }

    private static Person person(OrgSnapshot.Contact contact) {
        return new Person(null, contact.name(), contact.phone(), contact.wechat(), contact.email());
    }

    private List<PlannedNotification> transferReceiptOverdue(JsonNode p) {
        UUID from = uuid(p, "fromOrgId");
        UUID to = uuid(p, "toOrgId");
        JsonNode external = object(p, "toExternalOrg");
        Map<String, Object> data = Map.of(
                "fromOrgName", orgName(from),
                "toOrgName", to != null ? orgName(to) : text(external, "name") + "（" + text(external, "region") + "）",
                "issuedDate", Labels.date(text(p, "issuedAt")),
                "dueDate", Labels.date(text(p, "dueAt")));
        List<PlannedNotification> planned = new ArrayList<>();
        planned.add(planned(NotificationKind.TRANSFER_RECEIPT_OVERDUE, p, secretaryOf(from), data));
        if (to != null && !to.equals(from)) {
            planned.add(planned(NotificationKind.TRANSFER_RECEIPT_OVERDUE, p, secretaryOf(to), data));
        }
        return planned;
    }

    private List<PlannedNotification> toBranchSecretary(NotificationKind kind, JsonNode p, Map<String, Object> data) {
        return List.of(planned(kind, p, secretaryOf(uuid(p, "orgId")), data));
    }

    private Recipient secretaryOf(UUID orgId) {
        return directory.secretaryOf(orgId);
    }

    private PlannedNotification planned(NotificationKind kind, JsonNode p, Recipient recipient, Map<String, Object> data) {
        UUID member = uuid(p, "memberId");
        UUID branch = uuid(p, "orgId");
        Map<String, Object> model = new HashMap<>(data);
        model.put("memberName", recipients.member(member).map(m -> m.self().name()).filter(n -> !n.isBlank()).orElse("（姓名待同步）"));
        model.put("orgName", orgName(branch));
        model.put("recipientName", recipient.name() == null ? "" : recipient.name());
        return new PlannedNotification(kind, member, uuid(p, "caseId"), branch, recipient, model);
    }

    private String orgName(UUID orgId) {
        return orgId == null ? "" : orgs.find(orgId).map(OrgSnapshot.View::name).orElse("（组织待同步）");
    }

    private static Object nullable(String value) {
        return value == null ? "" : value;
    }
}
