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
import cn.lianxin.notification.config.NotificationConfig;
import cn.lianxin.notification.domain.OrgCard;
import cn.lianxin.notification.domain.RecipientRole;
import cn.lianxin.notification.recipients.CaseEscalations;
import cn.lianxin.notification.recipients.MemberRecipient;
import cn.lianxin.notification.recipients.Person;
import cn.lianxin.notification.recipients.RecipientProjection;
import cn.lianxin.notification.selfcheckin.SelfCheckInLinks;
import cn.lianxin.notification.template.NotificationKind;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.orgs.OrgSnapshot;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * Who hears what (docs/domain.md §5). The routing table:
 * <pre>
 * ContactMissed{level: REMINDER}   → the liaison (from the event, else the projection; none known → branch secretary);
 *                                    for obligation QUARTERLY where self check-in is enabled, also the member with a
 *                                    personal 报平安 link (SelfCheckInLinks)
 * ContactMissed{level: ESCALATED}  → secretary of the member's branch
 * MemberUncontrolled, SelfWithdrawalSuspected, CaseOpened, CaseRecheckDue, FollowUpMissed, AnnualReviewOverdue,
 * TransferRecommended              → secretary of the member's branch
 * DuesArrears                      → the member, and the secretary of the member's branch
 * FollowUpDue                      → the liaison (projection), else the secretary of the member's branch
 * CaseEscalated                    → secretary of toOrgId (the org the case escalated to)
 * MemberFound, CaseClosed          → secretary of the branch and of every org the case had escalated to
 * StandingActionProposed           → secretary of the branch and secretary of the superior org
 *                                    (superiorOrgId, else the branch's parent)
 * MonthlyReportPublished           → secretary of the reported org and of its superior org (parent)
 * MemberFlowedOut                  → the member, with the 联心卡; and the receiving org: its secretary when it is in
 *                                    this system's tree, else the contact the outflow names
 * TransferIssued                   → secretary of toOrgId (internal transfers): a receipt to confirm
 * TransferReceiptOverdue           → secretaries of fromOrgId and of toOrgId (internal transfers)
 * ReportInOverdue                  → secretary of the sending branch, and the receiving org as for MemberFlowedOut
 * HandshakeEscalated               → secretary of superiorOrgId (else the sending branch's parent)
 * RosterFiled                      → secretary of the branch's superior org (parent): a filing to acknowledge or return
 * RosterReturned                   → secretary of the branch, with the remarks
 * CampaignReminderDue              → secretary of the lagging branch, with the link to its not-yet-accounted list
 * CampaignClosed                   → secretary of the campaign's org, with the figures
 * LookupApprovalRequested          → 组织委员 of approverOrgId (the superior org that approves; its secretary when it names
 *                                    none), at once by default
 * LookupRefused, LookupOverdue     → secretary of the member's branch
 * </pre>
 * Every other event of the catalogue is {@link #INFORMATIONAL}: for integrators, no message. The departments'
 * topics {@code lookup.requests} and {@code lookup.answers} are outside routing: this service does not read them.
 */
@ApplicationScoped
public class Router {

    /** Event names that cause notifications; the consumers hand exactly these to {@link #route}. */
    public static final Set<String> ROUTED = Set.of("ContactMissed", "MemberUncontrolled", "SelfWithdrawalSuspected",
            "DuesArrears", "CaseOpened", "CaseEscalated", "CaseRecheckDue", "FollowUpDue", "FollowUpMissed",
            "MemberFound", "CaseClosed", "StandingActionProposed", "MonthlyReportPublished", "MemberFlowedOut",
            "TransferReceiptOverdue", "AnnualReviewOverdue", "TransferRecommended", "RosterFiled", "RosterReturned",
            "CampaignReminderDue", "CampaignClosed", "LookupApprovalRequested", "LookupRefused", "LookupOverdue",
            "TransferIssued", "ReportInOverdue", "HandshakeEscalated");

    /**
     * Events that notify nobody (docs/domain.md §5): facts for integrators, projections, or handled elsewhere
     * (NotificationFailed marks a failing contact detail in member-service; LostContactSuspected is told by CaseOpened).
     */
    public static final Set<String> INFORMATIONAL = Set.of("ContactRecorded", "ContactRestored",
            "LostContactSuspected", "SearchAttemptLogged", "CaseDisposed", "MemberStandingChanged",
            "NotificationDelivered", "NotificationFailed", "FollowUpRecorded", "CaseDetailsChanged", "OrgCreated",
            "OrgChanged", "MemberRegistered", "MemberProfileChanged", "LiaisonAssigned", "MemberReportedIn",
            "MemberReturned", "MemberTransferred", "RosterAcknowledged", "CampaignOpened",
            "AccountabilityReported", // figures for case-service's monthly report, which MonthlyReportPublished announces
            // 联系方式核实 for tracking-service's loss-risk score; the 年审 list and the verification list show it to people
            "ContactVerificationDue", "ContactDetailsConfirmed");

    private final OrgProjection orgs;
    private final RecipientProjection recipients;
    private final RecipientDirectory directory;
    private final CaseEscalations escalations;
    private final SelfCheckInLinks selfCheckIn;
    private final String campaignUrl;

    public Router(OrgProjection orgs, RecipientProjection recipients, RecipientDirectory directory,
            CaseEscalations escalations, SelfCheckInLinks selfCheckIn, NotificationConfig config) {
        String url = config.campaignUrl().strip();
        this.campaignUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.orgs = orgs;
        this.recipients = recipients;
        this.directory = directory;
        this.escalations = escalations;
        this.selfCheckIn = selfCheckIn;
    }

    public List<PlannedNotification> route(IncomingEvent event) {
        JsonNode p = event.payload();
        return switch (event.name()) {
            case "ContactMissed" -> contactMissed(event.id(), p);
            case "MemberUncontrolled" -> toBranchSecretary(NotificationKind.MEMBER_UNCONTROLLED, p, Map.of(
                    "leftDate", Labels.date(text(p, "leftAt")),
                    "uncontrolledSince", Labels.date(text(p, "uncontrolledSince")),
                    "destination", nullable(text(p, "destinationPlace"))),
                    "自" + Labels.date(text(p, "uncontrolledSince")) + "起失控");
            case "CaseOpened" -> toBranchSecretary(NotificationKind.CASE_OPENED, p, Map.of(
                    "trigger", Labels.caseTrigger(text(p, "trigger")),
                    "lostSince", Labels.date(text(p, "lostSince")),
                    "verificationDueDate", Labels.date(text(p, "verificationDueAt"))),
                    "自" + Labels.date(text(p, "lostSince")) + "起失联，请于" + Labels.date(text(p, "verificationDueAt"))
                            + "前开展核实查找");
            case "CaseEscalated" -> caseEscalated(p);
            case "StandingActionProposed" -> standingActionProposed(p);
            case "MemberFlowedOut" -> memberFlowedOut(p);
            case "TransferReceiptOverdue" -> transferReceiptOverdue(p);
            case "TransferIssued" -> transferIssued(p);
            case "ReportInOverdue" -> reportInOverdue(p);
            case "HandshakeEscalated" -> handshakeEscalated(p);
            case "SelfWithdrawalSuspected" -> selfWithdrawalSuspected(p);
            case "DuesArrears" -> duesArrears(p);
            case "CaseRecheckDue" -> caseRecheckDue(p);
            case "FollowUpDue" -> followUpDue(p);
            case "FollowUpMissed" -> toBranchSecretary(NotificationKind.FOLLOW_UP_MISSED, p, followUp(p, true),
                    "第" + p.path("followUpNo").asInt() + "次回访逾期未登记");
            case "MemberFound" -> answerEscalations(NotificationKind.MEMBER_FOUND, p, Map.of(
                    "foundDate", Labels.date(text(p, "foundAt")),
                    "lostSince", Labels.date(text(p, "lostSince")),
                    "daysLost", p.path("daysLost").asInt()), "已找到（失联" + p.path("daysLost").asInt() + "天）");
            case "CaseClosed" -> answerEscalations(NotificationKind.CASE_CLOSED, p, Map.of(
                    "resolution", Labels.resolution(text(p, "resolution")),
                    "lostSince", Labels.date(text(p, "lostSince")),
                    "daysLost", p.path("daysLost").asInt()), "结案：" + Labels.resolution(text(p, "resolution")));
            case "AnnualReviewOverdue" -> annualReviewOverdue(p);
            case "TransferRecommended" -> transferRecommended(p);
            case "MonthlyReportPublished" -> monthlyReportPublished(p);
            case "RosterFiled" -> rosterFiled(p);
            case "RosterReturned" -> rosterReturned(p);
            case "CampaignReminderDue" -> campaignReminderDue(p);
            case "CampaignClosed" -> campaignClosed(p);
            case "LookupApprovalRequested" -> lookupApprovalRequested(p);
            case "LookupRefused" -> lookupRefused(p);
            case "LookupOverdue" -> lookupOverdue(p);
            default -> List.of();
        };
    }

    private List<PlannedNotification> selfWithdrawalSuspected(JsonNode p) {
        List<String> missing = new ArrayList<>();
        p.path("missing").forEach(m -> missing.add(Labels.obligation(m.asText())));
        String since = Labels.date(text(p, "since"));
        Map<String, Object> data = new HashMap<>();
        data.put("missing", String.join("、", missing));
        data.put("since", since);
        data.put("lastReachedDate", Labels.date(text(p, "lastReachedAt")));
        data.put("daysOverdue", Labels.daysBetween(text(p, "since"), text(p, "asOf")));
        return toBranchSecretary(NotificationKind.SELF_WITHDRAWAL_SUSPECTED, p, data,
                "自" + since + "起未" + String.join("、", missing));
    }

    private List<PlannedNotification> duesArrears(JsonNode p) {
        UUID member = uuid(p, "memberId");
        UUID branch = uuid(p, "orgId");
        Map<String, Object> data = new HashMap<>();
        data.put("arrearsSince", Labels.date(text(p, "arrearsSince")));
        data.put("monthsInArrears", p.path("monthsInArrears").asInt());
        String reason = "欠缴党费" + p.path("monthsInArrears").asInt() + "个月";
        List<PlannedNotification> planned = new ArrayList<>(toBranchSecretary(NotificationKind.DUES_ARREARS, p, data, reason));
        Optional<MemberRecipient> known = recipients.member(member);
        Person self = known.map(MemberRecipient::self).orElse(new Person(member, null, null, null, null));
        Recipient recipient = Recipient.of(RecipientRole.MEMBER, branch, self,
                known.map(MemberRecipient::preferredChannel).orElse(null));
        OrgSnapshot.Contact secretary = orgs.find(branch).map(OrgSnapshot.View::secretary).orElse(null);
        Map<String, Object> own = new HashMap<>(data);
        own.put("secretaryName", secretary == null ? "支部书记" : secretary.name());
        own.put("secretaryPhone", secretary == null ? "" : secretary.phone());
        planned.add(planned(NotificationKind.DUES_ARREARS_MEMBER, p, recipient, own, reason));
        return planned;
    }

    private List<PlannedNotification> caseRecheckDue(JsonNode p) {
        Map<String, Object> data = new HashMap<>();
        data.put("weekOf", Labels.date(text(p, "weekOf")));
        data.put("lostSince", Labels.date(text(p, "lostSince")));
        data.put("lastAttemptDate", Labels.date(text(p, "lastAttemptAt")));
        data.put("escalationLevel", p.path("escalationLevel").asInt());
        data.put("responsibleOrgName", orgName(uuid(p, "responsibleOrgId")));
        String last = Labels.date(text(p, "lastAttemptAt"));
        return toBranchSecretary(NotificationKind.CASE_RECHECK_DUE, p, data,
                last == null ? "本周未开展查找（尚无查找记录）" : "本周未开展查找（上次" + last + "）");
    }

    private List<PlannedNotification> followUpDue(JsonNode p) {
        Map<String, Object> data = followUp(p, false);
        String reason = "第" + p.path("followUpNo").asInt() + "次回访应于" + data.get("dueDate") + "前完成";
        Person liaison = recipients.member(uuid(p, "memberId")).map(MemberRecipient::liaison).orElse(null);
        if (liaison == null) { // nobody designated: whoever does the follow-up is the branch secretary
            return toBranchSecretary(NotificationKind.FOLLOW_UP_DUE, p, data, reason);
        }
        return List.of(planned(NotificationKind.FOLLOW_UP_DUE, p, liaisonRecipient(uuid(p, "orgId"), liaison), data, reason));
    }

    private static Map<String, Object> followUp(JsonNode p, boolean missed) {
        Map<String, Object> data = new HashMap<>();
        data.put("followUpNo", p.path("followUpNo").asInt());
        data.put("planSize", p.path("planSize").asInt());
        data.put("dueDate", Labels.date(text(p, "dueAt")));
        if (missed) {
            data.put("daysOverdue", Labels.daysBetween(text(p, "dueAt"), text(p, "asOf")));
        }
        return data;
    }

    /** MemberFound, CaseClosed: the branch secretary, and every org the case had escalated to. */
    private List<PlannedNotification> answerEscalations(NotificationKind kind, JsonNode p, Map<String, Object> data,
            String reason) {
        UUID branch = uuid(p, "orgId");
        List<PlannedNotification> planned = new ArrayList<>(toBranchSecretary(kind, p, data, reason));
        escalations.targets(uuid(p, "caseId")).stream().filter(org -> !org.equals(branch)).distinct()
                .forEach(org -> planned.add(planned(kind, p, secretaryOf(org), data, reason)));
        return planned;
    }

    private List<PlannedNotification> annualReviewOverdue(JsonNode p) {
        Map<String, Object> data = new HashMap<>();
        data.put("year", p.path("year").asInt());
        data.put("dueDate", Labels.date(text(p, "dueAt")));
        data.put("daysOverdue", Labels.daysBetween(text(p, "dueAt"), text(p, "asOf")));
        return toBranchSecretary(NotificationKind.ANNUAL_REVIEW_OVERDUE, p, data,
                p.path("year").asInt() + "年度年审未完成");
    }

    private List<PlannedNotification> transferRecommended(JsonNode p) {
        JsonNode receiving = object(p, "receivingOrg");
        Map<String, Object> data = new HashMap<>();
        data.put("leftDate", Labels.date(text(p, "leftAt")));
        data.put("destination", nullable(text(object(p, "destination"), "place")));
        data.put("receivingOrgName", receiving == null ? null : text(receiving, "name"));
        return toBranchSecretary(NotificationKind.TRANSFER_RECOMMENDED, p, data,
                "自" + data.get("leftDate") + "起在" + data.get("destination") + "，建议转接组织关系");
    }

    /** 每月一上报: the reported org's secretary and its superior org's; the event is about an org, not a member. */
    private List<PlannedNotification> monthlyReportPublished(JsonNode p) {
        UUID org = uuid(p, "orgId");
        JsonNode figures = object(p, "figures");
        Map<String, Object> data = new HashMap<>();
        data.put("month", text(p, "month"));
        data.put("reportOrgName", orgName(org));
        data.put("reportPath", text(p, "reportPath"));
        data.put("lostTotal", figures == null ? 0 : figures.path("lostTotal").asInt());
        data.put("stillMissing", figures == null ? 0 : figures.path("stillMissing").asInt());
        data.put("found", figures == null ? 0 : figures.path("found").asInt());
        String reason = text(p, "month") + "月报：失联" + data.get("lostTotal") + "人，仍未找到" + data.get("stillMissing") + "人";
        List<PlannedNotification> planned = new ArrayList<>();
        planned.add(planned(NotificationKind.MONTHLY_REPORT_PUBLISHED, p, secretaryOf(org), data, reason));
        orgs.find(org).map(OrgSnapshot.View::parentId).filter(parent -> !parent.equals(org)).ifPresent(parent ->
                planned.add(planned(NotificationKind.MONTHLY_REPORT_PUBLISHED, p, secretaryOf(parent), data, reason)));
        return planned;
    }

    /**
     * 花名册备案: the superior committee (the branch's parent in the projection, which the filing's org events precede on
     * the same key) has a filing to acknowledge or return. A root org has nobody above it here: no message.
     */
    private List<PlannedNotification> rosterFiled(JsonNode p) {
        UUID branch = uuid(p, "orgId");
        Optional<UUID> superior = orgs.find(branch).map(OrgSnapshot.View::parentId).filter(parent -> !parent.equals(branch));
        if (superior.isEmpty()) {
            return List.of();
        }
        JsonNode counts = object(p, "counts");
        Map<String, Object> data = new HashMap<>();
        data.put("year", p.path("year").asInt());
        data.put("version", p.path("version").asInt());
        data.put("members", counts == null ? 0 : counts.path("members").asInt());
        data.put("flowing", counts == null ? 0 : counts.path("flowing").asInt());
        data.put("filedDate", Labels.date(text(p, "filedAt")));
        data.put("superiorOrgName", orgName(superior.get()));
        data.put("filingPath", "/api/v1/roster-filings/" + text(p, "filingId"));
        String reason = data.get("year") + "年度党员花名册已报送备案（第" + data.get("version") + "版，" + data.get("members")
                + "人），待审核";
        return List.of(planned(NotificationKind.ROSTER_FILED, p, secretaryOf(superior.get()), data, reason));
    }

    /** 花名册退回: the branch corrects its roster as the remarks say and files again. */
    private List<PlannedNotification> rosterReturned(JsonNode p) {
        UUID branch = uuid(p, "orgId");
        Map<String, Object> data = new HashMap<>();
        data.put("year", p.path("year").asInt());
        data.put("version", p.path("version").asInt());
        data.put("returnedDate", Labels.date(text(p, "returnedAt")));
        data.put("remarks", nullable(text(p, "remarks")));
        data.put("superiorOrgName", orgs.find(branch).map(OrgSnapshot.View::parentId).filter(parent -> !parent.equals(branch))
                .map(this::orgName).orElse(""));
        return toBranchSecretary(NotificationKind.ROSTER_RETURNED, p, data,
                data.get("year") + "年度党员花名册被退回：" + data.get("remarks"));
    }

    /** 专项排查: a week before the end, the lagging branch's secretary gets the counts and the list of who is missing. */
    private List<PlannedNotification> campaignReminderDue(JsonNode p) {
        UUID branch = uuid(p, "orgId");
        Map<String, Object> data = new HashMap<>();
        data.put("campaignName", nullable(text(p, "name")));
        data.put("campaignOrgName", orgName(uuid(p, "campaignOrgId")));
        data.put("endsOn", Labels.date(text(p, "endsOn")));
        data.put("inScope", p.path("inScope").asInt());
        data.put("accounted", p.path("accounted").asInt());
        data.put("notAccounted", p.path("notAccounted").asInt());
        data.put("unaccountedUrl", campaignUrl + "/" + text(p, "campaignId") + "/unaccounted?orgId=" + branch);
        return toBranchSecretary(NotificationKind.CAMPAIGN_REMINDER_DUE, p, data,
                data.get("campaignName") + "还有" + data.get("notAccounted") + "人未排查清楚（" + data.get("endsOn") + "结束）");
    }

    /** 专项排查结束: the secretary of the org that ran the campaign gets its final figures. */
    private List<PlannedNotification> campaignClosed(JsonNode p) {
        Map<String, Object> data = new HashMap<>();
        data.put("campaignName", nullable(text(p, "name")));
        data.put("startsOn", Labels.date(text(p, "startsOn")));
        data.put("endsOn", Labels.date(text(p, "endsOn")));
        data.put("closing", Labels.campaignClosing(text(p, "reason")));
        data.put("inScope", p.path("inScope").asInt());
        data.put("accounted", p.path("accounted").asInt());
        data.put("notAccounted", p.path("notAccounted").asInt());
        int lagging = 0;
        for (JsonNode branch : p.path("branches")) {
            lagging += branch.path("notAccounted").asInt() > 0 ? 1 : 0;
        }
        data.put("laggingBranches", lagging);
        return toBranchSecretary(NotificationKind.CAMPAIGN_CLOSED, p, data,
                data.get("campaignName") + "已" + data.get("closing") + "：" + data.get("inScope") + "人中" + data.get("notAccounted")
                        + "人未排查清楚");
    }

    /** 协查审批: nothing leaves for the department until the superior org (approverOrgId) approves. */
    private List<PlannedNotification> lookupApprovalRequested(JsonNode p) {
        UUID approver = uuid(p, "approverOrgId");
        List<String> asked = new ArrayList<>();
        p.path("asked").forEach(item -> asked.add(Labels.lookupItem(item.asText())));
        Map<String, Object> data = new HashMap<>();
        data.put("department", Labels.department(text(p, "department")));
        data.put("asked", String.join("、", asked));
        data.put("legalBasis", nullable(text(object(p, "legalBasis"), "citation")));
        data.put("requestedDate", Labels.date(text(p, "requestedAt")));
        data.put("approverOrgName", orgName(approver));
        return List.of(planned(NotificationKind.LOOKUP_APPROVAL_REQUESTED, p, directory.organizerOf(approver), data,
                "申请向" + data.get("department") + "协查" + data.get("asked") + "，待审批"));
    }

    private List<PlannedNotification> lookupRefused(JsonNode p) {
        Map<String, Object> data = new HashMap<>();
        data.put("department", Labels.department(text(p, "department")));
        data.put("refusalReason", nullable(text(p, "reason")));
        data.put("refusedDate", Labels.date(text(p, "refusedAt")));
        return toBranchSecretary(NotificationKind.LOOKUP_REFUSED, p, data,
                "向" + data.get("department") + "的协查申请未获批准：" + data.get("refusalReason"));
    }

    private List<PlannedNotification> lookupOverdue(JsonNode p) {
        Map<String, Object> data = new HashMap<>();
        data.put("department", Labels.department(text(p, "department")));
        data.put("sentDate", Labels.date(text(p, "sentAt")));
        data.put("answerDueDate", Labels.date(text(p, "answerDueAt")));
        data.put("chaseCount", p.path("chaseCount").asInt());
        data.put("daysOverdue", Labels.daysBetween(text(p, "answerDueAt"), text(p, "asOf")));
        return toBranchSecretary(NotificationKind.LOOKUP_OVERDUE, p, data,
                data.get("department") + "协查逾期未答复（第" + data.get("chaseCount") + "次催办）");
    }

    private List<PlannedNotification> contactMissed(UUID eventId, JsonNode p) {
        Map<String, Object> data = new HashMap<>();
        data.put("obligation", Labels.obligation(text(p, "obligation")));
        data.put("dueDate", Labels.date(text(p, "dueAt")));
        data.put("daysOverdue", p.path("daysOverdue").asInt());
        if ("ESCALATED".equals(text(p, "level"))) {
            data.put("graceEndDate", Labels.date(text(p, "graceEndsAt")));
            return toBranchSecretary(NotificationKind.CONTACT_MISSED_ESCALATED, p, data,
                    data.get("obligation") + "宽限期至" + data.get("graceEndDate") + "仍未联系上");
        }
        String reason = data.get("obligation") + "已于" + data.get("dueDate") + "到期";
        UUID member = uuid(p, "memberId");
        Person liaison = Optional.ofNullable(RecipientProjection.person(object(p, "liaison")))
                .or(() -> recipients.member(member).map(MemberRecipient::liaison))
                .orElse(null);
        List<PlannedNotification> planned = new ArrayList<>();
        if (liaison == null) { // nobody designated (专人负责 missing): the branch secretary has to act
            planned.addAll(toBranchSecretary(NotificationKind.CONTACT_MISSED_REMINDER, p, data, reason));
        } else {
            planned.add(planned(NotificationKind.CONTACT_MISSED_REMINDER, p, liaisonRecipient(uuid(p, "orgId"), liaison),
                    data, reason));
        }
        // 报平安: the quarterly reminder (T2, any contact counts) also asks the member themself, where enabled.
        if ("QUARTERLY".equals(text(p, "obligation"))) {
            selfCheckIn(eventId, p, data, reason).ifPresent(planned::add);
        }
        return planned;
    }

    /**
     * The member's own 报平安 message: their preferred channel (the usual chain and fallback), at once, with the claims of
     * a personal link that delivery signs into the text ({@link SelfCheckInLinks}); empty where self check-in is off.
     */
    private Optional<PlannedNotification> selfCheckIn(UUID eventId, JsonNode p, Map<String, Object> data, String reason) {
        UUID member = uuid(p, "memberId");
        UUID branch = uuid(p, "orgId");
        return selfCheckIn.grant(eventId, member).map(claims -> {
            Optional<MemberRecipient> known = recipients.member(member);
            Person self = known.map(MemberRecipient::self).orElse(new Person(member, null, null, null, null));
            Recipient recipient = Recipient.of(RecipientRole.MEMBER, branch, self,
                    known.map(MemberRecipient::preferredChannel).orElse(null));
            OrgSnapshot.Contact secretary = orgs.find(branch).map(OrgSnapshot.View::secretary).orElse(null);
            Map<String, Object> own = new HashMap<>(data);
            own.put("validUntil", claims.lastValidDay(ShanghaiCalendar.ZONE).toString()); // exp is the day after
            own.put("secretaryName", secretary == null ? "支部书记" : secretary.name());
            own.put("secretaryPhone", secretary == null ? "" : secretary.phone());
            PlannedNotification planned = planned(NotificationKind.CONTACT_MISSED_SELF_CHECK_IN, p, recipient, own, reason);
            planned.model().put(SelfCheckInLinks.CLAIMS, claims.toModel());
            return planned;
        });
    }

    private Recipient liaisonRecipient(UUID branch, Person liaison) {
        return Recipient.of(RecipientRole.LIAISON, branch, liaison, liaison.memberId() == null ? null
                : recipients.member(liaison.memberId()).map(MemberRecipient::preferredChannel).orElse(null));
    }

    private List<PlannedNotification> caseEscalated(JsonNode p) {
        UUID to = uuid(p, "toOrgId");
        return List.of(planned(NotificationKind.CASE_ESCALATED, p, secretaryOf(to), Map.of(
                "level", p.path("level").asInt(),
                "fromOrgName", orgName(uuid(p, "fromOrgId")),
                "toOrgName", orgName(to),
                "reason", Labels.escalationReason(text(p, "reason")),
                "lostSince", Labels.date(text(p, "lostSince")),
                "dueDate", Labels.date(text(p, "dueAt"))), Labels.escalationReason(text(p, "reason"))));
    }

    private List<PlannedNotification> standingActionProposed(JsonNode p) {
        UUID branch = uuid(p, "orgId");
        UUID superior = Optional.ofNullable(uuid(p, "superiorOrgId"))
                .or(() -> orgs.find(branch).map(OrgSnapshot.View::parentId)).orElse(null);
        Map<String, Object> data = new HashMap<>();
        data.put("action", Labels.action(text(p, "action")));
        data.put("superiorOrgName", superior == null ? null : orgName(superior));
        List<PlannedNotification> planned = new ArrayList<>();
        String reason = "建议" + data.get("action");
        planned.add(planned(NotificationKind.STANDING_ACTION_PROPOSED, p, secretaryOf(branch), data, reason));
        if (superior != null && !superior.equals(branch)) {
            planned.add(planned(NotificationKind.STANDING_ACTION_PROPOSED, p, secretaryOf(superior), data, reason));
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
        String reason = "外出至" + data.get("destination");
        PlannedNotification planned = planned(NotificationKind.MEMBER_FLOWED_OUT_CARD, p, recipient, data, reason);
        if (card.orgName() != null) { // the card as member-service printed it wins
            planned.model().put("orgName", card.orgName());
        }
        // What the e-mail draws as the 联心卡 picture (CardAttachments).
        planned.model().put(CardModel.KEY, CardModel.of(person.name(), (String) planned.model().get("orgName"),
                card.secretary(), card.organizer(), card.wechatGroupUrl(), card.webAddress()));
        List<PlannedNotification> all = new ArrayList<>(List.of(planned));
        receivingOrg(p, card).ifPresent(all::add);
        return all;
    }

    /**
     * The receiving org's contact (流入地党组织, 四个清楚) where the outflow names one: the contact person and phone
     * the event carries; when the org is in this system's tree, the notification is for that org's secretary role.
     */
    private Optional<PlannedNotification> receivingOrg(JsonNode p, CardContents card) {
        JsonNode receiving = object(p, "receivingOrg");
        Optional<Recipient> found = receivingSide(receiving);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Recipient recipient = found.get();
        Map<String, Object> data = new HashMap<>();
        data.put("destination", text(object(p, "destination"), "place"));
        data.put("receivingOrgName", text(receiving, "name"));
        data.put("secretaryName", card.secretary() == null ? "（待补充）" : card.secretary().name());
        data.put("secretaryPhone", card.secretary() == null ? "" : card.secretary().phone());
        data.put("reportInDueDate", Labels.date(text(p, "reportInDueAt"))); // the handshake's due day, when sent
        return Optional.of(planned(NotificationKind.MEMBER_FLOWED_OUT_RECEIVING_ORG, p, recipient, data,
                "外出至" + data.get("destination") + "，将到" + data.get("receivingOrgName") + "报到"));
    }

    /**
     * The receiving org of an outflow's handshake: the secretary of the org when it is in this system's tree (known to
     * the org projection), else the contact person and phone the outflow names; empty when neither is known.
     */
    private Optional<Recipient> receivingSide(JsonNode receiving) {
        if (receiving == null) {
            return Optional.empty();
        }
        UUID orgId = uuid(receiving, "orgId");
        if (orgId != null && orgs.find(orgId).isPresent()) {
            return Optional.of(secretaryOf(orgId));
        }
        if (text(receiving, "contactPhone") == null) {
            return Optional.empty();
        }
        Person contact = new Person(null, text(receiving, "contactName"), text(receiving, "contactPhone"), null, null);
        return Optional.of(Recipient.of(RecipientRole.SECRETARY, orgId, contact, null));
    }

    /** TransferIssued: the receiving branch in this system is told of the letter and confirms the receipt by dueAt. */
    private List<PlannedNotification> transferIssued(JsonNode p) {
        UUID to = uuid(p, "toOrgId");
        if (to == null) { // a letter to an org outside the system travels on paper
            return List.of();
        }
        Map<String, Object> data = Map.of(
                "fromOrgName", orgName(uuid(p, "fromOrgId")),
                "toOrgName", orgName(to),
                "issuedDate", Labels.date(text(p, "issuedAt")),
                "dueDate", Labels.date(text(p, "dueAt")));
        return List.of(planned(NotificationKind.TRANSFER_ISSUED, p, secretaryOf(to), data,
                "组织关系转入，请于" + data.get("dueDate") + "前确认回执"));
    }

    /** ReportInOverdue (rule M4): both sides — the sending branch's secretary and the receiving org. */
    private List<PlannedNotification> reportInOverdue(JsonNode p) {
        JsonNode receiving = object(p, "receivingOrg");
        Map<String, Object> data = new HashMap<>();
        data.put("leftDate", Labels.date(text(p, "leftAt")));
        data.put("destination", nullable(text(p, "destinationPlace")));
        data.put("receivingOrgName", receiving == null ? "流入地党组织" : text(receiving, "name"));
        data.put("dueDate", Labels.date(text(p, "reportInDueAt")));
        data.put("daysOverdue", Labels.daysBetween(text(p, "reportInDueAt"), text(p, "asOf")));
        String reason = "应于" + data.get("dueDate") + "前到" + data.get("receivingOrgName") + "报到，未确认";
        List<PlannedNotification> planned = new ArrayList<>(toBranchSecretary(NotificationKind.REPORT_IN_OVERDUE, p, data,
                reason));
        UUID branch = uuid(p, "orgId");
        receivingSide(receiving).filter(r -> r.orgId() == null || !r.orgId().equals(branch))
                .ifPresent(r -> planned.add(planned(NotificationKind.REPORT_IN_OVERDUE, p, r, data, reason)));
        return planned;
    }

    /** HandshakeEscalated (rule M5): the superior org of the sending branch (its parent when the event names none). */
    private List<PlannedNotification> handshakeEscalated(JsonNode p) {
        UUID branch = uuid(p, "orgId");
        UUID superior = Optional.ofNullable(uuid(p, "superiorOrgId"))
                .or(() -> orgs.find(branch).map(OrgSnapshot.View::parentId)).orElse(branch);
        JsonNode receiving = object(p, "receivingOrg");
        Map<String, Object> data = new HashMap<>();
        data.put("what", "TRANSFER".equals(text(p, "kind")) ? "组织关系转接回执" : "流动党员报到");
        // an outflow whose destination org is not known names the place the member went instead
        data.put("receivingOrgName", receiving != null ? text(receiving, "name")
                : Optional.ofNullable(text(p, "destinationPlace")).map(place -> place + "的流入地党组织").orElse("接收党组织"));
        data.put("startedDate", Labels.date(text(p, "startedAt")));
        data.put("dueDate", Labels.date(text(p, "dueAt")));
        data.put("daysOverdue", Labels.daysBetween(text(p, "dueAt"), text(p, "asOf")));
        return List.of(planned(NotificationKind.HANDSHAKE_ESCALATED, p, secretaryOf(superior), data,
                data.get("what") + "应于" + data.get("dueDate") + "前由" + data.get("receivingOrgName") + "确认，仍未确认"));
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
        String reason = "转往" + data.get("toOrgName") + "的介绍信回执应于" + data.get("dueDate") + "前返回";
        planned.add(planned(NotificationKind.TRANSFER_RECEIPT_OVERDUE, p, secretaryOf(from), data, reason));
        if (to != null && !to.equals(from)) {
            planned.add(planned(NotificationKind.TRANSFER_RECEIPT_OVERDUE, p, secretaryOf(to), data, reason));
        }
        return planned;
    }

    private List<PlannedNotification> toBranchSecretary(NotificationKind kind, JsonNode p, Map<String, Object> data,
            String reason) {
        return List.of(planned(kind, p, secretaryOf(uuid(p, "orgId")), data, reason));
    }

    private Recipient secretaryOf(UUID orgId) {
        return directory.secretaryOf(orgId);
    }

    /**
     * One notification; {@code reason} is its line in a digest (with the member's name and the days overdue the
     * event has, if any), kept in the model under {@link PlannedNotification#DIGEST_LINE}.
     */
    private PlannedNotification planned(NotificationKind kind, JsonNode p, Recipient recipient, Map<String, Object> data,
            String reason) {
        UUID member = uuid(p, "memberId");
        UUID branch = uuid(p, "orgId");
        Map<String, Object> model = new HashMap<>(data);
        String memberName = member == null ? null
                : recipients.member(member).map(m -> m.self().name()).filter(n -> !n.isBlank()).orElse("（姓名待同步）");
        model.put("memberName", memberName == null ? "" : memberName);
        model.put("orgName", orgName(branch));
        model.put("recipientName", recipient.name() == null ? "" : recipient.name());
        Map<String, Object> line = new HashMap<>();
        line.put("name", memberName != null ? memberName : orgName(branch));
        line.put("reason", reason);
        line.put("daysOverdue", data.get("daysOverdue"));
        model.put(PlannedNotification.DIGEST_LINE, line);
        return new PlannedNotification(kind, member, uuid(p, "caseId"), branch, recipient, model);
    }

    private String orgName(UUID orgId) {
        return orgId == null ? "" : orgs.find(orgId).map(OrgSnapshot.View::name).orElse("（组织待同步）");
    }

    private static Object nullable(String value) {
        return value == null ? "" : value;
    }
}
