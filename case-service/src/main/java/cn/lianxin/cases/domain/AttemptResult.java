package cn.lianxin.cases.domain;

public enum AttemptResult {
    NO_TRACE, LEAD, FOUND
}
