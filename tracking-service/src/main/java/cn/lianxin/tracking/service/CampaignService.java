package cn.lianxin.tracking.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.Campaign;
import cn.lianxin.tracking.domain.CampaignWindow;
import cn.lianxin.tracking.domain.FocusTag;
import cn.lianxin.tracking.repository.CampaignRepository;
import cn.lianxin.tracking.repository.CampaignRepository.BranchCounts;
import cn.lianxin.tracking.service.CampaignCommands.OpenCampaign;
import cn.lianxin.tracking.service.CampaignEvents.CampaignOpened;
import cn.lianxin.tracking.service.CampaignViews.BranchProgress;
import cn.lianxin.tracking.service.CampaignViews.CampaignSummary;
import cn.lianxin.tracking.service.CampaignViews.CampaignView;
import cn.lianxin.tracking.service.CampaignViews.Figures;
import cn.lianxin.tracking.service.CampaignViews.Progress;
import cn.lianxin.tracking.service.CampaignViews.UnaccountedMember;

/**
 * 专项排查 campaigns (docs/domain.md §7): an ORG_ADMIN opens one for its subtree (or a sub-org's), everyone may
 * follow the branches they can see, the scan reminds and closes ({@link CampaignScan}), an ORG_ADMIN may close early.
 * A campaign is visible to whoever's subtree it overlaps: opened inside it, or covering it from above (a branch
 * secretary follows the committee's campaign for their branch's rows); elsewhere it answers 404.
 */
@ApplicationScoped
@Transactional
public class CampaignService {

    /** How far a window may reach: a campaign is a quarter's work, a year at most. */
    private static final int MAX_YEARS = 1;

    private final CampaignRepository campaigns;
    private final CampaignSteps steps;
    private final MemberAccess access;
    private final OrgScope scope;
    private final OrgProjection orgs;
    private final Outbox outbox;
    private final TrackingConfig config;
    private final Clock clock;

    public CampaignService(CampaignRepository campaigns, CampaignSteps steps, MemberAccess access, OrgScope scope,
            OrgProjection orgs, Outbox outbox, TrackingConfig config, Clock clock) {
        this.campaigns = campaigns;
        this.steps = steps;
        this.access = access;
        this.scope = scope;
        this.orgs = orgs;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    public CampaignView open(@NotNull @Valid OpenCampaign request) {
        String path = pathOf(request.orgId());
        Instant now = clock.instant();
        CampaignWindow window = window(request, now);
        List<FocusTag> tags = request.focusTags() == null ? List.of()
                : request.focusTags().stream().distinct().sorted().toList();
        Campaign c = new Campaign(UUID.randomUUID(), request.orgId(), path, request.name().strip(), window, tags,
                Campaign.Status.OPEN, scope.userId(), now, null, null, null, null);
        campaigns.insert(c);
        long inScope = campaigns.fixScope(c);
        long branches = campaigns.branches(c.id());
        outbox.append(CampaignEvents.CAMPAIGN_OPENED, c.orgId(), new CampaignOpened(c.id(), c.orgId(), c.name(),
                window.startsOn(), window.endsOn(), tags, inScope, branches, c.openedBy(), now));
        return view(c, now);
    }

    /** The window asked for, or the current quarter; each date checked on its own, so a problem names its field. */
    private CampaignWindow window(OpenCampaign request, Instant now) {
        if (request.startsOn() == null && request.endsOn() == null) {
            return CampaignWindow.quarterOf(now);
        }
        if (request.startsOn() == null || request.endsOn() == null) {
            String missing = request.startsOn() == null ? "startsOn" : "endsOn";
            throw ProblemException.invalidField(missing, "give startsOn and endsOn together, or neither (the current quarter)");
        }
        LocalDate today = LocalDate.ofInstant(now, CampaignWindow.ZONE);
        if (request.startsOn().isBefore(today.minusYears(MAX_YEARS)) || request.startsOn().isAfter(today.plusYears(MAX_YEARS))) {
            throw ProblemException.invalidField("startsOn", "must be within a year of today (" + today + ")");
        }
        if (request.endsOn().isBefore(request.startsOn()) || request.endsOn().isAfter(request.startsOn().plusYears(MAX_YEARS))) {
            throw ProblemException.invalidField("endsOn", "must be on or after startsOn, and at most a year after it");
        }
        if (request.endsOn().isBefore(today)) {
            throw ProblemException.unprocessable("endsOn: the window is over",
                    List.of(new FieldError("endsOn", "must be today (" + today + ") or later: the window is over")));
        }
        return new CampaignWindow(request.startsOn(), request.endsOn());
    }

    /**
     * An ORG_ADMIN (of the campaign's org or above it) closes a campaign before its end: figures as of now, taken in
     * the close's own transaction under the campaign's lock ({@link CampaignSteps#close}), as the scan's close is.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CampaignView close(UUID id) {
        Campaign c = visible(id);
        if (!c.orgPath().startsWith(access.visiblePrefix())) {
            throw new ProblemException(403, "Forbidden",
                    "only an ORG_ADMIN of the campaign's org or above it may close it", List.of());
        }
        if (!c.isOpen()) {
            throw ProblemException.conflict("the campaign is closed already (" + c.closedAt() + ")");
        }
        Instant now = clock.instant();
        if (!steps.close(id, now, scope.userId(), Campaign.CloseReason.CLOSED_EARLY)) {
            throw ProblemException.conflict("the campaign is closed already");
        }
        return view(campaigns.find(id).orElseThrow(), now);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CampaignView get(UUID id) {
        return view(visible(id), clock.instant());
    }

    /** Per branch the caller may see (under {@code orgId} when given). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Progress progress(UUID id, UUID orgId) {
        Campaign c = visible(id);
        Instant asOf = asOf(c);
        List<BranchProgress> branches = campaigns.branchCounts(c, asOf, rowsPrefix(orgId)).stream()
                .map(CampaignService::progress).toList();
        return new Progress(c.id(), c.status(), Figures.of(asOf, branches.stream().mapToLong(BranchProgress::inScope).sum(),
                branches.stream().mapToLong(BranchProgress::accounted).sum()), branches);
    }

    /** The members not (yet) accounted for, of the branches the caller may see (under {@code orgId} when given). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<UnaccountedMember> unaccounted(UUID id, UUID orgId, PageRequest page) {
        Campaign c = visible(id);
        Instant asOf = asOf(c);
        String prefix = rowsPrefix(orgId);
        List<UnaccountedMember> items = campaigns.unaccounted(c, asOf, prefix, page.size, page.offset()).stream()
                .map(r -> new UnaccountedMember(r.memberId(), r.name(), r.branchId(), r.branchName(), r.accounting(),
                        r.accounting().label(), r.lastReachedAt(), r.lastAttemptAt()))
                .toList();
        return new Page<>(items, page.page, page.size, campaigns.countUnaccounted(c, asOf, prefix));
    }

    /** The campaigns that overlap the subtree of {@code orgId} (the caller's own when absent), newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CampaignSummary> list(UUID orgId, Campaign.Status status, PageRequest page) {
        String path = orgId == null ? access.visiblePrefix() : pathOf(orgId);
        List<CampaignSummary> items = campaigns.overlapping(path, status, page.size, page.offset()).stream()
                .map(c -> new CampaignSummary(c.id(), c.orgId(), c.name(), c.window().startsOn(), c.window().endsOn(),
                        c.focusTags(), c.status(), c.openedAt(), c.closedAt()))
                .toList();
        return new Page<>(items, page.page, page.size, campaigns.countOverlapping(path, status));
    }

    private CampaignView view(Campaign c, Instant now) {
        Instant asOf = c.isOpen() ? now : c.figuresAsOf();
        List<BranchCounts> branches = campaigns.branchCounts(c, asOf, access.visiblePrefix());
        return new CampaignView(c.id(), c.orgId(), c.name(), c.window().startsOn(), c.window().endsOn(), c.focusTags(),
                c.status(), c.openedBy(), c.openedAt(), c.window().reminderDueAt(config.campaign().reminderBefore()),
                c.closedBy(), c.closedAt(), c.closeReason(),
                Figures.of(asOf, branches.stream().mapToLong(BranchCounts::inScope).sum(),
                        branches.stream().mapToLong(BranchCounts::accounted).sum()));
    }

    private static BranchProgress progress(BranchCounts b) {
        Figures f = Figures.of(null, b.inScope(), b.accounted());
        return new BranchProgress(b.branchId(), b.branchName(), b.inScope(), b.accounted(), b.notAccounted(), f.share());
    }

    /** Now for an open campaign (contacts up to now count), the stored instant of a closed one. */
    private Instant asOf(Campaign c) {
        return c.isOpen() ? clock.instant() : c.figuresAsOf();
    }

    /** The campaign, if it overlaps the caller's subtree; 404 otherwise (unknown or out of sight). */
    private Campaign visible(UUID id) {
        String visible = access.visiblePrefix();
        return campaigns.find(id).filter(c -> c.overlaps(visible))
                .orElseThrow(() -> ProblemException.notFound("campaign", id));
    }

    /** The rows a caller sees: their subtree, or the part of it under {@code orgId}. */
    private String rowsPrefix(UUID orgId) {
        return orgId == null ? access.visiblePrefix() : pathOf(orgId);
    }

    /** The path of a visible org (404 outside the caller's subtree or unknown here). */
    private String pathOf(UUID orgId) {
        scope.requireVisible(orgId, "org", orgId);
        return orgs.pathOf(orgId).orElseThrow(() -> ProblemException.notFound("org", orgId));
    }
}
