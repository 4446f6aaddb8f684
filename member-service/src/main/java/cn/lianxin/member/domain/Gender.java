package cn.lianxin.member.domain;

public enum Gender {
    MALE,
    FEMALE
}
