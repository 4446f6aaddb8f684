package cn.lianxin.cases.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;


/** One search attempt (查找) in a case file. */
@Entity
@Table(name = "search_attempt")
public class SearchAttempt {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    public int episode;
    public Instant at;
    @Enumerated(EnumType.STRING)
    public SearchChannel channel;
    public String actor;
    @Enumerated(EnumType.STRING)
    public AttemptResult result;
    public String note;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;
}
