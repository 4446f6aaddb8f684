package cn.lianxin.member.service;

import java.util.List;
import java.util.UUID;

import cn.lianxin.member.domain.OrgType;
import cn.lianxin.member.service.OrgCommands.Contact;

/** What {@link OrgService} answers: the response bodies, built from the entities in its transaction. */
public final class OrgViews {

    private OrgViews() {
    }

    public record OrgView(
            UUID id,
            String name,
            OrgType type,
            UUID parentId,
            List<UUID> path,
            Contact secretary,
            Contact organizer,
            String wechatGroupUrl,
            String webAddress) {
    }
}
