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
    CONTACT_MISSED_REMINDER("contact-missed.reminder",
            "obligation", "每月联系", "dueDate", "2027-03-01", "daysOverdue", 3),
    CONTACT_MISSED_ESCALATED("contact-missed.escalated",
            "obligation", "每季度联系", "dueDate", "2027-03-01", "graceEndDate", "2027-03-08", "daysOverdue", 10),
    MEMBER_UNCONTROLLED("member-uncontrolled",
            "leftDate", "2027-01-10", "uncontrolledSince", "2027-02-10", "destination", "广东省深圳市南山区"),
    CASE_OPENED("case-opened",
            "trigger", "自动", "lostSince", "2026-12-01", "verificationDueDate", "2027-03-31"),
    CASE_ESCALATED("case-escalated",
            "level", 1, "fromOrgName", "第一党支部", "toOrgName", "街道党工委", "reason", "30日内未开展核实查找",
            "lostSince", "2026-12-01", "dueDate", "2027-03-31"),
    STANDING_ACTION_PROPOSED("standing-action-proposed",
            "action", "停止党籍", "superiorOrgName", "街道党工委"),
    MEMBER_FLOWED_OUT_CARD("member-flowed-out.card",
            "destination", "广东省深圳市南山区", "secretaryName", "张书记", "secretaryPhone", "13800138000",
            "organizerName", "李委员", "organizerPhone", "13900139000",
            "wechatGroupUrl", "https://weixin.example.cn/g/abc", "webAddress", "https://dj.example.cn",
            "cardUrl", "/api/v1/members/6f1c2a8e-0d55-4a5e-9f0b-2b8f3c1d9a10/contact-card.png"),
    TRANSFER_RECEIPT_OVERDUE("transfer-receipt-overdue",
            "fromOrgName", "第一党支部", "toOrgName", "第二党支部", "issuedDate", "2026-12-01", "dueDate", "2027-03-01");

    /** Data every template may use. */
    public static final List<String> COMMON = List.of("recipientName", "memberName", "orgName");

    private final String key;
    private final Map<String, Object> sample = new LinkedHashMap<>();

    NotificationKind(String key, Object... sampleData) {
        this.key = key;
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
