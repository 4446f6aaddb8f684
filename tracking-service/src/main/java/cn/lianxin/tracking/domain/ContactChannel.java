package cn.lianxin.tracking.domain;

/** 联系方式, as in the contracts' ContactChannel. */
public enum ContactChannel {
    PHONE, SMS, WECHAT, VISIT, ORG_LIFE, DUES, SELF_CHECK_IN, OTHER;

    /** A person-to-person contact: what the liaison's monthly obligation (T1) asks for. */
    public boolean isDirect() {
        return this != ORG_LIFE && this != DUES;
    }
}
