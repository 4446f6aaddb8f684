package cn.lianxin.tracking.domain;

/**
 * 联系方式, as in the contracts' ContactChannel. CASE_FOUND (a case found the member) and FOLLOW_UP (a 回访 saw them
 * well) are recorded by this service itself from case.events (docs/domain.md §4b), never through the API.
 */
public enum ContactChannel {
    PHONE, SMS, WECHAT, VISIT, ORG_LIFE, DUES, SELF_CHECK_IN, OTHER, CASE_FOUND, FOLLOW_UP;

    /** Whether only case-service's events record contacts of this channel (one fact, entered once). */
    public boolean isFromCase() {
        return this == CASE_FOUND || this == FOLLOW_UP;
    }

    /** A person-to-person contact: what the liaison's monthly obligation (T1) asks for. */
    public boolean isDirect() {
        return this != ORG_LIFE && this != DUES;
    }
}
