package cn.lianxin.cases.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** 查找方式. VISIT_WORKPLACE and VISIT_HOME are field visits (实地走访). */
public enum SearchChannel {
    PHONE, SMS, WECHAT_QQ, VISIT_WORKPLACE, VISIT_HOME, RELATIVES_NEIGHBOURS, PUBLIC_SECURITY, SOCIAL_SECURITY,
    TELECOM, HOUSING, PUBLIC_NOTICE, MEMBER_NETWORK, OTHER;

    public boolean fieldVisit() {
        return this == VISIT_WORKPLACE || this == VISIT_HOME;
    }

    /** The field-visit channels as one comma-separated list, for the scan's SQL (rule C4). */
    public static String fieldVisits() {
        return Arrays.stream(values()).filter(SearchChannel::fieldVisit).map(Enum::name)
                .collect(Collectors.joining(","));
    }
}
