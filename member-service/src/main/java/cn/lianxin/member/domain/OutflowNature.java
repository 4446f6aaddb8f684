package cn.lianxin.member.domain;

/** 流动性质. */
public enum OutflowNature {
    TEMPORARY,
    /** At a fixed place: after six months it should become a transfer (rule M3). */
    PERMANENT
}
