package cn.lianxin.cases.domain;

public enum FollowUpResult {
    SEEN_OK, SEEN_NOT_OK, NOT_REACHED
}
