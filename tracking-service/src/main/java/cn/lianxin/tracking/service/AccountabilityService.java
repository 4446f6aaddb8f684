package cn.lianxin.tracking.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.orgs.OrgSnapshot;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.schedule.OncePerCluster;
import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.platform.time.ShanghaiCalendar;
import cn.lianxin.tracking.config.AccountabilityConfig;
import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.Accountability;
import cn.lianxin.tracking.domain.Accountability.CaseOpening;
import cn.lianxin.tracking.domain.Accountability.Figures;
import cn.lianxin.tracking.domain.Accountability.Group;
import cn.lianxin.tracking.domain.Accountability.MemberHistory;
import cn.lianxin.tracking.domain.Accountability.Reached;
import cn.lianxin.tracking.domain.Accountability.Window;
import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.domain.ContactChannel;
import cn.lianxin.tracking.repository.AccountabilityRepository;
import cn.lianxin.tracking.repository.AccountabilityRepository.Branch;
import cn.lianxin.tracking.repository.AccountabilityRepository.FollowUp;
import cn.lianxin.tracking.repository.AccountabilityRepository.Member;
import cn.lianxin.tracking.repository.AccountabilityRepository.Opening;
import cn.lianxin.tracking.repository.AccountabilityRepository.ReachedContact;
import cn.lianxin.tracking.service.AccountabilityViews.AccountabilityReport;
import cn.lianxin.tracking.service.AccountabilityViews.AccountabilityReported;
import cn.lianxin.tracking.service.AccountabilityViews.BranchRow;
import cn.lianxin.tracking.service.AccountabilityViews.LiaisonRow;

/**
 * 目标责任考核 (docs/domain.md §7): the accountability figures of a subtree for a period — total, per branch, per
 * liaison — and, once a month, each branch's figures of the month before as {@code AccountabilityReported} for
 * case-service's monthly report. A few queries for the whole subtree (AccountabilityRepository), then the domain's
 * {@link Accountability} per group.
 */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class AccountabilityService {

    private static final Logger LOG = Logger.getLogger(AccountabilityService.class);

    /** The monthly report's identity, also its name in {@code scheduled_run}. */
    public static final String JOB = "accountability-report";
    public static final String ACCOUNTABILITY_REPORTED = "lianxin.contact.AccountabilityReported.v1";
    /** How long before a period case openings are read: C1's deadline of an earlier opening may fall in it. */
    private static final Period OPENINGS_BEFORE = Period.ofYears(1);

    private final AccountabilityRepository repository;
    private final MemberAccess access;
    private final OrgScope scope;
    private final OrgProjection orgs;
    private final Outbox outbox;
    private final Clock clock;
    private final OncePerCluster runs;
    private final Accountability rule;

    public AccountabilityService(AccountabilityRepository repository, MemberAccess access, OrgScope scope,
            OrgProjection orgs, Outbox outbox, Clock clock, OncePerCluster runs, TrackingConfig tracking,
            AccountabilityConfig config) {
        this.repository = repository;
        this.access = access;
        this.scope = scope;
        this.orgs = orgs;
        this.outbox = outbox;
        this.clock = clock;
        this.runs = runs;
        this.rule = new Accountability(tracking.periods(), config.firstSearchWithin());
    }

    /**
     * The figures of {@code orgId}'s subtree for [from, to) (Shanghai dates), as of now; 404 outside the caller's view.
     * {@code liaisonId}: only that liaison's row among the liaisons. A LIAISON (without a wider role) sees only their own
     * row, which is also the total, and no branch (another liaison's: 403).
     */
    public AccountabilityReport report(UUID orgId, LocalDate from, LocalDate to, UUID liaisonId) {
        scope.requireVisible(orgId, "org", orgId);
        String liaison = access.liaisonFilter(liaisonId);
        OrgSnapshot.View org = orgs.find(orgId).orElseThrow(() -> ProblemException.notFound("org", orgId));
        Window window = new Window(ShanghaiCalendar.startOfDay(from), ShanghaiCalendar.startOfDay(to), clock.instant());
        Subtree subtree = load(org.path(), window);
        List<LiaisonRow> liaisons = new ArrayList<>();
        subtree.liaisons.forEach((id, group) -> {
            if (liaison == null || liaison.equals(id.toString())) {
                liaisons.add(new LiaisonRow(id, subtree.liaisonNames.get(id),
                        rule.figures(window, group.build(Accountability.LIAISON_OBLIGATIONS))));
            }
        });
        liaisons.sort(Comparator.comparing(LiaisonRow::name, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(LiaisonRow::liaisonId));
        if (scope.isLiaisonOnly()) {
            Figures own = liaisons.isEmpty()
                    ? rule.figures(window, new GroupBuilder().build(Accountability.LIAISON_OBLIGATIONS))
                    : liaisons.get(0).figures();
            return new AccountabilityReport(orgId, org.name(), from, to, window.asOf(), own, List.of(), liaisons);
        }
        List<BranchRow> branches = new ArrayList<>();
        for (Branch branch : repository.branches(org.path())) {
            branches.add(new BranchRow(branch.orgId(), branch.name(), subtree.branch(branch.orgId())));
        }
        return new AccountabilityReport(orgId, org.name(), from, to, window.asOf(),
                rule.figures(window, subtree.total.build(Accountability.BRANCH_OBLIGATIONS)), branches, liaisons);
    }

    /**
     * Last month's figures of every branch, on the 1st of each month ({@code lianxin.tracking.accountability.cron},
     * Asia/Shanghai), by one replica of the cluster: the one that claims this fire time ({@link OncePerCluster}).
     * Public for the tests, which fire it with an execution of their own.
     */
    @Scheduled(identity = JOB, cron = "${lianxin.tracking.accountability.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void scheduled(ScheduledExecution execution) {
        runs.run(JOB, execution, () -> {
            YearMonth month = ShanghaiCalendar.monthOf(clock.instant()).minusMonths(1);
            int reported = publishMonth(month);
            LOG.infof("Accountability of %s reported for %d branches", month, reported);
            return reported;
        });
    }

    /**
     * Publishes {@code AccountabilityReported} for every branch of the tree not yet reported for {@code month}, with
     * its figures as of now, in one transaction with the rows that say so ({@code accountability_report}): a second run
     * (another replica, a retry) reports nothing twice.
     *
     * @return how many branches were reported
     */
    public int publishMonth(YearMonth month) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant asOf = clock.instant();
            Window window = new Window(ShanghaiCalendar.startOfMonth(month),
                    ShanghaiCalendar.startOfMonth(month.plusMonths(1)), asOf);
            Subtree all = load("/", window);
            int reported = 0;
            for (Branch branch : repository.branches("/")) {
                if (repository.claimReport(branch.orgId(), month, asOf)) {
                    outbox.append(ACCOUNTABILITY_REPORTED, branch.orgId(), new AccountabilityReported(branch.orgId(),
                            month.toString(), window.from(), window.to(), asOf, all.branch(branch.orgId())));
                    reported++;
                }
            }
            return reported;
        });
    }

    /** Everything about the subtree's members, grouped by branch and by liaison. */
    private Subtree load(String path, Window window) {
        Map<UUID, List<Reached>> reached = new HashMap<>();
        for (ReachedContact c : repository.reached(path, rule.contactsNeededSince(window.from()), window.asOf())) {
            reached.computeIfAbsent(c.memberId(), m -> new ArrayList<>())
                    .add(new Reached(c.at(), ContactChannel.valueOf(c.channel()).isDirect()));
        }
        Map<UUID, List<CaseOpening>> openings = new HashMap<>();
        for (Opening o : repository.openings(path, ShanghaiCalendar.plus(window.from(), OPENINGS_BEFORE.negated()),
                window.until())) {
            openings.computeIfAbsent(o.memberId(), m -> new ArrayList<>()).add(new CaseOpening(o.caseId(), o.openedAt(),
                    o.verificationDueAt(), o.firstAttemptAt(), o.endedAt()));
        }
        Map<UUID, List<FollowUp>> followUps = new HashMap<>();
        for (FollowUp f : repository.followUps(path, window.from(), window.until())) {
            followUps.computeIfAbsent(f.memberId(), m -> new ArrayList<>()).add(f);
        }
        Subtree subtree = new Subtree();
        for (Member m : repository.members(path)) {
            MemberHistory history = m.active() ? new MemberHistory(m.memberId(), m.registeredAt(), m.restartedAt(),
                    m.leftAt() == null ? null : ShanghaiCalendar.startOfDay(m.leftAt()), m.reportedInAt(),
                    reached.getOrDefault(m.memberId(), List.of())) : null;
            List<CaseOpening> theirOpenings = openings.getOrDefault(m.memberId(), List.of());
            List<FollowUp> theirFollowUps = followUps.getOrDefault(m.memberId(), List.of());
            List<GroupBuilder> groups = new ArrayList<>(List.of(subtree.total,
                    subtree.branches.computeIfAbsent(m.orgId(), b -> new GroupBuilder())));
            if (m.liaisonId() != null) {
                groups.add(subtree.liaisons.computeIfAbsent(m.liaisonId(), l -> new GroupBuilder()));
                subtree.liaisonNames.putIfAbsent(m.liaisonId(), m.liaisonName());
            }
            for (GroupBuilder group : groups) {
                group.add(history, theirOpenings, theirFollowUps);
            }
        }
        subtree.window = window;
        return subtree;
    }

    private final class Subtree {
        Window window;
        final GroupBuilder total = new GroupBuilder();
        final Map<UUID, GroupBuilder> branches = new HashMap<>();
        final Map<UUID, GroupBuilder> liaisons = new LinkedHashMap<>();
        final Map<UUID, String> liaisonNames = new HashMap<>();

        Figures branch(UUID orgId) {
            return rule.figures(window, branches.getOrDefault(orgId, new GroupBuilder())
                    .build(Accountability.BRANCH_OBLIGATIONS));
        }
    }

    /** The facts of one group as they are gathered. */
    private static final class GroupBuilder {
        final List<MemberHistory> members = new ArrayList<>();
        final List<CaseOpening> openings = new ArrayList<>();
        final List<Instant> done = new ArrayList<>();
        final List<Instant> missed = new ArrayList<>();

        void add(MemberHistory history, List<CaseOpening> theirOpenings, List<FollowUp> theirFollowUps) {
            if (history != null) {
                members.add(history);
            }
            openings.addAll(theirOpenings);
            for (FollowUp f : theirFollowUps) {
                (f.done() ? done : missed).add(f.at());
            }
        }

        Group build(Set<ClockRule> obligations) {
            return new Group(members, obligations, openings, done, missed);
        }
    }
}
