package cn.lianxin.tracking.domain;

/** 党籍, as projected from member-service; only ACTIVE members run clocks. */
public enum Standing {
    ACTIVE, SUSPENDED, REMOVED, PROBATION_CANCELLED, DECEASED;

    public boolean isExempt() {
        return this != ACTIVE;
    }
}
