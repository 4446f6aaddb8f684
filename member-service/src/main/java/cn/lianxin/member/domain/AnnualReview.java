package cn.lianxin.member.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** 年审: the yearly verification of a member's record. */
@Entity
@Table(name = "annual_review")
public class AnnualReview {
    @Id
    public UUID id;
    @Column(name = "member_id")
    public UUID memberId;
    public int year;
    @Column(name = "verified_at")
    public LocalDate verifiedAt;
    public String note;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;
}
