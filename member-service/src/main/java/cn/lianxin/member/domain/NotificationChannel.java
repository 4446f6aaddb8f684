package cn.lianxin.member.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** A member's preferred notification channel, with its label on the roster (花名册 column 首选联系方式). */
public enum NotificationChannel {
    SMS("短信"),
    WECHAT("微信"),
    EMAIL("电子邮件");

    public final String label;

    NotificationChannel(String label) {
        this.label = label;
    }

    /** The channel a roster cell names, by its label or its name (any case); empty for anything else. */
    public static Optional<NotificationChannel> parse(String text) {
        String trimmed = text.trim();
        return Stream.of(values())
                .filter(c -> c.label.equals(trimmed) || c.name().equals(trimmed.toUpperCase(Locale.ROOT)))
                .findFirst();
    }

    /** The labels, for a message that lists them. */
    public static String labels() {
        return String.join("、", Stream.of(values()).map(c -> c.label).toList());
    }
}
