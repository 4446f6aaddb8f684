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
        try {
            mailer.send(Mail.withText(message.address(), message.subject(), message.body())
                    .addHeader("X-Lianxin-Notification", message.notificationId().toString()));
        } catch (RuntimeException e) {
            // Connection refused, SMTP 4xx/5xx: the server may be back later.
            throw new DeliveryException(ErrorCode.GATEWAY_ERROR, true, "SMTP: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
