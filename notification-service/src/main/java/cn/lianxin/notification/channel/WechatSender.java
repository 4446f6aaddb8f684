package cn.lianxin.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import cn.lianxin.notification.channel.GatewayRequests.WechatRequest;
import cn.lianxin.notification.config.NotificationConfig;
import cn.lianxin.notification.domain.Channel;

/** 微信模板消息 through the WeChat gateway. */
@ApplicationScoped
public class WechatSender implements ChannelSender {

    private final WechatGateway gateway;
    private final NotificationConfig.Gateway config;

    public WechatSender(@RestClient WechatGateway gateway, NotificationConfig config) {
        this.gateway = gateway;
        this.config = config.wechat();
    }

    @Override
    public Channel channel() {
        return Channel.WECHAT;
    }

    @Override
    public void send(OutgoingMessage message) throws DeliveryException {
        WechatRequest request = new WechatRequest(message.notificationId(), message.address(), message.templateKey(),
                message.subject(), message.body(), config.signName());
        GatewayCalls.call("WeChat gateway", () -> gateway.send("Bearer " + config.apiKey(), request));
    }
}
