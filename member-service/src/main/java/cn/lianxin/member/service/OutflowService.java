package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import cn.lianxin.member.config.MemberRulesConfig;
import cn.lianxin.member.domain.FourClears;
import cn.lianxin.member.domain.Handshake;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.domain.Outflow;
import cn.lianxin.member.domain.OutflowStatus;
import cn.lianxin.member.repository.HandshakeRepository;
import cn.lianxin.member.repository.OrgRepository;
import cn.lianxin.member.repository.OutflowRepository;
import cn.lianxin.member.service.OutflowCommands.BackupContact;
import cn.lianxin.member.service.OutflowCommands.Destination;
import cn.lianxin.member.service.OutflowCommands.ReceivingOrg;
import cn.lianxin.member.service.OutflowCommands.RegisterOutflow;
import cn.lianxin.member.service.OutflowCommands.ReportIn;
import cn.lianxin.member.service.OutflowCommands.Return;
import cn.lianxin.member.service.OutflowViews.OutflowView;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * 流动党员: registration with 四个清楚, 报到 at the destination, return. Registration starts the handshake
 * ({@link Handshake}): the report-in is due {@code lianxin.member.report-in-deadline} after leaving, and the receiving
 * org confirms it — or the sending side does, from the receiving org's word when it is outside this system.
 */
@ApplicationScoped
@Transactional
public class OutflowService {

    private final MemberAccess access;
    private final OrgRepository orgs;
    private final OutflowRepository outflows;
    private final Outbox outbox;
    private final Validator validator;
    private final Clock clock;
    private final MemberRulesConfig rules;
    private final HandshakeRepository handshakes;

    public OutflowService(MemberAccess access, OrgRepository orgs, OutflowRepository outflows, Outbox outbox,
            Validator validator, Clock clock, MemberRulesConfig rules, HandshakeRepository handshakes) {
        this.rules = rules;
        this.handshakes = handshakes;
        this.access = access;
        this.orgs = orgs;
        this.outflows = outflows;
        this.outbox = outbox;
        this.validator = validator;
        this.clock = clock;
    }

    public OutflowView register(UUID memberId, RegisterOutflow request) {
        if (request == null) {
            throw ProblemException.badRequest("A request body is required", List.of());
        }
        Member member = access.member(memberId);
        requireComplete(request);
        FieldErrors errors = FieldErrors.of(validator.validate(request));
        LocalDate today = ShanghaiCalendar.dateOf(clock.instant());
        if (request.leftAt() == null) {
            errors.add("leftAt", "is required");
        } else {
            if (request.leftAt().isAfter(today)) {
                errors.add("leftAt", "cannot be in the future");
            }
            if (request.expectedReturnAt() != null && !request.expectedReturnAt().isAfter(request.leftAt())) {
                errors.add("expectedReturnAt", "must be after leftAt");
            }
        }
        checkReceivingOrg(request.receivingOrg(), "receivingOrg.orgId", errors);
        errors.throwIfAny("The outflow cannot be registered");
        if (!member.isActiveInRegister()) {
            throw ProblemException.unprocessable("Only an active member of the register can be registered as a flow member; this one is "
                    + (member.transferredOutAt != null ? "transferred out" : member.standing),
                    List.of(new FieldError("memberId", "is not an active member of the register")));
        }
        if (outflows.hasOpen(member.id)) {
            throw ProblemException.conflict("The member already has an open outflow; register the return first");
        }

        Instant now = clock.instant();
        Outflow o = new Outflow();
        o.id = UUID.randomUUID();
        o.memberId = member.id;
        o.orgId = member.orgId;
        o.nature = request.nature();
        o.leftAt = request.leftAt();
        o.phone = request.phone();
        o.wechat = request.wechat().trim();
        o.destinationPlace = request.destination().place().trim();
        o.destinationWorkUnit = request.destination().workUnit();
        o.destinationAddress = request.destination().address();
        setReceivingOrg(o, request.receivingOrg());
        o.backupName = request.backupContact().name().trim();
        o.backupRelation = request.backupContact().relation().trim();
        o.backupPhone = request.backupContact().phone();
        o.certificateNo = request.certificateNo();
        o.reason = request.reason();
        o.expectedReturnAt = request.expectedReturnAt();
        o.status = OutflowStatus.OPEN;
        o.reportInDueAt = Handshake.reportInDue(o.leftAt, rules.reportInDeadline());
        o.createdAt = now;
        o.createdBy = access.userId();
        o.touch(now, access.userId());
        outflows.persist(o);
        member.flowing = true;
        member.touch(now, access.userId());
        Org branch = orgs.findById(member.orgId);
        outbox.append(MemberEvents.MEMBER_FLOWED_OUT, member.id, MemberEvents.MemberFlowedOut.of(o, branch));
        return view(o);
    }

    /**
     * 报到: the confirmation of the handshake, by the receiving org (a caller whose subtree holds the org named as
     * receiving) or by the sending side; audited (who, when, whether the sides had been reminded).
     */
    public OutflowView reportIn(UUID memberId, UUID outflowId, ReportIn request) {
        ReportIn body = request == null ? new ReportIn(null, null) : request;
        Outflow o = outflowForEitherSide(memberId, outflowId);
        FieldErrors errors = FieldErrors.of(validator.validate(body));
        checkReceivingOrg(body.receivingOrg(), "receivingOrg.orgId", errors);
        if (body.receivingOrg() == null && !o.hasReceivingOrg()) {
            errors.add("receivingOrg", "is required: the org the member reported to (流入地党组织)");
        }
        Instant now = clock.instant();
        if (body.reportedInAt() != null && body.reportedInAt().isAfter(now)) {
            errors.add("reportedInAt", "cannot be in the future");
        }
        errors.throwIfAny("The report-in cannot be registered");
        if (o.status != OutflowStatus.OPEN) {
            throw ProblemException.conflict("The outflow is " + o.status + "; only an open outflow can be reported in");
        }
        if (body.receivingOrg() != null) {
            setReceivingOrg(o, body.receivingOrg());
        }
        o.status = OutflowStatus.REPORTED_IN;
        o.reportedInAt = Objects.requireNonNullElse(body.reportedInAt(), now);
        o.touch(now, access.userId());
        handshakes.recordConfirmation(Handshake.Kind.OUTFLOW, o.id, o.memberId, o.orgId, o.receivingOrgId,
                o.reportInDueAt, o.reportedInAt, access.userId(), now);
        outbox.append(MemberEvents.MEMBER_REPORTED_IN, o.memberId, MemberEvents.MemberReportedIn.of(o));
        return view(o);
    }

    public OutflowView markReturned(UUID memberId, UUID outflowId, Return request) {
        Outflow o = outflow(memberId, outflowId);
        Instant now = clock.instant();
        Instant returnedAt = request == null || request.returnedAt() == null ? now : request.returnedAt();
        if (returnedAt.isAfter(now)) {
            throw ProblemException.invalidField("returnedAt", "cannot be in the future");
        }
        if (ShanghaiCalendar.dateOf(returnedAt).isBefore(o.leftAt)) {
            throw ProblemException.invalidField("returnedAt", "cannot be before leftAt (" + o.leftAt + ")");
        }
        if (!o.status.isOpen()) {
            throw ProblemException.conflict("The outflow is already closed (RETURNED)");
        }
        o.status = OutflowStatus.RETURNED;
        o.returnedAt = returnedAt;
        o.touch(now, access.userId());
        Member member = access.member(memberId);
        member.flowing = false;
        member.touch(now, access.userId());
        outbox.append(MemberEvents.MEMBER_RETURNED, o.memberId, MemberEvents.MemberReturned.of(o));
        return view(o);
    }

    /** One outflow of a member the caller may see; another member's, or an unknown one, is 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public OutflowView get(UUID memberId, UUID outflowId) {
        return view(outflow(memberId, outflowId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OutflowView> list(UUID memberId) {
        Member member = access.member(memberId);
        return outflows.ofMember(member.id).stream()
                .map(OutflowService::view).toList();
    }

    /** 四个清楚: every missing part is named, with its fields. */
    private static void requireComplete(RegisterOutflow r) {
        Destination destination = r.destination();
        BackupContact backup = r.backupContact();
        List<FourClears.Part> missing = FourClears.missing(new FourClears.Given(r.nature(), r.phone(), r.wechat(),
                destination == null ? null : destination.place(), backup == null ? null : backup.name(),
                backup == null ? null : backup.relation(), backup == null ? null : backup.phone()));
        if (missing.isEmpty()) {
            return;
        }
        FieldErrors errors = new FieldErrors();
        for (FourClears.Part part : missing) {
            String message = "is required (四个清楚: " + part.label + ")";
            switch (part) {
                case NATURE -> errors.add("nature", message);
                case CONTACT -> {
                    if (blank(r.phone())) {
                        errors.add("phone", message);
                    }
                    if (blank(r.wechat())) {
                        errors.add("wechat", message);
                    }
                }
                case DESTINATION -> errors.add("destination.place", message);
                case BACKUP_CONTACT -> {
                    if (backup == null) {
                        errors.add("backupContact", message);
                    } else {
                        if (blank(backup.name())) {
                            errors.add("backupContact.name", message);
                        }
                        if (blank(backup.relation())) {
                            errors.add("backupContact.relation", message);
                        }
                        if (blank(backup.phone())) {
                            errors.add("backupContact.phone", message);
                        }
                    }
                }
            }
        }
        errors.throwIfAny("四个清楚 is not complete; missing " + missing.stream()
                .map(p -> p.label + " (" + p.fields + ")").collect(Collectors.joining(", ")));
    }

    private void checkReceivingOrg(ReceivingOrg receiving, String field, FieldErrors errors) {
        if (receiving != null && receiving.orgId() != null && orgs.findById(receiving.orgId()) == null) {
            errors.add(field, "organization " + receiving.orgId() + " does not exist");
        }
    }

    private static void setReceivingOrg(Outflow o, ReceivingOrg receiving) {
        if (receiving != null) {
            o.receivingOrgId = receiving.orgId();
            o.receivingOrgName = receiving.name().trim();
            o.receivingContactName = receiving.contactName().trim();
            o.receivingContactPhone = receiving.contactPhone();
        }
    }

    /**
     * An outflow seen from the sending side (the member's subtree) or from the receiving side (the subtree holding
     * the org the outflow names as receiving); 404 for anyone else.
     */
    private Outflow outflowForEitherSide(UUID memberId, UUID outflowId) {
        Outflow o = outflows.findById(outflowId);
        if (o != null && o.memberId.equals(memberId) && o.receivingOrgId != null && access.canSee(o.receivingOrgId)) {
            return o;
        }
        return outflow(memberId, outflowId);
    }

    private Outflow outflow(UUID memberId, UUID outflowId) {
        access.member(memberId);
        Outflow o = outflows.findById(outflowId);
        if (o == null || !o.memberId.equals(memberId)) {
            throw ProblemException.notFound("Outflow", outflowId);
        }
        return o;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    static OutflowView view(Outflow o) {
        return new OutflowView(o.id, o.memberId, o.orgId, o.nature, o.leftAt, o.phone, o.wechat,
                new Destination(o.destinationPlace, o.destinationWorkUnit, o.destinationAddress),
                o.hasReceivingOrg() ? new ReceivingOrg(o.receivingOrgId, o.receivingOrgName, o.receivingContactName,
                        o.receivingContactPhone) : null,
                new BackupContact(o.backupName, o.backupRelation, o.backupPhone), o.certificateNo, o.reason,
                o.expectedReturnAt, o.status, o.reportInDueAt, o.reportedInAt, o.returnedAt);
    }
}
