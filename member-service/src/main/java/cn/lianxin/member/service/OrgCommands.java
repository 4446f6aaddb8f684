package cn.lianxin.member.service;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import cn.lianxin.member.domain.OrgType;
import cn.lianxin.platform.validation.MainlandMobile;
import cn.lianxin.platform.validation.NotBlankAfterTrim;

/** What the organization API asks of {@link OrgService}: the request bodies, validated where they enter. */
public final class OrgCommands {

    private OrgCommands() {
    }

    /** A person to reach; phone is a mainland mobile number. */
    public record Contact(
            @NotBlank @NotBlankAfterTrim @Size(max = 50) String name,
            @NotBlank @MainlandMobile String phone,
            @Size(max = 50) String wechat,
            @Email @Size(max = 200) String email) {
    }

    public record CreateOrg(
            @NotBlank @NotBlankAfterTrim @Size(max = 200) String name,
            @NotNull OrgType type,
            UUID parentId,
            @NotNull @Valid Contact secretary,
            @Valid Contact organizer,
            @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") @Size(max = 500) String wechatGroupUrl,
            @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") @Size(max = 500) String webAddress) {
    }

    /** Partial update: absent (null) fields stay as they are; {@code parentId} moves the org and its subtree. */
    public record UpdateOrg(
            @NotBlankAfterTrim @Size(max = 200) String name,
            UUID parentId,
            @Valid Contact secretary,
            @Valid Contact organizer,
            @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") @Size(max = 500) String wechatGroupUrl,
            @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") @Size(max = 500) String webAddress) {
    }
}
