package cn.lianxin.cases.domain;

public enum Cadence {
    WEEKLY, MONTHLY
}
