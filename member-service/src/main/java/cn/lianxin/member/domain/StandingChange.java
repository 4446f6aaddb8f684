package cn.lianxin.member.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change of a member's 党籍, with the decision it applies. */
@Entity
@Table(name = "standing_change")
public class StandingChange {

    @Id
    public UUID id;
    @Column(name = "member_id")
    public UUID memberId;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_standing")
    public Standing from;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_standing")
    public Standing to;
    public String reason;
    @Column(name = "decision_ref")
    public String decisionRef;
    @Column(name = "approval_ref")
    public String approvalRef;
    @Column(name = "case_id")
    public UUID caseId;
    /** The case disposition applied (e.g. PERSUADED_TO_QUIT), when it came from case-service. */
    public String disposition;
    @Column(name = "effective_at")
    public Instant effectiveAt;
    @Column(name = "readmission_bar_until")
    public LocalDate readmissionBarUntil;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    /** The token subject of who recorded it, or {@code case-service} for a CaseDisposed. */
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "died_on")
    public LocalDate diedOn;
    @Column(name = "learned_how")
    public String learnedHow;
    @Column(name = "evidence_ref")
    public String evidenceRef;
    @Column(name = "application_date")
    public LocalDate applicationDate;
    @Column(name = "approving_org")
    public String approvingOrg;
}
