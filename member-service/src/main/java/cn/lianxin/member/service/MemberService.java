package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import cn.lianxin.member.domain.Category;
import cn.lianxin.member.domain.ContactDetail;
import cn.lianxin.member.domain.FocusTag;
import cn.lianxin.member.domain.Liaison;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.MemberRules;
import cn.lianxin.member.domain.MemberSearch;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.domain.OrgType;
import cn.lianxin.member.domain.ResidentIdNumber;
import cn.lianxin.member.domain.Standing;
import cn.lianxin.member.repository.AuditRepository;
import cn.lianxin.member.repository.MemberRepository;
import cn.lianxin.member.service.MemberCommands.AssignLiaison;
import cn.lianxin.member.service.MemberCommands.CorrectIdNumber;
import cn.lianxin.member.service.MemberCommands.RegisterMember;
import cn.lianxin.member.service.MemberCommands.RevealRequest;
import cn.lianxin.member.service.MemberCommands.UpdateMember;
import cn.lianxin.member.service.MemberViews.MemberView;
import cn.lianxin.member.service.MemberViews.RevealedIdNumber;
import cn.lianxin.platform.api.IfMatch;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.api.Versioned;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.pii.PiiCipher;
import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.time.ShanghaiCalendar;

/** Use cases of the member register (党员信息库); every change is published through the outbox in its transaction. */
@ApplicationScoped
@Transactional
public class MemberService {

    private final MemberRepository members;
    private final MemberAccess access;
    private final Outbox outbox;
    private final PiiCipher pii;
    private final Validator validator;
    private final EntityManager em;
    private final Clock clock;
    private final DuplicateHits duplicateHits;
    private final AuditRepository audit;
    private final ContactHealthPolicy health;

    public MemberService(MemberRepository members, MemberAccess access, Outbox outbox, PiiCipher pii,
            Validator validator, EntityManager em, Clock clock, DuplicateHits duplicateHits, AuditRepository audit,
            ContactHealthPolicy health) {
        this.health = health;
        this.duplicateHits = duplicateHits;
        this.audit = audit;
        this.members = members;
        this.access = access;
        this.outbox = outbox;
        this.pii = pii;
        this.validator = validator;
        this.em = em;
        this.clock = clock;
    }

    public MemberView register(RegisterMember request) {
        requireBody(request);
        LocalDate today = today();
        FieldErrors errors = FieldErrors.of(validator.validate(request));
        if (!errors.has("idNumber")) {
            MemberRules.check(new MemberRules.Facts(request.idNumber(), request.birthDate(), request.category(),
                    request.joinedAt(), request.regularizedAt()), today).forEach(e -> errors.add(e.field(), e.message()));
        }
        checkFocusTags(request.focusTags(), errors);
        Org branch = null;
        if (request.orgId() != null) {
            branch = branchOrError(request.orgId(), errors);
        }
        errors.throwIfAny("The member cannot be registered");

        ResidentIdNumber idNumber = ResidentIdNumber.parse(request.idNumber(), today);
        String blindIndex = pii.blindIndex(idNumber.value());
        Org actingFor = branch;
        members.findByIdNumberIndex(blindIndex).ifPresent(existing -> refuseDuplicate(existing, actingFor));

        Member member = NewMember.of(request, idNumber, blindIndex, pii.encrypt(idNumber.value()), branch.id,
                clock.instant(), access.userId(), "API");
        members.persist(member);
        insertNow(); // two registrations of one ID number at the same moment: the unique index lets one through
        outbox.append(MemberEvents.MEMBER_REGISTERED, member.id, MemberEvents.MemberRegistered.of(member, branch));
        return view(member);
    }

    private MemberView view(Member member) {
        return MemberViews.view(member, health.view(member));
    }

    /** A null in the array is no tag: refused naming the field (an unknown name is refused when the body is read). */
    private static void checkFocusTags(java.util.Collection<FocusTag> tags, FieldErrors errors) {
        if (tags != null && tags.contains(null)) {
            errors.add("focusTags", "must hold focus tags only, one of " + java.util.Arrays.toString(FocusTag.values()));
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Versioned<MemberView> get(UUID id) {
        Member member = access.member(id);
        return new Versioned<>(view(member), member.version);
    }

    /** The member as changed, with the version it commits with (flushed now, so that the version is the new one). */
    private Versioned<MemberView> changed(Member member) {
        em.flush();
        return new Versioned<>(view(member), member.version);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<MemberView> list(UUID orgId, MemberSearch filter, PageRequest page) {
        Org org = access.org(orgId);
        return members.search(org.path, filter, page).map(this::view);
    }

    public Versioned<MemberView> update(UUID id, IfMatch ifMatch, UpdateMember request) {
        Member member = access.member(id);
        ifMatch.check("Member", id, member.version);
        requireBody(request);
        FieldErrors errors = FieldErrors.of(validator.validate(request));
        Category category = Objects.requireNonNullElse(request.category(), member.category);
        LocalDate joinedAt = Objects.requireNonNullElse(request.joinedAt(), member.joinedAt);
        LocalDate regularizedAt = request.regularizedAt() != null ? request.regularizedAt() : member.regularizedAt;
        MemberRules.check(new MemberRules.Facts(null, member.birthDate, category, joinedAt, regularizedAt), today())
                .forEach(e -> errors.add(e.field(), e.message()));
        if (member.category == Category.PROBATIONARY && category == Category.FULL && regularizedAt == null) {
            errors.add("regularizedAt", "is required when a probationary member becomes a full member (转正)");
        }
        checkFocusTags(request.focusTags(), errors);
        errors.throwIfAny("The member cannot be changed");

        List<String> changed = new ArrayList<>();
        member.name = changeIf("name", member.name, trim(request.name()), changed);
        member.gender = changeIf("gender", member.gender, request.gender(), changed);
        member.category = changeIf("category", member.category, request.category(), changed);
        member.joinedAt = changeIf("joinedAt", member.joinedAt, request.joinedAt(), changed);
        member.regularizedAt = changeIf("regularizedAt", member.regularizedAt, request.regularizedAt(), changed);
        member.preferredChannel = changeIf("preferredChannel", member.preferredChannel, request.preferredChannel(), changed);
        if (request.focusTags() != null) {
            member.focusTags = changeIf("focusTags", member.focusTags, NewMember.tags(request.focusTags()), changed);
        }
        List<String> contact = new ArrayList<>();
        Instant now = clock.instant();
        member.phone = changeContact(ContactDetail.PHONE, member, member.phone, request.phone(), contact, now);
        member.wechat = changeContact(ContactDetail.WECHAT, member, member.wechat, request.wechat(), contact, now);
        member.qq = changeIf("contact", member.qq, request.qq(), contact);
        member.email = changeContact(ContactDetail.EMAIL, member, member.email, request.email(), contact, now);
        if (!contact.isEmpty()) {
            changed.add("contact");
        }
        // Kept here only: not part of the projected profile other services hold.
        List<String> local = new ArrayList<>();
        member.ethnicity = changeIf("ethnicity", member.ethnicity, trim(request.ethnicity()), local);
        member.education = changeIf("education", member.education, request.education(), local);
        member.occupation = changeIf("occupation", member.occupation, request.occupation(), local);
        member.householdAddress = changeIf("householdAddress", member.householdAddress, request.householdAddress(), local);
        member.residenceAddress = changeIf("residenceAddress", member.residenceAddress, request.residenceAddress(), local);
        member.workUnit = changeIf("workUnit", member.workUnit, request.workUnit(), local);
        member.introducers = changeIf("introducers", member.introducers, request.introducers(), local);
        if (request.emergencyContact() != null) {
            member.emergencyName = changeIf("emergencyContact", member.emergencyName, request.emergencyContact().name().trim(), local);
            member.emergencyRelation = changeIf("emergencyContact", member.emergencyRelation, request.emergencyContact().relation().trim(), local);
            member.emergencyPhone = changeIf("emergencyContact", member.emergencyPhone, request.emergencyContact().phone(), local);
        }
        if (!changed.isEmpty() || !local.isEmpty()) {
            member.touch(now, access.userId());
        }
        if (!changed.isEmpty()) {
            outbox.append(MemberEvents.MEMBER_PROFILE_CHANGED, member.id, MemberEvents.MemberProfileChanged.of(member, changed));
        }
        return changed(member);
    }

    /** Shows the full ID number to an 组织员 and records who asked, when and why. */
    public RevealedIdNumber revealIdNumber(UUID id, RevealRequest request) {
        requireBody(request);
        FieldErrors.of(validator.validate(request)).throwIfAny("The ID number cannot be revealed");
        Member member = access.member(id);
        Instant now = clock.instant();
        audit.insertReveal(member.id, access.userId(), now, request.reason().trim());
        return new RevealedIdNumber(member.id, pii.decrypt(member.idNumberCipher), now);
    }

    /**
     * Corrects a wrong ID number (docs/domain.md §3b): validated as at registration, checked again for duplicates through
     * the blind index (409 without saying who holds it), re-encrypted, and recorded like a reveal (who, when, why;
     * never the number). The birth date follows the corrected number.
     */
    public Versioned<MemberView> correctIdNumber(UUID id, IfMatch ifMatch, CorrectIdNumber request) {
        Member member = access.member(id);
        ifMatch.check("Member", id, member.version);
        requireBody(request);
        FieldErrors errors = FieldErrors.of(validator.validate(request));
        LocalDate today = today();
        if (!errors.has("idNumber")) {
            MemberRules.check(new MemberRules.Facts(request.idNumber(), null, member.category, member.joinedAt,
                    member.regularizedAt), today).forEach(e -> errors.add(e.field(), e.message()));
        }
        errors.throwIfAny("The ID number cannot be corrected");
        ResidentIdNumber idNumber = ResidentIdNumber.parse(request.idNumber(), today);
        String blindIndex = pii.blindIndex(idNumber.value());
        if (blindIndex.equals(member.idNumberIndex)) {
            throw ProblemException.invalidField("idNumber", "is already this member's ID number");
        }
        Optional<Member> holder = members.findByIdNumberIndex(blindIndex);
        if (holder.isPresent()) {
            duplicateHits.record(List.of(new DuplicateHits.Holder(holder.get().id, holder.get().orgId)), member.orgId); // audited; 429 above the caller's limit
            throw new ProblemException(409, "Conflict", "Another member is already registered with this ID number",
                    List.of(new FieldError("idNumber", "is already registered")));
        }
        Instant now = clock.instant();
        member.idNumberCipher = pii.encrypt(idNumber.value());
        member.idNumberIndex = blindIndex;
        member.idNumberMasked = idNumber.masked();
        member.birthDate = idNumber.birthDate();
        member.touch(now, access.userId());
        insertNow(); // a registration of the same number at the same moment: the unique index lets one through
        audit.insertCorrection(member.id, access.userId(), now, request.reason().trim());
        return changed(member);
    }

    public Versioned<MemberView> assignLiaison(UUID id, IfMatch ifMatch, AssignLiaison request) {
        Member member = access.member(id);
        ifMatch.check("Member", id, member.version);
        requireBody(request);
        FieldErrors errors = FieldErrors.of(validator.validate(request));
        if ((request.liaisonMemberId() == null) == (request.liaison() == null)) {
            // Both named: either one may be what the caller meant to give (or to leave out).
            errors.add("liaisonMemberId", "give either liaisonMemberId (a member) or liaison (a named cadre), not both");
            errors.add("liaison", "give either liaisonMemberId (a member) or liaison (a named cadre), not both");
        }
        errors.throwIfAny("The liaison cannot be assigned");
        Liaison liaison;
        if (request.liaisonMemberId() != null) {
            if (request.liaisonMemberId().equals(member.id)) {
                throw ProblemException.invalidField("liaisonMemberId", "a member cannot be their own liaison");
            }
            Member other = access.member(request.liaisonMemberId(), "liaisonMemberId");
            liaison = new Liaison(other.id, other.name, other.phone, other.wechat, other.email);
        } else {
            var cadre = request.liaison();
            liaison = new Liaison(null, cadre.name().trim(), cadre.phone(), cadre.wechat(), cadre.email());
        }
        member.liaison = liaison;
        member.touch(clock.instant(), access.userId());
        outbox.append(MemberEvents.LIAISON_ASSIGNED, member.id,
                new MemberEvents.LiaisonAssigned(member.id, member.orgId, MemberEvents.LiaisonPayload.of(liaison)));
        return changed(member);
    }

    private Org branchOrError(UUID orgId, FieldErrors errors) {
        if (!access.canSee(orgId)) {
            errors.add("orgId", "organization " + orgId + " does not exist or is outside your organization");
            return null;
        }
        Org org = em.find(Org.class, orgId);
        if (org == null) {
            errors.add("orgId", "organization " + orgId + " does not exist or is outside your organization");
        } else if (org.type != OrgType.BRANCH) {
            errors.add("orgId", "must be a branch (党支部); members do not belong to a " + org.type);
        }
        return org;
    }

    private void refuseDuplicate(Member existing, Org actingFor) {
        duplicateHits.record(List.of(new DuplicateHits.Holder(existing.id, existing.orgId)), actingFor.id); // audited; 429 above the caller's limit
        String where = "another organization";
        if (access.canSee(existing.orgId)) {
            Org org = em.find(Org.class, existing.orgId);
            where = org.name + " (" + org.id + ")";
            if (existing.standing == Standing.REMOVED && existing.readmissionBarUntil != null
                    && today().isBefore(existing.readmissionBarUntil)) {
                where += "; removed (除名/劝退), not to be re-admitted before " + existing.readmissionBarUntil;
            }
        }
        throw new ProblemException(409, "Conflict", "A member with this ID number is already registered in " + where,
                List.of(new FieldError("idNumber", "is already registered in " + where)));
    }

    /** Writes now, so that a unique violation is a 409 of this use case rather than a failed commit. */
    private void insertNow() {
        try {
            members.flush();
        } catch (PersistenceException e) {
            throw UniqueViolations.conflict(e).orElseThrow(() -> e);
        }
    }

    private static void requireBody(Object request) {
        if (request == null) {
            throw ProblemException.badRequest("A request body is required", List.of());
        }
    }

    /**
     * A new phone, e-mail or WeChat id is not the one that failed: its failing flag is cleared, and a failure dated at
     * or before {@code now} (consumed late) no longer flags it (contact-data health).
     */
    private static String changeContact(ContactDetail detail, Member member, String current, String requested,
            List<String> changed, Instant now) {
        String next = changeIf("contact", current, requested, changed);
        if (!java.util.Objects.equals(next, current)) {
            member.contactChanged(detail, now);
        }
        return next;
    }

    private static <T> T changeIf(String field, T current, T requested, List<String> changed) {
        if (requested == null || requested.equals(current)) {
            return current;
        }
        if (!changed.contains(field)) {
            changed.add(field);
        }
        return requested;
    }

    private static String trim(String text) {
        return text == null ? null : text.trim();
    }

    private LocalDate today() {
        return ShanghaiCalendar.dateOf(clock.instant());
    }
}
