package cn.lianxin.notification.channel;

import cn.lianxin.notification.domain.Channel;

/** One delivery channel. Returning normally means the channel accepted the message. */
public interface ChannelSender {

    Channel channel();

    void send(OutgoingMessage message) throws DeliveryException;
}
