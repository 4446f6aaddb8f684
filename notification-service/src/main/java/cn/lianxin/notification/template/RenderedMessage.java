package cn.lianxin.notification.template;

public record RenderedMessage(String subject, String body) {
}
