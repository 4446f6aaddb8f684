package cn.lianxin.tracking.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * 目标责任考核 (docs/domain.md §7, accountability): the figures of a group of members — a branch, a liaison's flow
 * members, a subtree — for a period [from, to), as a pure function of what tracking-service holds.
 *
 * <ol>
 * <li><b>Contacts due vs made on time.</b> For each member and obligation (T2 {@code QUARTERLY}, T1
 * {@code LIAISON_MONTHLY} while flowing) the clock is walked through the member's REACHED contacts: at each instant
 * the obligation was met, {@link ClockPlanner} (the scan's own rule, not a copy) says when the clock started and when
 * it falls due. A due is the clock running at a due instant: it counts in the period that instant lies in, was
 * <i>on time</i> when a contact that met the obligation came before it, otherwise <i>missed</i> — exactly when the
 * scan announces {@code ContactMissed} REMINDER. The next due is that of the clock started by the last contact
 * before the instant (or the first one after it, when missed): contacts in between restarted a clock whose due never
 * came, so a member called every week counts one due a period, not one a call.</li>
 * <li><b>Days from a missed contact to the next contact:</b> for each missed due, whole days from the due instant to
 * that next contact; the median of those that have one (by {@code asOf}); the others are counted as awaiting.</li>
 * <li><b>First search within the deadline (C1):</b> each opening of a case (reopenings included) whose verification
 * deadline lies in the period counts, and is in time when its first search attempt was logged by the deadline. An
 * opening whose case was found or closed before the deadline without an attempt is not counted (C1 does not apply).</li>
 * <li><b>Follow-ups done vs missed (C7):</b> visits recorded in the period; visits whose due instant lies in the
 * period and that case-service reported missed.</li>
 * <li><b>Members lost per 100:</b> case openings in the period per 100 members of the group (its ACTIVE members).</li>
 * </ol>
 * Dues, deadlines and follow-ups count up to {@code min(to, asOf)}: what is not yet due is not yet counted. A share of
 * nothing, a median of nothing, the loss rate of an empty group are null, never NaN.
 */
public final class Accountability {

    private final ClockPlanner planner;
    private final ClockPeriods periods;
    private final Period firstSearchWithin;

    /**
     * @param firstSearchWithin C1's deadline, for the openings whose CaseOpened did not carry its verificationDueAt
     */
    public Accountability(ClockPeriods periods, Period firstSearchWithin) {
        this.planner = new ClockPlanner(periods);
        this.periods = periods;
        this.firstSearchWithin = firstSearchWithin;
    }

    /** The period [from, to) and the instant the figures are taken as of. */
    public record Window(Instant from, Instant to, Instant asOf) {

        public Window {
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("from must be before to");
            }
        }

        /** Where counting ends: the end of the period, or asOf when it is earlier. */
        public Instant until() {
            return asOf.isBefore(to) ? asOf : to;
        }

        boolean counts(Instant at) {
            return at != null && !at.isBefore(from) && at.isBefore(until());
        }
    }

    /** A REACHED contact; {@code direct} when person to person (meets T1 too). */
    public record Reached(Instant at, boolean direct) {
    }

    /**
     * What the clocks of a member depend on, as in the projection, with their REACHED contacts (at least those since
     * {@link #contactsNeededSince}). {@code leftAt}: start of the open outflow (null when not flowing).
     */
    public record MemberHistory(UUID memberId, Instant registeredAt, Instant restartedAt, Instant leftAt,
            Instant reportedInAt, List<Reached> reached) {
    }

    /**
     * One opening of a case: {@code verificationDueAt} from CaseOpened (null for openings before it was kept),
     * {@code firstAttemptAt} when the first search attempt after it was logged, {@code endedAt} the first finding or
     * closing after it.
     */
    public record CaseOpening(UUID caseId, Instant openedAt, Instant verificationDueAt, Instant firstAttemptAt,
            Instant endedAt) {
    }

    /** A group's facts: its members, the obligations counted for them, their cases and follow-ups. */
    public record Group(List<MemberHistory> members, Set<ClockRule> obligations, List<CaseOpening> openings,
            List<Instant> followUpsDone, List<Instant> followUpsMissed) {
    }

    /** One due of an obligation: met on time when {@code metAt} is before {@code dueAt}. */
    public record Due(ClockRule obligation, Instant startedAt, Instant dueAt, Instant metAt) {

        public boolean onTime() {
            return metAt != null && metAt.isBefore(dueAt);
        }
    }

    /** The figures; shares are 0–1, rounded to 4 places, null when nothing counted. */
    public record Figures(long members, long contactsDue, long contactsOnTime, long contactsMissed,
            Double contactsOnTimeShare, long missedAwaitingContact, Double medianDaysMissedToContact,
            long firstSearchDue, long firstSearchInTime, Double firstSearchInTimeShare, long followUpsDone,
            long followUpsMissed, long casesOpened, Double lostPer100) {
    }

    /** The obligations counted: T2 for every member, T1 for flow members (their liaison's). */
    public static final Set<ClockRule> BRANCH_OBLIGATIONS = Set.of(ClockRule.QUARTERLY, ClockRule.LIAISON_MONTHLY);
    public static final Set<ClockRule> LIAISON_OBLIGATIONS = Set.of(ClockRule.LIAISON_MONTHLY);

    /**
     * The earliest REACHED contact that can matter for dues from {@code from} on: a due in the period started at most
     * the longest obligation's period (plus the day it is rounded to) before it.
     */
    public Instant contactsNeededSince(Instant from) {
        return ShanghaiCalendar.startOfDay(ShanghaiCalendar.dateOf(from).minus(periods.quarterly())
                .minus(periods.liaisonMonthly()).minusDays(2));
    }

    public Figures figures(Window window, Group group) {
        long due = 0;
        long onTime = 0;
        long awaiting = 0;
        List<Long> daysToContact = new ArrayList<>();
        for (MemberHistory member : group.members()) {
            for (ClockRule obligation : group.obligations()) {
                for (Due d : dues(window, member, obligation)) {
                    due++;
                    if (d.onTime()) {
                        onTime++;
                    } else if (d.metAt() == null) {
                        awaiting++;
                    } else {
                        daysToContact.add(Duration.between(d.dueAt(), d.metAt()).toDays());
                    }
                }
            }
        }
        long searchDue = 0;
        long searchInTime = 0;
        long opened = 0;
        for (CaseOpening opening : group.openings()) {
            if (window.counts(opening.openedAt())) {
                opened++;
            }
            Instant deadline = opening.verificationDueAt() != null ? opening.verificationDueAt()
                    : ShanghaiCalendar.plus(opening.openedAt(), firstSearchWithin);
            if (!window.counts(deadline)) {
                continue;
            }
            boolean inTime = opening.firstAttemptAt() != null && !opening.firstAttemptAt().isAfter(deadline);
            boolean endedFirst = opening.endedAt() != null && !opening.endedAt().isAfter(deadline);
            if (inTime) {
                searchDue++;
                searchInTime++;
            } else if (!endedFirst) {
                searchDue++;
            }
        }
        long members = group.members().size();
        return new Figures(members, due, onTime, due - onTime, share(onTime, due), awaiting, median(daysToContact),
                searchDue, searchInTime, share(searchInTime, searchDue),
                group.followUpsDone().stream().filter(window::counts).count(),
                group.followUpsMissed().stream().filter(window::counts).count(), opened,
                members == 0 ? null : round(opened * 100.0 / members, 2));
    }

    /**
     * The dues of one obligation of a member that lie in the window: the clock as {@link ClockPlanner} starts it at
     * the member's registration (or restoration, or outflow for T1) and again at each contact that meets it.
     */
    public List<Due> dues(Window window, MemberHistory member, ClockRule obligation) {
        boolean liaison = obligation == ClockRule.LIAISON_MONTHLY;
        if (obligation != ClockRule.QUARTERLY && !liaison) {
            throw new IllegalArgumentException("not a contact obligation: " + obligation);
        }
        if (liaison && member.leftAt() == null) {
            return List.of(); // T1 runs only while the member flows
        }
        List<Instant> met = new ArrayList<>();
        for (Reached r : member.reached()) {
            if ((!liaison || r.direct()) && !r.at().isAfter(window.asOf())) {
                met.add(r.at());
            }
        }
        if (liaison && member.reportedInAt() != null && !member.reportedInAt().isAfter(window.asOf())) {
            met.add(member.reportedInAt()); // 报到 counts as reached for T1 (docs/domain.md §4b)
        }
        met.sort(Comparator.naturalOrder());
        Instant first = Deadlines.latest(member.registeredAt(), member.restartedAt(), liaison ? member.leftAt() : null);

        // the clock's successive starts: at the first instant it runs, then at every contact after it
        List<PlannedClock> clocks = new ArrayList<>();
        List<Instant> startedBy = new ArrayList<>();
        Instant lastMet = null;
        int i = 0;
        while (i < met.size() && !met.get(i).isAfter(first)) {
            lastMet = met.get(i++);
        }
        clocks.add(plan(member, obligation, lastMet));
        startedBy.add(first);
        for (; i < met.size(); i++) {
            lastMet = met.get(i);
            PlannedClock clock = plan(member, obligation, lastMet);
            if (!clock.startedAt().equals(clocks.get(clocks.size() - 1).startedAt())) {
                clocks.add(clock);
                startedBy.add(lastMet);
            }
        }
        // The dues the obligation actually faced: from each counted clock, the next one is the clock running at its
        // due instant — started by the last contact before it (met on time), else by the first one after (missed).
        // Contacts in between restarted a clock whose due never came, so a member called every week is one due a
        // period, not one a call; and every gap longer than the period is still a miss, as the scan sees it.
        List<Due> dues = new ArrayList<>();
        for (int c = 0; c < clocks.size();) {
            PlannedClock clock = clocks.get(c);
            Instant metAt = c + 1 < clocks.size() ? startedBy.get(c + 1) : null;
            if (window.counts(clock.dueAt())) {
                dues.add(new Due(obligation, clock.startedAt(), clock.dueAt(), metAt));
            }
            int next = c + 1;
            while (next + 1 < clocks.size() && startedBy.get(next + 1).isBefore(clock.dueAt())) {
                next++;
            }
            c = next;
        }
        return dues;
    }

    /** The planner's clock of the obligation when the obligation was last met at {@code lastMet} (null: never). */
    private PlannedClock plan(MemberHistory member, ClockRule obligation, Instant lastMet) {
        boolean liaison = obligation == ClockRule.LIAISON_MONTHLY;
        Instant reportedIn = liaison && lastMet != null && member.reportedInAt() != null
                && !member.reportedInAt().isAfter(lastMet) ? member.reportedInAt() : null;
        MemberClockState state = new MemberClockState(false, member.registeredAt(), member.restartedAt(),
                liaison ? member.leftAt() : null, reportedIn, lastMet, liaison ? lastMet : null, null, null);
        return planner.plan(state).stream().filter(c -> c.rule() == obligation).findFirst().orElseThrow();
    }

    static Double share(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole, 4);
    }

    static Double median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }
}
