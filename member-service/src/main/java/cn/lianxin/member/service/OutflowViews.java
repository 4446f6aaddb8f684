package cn.lianxin.member.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import cn.lianxin.member.domain.OutflowNature;
import cn.lianxin.member.domain.OutflowStatus;
import cn.lianxin.member.service.OutflowCommands.BackupContact;
import cn.lianxin.member.service.OutflowCommands.Destination;
import cn.lianxin.member.service.OutflowCommands.ReceivingOrg;

/** What {@link OutflowService} answers: the response bodies, built from the entities in its transaction. */
public final class OutflowViews {

    private OutflowViews() {
    }

    public record OutflowView(
            UUID id,
            UUID memberId,
            UUID orgId,
            OutflowNature nature,
            LocalDate leftAt,
            String phone,
            String wechat,
            Destination destination,
            ReceivingOrg receivingOrg,
            BackupContact backupContact,
            String certificateNo,
            String reason,
            LocalDate expectedReturnAt,
            OutflowStatus status,
            /** The last day the report-in (报到) is due: the handshake's deadline. */
            LocalDate reportInDueAt,
            Instant reportedInAt,
            Instant returnedAt) {
    }
}
