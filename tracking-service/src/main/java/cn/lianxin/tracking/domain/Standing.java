package cn.lianxin.tracking.domain;

/**
 * 党籍, as projected from member-service; only ACTIVE members run clocks. EXPELLED (开除党籍) and WITHDRAWN (退党)
 * end membership like DECEASED: exempt from every clock.
 */
public enum Standing {
    ACTIVE, SUSPENDED, REMOVED, PROBATION_CANCELLED, EXPELLED, WITHDRAWN, DECEASED;

    public boolean isExempt() {
        return this != ACTIVE;
    }
}
