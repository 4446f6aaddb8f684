package cn.lianxin.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import cn.lianxin.notification.channel.GatewayRequests.SmsRequest;
import cn.lianxin.notification.config.NotificationConfig;
import cn.lianxin.notification.domain.Channel;

/** 短信 through the SMS gateway. */
@ApplicationScoped
public class SmsSender implements ChannelSender {

    private final SmsGateway gateway;
    private final NotificationConfig.Gateway config;

    public SmsSender(@RestClient SmsGateway gateway, NotificationConfig config) {
        this.gateway = gateway;
        this.config = config.sms();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public void send(OutgoingMessage message) throws DeliveryException {
        SmsRequest request = new SmsRequest(message.notificationId(), message.address(), config.signName(),
                message.templateKey(), message.body());
        GatewayCalls.call("SMS gateway", () -> gateway.send("Bearer " + config.apiKey(), request));
    }
}
