package cn.lianxin.member.domain;

/** 正式党员 or 预备党员. */
public enum Category {
    FULL,
    PROBATIONARY
}
