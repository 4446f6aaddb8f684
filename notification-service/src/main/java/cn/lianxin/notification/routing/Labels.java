package cn.lianxin.notification.routing;

import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.util.Map;

import cn.lianxin.platform.time.ShanghaiCalendar;

/** Chinese wording of enum values and dates as the templates print them. */
final class Labels {

    private static final Map<String, String> OBLIGATIONS = Map.of(
            "LIAISON_MONTHLY", "联络员每月联系", "QUARTERLY", "每季度联系", "ORG_LIFE", "参加组织生活", "DUES", "按期交纳党费");
    private static final Map<String, String> ACTIONS = Map.of(
            "SUSPEND", "停止党籍", "CANCEL_PROBATION", "取消预备党员资格", "REMOVE", "除名", "RESTORE", "恢复党籍");
    private static final Map<String, String> ESCALATION_REASONS = Map.of(
            "VERIFICATION_OVERDUE", "逾期未开展核实查找", "NO_NEW_ATTEMPT", "逾期未开展新的查找");
    private static final Map<String, String> CASE_TRIGGERS = Map.of(
            "LOST_CONTACT_SUSPECTED", "按失联规则自动", "MANUAL", "人工");

    private static final Map<String, String> RESOLUTIONS = Map.of(
            "FOLLOW_UP_COMPLETED", "回访完成", "REMOVED", "除名", "PERSUADED_TO_QUIT", "劝退",
            "PROBATION_CANCELLED", "取消预备党员资格", "DECEASED", "去世", "EXPELLED", "开除党籍", "WITHDRAWN", "退党",
            "TRANSFERRED_OUT", "组织关系转出");

    private static final Map<String, String> DEPARTMENTS = Map.of(
            "PUBLIC_SECURITY", "公安（户籍）", "TELECOM", "电信运营商", "SOCIAL_SECURITY", "社保", "HOUSING", "房管");
    private static final Map<String, String> LOOKUP_ITEMS = Map.of(
            "CURRENT_ADDRESS", "现住址", "HOUSEHOLD_REGISTRATION", "户籍登记地", "PHONE_IN_USE", "在用手机号码",
            "INSURED_EMPLOYER", "参保单位", "RESIDENCE_REGISTRATION", "房屋产权或租赁登记地址", "VITAL_STATUS", "户籍状态");
    private static final Map<String, String> CAMPAIGN_CLOSINGS = Map.of(
            "WINDOW_ENDED", "期满结束", "CLOSED_EARLY", "提前结束");

    private Labels() {
    }

    static String obligation(String code) {
        return OBLIGATIONS.getOrDefault(code, code);
    }

    static String action(String code) {
        return ACTIONS.getOrDefault(code, code);
    }

    static String escalationReason(String code) {
        return ESCALATION_REASONS.getOrDefault(code, code);
    }

    static String resolution(String code) {
        return RESOLUTIONS.getOrDefault(code, code);
    }

    /** Whole Shanghai calendar days from one payload instant/date to another; null when either is missing. */
    static Integer daysBetween(String from, String to) {
        if (from == null || to == null) {
            return null;
        }
        return (int) Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(LocalDate.parse(date(from)),
                LocalDate.parse(date(to))));
    }

    /** 协查部门 */
    static String department(String code) {
        return DEPARTMENTS.getOrDefault(code, code);
    }

    /** 查询事项 */
    static String lookupItem(String code) {
        return LOOKUP_ITEMS.getOrDefault(code, code);
    }

    static String campaignClosing(String code) {
        return CAMPAIGN_CLOSINGS.getOrDefault(code, code);
    }

    static String caseTrigger(String code) {
        return CASE_TRIGGERS.getOrDefault(code, code);
    }

    /** An Instant or a LocalDate from a payload as a Shanghai calendar date, yyyy-MM-dd. */
    static String date(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() == 10) {
            return LocalDate.parse(value).toString();
        }
        return ShanghaiCalendar.dateOf(OffsetDateTime.parse(value).toInstant()).toString();
    }
}
