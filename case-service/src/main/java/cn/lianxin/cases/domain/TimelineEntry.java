package cn.lianxin.cases.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;


/** One change of a case, with who and when; the monthly report counts from these. */
@Entity
@Table(name = "case_timeline")
public class TimelineEntry {

    /** What happened. */
    public enum Kind {
        OPENED, REOPENED, ATTEMPT, ESCALATED, RECHECK_DUE, PROPOSED, FOUND, DISPOSED, FOLLOW_UP_PLANNED,
        FOLLOW_UP_DUE, FOLLOW_UP_MISSED, FOLLOW_UP, DETAILS_CHANGED, CLOSED,
        /** Lookups of a department (协查): asked, approved, refused, sent, answered, chased. */
        LOOKUP_REQUESTED, LOOKUP_APPROVED, LOOKUP_REFUSED, LOOKUP_SENT, LOOKUP_ANSWERED, LOOKUP_CHASED
    }

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    public Instant at;
    public String actor;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Enumerated(EnumType.STRING)
    public DispositionType disposition;
    public String detail;

    public static TimelineEntry of(UUID caseId, Instant at, String actor, Kind kind, String detail) {
        TimelineEntry entry = new TimelineEntry();
        entry.id = UUID.randomUUID();
        entry.caseId = caseId;
        entry.at = at;
        entry.actor = actor;
        entry.kind = kind;
        entry.detail = detail;
        return entry;
    }
}
