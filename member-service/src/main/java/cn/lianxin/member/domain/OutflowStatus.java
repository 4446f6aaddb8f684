package cn.lianxin.member.domain;

public enum OutflowStatus {
    OPEN,
    /** 报到 at the destination's receiving org. */
    REPORTED_IN,
    RETURNED;

    public boolean isOpen() {
        return this != RETURNED;
    }
}
