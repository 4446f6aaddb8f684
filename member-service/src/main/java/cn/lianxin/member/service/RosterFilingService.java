package cn.lianxin.member.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import jakarta.validation.Validator;

import cn.lianxin.member.config.RosterFilingConfig;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.domain.OrgType;
import cn.lianxin.member.domain.RosterDeadline;
import cn.lianxin.member.domain.RosterFiling;
import cn.lianxin.member.domain.RosterFilingState;
import cn.lianxin.member.domain.RosterFilingState.IllegalTransition;
import cn.lianxin.member.repository.RosterFilingRepository;
import cn.lianxin.member.service.RosterFilingViews.Decision;
import cn.lianxin.member.service.RosterFilingViews.FileRoster;
import cn.lianxin.member.service.RosterFilingViews.RosterFile;
import cn.lianxin.member.service.RosterFilingViews.RosterFilingView;
import cn.lianxin.member.service.RosterFilingViews.UnfiledBranch;
import cn.lianxin.member.service.RosterFilingViews.UnfiledList;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * 花名册备案 (docs/domain.md §7): a branch files its roster for a year — a snapshot of the roster export at that moment,
 * with its SHA-256 and counts — and its superior committee acknowledges it or returns it with remarks (then the branch
 * files again, a new version). Lists the filings of a subtree, and the branches that have not filed.
 */
@ApplicationScoped
@Transactional
public class RosterFilingService {

    private final RosterFilingRepository filings;
    private final RosterExport export;
    private final MemberAccess access;
    private final Outbox outbox;
    private final Validator validator;
    private final RosterFilingConfig config;
    private final Clock clock;

    public RosterFilingService(RosterFilingRepository filings, RosterExport export, MemberAccess access, Outbox outbox,
            Validator validator, RosterFilingConfig config, Clock clock) {
        this.filings = filings;
        this.export = export;
        this.access = access;
        this.outbox = outbox;
        this.validator = validator;
        this.config = config;
        this.clock = clock;
    }

    /** Files the branch's roster for the year: 409 while a filing of that year is FILED or ACKNOWLEDGED. */
    public RosterFilingView file(UUID orgId, FileRoster request) {
        if (request == null) {
            throw ProblemException.badRequest("A request body is required", List.of());
        }
        Org org = access.org(orgId);
        int thisYear = ShanghaiCalendar.dateOf(clock.instant()).getYear();
        if (request.year() == null) {
            throw ProblemException.invalidField("year", "is required: the year the roster is filed for");
        }
        if (request.year() < 2000 || request.year() > thisYear + 1) {
            throw ProblemException.invalidField("year", "must be between 2000 and " + (thisYear + 1));
        }
        if (org.type != OrgType.BRANCH) {
            throw ProblemException.unprocessable("Only a branch (党支部) files its roster (花名册备案)",
                    List.of(new FieldError("orgId", "must be a branch (党支部), not a " + org.type)));
        }
        int year = request.year();
        filings.active(org.id, year).ifPresent(active -> {
            throw new ProblemException(409, "Conflict", "The roster of " + year + " is already filed (version "
                    + active.version() + ", " + active.state() + "); a branch files again only after a return",
                    List.of(new FieldError("year", "already has a " + active.state() + " filing")));
        });
        String user = access.userId();
        String path = org.path;
        RosterExport.Snapshot snapshot = export.snapshot(path, user); // clears the persistence context: nothing managed here
        byte[] content = snapshot.content();
        RosterFiling filing = new RosterFiling(UUID.randomUUID(), orgId, year, filings.nextVersion(orgId, year),
                RosterFilingState.FILED, snapshot.counts(), sha256(content), content.length, user, clock.instant(), null,
                null, null, null);
        try {
            filings.insert(filing, content);
        } catch (PersistenceException e) {
            throw UniqueViolations.conflict(e).orElseThrow(() -> e);
        }
        outbox.append(MemberEvents.ROSTER_FILED, orgId, MemberEvents.RosterFiled.of(filing));
        return view(filing);
    }

    /** 备案留存: the superior committee acknowledges a FILED filing. */
    public RosterFilingView acknowledge(UUID filingId, Decision request) {
        if (request == null) {
            throw ProblemException.badRequest("A request body is required ({} when there are no remarks)", List.of());
        }
        FieldErrors.of(validator.validate(request)).throwIfAny("The roster filing cannot be acknowledged");
        return decide(filingId, request, false);
    }

    /** 退回: the superior committee returns a FILED filing with remarks (required). */
    public RosterFilingView returnToBranch(UUID filingId, Decision request) {
        if (request == null) {
            throw ProblemException.badRequest("A request body is required", List.of());
        }
        FieldErrors errors = FieldErrors.of(validator.validate(request));
        if (request.remarks() == null || request.remarks().isBlank()) {
            errors.add("remarks", "is required: why the roster is returned and what to correct");
        }
        errors.throwIfAny("The roster filing cannot be returned");
        return decide(filingId, request, true);
    }

    private RosterFilingView decide(UUID filingId, Decision decision, boolean returning) {
        RosterFiling filing = visible(filingId);
        UUID callerOrg = access.callerOrg().orElse(null);
        boolean superior = access.isAdmin()
                || access.hasRole(Roles.ORG_ADMIN) && callerOrg != null && !callerOrg.equals(filing.orgId());
        if (!superior) {
            throw new ProblemException(403, "Forbidden", "Only the superior committee (an 组织员 above the branch)"
                    + " acknowledges or returns a roster filing", List.of());
        }
        if (access.userId().equals(filing.filedBy())) {
            throw new ProblemException(403, "Forbidden", "Whoever filed a roster does not acknowledge or return it"
                    + " themselves: another member of the superior committee decides", List.of());
        }
        String remarks = decision.remarks() == null || decision.remarks().isBlank() ? null : decision.remarks().trim();
        RosterFiling decided;
        try {
            decided = returning ? filing.returnToBranch(access.userId(), callerOrg, clock.instant(), remarks)
                    : filing.acknowledge(access.userId(), callerOrg, clock.instant(), remarks);
        } catch (IllegalTransition e) {
            throw ProblemException.conflict("The roster filing is " + e.from + ": it cannot be " + e.action
                    + " (only a FILED filing is acknowledged or returned)");
        }
        if (!filings.decide(decided, filing.state())) {
            throw ProblemException.conflict("The roster filing was decided at the same moment; reload it");
        }
        if (returning) {
            outbox.append(MemberEvents.ROSTER_RETURNED, decided.orgId(), MemberEvents.RosterReturned.of(decided));
        } else {
            outbox.append(MemberEvents.ROSTER_ACKNOWLEDGED, decided.orgId(), MemberEvents.RosterAcknowledged.of(decided));
        }
        return view(decided);
    }

    @Transactional(TxType.SUPPORTS)
    public RosterFilingView get(UUID filingId) {
        return view(visible(filingId));
    }

    /** The filed roster, byte for byte. */
    @Transactional(TxType.SUPPORTS)
    public RosterFile content(UUID filingId) {
        RosterFiling filing = visible(filingId);
        return new RosterFile(filing.id(), filing.orgId(), filing.year(), filing.version(), filing.contentHash(),
                filings.content(filing.id()));
    }

    /** The filings of the subtree for the year (every version), by branch name, newest version first. */
    @Transactional(TxType.SUPPORTS)
    public Page<RosterFilingView> list(UUID orgId, Integer year, PageRequest page) {
        Org org = access.org(orgId);
        int y = year != null ? year : ShanghaiCalendar.dateOf(clock.instant()).getYear();
        return new Page<>(filings.list(org.path, y, page).stream().map(RosterFilingService::view).toList(), page.page,
                page.size, filings.count(org.path, y));
    }

    /** The subtree's branches without a FILED or ACKNOWLEDGED filing for the year; late once asOf is past the deadline. */
    @Transactional(TxType.SUPPORTS)
    public UnfiledList unfiled(UUID orgId, Integer year, Instant asOf, PageRequest page) {
        Org org = access.org(orgId);
        Instant at = asOf != null ? asOf : clock.instant();
        int y = year != null ? year : ShanghaiCalendar.dateOf(at).getYear();
        List<UnfiledBranch> items = filings.unfiled(org.path, y, page).stream()
                .map(u -> new UnfiledBranch(u.orgId(), u.name(), u.lastVersion(), u.lastState())).toList();
        LocalDate deadline = config.deadline().atYear(y);
        return new UnfiledList(y, deadline, at, RosterDeadline.isLate(y, config.deadline(), at), items, page.page,
                page.size, filings.countUnfiled(org.path, y));
    }

    /** A filing of an org the caller sees; 404 otherwise. */
    private RosterFiling visible(UUID filingId) {
        RosterFiling filing = filings.find(filingId).orElse(null);
        if (filing == null || !access.canSee(filing.orgId())) {
            throw ProblemException.notFound("Roster filing", filingId);
        }
        return filing;
    }

    private static RosterFilingView view(RosterFiling f) {
        return new RosterFilingView(f.id(), f.orgId(), f.year(), f.version(), f.state(), f.counts(), f.contentHash(),
                f.contentSize(), "/api/v1/roster-filings/" + f.id() + "/roster.xlsx", f.filedBy(), f.filedAt(),
                f.decidedBy(), f.decidedByOrg(), f.decidedAt(), f.remarks());
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
