package cn.lianxin.cases.domain;

/** 失联情形; {@code UNKNOWN} until the branch completes a case that was opened automatically. */
public enum LossSituation {
    MIGRANT_WORK, ENTERPRISE_RESTRUCTURED, GRADUATE_UNKNOWN, JOB_CHANGED, ABROAD, MOVED, OTHER, UNKNOWN
}
