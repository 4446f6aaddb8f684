package cn.lianxin.notification.channel;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import cn.lianxin.notification.domain.Channel;

/** Every {@link ChannelSender}, by channel. */
@ApplicationScoped
public class Channels {

    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);

    public Channels(Instance<ChannelSender> all) {
        all.forEach(sender -> senders.put(sender.channel(), sender));
    }

    public ChannelSender of(Channel channel) {
        ChannelSender sender = senders.get(channel);
        if (sender == null) {
            throw new IllegalStateException("no sender for channel " + channel);
        }
        return sender;
    }
}
