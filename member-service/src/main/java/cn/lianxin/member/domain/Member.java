package cn.lianxin.member.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A 党员 in the register. The ID number exists here only encrypted, as a blind index and masked. */
@Entity
@Table(name = "member")
public class Member {

    @Id
    public UUID id;

    /** The branch (党支部) the member belongs to. */
    @Column(name = "org_id")
    public UUID orgId;

    public String name;

    @Column(name = "id_number_cipher")
    public String idNumberCipher;
    @Column(name = "id_number_index")
    public String idNumberIndex;
    @Column(name = "id_number_masked")
    public String idNumberMasked;

    @Enumerated(EnumType.STRING)
    public Gender gender;
    public String ethnicity;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    public String education;
    public String occupation;

    public String phone;
    public String wechat;
    public String qq;
    public String email;
    @Column(name = "household_address")
    public String householdAddress;
    @Column(name = "residence_address")
    public String residenceAddress;
    @Column(name = "work_unit")
    public String workUnit;

    @Enumerated(EnumType.STRING)
    public Category category;
    @Column(name = "joined_at")
    public LocalDate joinedAt;
    @Column(name = "regularized_at")
    public LocalDate regularizedAt;
    public String introducers;

    @Column(name = "emergency_name")
    public String emergencyName;
    @Column(name = "emergency_relation")
    public String emergencyRelation;
    @Column(name = "emergency_phone")
    public String emergencyPhone;

    @Enumerated(EnumType.STRING)
    @Column(name = "preferred_channel")
    public NotificationChannel preferredChannel;

    @Enumerated(EnumType.STRING)
    public Standing standing = Standing.ACTIVE;
    @Column(name = "readmission_bar_until")
    public LocalDate readmissionBarUntil;

    /** 专项排查 focus tags (建国前老党员, 80岁以上, 困难党员 …); empty when none. Replaced whole, never changed in place. */
    @Convert(converter = FocusTagsConverter.class)
    @Column(name = "focus_tags")
    public Set<FocusTag> focusTags = EnumSet.noneOf(FocusTag.class);

    /** Contact-data health: a detail whose deliveries failed, since when and with which error code (never the address). */
    @Column(name = "phone_failing_since")
    public Instant phoneFailingSince;
    @Column(name = "phone_failure_code")
    public String phoneFailureCode;
    @Column(name = "email_failing_since")
    public Instant emailFailingSince;
    @Column(name = "email_failure_code")
    public String emailFailureCode;
    @Column(name = "wechat_failing_since")
    public Instant wechatFailingSince;
    @Column(name = "wechat_failure_code")
    public String wechatFailureCode;
    /** When each contact detail was last set or changed: a failure dated at or before it was about the old address. */
    @Column(name = "phone_changed_at")
    public Instant phoneChangedAt;
    @Column(name = "email_changed_at")
    public Instant emailChangedAt;
    @Column(name = "wechat_changed_at")
    public Instant wechatChangedAt;
    /** The last confirmation of the contact details (联系方式核实): when and by whom. */
    @Column(name = "contact_confirmed_at")
    public Instant contactConfirmedAt;
    @Column(name = "contact_confirmed_by")
    public String contactConfirmedBy;

    /** Away as a 流动党员 (an open outflow exists). */
    public boolean flowing;

    @Embedded
    public Liaison liaison;

    /** Set when the relationship was transferred out of this system (组织关系转出): the member left the register. */
    @Column(name = "transferred_out_at")
    public Instant transferredOutAt;

    /** {@code API} or {@code ROSTER_IMPORT}. */
    public String source = "API";

    @Column(name = "registered_at")
    public Instant registeredAt;
    @Column(name = "registered_by")
    public String registeredBy;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;

    @Version
    public long version;

    /** In the register and in good standing: may flow out, be transferred, be reviewed. */
    public boolean isActiveInRegister() {
        return standing == Standing.ACTIVE && transferredOutAt == null;
    }

    /**
     * A delivery to the detail failed at {@code at}: it is failing from its first failure not yet cleared, with the
     * latest error code. A failure from before the last confirmation is stale (the details were confirmed after it),
     * and so is one dated at or before the detail's last change (it was about the previous address).
     */
    public boolean flagFailing(ContactDetail detail, Instant at, String errorCode) {
        if (contactConfirmedAt != null && !at.isAfter(contactConfirmedAt)) {
            return false;
        }
        Instant changedAt = changedAt(detail);
        if (changedAt != null && !at.isAfter(changedAt)) {
            return false;
        }
        switch (detail) {
            case PHONE -> {
                phoneFailingSince = phoneFailingSince == null || at.isBefore(phoneFailingSince) ? at : phoneFailingSince;
                phoneFailureCode = errorCode;
            }
            case EMAIL -> {
                emailFailingSince = emailFailingSince == null || at.isBefore(emailFailingSince) ? at : emailFailingSince;
                emailFailureCode = errorCode;
            }
            case WECHAT -> {
                wechatFailingSince = wechatFailingSince == null || at.isBefore(wechatFailingSince) ? at : wechatFailingSince;
                wechatFailureCode = errorCode;
            }
        }
        return true;
    }

    /** When the detail was last set or changed; null when unknown (registered before that was recorded). */
    public Instant changedAt(ContactDetail detail) {
        return switch (detail) {
            case PHONE -> phoneChangedAt;
            case EMAIL -> emailChangedAt;
            case WECHAT -> wechatChangedAt;
        };
    }

    /** The detail was set or changed at {@code at}: it is no longer failing, and earlier failures are stale. */
    public void contactChanged(ContactDetail detail, Instant at) {
        clearFailing(detail);
        switch (detail) {
            case PHONE -> phoneChangedAt = at;
            case EMAIL -> emailChangedAt = at;
            case WECHAT -> wechatChangedAt = at;
        }
    }

    /** The detail changed (or was confirmed): it is no longer failing. */
    public void clearFailing(ContactDetail detail) {
        switch (detail) {
            case PHONE -> {
                phoneFailingSince = null;
                phoneFailureCode = null;
            }
            case EMAIL -> {
                emailFailingSince = null;
                emailFailureCode = null;
            }
            case WECHAT -> {
                wechatFailingSince = null;
                wechatFailureCode = null;
            }
        }
    }

    /** Someone confirmed the contact details (联系方式核实): every failing flag is cleared. */
    public void confirmContacts(Instant at, String user) {
        for (ContactDetail detail : ContactDetail.values()) {
            clearFailing(detail);
        }
        contactConfirmedAt = at;
        contactConfirmedBy = user;
    }

    /** The failing details, in the order PHONE, EMAIL, WECHAT. */
    public Map<ContactDetail, ContactVerification.Failure> failingDetails() {
        Map<ContactDetail, ContactVerification.Failure> failing = new EnumMap<>(ContactDetail.class);
        if (phoneFailingSince != null) {
            failing.put(ContactDetail.PHONE, new ContactVerification.Failure(phoneFailingSince, phoneFailureCode));
        }
        if (emailFailingSince != null) {
            failing.put(ContactDetail.EMAIL, new ContactVerification.Failure(emailFailingSince, emailFailureCode));
        }
        if (wechatFailingSince != null) {
            failing.put(ContactDetail.WECHAT, new ContactVerification.Failure(wechatFailingSince, wechatFailureCode));
        }
        return failing;
    }

    public void touch(Instant now, String user) {
        updatedAt = now;
        updatedBy = user;
    }
}
