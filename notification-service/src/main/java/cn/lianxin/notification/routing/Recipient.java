package cn.lianxin.notification.routing;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import cn.lianxin.notification.domain.Channel;
import cn.lianxin.notification.domain.RecipientRole;
import cn.lianxin.notification.recipients.Person;

/**
 * Who a notification goes to. {@link #key()} identifies the recipient for "one notification per (event,
 * recipient, channel)": an org's secretary is {@code SECRETARY:<org>}, a member {@code MEMBER:<member>}.
 */
public record Recipient(RecipientRole role, UUID orgId, UUID memberId, String name, Map<Channel, String> addresses,
        Channel preferred) {

    public static Recipient of(RecipientRole role, UUID orgId, Person person, Channel preferred) {
        Map<Channel, String> addresses = new EnumMap<>(Channel.class);
        if (person != null) {
            put(addresses, Channel.SMS, person.phone());
            put(addresses, Channel.WECHAT, person.wechat());
            put(addresses, Channel.EMAIL, person.email());
        }
        return new Recipient(role, orgId, person == null ? null : person.memberId(), person == null ? null : person.name(),
                addresses, preferred);
    }

    public String key() {
        return switch (role) {
            // an org outside this system (a receiving org named by its contact) is known by the contact's phone
            case SECRETARY, ORGANIZER -> role + ":" + (orgId != null ? orgId : addresses.getOrDefault(Channel.SMS, String.valueOf(name)));
            case MEMBER -> role + ":" + memberId;
            case LIAISON -> role + ":" + (memberId != null ? memberId : addresses.getOrDefault(Channel.SMS, String.valueOf(name)));
        };
    }

    private static void put(Map<Channel, String> addresses, Channel channel, String address) {
        if (address != null && !address.isBlank()) {
            addresses.put(channel, address);
        }
    }
}
