package cn.lianxin.member.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A 党员 in the register. The ID number exists here only encrypted, as a blind index and masked. */
@Entity
@Table(name = "member")
public class Member extends PanacheEntityBase {

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

    public void touch(Instant now, String user) {
        updatedAt = now;
        updatedBy = user;
    }
}
