package cn.lianxin.member.service;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The documented column layout of the 党员花名册 (.xlsx, first sheet, headers in row 1, any order). Dates are
 * Excel dates or text {@code yyyy-MM-dd}; 性别 is 男/女; 人员类别 is 正式党员/预备党员; the ID number is text.
 * 所在党支部 names a branch of the target org's subtree; it may be left out when importing into a branch.
 */
public enum RosterColumn {
    NAME("姓名", "name", true),
    ID_NUMBER("身份证号", "idNumber", true),
    GENDER("性别", "gender", true),
    ETHNICITY("民族", "ethnicity", true),
    BIRTH_DATE("出生日期", "birthDate", false),
    EDUCATION("学历", "education", false),
    OCCUPATION("职业", "occupation", false),
    PHONE("手机号码", "phone", true),
    WECHAT("微信号", "wechat", false),
    QQ("QQ号", "qq", false),
    EMAIL("电子邮箱", "email", false),
    HOUSEHOLD_ADDRESS("户籍地址", "householdAddress", false),
    RESIDENCE_ADDRESS("居住地址", "residenceAddress", false),
    WORK_UNIT("工作单位", "workUnit", false),
    BRANCH("所在党支部", "orgId", false),
    CATEGORY("人员类别", "category", true),
    JOINED_AT("入党日期", "joinedAt", true),
    REGULARIZED_AT("转正日期", "regularizedAt", false),
    INTRODUCERS("入党介绍人", "introducers", false),
    EMERGENCY_NAME("紧急联系人", "emergencyContact.name", true),
    EMERGENCY_RELATION("紧急联系人关系", "emergencyContact.relation", true),
    EMERGENCY_PHONE("紧急联系人电话", "emergencyContact.phone", true),
    /** 专项排查 focus tags by their labels, separated by 、 (e.g. 困难党员、出国境); optional. */
    FOCUS_TAGS("重点关注", "focusTags", false),
    /** How the member prefers to be reached: 短信, 微信 or 电子邮件 (or SMS, WECHAT, EMAIL); optional. */
    PREFERRED_CHANNEL("首选联系方式", "preferredChannel", false);

    public final String header;
    /** The field of the member API the column feeds, so that an API error names its column. */
    public final String field;
    public final boolean required;

    RosterColumn(String header, String field, boolean required) {
        this.header = header;
        this.field = field;
        this.required = required;
    }

    private static final Map<String, RosterColumn> BY_FIELD = Stream.of(values())
            .collect(Collectors.toMap(c -> c.field, Function.identity()));

    /** The column behind an API field name; the branch column for anything else about the org. */
    public static String headerOf(String field) {
        RosterColumn column = BY_FIELD.get(field);
        if (column != null) {
            return column.header;
        }
        return "emergencyContact".equals(field) ? EMERGENCY_NAME.header : field;
    }
}
