package cn.lianxin.notification.domain;

/** How a notification travels: 短信 (HTTP gateway), 微信模板消息 (HTTP gateway), 电子邮件 (SMTP). */
public enum Channel {
    SMS, WECHAT, EMAIL;

    /** SMS and WeChat wake people up; e-mail waits in the inbox and is exempt from quiet hours. */
    public boolean respectsQuietHours() {
        return this != EMAIL;
    }
}
