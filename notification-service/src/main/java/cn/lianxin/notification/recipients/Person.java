package cn.lianxin.notification.recipients;

import java.util.UUID;

/** Someone to reach with their addresses: a liaison, a secretary, an organizer or the member. */
public record Person(UUID memberId, String name, String phone, String wechat, String email) {
}
