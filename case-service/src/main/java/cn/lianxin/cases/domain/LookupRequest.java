package cn.lianxin.cases.domain;

import java.time.Instant;
import java.time.Period;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * A lookup request (协查请求) of a case to a department (公安, 电信运营商, 社保, 房管): asked by the case owner with a legal
 * basis, approved or refused by an organization above the member's branch (never by the one who asked), sent only once
 * approved, answered once, chased (催办) while unanswered after its deadline. {@link LookupState} is the table of moves.
 */
@Entity
@Table(name = "lookup_request")
public class LookupRequest {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    public int episode;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "org_id")
    public UUID orgId;
    @Column(name = "org_path")
    public String orgPath;
    @Enumerated(EnumType.STRING)
    public Department department;
    @Enumerated(EnumType.STRING)
    public LegalBasis basis;
    public String citation;
    /** The items asked, comma-separated in declaration order ({@link #asked()}). */
    @Column(name = "asked")
    public String askedItems;
    public String note;
    @Enumerated(EnumType.STRING)
    public LookupState state;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "approving_org_id")
    public UUID approvingOrgId;
    @Column(name = "decision_note")
    public String decisionNote;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "answer_due_at")
    public Instant answerDueAt;
    @Column(name = "chase_count")
    public int chaseCount;
    @Column(name = "last_chased_at")
    public Instant lastChasedAt;
    @Column(name = "answered_at")
    public Instant answeredAt;
    public Boolean found;
    /** The department's finding: personal data, stored here and shown to the case's readers, never logged. */
    public String finding;
    @Column(name = "answer_ref")
    public String answerRef;
    @Column(name = "answer_event_id")
    public UUID answerEventId;
    @Column(name = "attempt_id")
    public UUID attemptId;
    @Version
    public long version;

    /** A new request of the case's current episode, waiting for the superior organization's approval. */
    public static LookupRequest ask(UUID id, CaseFile file, Department department, LegalBasis basis, String citation,
            Collection<LookupItem> asked, String note, String by, Instant at) {
        LookupRequest request = new LookupRequest();
        request.id = id;
        request.caseId = file.id;
        request.episode = file.episode;
        request.memberId = file.memberId;
        request.orgId = file.orgId;
        request.orgPath = file.orgPath;
        request.department = department;
        request.basis = basis;
        request.citation = citation;
        request.askedItems = EnumSet.copyOf(asked).stream().map(Enum::name).collect(Collectors.joining(","));
        request.note = note;
        request.state = LookupState.PENDING_APPROVAL;
        request.requestedBy = by;
        request.requestedAt = at;
        return request;
    }

    /** The items {@code department} keeps no record of, among {@code asked}: such a request is refused. */
    public static Set<LookupItem> notKeptBy(Department department, Collection<LookupItem> asked) {
        Set<LookupItem> missing = EnumSet.noneOf(LookupItem.class);
        missing.addAll(asked);
        missing.removeAll(department.answers());
        return missing;
    }

    public List<LookupItem> asked() {
        return Arrays.stream(askedItems.split(",")).map(LookupItem::valueOf).toList();
    }

    /**
     * Why {@code approver} may not decide on this request, or empty when they may: the one who asked never approves
     * their own request, and only an organization strictly above the member's branch decides ({@code approverOrg}
     * must be on the branch's path and not the branch itself).
     */
    public Optional<String> whyNotDecidableBy(String approver, UUID approverOrg) {
        if (approver.equals(requestedBy)) {
            return Optional.of("the one who asked for a lookup may not approve or refuse it");
        }
        if (approverOrg == null || approverOrg.equals(orgId) || !orgPath.contains("/" + approverOrg + "/")) {
            return Optional.of("only an organization above the member's branch (上级党组织) approves or refuses a lookup");
        }
        return Optional.empty();
    }

    /** Approved: the request is sent now and expects an answer within {@code answerWithin}. */
    public void approve(String by, UUID approverOrg, String note, Instant at, Period answerWithin) {
        move(LookupState.APPROVED);
        decidedBy = by;
        decidedAt = at;
        approvingOrgId = approverOrg;
        decisionNote = note;
        sentAt = at;
        answerDueAt = ShanghaiCalendar.plus(at, answerWithin);
    }

    /** Refused, with the reason: nothing is sent. */
    public void refuse(String by, UUID approverOrg, String reason, Instant at) {
        move(LookupState.REFUSED);
        decidedBy = by;
        decidedAt = at;
        approvingOrgId = approverOrg;
        decisionNote = reason;
    }

    /** Whether an answer applies: only to a request that was sent and not yet answered. */
    public boolean awaitsAnswer() {
        return state == LookupState.APPROVED;
    }

    /** The department's answer, logged as search attempt {@code attemptId} (null when the case was no longer missing). */
    public void answer(boolean found, String finding, String answerRef, Instant answeredAt, UUID eventId,
            UUID attemptId) {
        move(LookupState.ANSWERED);
        this.found = found;
        this.finding = finding;
        this.answerRef = answerRef;
        this.answeredAt = answeredAt;
        this.answerEventId = eventId;
        this.attemptId = attemptId;
    }

    /** A sent request still unanswered at its deadline is chased (催办). */
    public boolean chaseDue(Instant asOf) {
        return state == LookupState.APPROVED && answerDueAt != null && !answerDueAt.isAfter(asOf);
    }

    /**
     * Chases the request as of {@code asOf}: one chase however late the scan, and the next one a whole period later,
     * so that a second scan for the same {@code asOf} finds nothing due.
     */
    public void chase(Instant asOf, Period answerWithin) {
        if (!chaseDue(asOf)) {
            throw new IllegalStateException("lookup " + id + " is not due for a chase as of " + asOf);
        }
        chaseCount++;
        lastChasedAt = asOf;
        answerDueAt = ShanghaiCalendar.plus(asOf, answerWithin);
    }

    private void move(LookupState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("lookup " + id + " is " + state + ", it cannot become " + next);
        }
        state = next;
    }
}
