package cn.lianxin.member.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import cn.lianxin.member.domain.Category;
import cn.lianxin.member.domain.ContactDetail;
import cn.lianxin.member.domain.ContactVerification.Reason;
import cn.lianxin.member.domain.FocusTag;
import cn.lianxin.member.domain.Gender;
import cn.lianxin.member.domain.Liaison;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.NotificationChannel;
import cn.lianxin.member.domain.Standing;
import cn.lianxin.member.service.MemberCommands.EmergencyContact;

/**
 * What the member register's services answer (the response bodies), built from the entities; the
 * ID number only ever leaves masked.
 */
public final class MemberViews {

    private MemberViews() {
    }

    public record LiaisonView(UUID memberId, String name, String phone, String wechat, String email) {
    }

    public record RevealedIdNumber(UUID memberId, String idNumber, Instant revealedAt) {
    }

    public record MemberView(
            UUID id,
            UUID orgId,
            String name,
            /** Masked: 1101**********123X. */
            String idNumber,
            Gender gender,
            String ethnicity,
            LocalDate birthDate,
            String education,
            String occupation,
            String phone,
            String wechat,
            String qq,
            String email,
            String householdAddress,
            String residenceAddress,
            String workUnit,
            Category category,
            LocalDate joinedAt,
            LocalDate regularizedAt,
            String introducers,
            EmergencyContact emergencyContact,
            NotificationChannel preferredChannel,
            Standing standing,
            LocalDate readmissionBarUntil,
            boolean flowing,
            LiaisonView liaison,
            Instant registeredAt,
            /** Set once the relationship was transferred out of this system. */
            Instant transferredOutAt,
            /** 专项排查 focus tags, in the order of the enum; empty when none. */
            List<FocusTag> focusTags,
            /** Contact-data health (联系方式核实). */
            ContactHealthView contactHealth) {
    }

    /** A contact detail whose deliveries failed: which, on which channel, since when and the last error code. */
    public record FailingDetail(ContactDetail detail, String channel, Instant since, String errorCode) {
    }

    /**
     * Contact-data health (联系方式核实) of a member: the failing details, the last confirmation, and whether the details
     * must be verified ({@code verificationDue}) with the reasons (PHONE_FAILING, EMAIL_FAILING, WECHAT_FAILING,
     * UNCONFIRMED: nobody confirmed them for 12 months).
     */
    public record ContactHealthView(List<FailingDetail> failing, Instant confirmedAt, String confirmedBy,
            boolean verificationDue, List<Reason> reasons) {
    }

    /** One change of 党籍 with its decision reference, its facts, and who recorded it when. */
    public record StandingChangeView(UUID id, Standing from, Standing to, String reason, String decisionRef, String approvalRef,
            UUID caseId, String disposition, Instant effectiveAt, LocalDate readmissionBarUntil, LocalDate diedOn,
            String learnedHow, String evidenceRef, LocalDate applicationDate, String approvingOrg, String recordedBy,
            Instant recordedAt) {
    }

    static MemberView view(Member m, ContactHealthView health) {
        return new MemberView(m.id, m.orgId, m.name, m.idNumberMasked, m.gender, m.ethnicity, m.birthDate, m.education,
                m.occupation, m.phone, m.wechat, m.qq, m.email, m.householdAddress, m.residenceAddress, m.workUnit,
                m.category, m.joinedAt, m.regularizedAt, m.introducers,
                new EmergencyContact(m.emergencyName, m.emergencyRelation, m.emergencyPhone), m.preferredChannel,
                m.standing, m.readmissionBarUntil, m.flowing, liaison(m.liaison), m.registeredAt, m.transferredOutAt,
                List.copyOf(m.focusTags), health);
    }

    private static LiaisonView liaison(Liaison l) {
        return l == null || l.name == null ? null : new LiaisonView(l.memberId, l.name, l.phone, l.wechat, l.email);
    }

}
