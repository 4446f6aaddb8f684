package cn.lianxin.tracking.domain;

public enum ContactOutcome {
    REACHED, NOT_REACHED
}
