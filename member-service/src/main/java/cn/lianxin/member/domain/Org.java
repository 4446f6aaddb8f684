package cn.lianxin.member.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import cn.lianxin.platform.security.OrgPaths;

/** A 党组织 in the tree. */
@Entity
@Table(name = "org")
public class Org {

    @Id
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    public OrgType type;

    @Column(name = "parent_id")
    public UUID parentId;

    /** Materialized path {@code /root-id/.../id/}: the subtree is every org whose path starts with it. */
    public String path;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "name", column = @Column(name = "secretary_name")),
            @AttributeOverride(name = "phone", column = @Column(name = "secretary_phone")),
            @AttributeOverride(name = "wechat", column = @Column(name = "secretary_wechat")),
            @AttributeOverride(name = "email", column = @Column(name = "secretary_email")) })
    public ContactPerson secretary;

    /** 组织委员, optional. */
    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "name", column = @Column(name = "organizer_name")),
            @AttributeOverride(name = "phone", column = @Column(name = "organizer_phone")),
            @AttributeOverride(name = "wechat", column = @Column(name = "organizer_wechat")),
            @AttributeOverride(name = "email", column = @Column(name = "organizer_email")) })
    public ContactPerson organizer;

    @Column(name = "wechat_group_url")
    public String wechatGroupUrl;

    @Column(name = "web_address")
    public String webAddress;

    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;

    @Version
    public long version;

    /** Places the org under its parent (or at the root) and derives its path. */
    public void placeUnder(Org parent) {
        this.parentId = parent == null ? null : parent.id;
        this.path = OrgPaths.childPath(parent == null ? null : parent.path, id);
    }

    /** Org ids from the root down to this org. */
    public List<UUID> pathIds() {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(UUID::fromString).toList();
    }

    public boolean isAncestorOrSelfOf(Org other) {
        return other.path.startsWith(path);
    }
}
