package cn.lianxin.member.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** 组织关系转接: a transfer letter (介绍信); the sending branch stays responsible until the receipt (回执). */
@Entity
@Table(name = "transfer")
public class Transfer {

    public static final String ISSUED = "ISSUED";
    public static final String RECEIVED = "RECEIVED";

    @Id
    public UUID id;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "from_org_id")
    public UUID fromOrgId;
    @Column(name = "to_org_id")
    public UUID toOrgId;
    @Column(name = "to_external_name")
    public String toExternalName;
    @Column(name = "to_external_region")
    public String toExternalRegion;
    @Column(name = "cross_province")
    public boolean crossProvince;
    @Column(name = "issued_at")
    public LocalDate issuedAt;
    /** The letter's validity that applied, an ISO period. */
    public String validity;
    @Column(name = "due_at")
    public LocalDate dueAt;
    public String status;
    @Column(name = "received_at")
    public Instant receivedAt;
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

    public boolean isInternal() {
        return toOrgId != null;
    }

    /** The receipt is overdue (rule M1, {@link Handshake#overdue}). */
    public boolean isOverdue(LocalDate today) {
        return Handshake.overdue(!ISSUED.equals(status), dueAt, today);
    }
}
