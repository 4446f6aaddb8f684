package cn.lianxin.cases.domain;

import java.util.Optional;

/** 处置方式, and the standing member-service applies for each (CaseDisposed.standingTo). */
public enum DispositionType {
    /** 纳入管理 */
    REINTEGRATED(null),
    /** 限期改正 */
    CORRECTION(null),
    /** 劝退 */
    PERSUADED_TO_QUIT("REMOVED"),
    /** 除名 */
    REMOVED("REMOVED"),
    /** 停止党籍 */
    SUSPENDED("SUSPENDED"),
    /** 取消预备党员资格 */
    PROBATION_CANCELLED("PROBATION_CANCELLED"),
    /** 恢复党籍 */
    RESTORED("ACTIVE");

    private final String standingTo;

    DispositionType(String standingTo) {
        this.standingTo = standingTo;
    }

    public Optional<String> standingTo() {
        return Optional.ofNullable(standingTo);
    }

    public boolean changesStanding() {
        return standingTo != null;
    }

    /** 劝退 and 除名 bar re-admission for five years. */
    public boolean barsReadmission() {
        return this == PERSUADED_TO_QUIT || this == REMOVED;
    }

    /** After these the member leaves the register and the case closes; the others lead to follow-up. */
    public boolean endsMembership() {
        return this == PERSUADED_TO_QUIT || this == REMOVED || this == PROBATION_CANCELLED;
    }
}
