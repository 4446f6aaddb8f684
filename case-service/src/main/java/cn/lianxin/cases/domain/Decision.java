package cn.lianxin.cases.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;


/** A disposition (处置) recorded with its procedure. */
@Entity
@Table(name = "decision")
public class Decision {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    @Enumerated(EnumType.STRING)
    public DispositionType type;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decided_by")
    public String decidedBy;
    public String body;
    @Column(name = "meeting_date")
    public LocalDate meetingDate;
    public Integer eligible;
    public Integer present;
    @Column(name = "votes_for")
    public Integer votesFor;
    @Column(name = "votes_against")
    public Integer votesAgainst;
    public Integer abstentions;
    /** HELD or IMPOSSIBLE. */
    public String talk;
    @Column(name = "talk_text")
    public String talkText;
    @Column(name = "approval_ref")
    public String approvalRef;
    @Column(name = "correction_months")
    public Integer correctionMonths;
    @Column(name = "correction_until")
    public LocalDate correctionUntil;
    @Column(name = "readmission_bar_until")
    public LocalDate readmissionBarUntil;
    @Enumerated(EnumType.STRING)
    public Reintegration reintegration;
    public String note;
}
