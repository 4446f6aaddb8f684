package cn.lianxin.notification.template;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every kind of notification, its template key and the data its template may use. The sample values are
 * what an edited template is test-rendered with before it is stored: a template naming data that does not
 * exist is refused.
 */
public enum NotificationKind {
    CONTACT_MISSED_REMINDER("contact-missed.reminder", "联系提醒",
            "obligation", "每月联系", "dueDate", "2027-03-01", "daysOverdue", 3),
    CONTACT_MISSED_ESCALATED("contact-missed.escalated", "联系逾期",
            "obligation", "每季度联系", "dueDate", "2027-03-01", "graceEndDate", "2027-03-08", "daysOverdue", 10),
    /** 报平安: the quarterly reminder to the member themself, with their personal link (docs/domain.md §7). */
    CONTACT_MISSED_SELF_CHECK_IN("contact-missed.self-check-in", "报平安提醒",
            "obligation", "每季度联系", "dueDate", "2027-03-01", "daysOverdue", 3, "validUntil", "2027-03-18",
            "secretaryName", "张书记", "secretaryPhone", "13800138000",
            "checkInUrl", "http://localhost:8082/self-check-in/eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl"),
    MEMBER_UNCONTROLLED("member-uncontrolled", "流动党员失控",
            "leftDate", "2027-01-10", "uncontrolledSince", "2027-02-10", "destination", "广东省深圳市南山区"),
    SELF_WITHDRAWAL_SUSPECTED("self-withdrawal-suspected", "疑似自行脱党",
            "missing", "参加组织生活、按期交纳党费", "since", "2026-08-01", "lastReachedDate", "2027-02-20",
            "daysOverdue", 30),
    DUES_ARREARS("dues-arrears", "党费欠缴",
            "arrearsSince", "2026-11-01", "monthsInArrears", 4),
    DUES_ARREARS_MEMBER("dues-arrears.member", "党费欠缴提醒",
            "arrearsSince", "2026-11-01", "monthsInArrears", 4, "secretaryName", "张书记", "secretaryPhone", "13800138000"),
    CASE_OPENED("case-opened", "失联建档",
            "trigger", "自动", "lostSince", "2026-12-01", "verificationDueDate", "2027-03-31"),
    CASE_ESCALATED("case-escalated", "查找逾期提级",
            "level", 1, "fromOrgName", "第一党支部", "toOrgName", "街道党工委", "reason", "30日内未开展核实查找",
            "lostSince", "2026-12-01", "dueDate", "2027-03-31"),
    CASE_RECHECK_DUE("case-recheck-due", "每周排查提醒",
            "weekOf", "2027-03-01", "lostSince", "2026-12-01", "lastAttemptDate", "2027-02-10", "escalationLevel", 0,
            "responsibleOrgName", "第一党支部"),
    FOLLOW_UP_DUE("follow-up-due", "回访提醒",
            "followUpNo", 2, "planSize", 7, "dueDate", "2027-03-08"),
    FOLLOW_UP_MISSED("follow-up-missed", "回访逾期",
            "followUpNo", 2, "planSize", 7, "dueDate", "2027-03-08", "daysOverdue", 2),
    MEMBER_FOUND("member-found", "失联党员已找到",
            "foundDate", "2027-03-01", "lostSince", "2026-12-01", "daysLost", 90),
    CASE_CLOSED("case-closed", "失联档案结案",
            "resolution", "回访完成", "lostSince", "2026-12-01", "daysLost", 90),
    STANDING_ACTION_PROPOSED("standing-action-proposed", "党籍处置建议",
            "action", "停止党籍", "superiorOrgName", "街道党工委"),
    ANNUAL_REVIEW_OVERDUE("annual-review-overdue", "年审逾期",
            "year", 2027, "dueDate", "2027-04-01", "daysOverdue", 3),
    TRANSFER_RECOMMENDED("transfer-recommended", "建议转接组织关系",
            "leftDate", "2026-08-01", "destination", "广东省深圳市南山区", "receivingOrgName", "南山区某街道党工委"),
    MONTHLY_REPORT_PUBLISHED("monthly-report-published", "每月一上报",
            "month", "2027-02", "reportOrgName", "第一党支部", "reportPath", "/api/v1/reports/monthly?orgId=…&month=2027-02",
            "lostTotal", 3, "stillMissing", 1, "found", 2),
    MEMBER_FLOWED_OUT_CARD("member-flowed-out.card", "联心卡",
            "destination", "广东省深圳市南山区", "secretaryName", "张书记", "secretaryPhone", "13800138000",
            "organizerName", "李委员", "organizerPhone", "13900139000",
            "wechatGroupUrl", "https://weixin.example.cn/g/abc", "webAddress", "https://dj.example.cn",
            "cardUrl", "/api/v1/members/6f1c2a8e-0d55-4a5e-9f0b-2b8f3c1d9a10/contact-card.png"),
    MEMBER_FLOWED_OUT_RECEIVING_ORG("member-flowed-out.receiving-org", "流动党员将到报到",
            "destination", "广东省深圳市南山区", "receivingOrgName", "南山区某街道党工委", "secretaryName", "张书记",
            "secretaryPhone", "13800138000", "reportInDueDate", "2027-03-10"),
    TRANSFER_RECEIPT_OVERDUE("transfer-receipt-overdue", "转接回执逾期",
            "fromOrgName", "第一党支部", "toOrgName", "第二党支部", "issuedDate", "2026-12-01", "dueDate", "2027-03-01"),
    /** The handshake of a transfer starts: the receiving branch is told of the letter and by when to confirm the receipt. */
    TRANSFER_ISSUED("transfer-issued", "组织关系转入",
            "fromOrgName", "第一党支部", "toOrgName", "第二党支部", "issuedDate", "2027-03-01", "dueDate", "2027-06-01"),
    /** Rule M4: the report-in of a flow member unconfirmed by its due day; both sides. */
    REPORT_IN_OVERDUE("report-in-overdue", "流动党员报到逾期",
            "leftDate", "2027-02-10", "destination", "广东省深圳市南山区", "receivingOrgName", "南山区某街道党工委",
            "dueDate", "2027-03-10", "daysOverdue", 1),
    /** Rule M5: a report-in or receipt still unconfirmed a grace after its due day; the sending side's superior org. */
    HANDSHAKE_ESCALATED("handshake-escalated", "报到回执逾期未确认",
            "what", "流动党员报到", "receivingOrgName", "南山区某街道党工委", "startedDate", "2027-02-10",
            "dueDate", "2027-03-10", "daysOverdue", 15),
    ROSTER_FILED("roster-filed", "花名册备案",
            "year", 2027, "version", 1, "members", 42, "flowing", 5, "filedDate", "2027-03-20",
            "superiorOrgName", "街道党工委", "filingPath", "/api/v1/roster-filings/8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01"),
    ROSTER_RETURNED("roster-returned", "花名册退回",
            "year", 2027, "version", 1, "returnedDate", "2027-03-22", "remarks", "2名流动党员未填写流入地党组织，请补充后重新报送",
            "superiorOrgName", "街道党工委"),
    CAMPAIGN_REMINDER_DUE("campaign-reminder-due", "专项排查提醒",
            "campaignName", "2027年第一季度专项排查", "campaignOrgName", "街道党工委", "endsOn", "2027-03-31",
            "inScope", 24, "accounted", 19, "notAccounted", 5,
            "unaccountedUrl", "http://localhost:8082/api/v1/campaigns/0b8e5d3a-6f2c-4e1b-9a7d-3c5f8e2b1d40/unaccounted?orgId=…"),
    CAMPAIGN_CLOSED("campaign-closed", "专项排查结束",
            "campaignName", "2027年第一季度专项排查", "startsOn", "2027-01-01", "endsOn", "2027-03-31", "closing", "期满结束",
            "inScope", 212, "accounted", 209, "notAccounted", 3, "laggingBranches", 2),
    LOOKUP_APPROVAL_REQUESTED("lookup-approval-requested", "协查审批",
            "department", "公安（户籍）", "asked", "现住址、在用手机号码",
            "legalBasis", "《中国共产党党员教育管理工作条例》第三十二条", "requestedDate", "2027-06-19",
            "approverOrgName", "街道党工委"),
    LOOKUP_REFUSED("lookup-refused", "协查未获批准",
            "department", "电信运营商", "refusalReason", "依据不足：请先完成实地走访", "refusedDate", "2027-06-20"),
    LOOKUP_OVERDUE("lookup-overdue", "协查逾期",
            "department", "社保", "sentDate", "2027-06-20", "answerDueDate", "2027-06-30", "chaseCount", 1,
            "daysOverdue", 1),
    /** One message for many notifications of one kind (docs/domain.md §5 digests): a list of members and a link. */
    DIGEST("digest", "汇总提醒",
            "kind", "联系逾期", "count", 2, "worklistUrl", "https://lianxin.example.cn/worklist?orgId=…",
            "items", List.of(Map.of("name", "赵党员", "reason", "每季度联系已于2027-03-01到期", "daysOverdue", 14),
                    Map.of("name", "钱党员", "reason", "联络员每月联系已于2027-03-03到期", "daysOverdue", 12)));

    /** Data every template may use. */
    public static final List<String> COMMON = List.of("recipientName", "memberName", "orgName");

    private final String key;
    private final String label;
    private final Map<String, Object> sample = new LinkedHashMap<>();

    NotificationKind(String key, String label, Object... sampleData) {
        this.key = key;
        this.label = label;
        sample.put("recipientName", "王联络");
        sample.put("memberName", "赵党员");
        sample.put("orgName", "第一党支部");
        for (int i = 0; i < sampleData.length; i += 2) {
            sample.put((String) sampleData[i], sampleData[i + 1]);
        }
    }

    public String key() {
        return key;
    }

    /** The kind's Chinese name, e.g. in a digest's title. */
    public String label() {
        return label;
    }

    public Map<String, Object> sample() {
        return Map.copyOf(sample);
    }

    /** The names of the data this kind's template may use. */
    public List<String> variables() {
        return List.copyOf(sample.keySet());
    }

    public static Optional<NotificationKind> byKey(String key) {
        return Arrays.stream(values()).filter(kind -> kind.key.equals(key)).findFirst();
    }
}
