package cn.lianxin.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

import cn.lianxin.notification.domain.Channel;
import cn.lianxin.notification.domain.ErrorCode;

/** 电子邮件 through Quarkus Mailer to the configured SMTP server (quarkus.mailer.*). */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    private final Mailer mailer;

    public EmailSender(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(OutgoingMessage message) throws DeliveryException {
        if (!message.address().contains("@")) {
            throw new DeliveryException(ErrorCode.INVALID_ADDRESS, false, "not an e-mail address");
        }
        Mail mail = Mail.withText(message.address(), message.subject(), message.body())
                .addHeader("X-Lianxin-Notification", message.notificationId().toString());
        withAttachments(mail, message);
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            // Connection refused, SMTP 4xx/5xx: the server may be back later.
            throw new DeliveryException(ErrorCode.GATEWAY_ERROR, true, "SMTP: " + rootMessage(e), e);
        }
    }

    /**
     * Attachments with a content id are shown inline: the mail then also gets an HTML part (the text, then the
     * pictures); a text-only mail reader still gets the text.
     */
    private static void withAttachments(Mail mail, OutgoingMessage message) {
        if (message.attachments().isEmpty()) {
            return;
        }
        StringBuilder html = new StringBuilder("<html><body><div style=\"white-space: pre-wrap\">")
                .append(escape(message.body())).append("</div>");
        for (Attachment attachment : message.attachments()) {
            if (attachment.contentId() == null) {
                mail.addAttachment(attachment.fileName(), attachment.data(), attachment.contentType());
            } else {
                mail.addInlineAttachment(attachment.fileName(), attachment.data(), attachment.contentType(),
                        attachment.contentId());
                html.append("<p><img src=\"cid:").append(escape(bare(attachment.contentId()))).append("\" alt=\"")
                        .append(escape(attachment.fileName())).append("\" style=\"max-width: 100%\"></p>");
            }
        }
        mail.setHtml(html.append("</body></html>").toString());
    }

    private static String bare(String contentId) {
        return contentId.startsWith("<") && contentId.endsWith(">") ? contentId.substring(1, contentId.length() - 1) : contentId;
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
