package cn.lianxin.member.domain;

/** Kinds of 党组织. Members belong to branches; only branches have no children. */
public enum OrgType {
    /** 党委 / 党工委 */
    COMMITTEE,
    /** 党总支 */
    GENERAL_BRANCH,
    /** 党支部 */
    BRANCH;

    public boolean mayHaveChildren() {
        return this != BRANCH;
    }
}
