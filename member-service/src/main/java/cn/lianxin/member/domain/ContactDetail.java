package cn.lianxin.member.domain;

/** A member's own contact detail that a notification channel delivers to (contact-data health, 联系方式核实). */
public enum ContactDetail {
    /** 手机号码: SMS. */
    PHONE,
    /** 电子邮箱: e-mail. */
    EMAIL,
    /** 微信号: WeChat. */
    WECHAT;

    /** The detail a notification channel ({@code SMS}, {@code EMAIL}, {@code WECHAT}) delivers to; null for another. */
    public static ContactDetail ofChannel(String channel) {
        if (channel == null) {
            return null;
        }
        return switch (channel) {
            case "SMS" -> PHONE;
            case "EMAIL" -> EMAIL;
            case "WECHAT" -> WECHAT;
            default -> null;
        };
    }
}
