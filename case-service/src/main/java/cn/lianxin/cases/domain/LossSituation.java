package cn.lianxin.cases.domain;

public enum LossSituation {
    MIGRANT_WORK, ENTERPRISE_RESTRUCTURED, GRADUATE_UNKNOWN, JOB_CHANGED, ABROAD, MOVED, OTHER
}
