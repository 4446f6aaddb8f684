package cn.lianxin.member.service;

import static cn.lianxin.member.service.MemberCommands.PHONE;
import static cn.lianxin.member.service.MemberCommands.PHONE_MESSAGE;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import cn.lianxin.member.domain.OutflowNature;
import cn.lianxin.platform.validation.MainlandMobile;
import cn.lianxin.platform.validation.NotBlankAfterTrim;

/**
 * What the flow-member (流动党员) API asks of {@link OutflowService}: the request bodies. Completeness (四个清楚) is
 * checked by the service.
 */
public final class OutflowCommands {

    private OutflowCommands() {
    }

    /** 流入地. */
    public record Destination(@Size(max = 500) String place, @Size(max = 500) String workUnit, @Size(max = 500) String address) {
    }

    /** 流入地党组织 and its contact; {@code orgId} when it is in this system's tree. */
    public record ReceivingOrg(
            UUID orgId,
            @NotBlank @NotBlankAfterTrim @Size(max = 200) String name,
            @NotBlank @NotBlankAfterTrim @Size(max = 50) String contactName,
            @NotBlank @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String contactPhone) {
    }

    /** 备用联系人. */
    public record BackupContact(
            @NotBlankAfterTrim @Size(max = 50) String name,
            @Size(max = 50) String relation,
            @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String phone) {
    }

    public record RegisterOutflow(
            OutflowNature nature,
            LocalDate leftAt,
            @MainlandMobile String phone,
            @Size(max = 64) String wechat,
            @Valid Destination destination,
            @Valid ReceivingOrg receivingOrg,
            @Valid BackupContact backupContact,
            @Size(min = 1, max = 50) String certificateNo,
            @Size(min = 1, max = 500) String reason,
            LocalDate expectedReturnAt) {
    }

    /** 报到 at the destination; the receiving org may be given now or at registration. */
    public record ReportIn(@Valid ReceivingOrg receivingOrg, Instant reportedInAt) {
    }

    public record Return(Instant returnedAt) {
    }
}
