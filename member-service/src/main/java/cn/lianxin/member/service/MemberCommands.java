package cn.lianxin.member.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import cn.lianxin.member.domain.Category;
import cn.lianxin.member.domain.FocusTag;
import cn.lianxin.member.domain.Gender;
import cn.lianxin.member.domain.NotificationChannel;
import cn.lianxin.member.domain.Standing;
import cn.lianxin.platform.validation.MainlandMobile;
import cn.lianxin.platform.validation.NotBlankAfterTrim;

/** What the member register's API asks of its services: the request bodies, validated where they enter. */
public final class MemberCommands {

    /** A mobile or a landline with area code, e.g. 0473-1234567. */
    public static final String PHONE = "\\+?[0-9][0-9-]{4,19}";
    public static final String PHONE_MESSAGE = "must be a phone number: digits and hyphens, e.g. 13800138000 or 0473-1234567";
    public static final String QQ = "[1-9][0-9]{4,11}";

    private MemberCommands() {
    }

    /** 紧急联系人. */
    public record EmergencyContact(
            @NotBlank @NotBlankAfterTrim @Size(max = 50) String name,
            @NotBlank @Size(max = 50) String relation,
            @NotBlank @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String phone) {
    }

    public record RegisterMember(
            @NotBlank @NotBlankAfterTrim @Size(max = 50) String name,
            @NotBlank String idNumber,
            @NotNull Gender gender,
            @NotBlank @Size(max = 20) String ethnicity,
            /** Optional: derived from the ID number when absent, and must match it when present. */
            LocalDate birthDate,
            @Size(max = 50) String education,
            @Size(max = 100) String occupation,
            @NotBlank @MainlandMobile String phone,
            @Size(min = 1, max = 64) String wechat,
            @Pattern(regexp = QQ, message = "must be a QQ number: 5 to 12 digits") String qq,
            @Email @Size(max = 254) String email,
            @Size(max = 200) String householdAddress,
            @Size(max = 200) String residenceAddress,
            @Size(max = 200) String workUnit,
            @NotNull UUID orgId,
            @NotNull Category category,
            @NotNull LocalDate joinedAt,
            LocalDate regularizedAt,
            @Size(max = 200) String introducers,
            @NotNull @Valid EmergencyContact emergencyContact,
            NotificationChannel preferredChannel,
            /** 专项排查 focus tags; absent or empty when none. */
            Set<FocusTag> focusTags) {
    }

    /** Partial update: absent (null) fields stay as they are. The ID number and the branch do not change here. */
    public record UpdateMember(
            @NotBlankAfterTrim @Size(max = 50) String name,
            Gender gender,
            @Size(min = 1, max = 20) String ethnicity,
            @Size(max = 50) String education,
            @Size(max = 100) String occupation,
            @MainlandMobile String phone,
            @Size(min = 1, max = 64) String wechat,
            @Pattern(regexp = QQ, message = "must be a QQ number: 5 to 12 digits") String qq,
            @Email @Size(max = 254) String email,
            @Size(max = 200) String householdAddress,
            @Size(max = 200) String residenceAddress,
            @Size(max = 200) String workUnit,
            Category category,
            LocalDate joinedAt,
            LocalDate regularizedAt,
            @Size(max = 200) String introducers,
            @Valid EmergencyContact emergencyContact,
            NotificationChannel preferredChannel,
            /** 专项排查 focus tags: the complete set after the change ([] clears them); absent leaves them as they are. */
            Set<FocusTag> focusTags) {
    }

    public record LiaisonContact(
            @NotBlank @NotBlankAfterTrim @Size(max = 50) String name,
            @NotBlank @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String phone,
            @Size(min = 1, max = 64) String wechat,
            @Email @Size(max = 254) String email) {
    }

    /** Either another member ({@code liaisonMemberId}) or a named cadre ({@code liaison}), not both. */
    public record AssignLiaison(UUID liaisonMemberId, @Valid LiaisonContact liaison) {
    }

    public record RevealRequest(@NotBlank @Size(max = 500) String reason) {
    }

    /**
     * A standing change outside a case (domain.md §3b): {@code DECEASED} (diedOn, learnedHow, evidenceRef?),
     * {@code WITHDRAWN} (退党: applicationDate, decisionRef = the branch decision) or {@code EXPELLED} (开除党籍:
     * decisionRef = the disciplinary decision, approvingOrg). Who recorded it is the caller's token, never the body.
     */
    public record RecordStandingChange(
            Standing to,
            @Size(max = 500) String reason,
            /** Optional: when the new standing takes effect; by default the day of death, else now. */
            Instant effectiveAt,
            LocalDate diedOn,
            @Size(max = 500) String learnedHow,
            @Size(max = 100) String evidenceRef,
            LocalDate applicationDate,
            @Size(max = 100) String decisionRef,
            @Size(max = 200) String approvingOrg,
            @Size(max = 100) String approvalRef) {
    }

    /** Corrects a wrong ID number (ORG_ADMIN only), with the reason recorded in the audit log. */
    public record CorrectIdNumber(@NotBlank String idNumber, @NotBlank @Size(max = 500) String reason) {
    }
}
