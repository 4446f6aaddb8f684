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
    /** 开除党籍: a disciplinary decision approved by a superior organization. */
    EXPELLED,
    /** 退党: at the member's own request, by branch decision. */
    WITHDRAWN,
    /** 去世 */
    DECEASED;

    /** Recorded through the member API (docs/domain.md §3b), never by a case decision; no case decision undoes it. */
    public boolean isRecordedOutsideCases() {
        return this == EXPELLED || this == WITHDRAWN || this == DECEASED;
    }

    /** No longer in the Party: 除名, 开除党籍, 退党 or death. */
    public boolean hasLeftTheParty() {
        return this == REMOVED || isRecordedOutsideCases();
    }
}
