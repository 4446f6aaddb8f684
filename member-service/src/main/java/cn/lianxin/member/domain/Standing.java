package cn.lianxin.member.domain;

/** 党籍. Only member-service changes it. */
public enum Standing {
    ACTIVE,
    /** 停止党籍 */
    SUSPENDED,
    /** 出党/除名 */
    REMOVED,
    /** 取消预备党员资格 */
    PROBATION_CANCELLED,
    DECEASED
}
