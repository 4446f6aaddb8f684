package cn.lianxin.platform.orgs;

import java.util.List;
import java.util.UUID;

import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.events.MalformedEventException;

/** The consumers' view of the payload of {@code OrgCreated} / {@code OrgChanged}. */
public record OrgSnapshot(UUID orgId, String name, String type, UUID parentId, List<UUID> path, Contact secretary,
        Contact organizer) {

    /** A person to reach: the secretary (书记) or the organization committee member (组织委员). */
    public record Contact(String name, String phone, String wechat, String email) {
    }

    /** An org as a consumer stored it. */
    public record View(UUID orgId, UUID parentId, String path, String name, String type, Contact secretary,
            Contact organizer) {
    }

    /** {@code [root, …, self]} → {@code /root/…/self/}. */
    public String materializedPath() {
        StringBuilder materialized = new StringBuilder("/");
        path.forEach(id -> materialized.append(id).append('/'));
        return materialized.toString();
    }

    void requireComplete(IncomingEvent event) {
        if (orgId == null || name == null || type == null || path == null || path.isEmpty()
                || !path.get(path.size() - 1).equals(orgId)) {
            throw new MalformedEventException(event.type() + " " + event.id() + " lacks orgId, name, type or a path ending at the org");
        }
    }
}
