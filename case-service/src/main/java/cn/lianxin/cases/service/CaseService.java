package cn.lianxin.cases.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import cn.lianxin.cases.config.CaseRules;
import cn.lianxin.cases.domain.AttemptResult;
import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.EscalationLadder;
import cn.lianxin.cases.domain.LossSituation;
import cn.lianxin.cases.domain.Member;
import cn.lianxin.cases.domain.SearchAttempt;
import cn.lianxin.cases.domain.SearchChannel;
import cn.lianxin.cases.domain.TimelineEntry.Kind;
import cn.lianxin.cases.repository.CaseHistory;
import cn.lianxin.cases.repository.CaseRepository;
import cn.lianxin.cases.repository.MemberRepository;
import cn.lianxin.cases.service.CaseCommands.ChangeDetails;
import cn.lianxin.cases.service.CaseCommands.LogAttempt;
import cn.lianxin.cases.service.CaseCommands.MarkFound;
import cn.lianxin.cases.service.CaseCommands.OpenCase;
import cn.lianxin.platform.api.IfMatch;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.platform.time.ShanghaiCalendar;

/** Opening a case, logging search attempts, finding the member: each change is on the timeline and in the outbox. */
@ApplicationScoped
@Transactional
public class CaseService {

    static final String SYSTEM_CONTACT_EVENTS = "system:contact.events";

    private final CaseAccess access;
    private final CaseRepository cases;
    private final MemberRepository members;
    private final OrgProjection orgs;
    private final CaseHistory history;
    private final Timeline timeline;
    private final CaseClosing closing;
    private final Outbox outbox;
    private final OrgScope scope;
    private final CaseRules rules;
    private final Clock clock;

    public CaseService(CaseAccess access, CaseRepository cases, CaseHistory history, Timeline timeline,
            CaseClosing closing, MemberRepository members, OrgProjection orgs, Outbox outbox, OrgScope scope,
            CaseRules rules, Clock clock) {
        this.access = access;
        this.history = history;
        this.timeline = timeline;
        this.closing = closing;
        this.cases = cases;
        this.members = members;
        this.orgs = orgs;
        this.outbox = outbox;
        this.scope = scope;
        this.rules = rules;
        this.clock = clock;
    }

    /** {@code POST /api/v1/cases}: 409 when the member already has a case that is not closed. */
    /** @return the new case's id */
    public UUID openManually(@NotNull @Valid OpenCase request) {
        if (request.situation() == LossSituation.UNKNOWN) { // the body first: it is wrong whoever the member is
            throw ProblemException.invalidField("situation", "a manual case needs the real situation, not UNKNOWN");
        }
        Member member = members.find(request.memberId())
                .filter(m -> access.visible(m.orgPath()))
                .orElseThrow(() -> ProblemException.notFound("Member", request.memberId()));
        Instant now = clock.instant();
        Instant lostSince = ShanghaiCalendar.startOfDay(request.lostSince());
        if (lostSince.isAfter(now)) {
            throw ProblemException.invalidField("lostSince", "must not be in the future");
        }
        cases.findUnclosed(member.memberId()).ifPresent(open -> {
            throw ProblemException.conflict("Member " + member.memberId() + " already has case " + open.id + " ("
                    + open.state + "); at most one open case per member");
        });
        CaseFile file = newCase(member.memberId(), member.orgId(), member.orgPath(), "MANUAL", lostSince, now,
                scope.userId(), null);
        file.situation = request.situation();
        file.cause = request.cause();
        file.note = request.note();
        try {
            cases.addNow(file);
        } catch (jakarta.persistence.PersistenceException e) {
            // A LostContactSuspected opened one in the meantime (unique index: one open case per member).
            throw ProblemException.conflict("Member " + member.memberId() + " already has an open case");
        }
        timeline.record(file, now, scope.userId(), Kind.OPENED, "situation " + request.situation()
                + (request.cause() == null ? "" : ", cause: " + request.cause()));
        publishOpened(file, false);
        return file.id;
    }

    /**
     * What opening cases for a run of LostContactSuspected needs, read in three queries: the members' unclosed case
     * files, the members on the register, and the paths of the branches the events name. {@link
     * #onLostContactSuspected} keeps it current (a case it opens is unclosed for the next event of that member).
     */
    public static final class Openings {

        private final Map<UUID, CaseFile> unclosed;
        private final Map<UUID, Member> members = new HashMap<>();
        private final Map<UUID, String> orgPaths;

        private Openings(Map<UUID, CaseFile> unclosed, List<Member> members, Map<UUID, String> orgPaths) {
            this.unclosed = unclosed;
            this.orgPaths = orgPaths;
            members.forEach(member -> this.members.put(member.memberId(), member));
        }
    }

    public Openings lookUpOpenings(Collection<UUID> memberIds, Collection<UUID> orgIds) {
        return new Openings(cases.findUnclosed(memberIds), members.findAll(memberIds), orgs.pathsOf(orgIds));
    }

    /**
     * Rule T5 → a case: idempotent (at most one open case per member); a loss during follow-up reopens the case.
     * The branch and its path are the register's when the member is on it, else the event's.
     */
    public void onLostContactSuspected(UUID eventId, UUID memberId, UUID orgId, Instant lostSince, Instant discoveredAt,
            Openings known) {
        CaseFile unclosed = known.unclosed.get(memberId);
        if (unclosed != null) {
            if (!unclosed.state.missing()) {
                reopen(unclosed, eventId, lostSince, discoveredAt);
            }
            return;
        }
        Member member = known.members.get(memberId);
        UUID branch = member == null ? orgId : member.orgId();
        String path = member == null ? known.orgPaths.getOrDefault(orgId, "/" + orgId + "/") : member.orgPath();
        CaseFile file = newCase(memberId, branch, path, "LOST_CONTACT_SUSPECTED", lostSince, discoveredAt,
                SYSTEM_CONTACT_EVENTS, eventId);
        file.situation = LossSituation.UNKNOWN; // on the "to be completed" list until the branch fills it in
        cases.add(file);
        known.unclosed.put(memberId, file);
        timeline.record(file, discoveredAt, SYSTEM_CONTACT_EVENTS, Kind.OPENED, "LostContactSuspected " + eventId);
        publishOpened(file, false);
    }

    /**
     * Rule T8 → the member is found. A contact that tracking-service recorded from this service's own MemberFound or
     * follow-up (channel CASE_FOUND / FOLLOW_UP, with a caseId) is ignored: this case already knows (§4b).
     */
    public void onContactRestored(UUID eventId, UUID memberId, Instant reachedAt, String channel, UUID caseId) {
        if (caseId != null || "CASE_FOUND".equals(channel) || "FOLLOW_UP".equals(channel)) {
            return;
        }
        cases.findUnclosed(memberId).filter(file -> file.state.missing()).ifPresent(file -> found(file, reachedAt,
                "CONTACT_RESTORED", "contact restored via " + channel, null, eventId, SYSTEM_CONTACT_EVENTS));
    }

    /**
     * The member left the register outside a case (§3b: died, withdrew 退党, expelled 开除党籍, or was transferred
     * out of the system): the open case closes with that resolution. A second notice finds no open case.
     */
    /**
     * The case closes when the departure took effect; a death that lies before the case was even opened (learned
     * only during the search) closes it when the organization learns of it, never back-dated before its opening.
     */
    public void onMemberLeft(UUID memberId, String resolution, Instant effectiveAt) {
        cases.findUnclosed(memberId).ifPresent(file -> closing.close(file, resolution,
                effectiveAt.isBefore(file.openedAt) ? clock.instant() : effectiveAt, "system:member.events"));
    }

    /** @return the attempt's id */
    public UUID logAttempt(UUID caseId, @NotNull @Valid LogAttempt request) {
        CaseFile file = access.visibleCase(caseId);
        requireMissing(file, "log a search attempt");
        requireBetween("at", request.at(), file.lostSince, clock.instant());
        return recordAttempt(file, request.at(), request.channel(), request.result(), request.note(), scope.userId());
    }

    /**
     * The one way a search attempt (查找) enters a case that is still missing: by the caller ({@link #logAttempt}) or
     * from a department's answer to a lookup ({@link LookupService}), with the running tally, the C1/C2 clock, the
     * timeline and SearchAttemptLogged; FOUND finds the member.
     *
     * @return the attempt's id
     */
    UUID recordAttempt(CaseFile file, Instant at, SearchChannel channel, AttemptResult result, String note,
            String actor) {
        Instant now = clock.instant();
        SearchAttempt attempt = new SearchAttempt();
        attempt.id = UUID.randomUUID();
        attempt.caseId = file.id;
        attempt.episode = file.episode;
        attempt.at = at;
        attempt.channel = channel;
        attempt.actor = actor;
        attempt.result = result;
        attempt.note = note;
        attempt.recordedBy = actor;
        attempt.recordedAt = now;
        history.add(attempt);
        file.attemptCount++;
        if (file.lastAttemptAt == null || at.isAfter(file.lastAttemptAt)) {
            file.lastAttemptAt = at;
        }
        // C1 is met by the first attempt; once escalated (C2), each new attempt restarts the period.
        file.escalationDueAt = file.escalationLevel == 0 ? null
                : ShanghaiCalendar.plus(file.lastAttemptAt, rules.escalationInterval());
        file.updatedAt = now;
        timeline.record(file, at, actor, Kind.ATTEMPT, channel + ": " + result + (note == null ? "" : " — " + note));
        List<SearchChannel> tried = cases.channelsTried(file);
        outbox.append(CaseEvents.SEARCH_ATTEMPT_LOGGED, file.memberId, new CaseEvents.SearchAttemptLogged(file.id,
                file.memberId, file.orgId, attempt.id, attempt.at, attempt.channel, attempt.result.name(),
                attempt.actor, tried, tried.stream().anyMatch(SearchChannel::fieldVisit), file.attemptCount));
        if (result == AttemptResult.FOUND) {
            found(file, at, "SEARCH_ATTEMPT", channel + " by " + actor, channel, null, actor);
        }
        return attempt.id;
    }

    /**
     * Completes or corrects the details of a case that is not closed (§3): each change on the timeline with who and
     * when, and one CaseDetailsChanged naming what changed. Nothing changed, nothing recorded.
     */
    public void changeDetails(UUID caseId, IfMatch ifMatch, @NotNull @Valid ChangeDetails request) {
        CaseFile file = access.visibleCase(caseId);
        ifMatch.check("Case", caseId, file.version);
        if (request.situation() == null && request.cause() == null && request.lostSince() == null
                && request.owner() == null) {
            throw ProblemException.invalidField("body", "give at least one of situation, cause, lostSince, owner");
        }
        if (file.state == CaseState.CLOSED) {
            throw ProblemException.conflict("Case " + file.id + " is closed; its details can no longer change");
        }
        if (request.situation() == LossSituation.UNKNOWN) {
            throw ProblemException.invalidField("situation", "may not be set back to UNKNOWN");
        }
        Instant now = clock.instant();
        Instant lostSince = request.lostSince() == null ? null : ShanghaiCalendar.startOfDay(request.lostSince());
        if (lostSince != null && lostSince.isAfter(now)) {
            throw ProblemException.invalidField("lostSince", "must not be in the future");
        }
        if (lostSince != null && lostSince.isAfter(file.openedAt)) {
            throw ProblemException.invalidField("lostSince", "must not be after the case was opened ("
                    + file.openedAt + ")");
        }
        String actor = scope.userId();
        List<String> changed = new ArrayList<>();
        if (request.situation() != null && request.situation() != file.situation) {
            timeline.record(file, now, actor, Kind.DETAILS_CHANGED, "situation " + file.situation + " → "
                    + request.situation());
            file.situation = request.situation();
            changed.add("situation");
        }
        if (request.cause() != null && !request.cause().equals(file.cause)) {
            timeline.record(file, now, actor, Kind.DETAILS_CHANGED, "cause: " + request.cause());
            file.cause = request.cause();
            changed.add("cause");
        }
        if (lostSince != null && !lostSince.equals(file.lostSince)) {
            timeline.record(file, now, actor, Kind.DETAILS_CHANGED, "lostSince " + file.lostSince + " → " + lostSince);
            file.lostSince = lostSince;
            changed.add("lostSince");
        }
        if (request.owner() != null && !(request.owner().name().equals(file.ownerName)
                && Objects.equals(request.owner().memberId(), file.ownerMemberId))) {
            timeline.record(file, now, actor, Kind.DETAILS_CHANGED, "owner (责任人): " + request.owner().name());
            file.ownerName = request.owner().name();
            file.ownerMemberId = request.owner().memberId();
            changed.add("owner");
        }
        if (!changed.isEmpty()) {
            file.updatedAt = now;
            outbox.append(CaseEvents.CASE_DETAILS_CHANGED, file.memberId, new CaseEvents.CaseDetailsChanged(file.id,
                    file.memberId, file.orgId, changed, file.situation, file.cause, file.lostSince,
                    file.ownerName == null ? null : new CaseEvents.Owner(file.ownerName, file.ownerMemberId), actor,
                    now));
        }
    }

    public void markFound(UUID caseId, @NotNull @Valid MarkFound request) {
        CaseFile file = access.visibleCase(caseId);
        requireMissing(file, "mark the member found");
        requireBetween("at", request.at(), file.lostSince, clock.instant());
        found(file, request.at(), "MANUAL", request.how() + (request.note() == null ? "" : " — " + request.note()),
                null, null, scope.userId());
    }

    private void found(CaseFile file, Instant at, String foundBy, String how, SearchChannel channel, UUID sourceEventId,
            String actor) {
        boolean suspended = file.suspendedAt != null;
        file.found(at, foundBy, how, clock.instant());
        timeline.record(file, at, actor, Kind.FOUND, foundBy + ": " + how);
        outbox.append(CaseEvents.MEMBER_FOUND, file.memberId, new CaseEvents.MemberFound(file.id, file.memberId,
                file.orgId, at, foundBy, channel, file.lostSince, file.daysLost(at), suspended, sourceEventId));
        if (suspended && !at.isAfter(ShanghaiCalendar.plus(file.suspendedAt, rules.restoreWithin()))) {
            // C6: a suspended member found within two years may be restored (after application and approval).
            cases.propose(file, "RESTORE", clock.instant()).ifPresent(proposalId -> {
                timeline.record(file, at, actor, Kind.PROPOSED, "RESTORE (恢复党籍, rule C6)");
                outbox.append(CaseEvents.STANDING_ACTION_PROPOSED, file.memberId, new CaseEvents.StandingActionProposed(
                        file.id, file.memberId, file.orgId, proposalId, "RESTORE", superiorOf(file), null, null,
                        null, file.suspendedAt, at, null));
            });
        }
    }

    private void reopen(CaseFile file, UUID eventId, Instant lostSince, Instant discoveredAt) {
        file.reopen(eventId, lostSince, discoveredAt, clock.instant());
        startVerificationClock(file);
        timeline.record(file, discoveredAt, SYSTEM_CONTACT_EVENTS, Kind.REOPENED,
                "lost again during follow-up (re-loss " + file.reLossCount + "), LostContactSuspected " + eventId);
        publishOpened(file, true);
    }

    private CaseFile newCase(UUID memberId, UUID orgId, String orgPath, String trigger, Instant lostSince,
            Instant openedAt, String openedBy, UUID sourceEventId) {
        CaseFile file = new CaseFile();
        file.id = UUID.randomUUID();
        file.memberId = memberId;
        file.orgId = orgId;
        file.orgPath = orgPath;
        file.state = CaseState.OPEN;
        file.trigger = trigger;
        file.lostSince = lostSince;
        file.openedAt = openedAt;
        file.openedBy = openedBy;
        file.sourceEventId = sourceEventId;
        file.episode = 1;
        startVerificationClock(file);
        file.updatedAt = clock.instant();
        return file;
    }

    private void startVerificationClock(CaseFile file) {
        file.verificationDueAt = ShanghaiCalendar.plus(file.openedAt, rules.verificationDeadline());
        file.escalationDueAt = file.verificationDueAt;
        file.escalationLevel = 0;
        file.responsibleOrgId = file.orgId;
    }

    private void publishOpened(CaseFile file, boolean reopened) {
        outbox.append(CaseEvents.CASE_OPENED, file.memberId, new CaseEvents.CaseOpened(file.id, file.memberId,
                file.orgId, file.trigger, file.situation, file.cause, file.lostSince, reopened, file.verificationDueAt,
                "MANUAL".equals(file.trigger) ? null : file.sourceEventId,
                "MANUAL".equals(file.trigger) ? file.openedBy : null));
    }

    /** The branch's superior org, which approves standing changes; null for a root. */
    private static UUID superiorOf(CaseFile file) {
        return EscalationLadder.next(EscalationLadder.parse(file.orgPath), 0).map(EscalationLadder.Step::toOrgId)
                .orElse(null);
    }

    private static void requireMissing(CaseFile file, String what) {
        if (!file.state.missing()) {
            throw ProblemException.conflict("Cannot " + what + ": case " + file.id + " is " + file.state);
        }
    }

    private static void requireBetween(String field, Instant at, Instant notBefore, Instant notAfter) {
        if (at.isAfter(notAfter)) {
            throw ProblemException.invalidField(field, "must not be in the future");
        }
        if (at.isBefore(notBefore)) {
            throw ProblemException.invalidField(field, "must not be before the member was lost (" + notBefore + ")");
        }
    }

}
