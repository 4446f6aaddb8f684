package cn.lianxin.notification.recipients;

import java.util.UUID;

import cn.lianxin.notification.domain.Channel;

/** A member as notification-service knows them from member.events. */
public record MemberRecipient(UUID memberId, UUID orgId, String orgPath, Person self, Channel preferredChannel,
        Person liaison) {
}
