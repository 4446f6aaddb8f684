package cn.lianxin.notification.domain;

/** Failure classes of the NotificationFailed contract. */
public enum ErrorCode {
    NO_ADDRESS, INVALID_ADDRESS, REJECTED, TIMEOUT, GATEWAY_ERROR, TEMPLATE_ERROR, OTHER
}
