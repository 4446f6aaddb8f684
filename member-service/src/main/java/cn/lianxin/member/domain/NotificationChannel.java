package cn.lianxin.member.domain;

/** A member's preferred notification channel. */
public enum NotificationChannel {
    SMS,
    WECHAT,
    EMAIL
}
