package cn.lianxin.cases.domain;

import java.time.Instant;
import java.util.UUID;

/** A standing action proposed for a case's episode (SUSPEND, CANCEL_PROBATION, REMOVE, RESTORE): rules C4–C6. */
public record StandingProposal(UUID id, int episode, String action, Instant proposedAt) {
}
