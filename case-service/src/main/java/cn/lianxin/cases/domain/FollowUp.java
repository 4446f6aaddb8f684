package cn.lianxin.cases.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;


/** One follow-up visit (回访) of the plan of rule C7. */
@Entity
@Table(name = "follow_up")
@IdClass(FollowUp.Key.class)
public class FollowUp {

    public record Key(UUID caseId, int episode, int no) implements Serializable {
        public Key() {
            this(null, 0, 0);
        }
    }

    @Id
    @Column(name = "case_id")
    public UUID caseId;
    @Id
    public int episode;
    @Id
    public int no;
    @Enumerated(EnumType.STRING)
    public Cadence cadence;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "done_at")
    public Instant doneAt;
    @Enumerated(EnumType.STRING)
    public FollowUpResult result;
    public String note;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "due_notified_at")
    public Instant dueNotifiedAt;
    @Column(name = "missed_notified_at")
    public Instant missedNotifiedAt;
}
