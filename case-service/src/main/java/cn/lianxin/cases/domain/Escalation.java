package cn.lianxin.cases.domain;

import java.time.Instant;
import java.util.UUID;

/** One step up the escalation ladder (rules C1/C2) that a scan took for a case's episode. */
public record Escalation(int episode, int level, UUID fromOrgId, UUID toOrgId, String reason, Instant dueAt,
        Instant asOf) {
}
