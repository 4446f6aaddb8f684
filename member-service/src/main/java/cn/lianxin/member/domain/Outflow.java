package cn.lianxin.member.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A 流动党员 registration: the member is away without transferring the relationship. */
@Entity
@Table(name = "outflow")
public class Outflow {

    @Id
    public UUID id;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "org_id")
    public UUID orgId;
    @Enumerated(EnumType.STRING)
    public OutflowNature nature;
    @Column(name = "left_at")
    public LocalDate leftAt;
    public String phone;
    public String wechat;
    @Column(name = "destination_place")
    public String destinationPlace;
    @Column(name = "destination_work_unit")
    public String destinationWorkUnit;
    @Column(name = "destination_address")
    public String destinationAddress;
    @Column(name = "receiving_org_id")
    public UUID receivingOrgId;
    @Column(name = "receiving_org_name")
    public String receivingOrgName;
    @Column(name = "receiving_contact_name")
    public String receivingContactName;
    @Column(name = "receiving_contact_phone")
    public String receivingContactPhone;
    @Column(name = "backup_name")
    public String backupName;
    @Column(name = "backup_relation")
    public String backupRelation;
    @Column(name = "backup_phone")
    public String backupPhone;
    @Column(name = "certificate_no")
    public String certificateNo;
    public String reason;
    @Column(name = "expected_return_at")
    public LocalDate expectedReturnAt;
    @Enumerated(EnumType.STRING)
    public OutflowStatus status;
    /** The last day the report-in (报到) is due ({@link Handshake#reportInDue}). */
    @Column(name = "report_in_due_at")
    public LocalDate reportInDueAt;
    @Column(name = "reported_in_at")
    public Instant reportedInAt;
    @Column(name = "returned_at")
    public Instant returnedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
    @Version
    public long version;

    public boolean hasReceivingOrg() {
        return receivingOrgName != null;
    }

    public void touch(Instant now, String user) {
        updatedAt = now;
        updatedBy = user;
    }
}
