package cn.lianxin.cases.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;


/** 一人一档: the lost-contact case file of one member. A re-loss during follow-up reopens it as a new episode. */
@Entity
@Table(name = "case_file")
public class CaseFile {

    @Id
    public UUID id;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "org_id")
    public UUID orgId;
    @Column(name = "org_path")
    public String orgPath;
    @Enumerated(EnumType.STRING)
    public CaseState state;
    /** LOST_CONTACT_SUSPECTED or MANUAL. */
    public String trigger;
    @Enumerated(EnumType.STRING)
    public LossSituation situation;
    public String cause;
    public String note;
    /** 责任人: who answers for the case; {@code ownerMemberId} when they are on the register. */
    @Column(name = "owner_name")
    public String ownerName;
    @Column(name = "owner_member_id")
    public UUID ownerMemberId;
    @Column(name = "lost_since")
    public Instant lostSince;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "opened_by")
    public String openedBy;
    @Column(name = "source_event_id")
    public UUID sourceEventId;
    public int episode;
    @Column(name = "re_loss_count")
    public int reLossCount;
    @Column(name = "verification_due_at")
    public Instant verificationDueAt;
    @Column(name = "escalation_level")
    public int escalationLevel;
    @Column(name = "responsible_org_id")
    public UUID responsibleOrgId;
    /** Next C1/C2 deadline; null when no escalation is pending. */
    @Column(name = "escalation_due_at")
    public Instant escalationDueAt;
    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;
    @Column(name = "attempt_count")
    public int attemptCount;
    @Column(name = "found_at")
    public Instant foundAt;
    @Column(name = "found_by")
    public String foundBy;
    @Column(name = "found_how")
    public String foundHow;
    @Column(name = "suspended_at")
    public Instant suspendedAt;
    @Enumerated(EnumType.STRING)
    public DispositionType disposition;
    @Column(name = "closed_at")
    public Instant closedAt;
    public String resolution;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    /** Moves the file to {@code next}, refusing a move {@link CaseState#canMoveTo} does not allow. */
    private void moveTo(CaseState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("case " + id + " cannot move from " + state + " to " + next);
        }
        state = next;
    }

    /** The member is found ({@code by}: MANUAL, CONTACT_RESTORED, …); escalation stops. */
    public void found(Instant at, String by, String how, Instant now) {
        moveTo(CaseState.FOUND);
        foundAt = at;
        foundBy = by;
        foundHow = how;
        escalationDueAt = null;
        updatedAt = now;
    }

    /**
     * Lost again while found or in follow-up: a new episode as of {@code lostSince}, in monitoring for a suspended
     * member; the episode's search starts over (the verification clock is the caller's, it depends on the rules).
     */
    public void reopen(UUID eventId, Instant lostSince, Instant discoveredAt, Instant now) {
        moveTo(suspendedAt != null ? CaseState.SUSPENDED_MONITORING : CaseState.OPEN);
        episode++;
        reLossCount++;
        trigger = "LOST_CONTACT_SUSPECTED";
        sourceEventId = eventId;
        this.lostSince = lostSince;
        openedAt = discoveredAt;
        lastAttemptAt = null;
        attemptCount = 0;
        foundAt = null;
        foundBy = null;
        foundHow = null;
        updatedAt = now;
    }

    /** 停止党籍 decided: the member stays monitored (C5 counts from here). */
    public void suspend(Instant at) {
        moveTo(CaseState.SUSPENDED_MONITORING);
        suspendedAt = at;
    }

    /** A disposition with follow-ups (C7). */
    public void startFollowUp() {
        moveTo(CaseState.FOLLOW_UP);
    }

    /** Closed with {@code resolution} (a disposition, FOLLOW_UP_COMPLETED, or why the member left). */
    public void close(String resolution, Instant at) {
        moveTo(CaseState.CLOSED);
        closedAt = at;
        this.resolution = resolution;
        escalationDueAt = null;
        updatedAt = at;
    }

    /** An open case whose 失联情形 is still to be completed (opened automatically, not yet filled in). */
    public boolean incomplete() {
        return situation == LossSituation.UNKNOWN && state != CaseState.CLOSED;
    }

    /** Whole days between lost-since and found (or {@code asOf} while still missing). */
    public long daysLost(Instant asOf) {
        Instant until = foundAt != null ? foundAt : asOf;
        return Math.max(0, java.time.Duration.between(lostSince, until).toDays());
    }
}
