package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import cn.lianxin.member.config.MemberRulesConfig;
import cn.lianxin.member.domain.Handshake;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.domain.OrgType;
import cn.lianxin.member.domain.Transfer;
import cn.lianxin.member.repository.HandshakeRepository;
import cn.lianxin.member.repository.OrgRepository;
import cn.lianxin.member.repository.TransferRepository;
import cn.lianxin.member.service.TransferCommands.ExternalOrg;
import cn.lianxin.member.service.TransferCommands.IssueTransfer;
import cn.lianxin.member.service.TransferCommands.Receipt;
import cn.lianxin.member.service.TransferViews.TransferView;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.platform.time.ShanghaiCalendar;

/** 组织关系转接: issue a letter, register its receipt; internal transfers move the member on receipt. */
@ApplicationScoped
@Transactional
public class TransferService {

    private final MemberAccess access;
    private final OrgRepository orgs;
    private final OrgScope scope;
    private final Outbox outbox;
    private final Validator validator;
    private final MemberRulesConfig rules;
    private final EntityManager em;
    private final TransferRepository transfers;
    private final Clock clock;
    private final HandshakeRepository handshakes;

    public TransferService(MemberAccess access, OrgRepository orgs, OrgScope scope, Outbox outbox, Validator validator,
            MemberRulesConfig rules, EntityManager em, Clock clock, TransferRepository transfers,
            HandshakeRepository handshakes) {
        this.handshakes = handshakes;
        this.access = access;
        this.orgs = orgs;
        this.scope = scope;
        this.outbox = outbox;
        this.validator = validator;
        this.rules = rules;
        this.em = em;
        this.transfers = transfers;
        this.clock = clock;
    }

    public TransferView issue(IssueTransfer request) {
        if (request == null) {
            throw ProblemException.badRequest("A request body is required", List.of());
        }
        FieldErrors errors = FieldErrors.of(validator.validate(request));
        if ((request.toOrgId() == null) == (request.toExternalOrg() == null)) {
            // Both named: either one may be what the caller meant to give (or to leave out).
            errors.add("toOrgId", "give either toOrgId (a branch of this system) or toExternalOrg, not both");
            errors.add("toExternalOrg", "give either toOrgId (a branch of this system) or toExternalOrg, not both");
        }
        LocalDate today = ShanghaiCalendar.dateOf(clock.instant());
        if (request.issuedAt() != null && request.issuedAt().isAfter(today)) {
            errors.add("issuedAt", "cannot be in the future");
        }
        Member member = request.memberId() == null ? null : access.member(request.memberId(), "memberId");
        if (request.toOrgId() != null) {
            Org to = orgs.findById(request.toOrgId());
            if (to == null) {
                errors.add("toOrgId", "organization " + request.toOrgId() + " does not exist");
            } else if (to.type != OrgType.BRANCH) {
                errors.add("toOrgId", "must be a branch (党支部)");
            } else if (member != null && to.id.equals(member.orgId)) {
                errors.add("toOrgId", "is the member's own branch");
            }
        }
        errors.throwIfAny("The transfer cannot be issued");
        if (!member.isActiveInRegister()) {
            throw ProblemException.unprocessable("Only an active member of the register can be transferred; this one is "
                    + (member.transferredOutAt != null ? "transferred out" : member.standing),
                    List.of(new FieldError("memberId", "is not an active member of the register")));
        }
        if (transfers.hasIssued(member.id)) {
            throw ProblemException.conflict("The member already has a transfer waiting for its receipt");
        }
        Period validity = Handshake.receiptValidity(request.crossProvince(), rules.transferValidity(),
                rules.crossProvinceTransferValidity());
        Instant now = clock.instant();
        Transfer t = new Transfer();
        t.id = UUID.randomUUID();
        t.memberId = member.id;
        t.fromOrgId = member.orgId;
        t.toOrgId = request.toOrgId();
        if (request.toExternalOrg() != null) {
            t.toExternalName = request.toExternalOrg().name().trim();
            t.toExternalRegion = request.toExternalOrg().region().trim();
        }
        t.crossProvince = request.crossProvince();
        t.issuedAt = request.issuedAt();
        t.validity = validity.toString();
        t.dueAt = Handshake.receiptDue(request.issuedAt(), validity);
        t.status = Transfer.ISSUED;
        t.createdAt = now;
        t.createdBy = access.userId();
        t.updatedAt = now;
        t.updatedBy = access.userId();
        transfers.persist(t);
        // The handshake starts: the receiving org is told of the letter and by when its receipt is due.
        outbox.append(MemberEvents.TRANSFER_ISSUED, member.id, MemberEvents.TransferIssued.of(t));
        return view(t, today);
    }

    /**
     * 回执, the confirmation of the handshake (audited: who, when, whether the sides had been reminded): for an internal transfer the member now belongs to the receiving branch, so only the receiving side registers
     * it (its subtree holds the receiving branch: its secretary, or an 组织员 above it); the sending side alone may
     * not move a member into another branch. A receipt from an org outside the system comes back on paper to the
     * sending side: an 组织员 (ORG_ADMIN) over the sending branch, or an ADMIN, registers it.
     */
    public TransferView receipt(UUID id, Receipt request) {
        Transfer t = visible(id);
        if (t.isInternal() ? !access.canSee(t.toOrgId)
                : !(scope.isAdmin() || access.hasRole(Roles.ORG_ADMIN) && access.canSee(t.fromOrgId))) {
            throw new ProblemException(403, "Forbidden", t.isInternal()
                    ? "Only the receiving organization registers the receipt (回执) of a transfer to it"
                    : "Only an 组织员 (ORG_ADMIN) of the sending side registers the paper receipt of a transfer out of the system",
                    List.of());
        }
        Instant now = clock.instant();
        Instant receivedAt = request == null || request.receivedAt() == null ? now : request.receivedAt();
        if (receivedAt.isAfter(now)) {
            throw ProblemException.invalidField("receivedAt", "cannot be in the future");
        }
        if (ShanghaiCalendar.dateOf(receivedAt).isBefore(t.issuedAt)) {
            throw ProblemException.invalidField("receivedAt", "cannot be before issuedAt (" + t.issuedAt + ")");
        }
        if (!Transfer.ISSUED.equals(t.status)) {
            throw ProblemException.conflict("The receipt of this transfer was already registered");
        }
        t.status = Transfer.RECEIVED;
        t.receivedAt = receivedAt;
        t.updatedAt = now;
        t.updatedBy = access.userId();
        Member member = em.find(Member.class, t.memberId);
        Org responsible = orgs.findById(t.isInternal() ? t.toOrgId : t.fromOrgId);
        if (t.isInternal()) {
            member.orgId = t.toOrgId;
        } else {
            member.transferredOutAt = receivedAt;
        }
        member.touch(now, access.userId());
        handshakes.recordConfirmation(Handshake.Kind.TRANSFER, t.id, t.memberId, t.fromOrgId, t.toOrgId, t.dueAt,
                receivedAt, access.userId(), now);
        outbox.append(MemberEvents.MEMBER_TRANSFERRED, member.id, MemberEvents.MemberTransferred.of(t, responsible));
        return view(t, ShanghaiCalendar.dateOf(now));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TransferView get(UUID id) {
        return view(visible(id), ShanghaiCalendar.dateOf(clock.instant()));
    }

    /** Transfers from or to the subtree of {@code orgId} (the caller's whole scope when absent). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TransferView> list(UUID orgId, boolean overdueOnly, PageRequest page) {
        String prefix = orgId != null ? access.org(orgId).path
                : scope.visiblePathPrefix().orElseThrow(() -> ProblemException.notFound("Organization", "of the caller"));
        LocalDate today = ShanghaiCalendar.dateOf(clock.instant());
        return transfers.search(prefix, overdueOnly ? today : null, page).map(t -> view(t, today));
    }

    /** Seen by both sides: the sending branch's subtree and the receiving branch's. */
    private Transfer visible(UUID id) {
        Transfer t = transfers.findById(id);
        if (t == null || !(access.canSee(t.fromOrgId) || (t.toOrgId != null && access.canSee(t.toOrgId)))) {
            throw ProblemException.notFound("Transfer", id);
        }
        return t;
    }

    static TransferView view(Transfer t, LocalDate today) {
        return new TransferView(t.id, t.memberId, t.fromOrgId, t.toOrgId,
                t.toExternalName == null ? null : new ExternalOrg(t.toExternalName, t.toExternalRegion), t.crossProvince,
                t.issuedAt, t.validity, t.dueAt, t.status, t.isOverdue(today), t.receivedAt);
    }
}
