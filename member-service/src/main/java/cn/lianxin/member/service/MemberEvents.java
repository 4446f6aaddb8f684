package cn.lianxin.member.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import cn.lianxin.member.domain.ContactPerson;
import cn.lianxin.member.domain.Liaison;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.RosterCounts;
import cn.lianxin.member.domain.RosterFiling;
import cn.lianxin.member.domain.Transfer;
import cn.lianxin.member.domain.Outflow;
import cn.lianxin.member.domain.StandingChange;
import cn.lianxin.member.domain.Org;
import cn.lianxin.contracts.EventType;

/** The events member-service publishes on {@code member.events} (contracts/asyncapi.yaml). */
public final class MemberEvents {

    public static final String ORG_CREATED = new EventType("member", "OrgCreated", 1).ceType();
    public static final String ORG_CHANGED = new EventType("member", "OrgChanged", 1).ceType();
    public static final String MEMBER_REGISTERED = type("MemberRegistered");
    public static final String MEMBER_PROFILE_CHANGED = type("MemberProfileChanged");
    public static final String LIAISON_ASSIGNED = type("LiaisonAssigned");
    public static final String MEMBER_STANDING_CHANGED = type("MemberStandingChanged");
    public static final String MEMBER_FLOWED_OUT = type("MemberFlowedOut");
    public static final String MEMBER_REPORTED_IN = type("MemberReportedIn");
    public static final String MEMBER_RETURNED = type("MemberReturned");
    public static final String MEMBER_TRANSFERRED = type("MemberTransferred");
    public static final String TRANSFER_RECEIPT_OVERDUE = type("TransferReceiptOverdue");
    public static final String ANNUAL_REVIEW_OVERDUE = type("AnnualReviewOverdue");
    public static final String TRANSFER_RECOMMENDED = type("TransferRecommended");
    public static final String TRANSFER_ISSUED = type("TransferIssued");
    public static final String REPORT_IN_OVERDUE = type("ReportInOverdue");
    public static final String HANDSHAKE_ESCALATED = type("HandshakeEscalated");
    public static final String ROSTER_FILED = type("RosterFiled");
    public static final String ROSTER_ACKNOWLEDGED = type("RosterAcknowledged");
    public static final String ROSTER_RETURNED = type("RosterReturned");
    public static final String CONTACT_VERIFICATION_DUE = type("ContactVerificationDue");
    public static final String CONTACT_DETAILS_CONFIRMED = type("ContactDetailsConfirmed");

    private MemberEvents() {
    }

    private static String type(String name) {
        return new EventType("member", name, 1).ceType();
    }

    /** Payload of OrgCreated (and the state part of OrgChanged): what consumers need to place members and reach the secretary. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrgSnapshot(UUID orgId, String name, String type,
            @JsonInclude(JsonInclude.Include.ALWAYS) UUID parentId, // null for the root, yet always present
            List<UUID> path, Contact secretary, Contact organizer, String wechatGroupUrl, String webAddress) {

        public static OrgSnapshot of(Org org) {
            return new OrgSnapshot(org.id, org.name, org.type.name(), org.parentId, org.pathIds(),
                    Contact.of(org.secretary), Contact.of(org.organizer), org.wechatGroupUrl, org.webAddress);
        }
    }

    /** Payload of OrgChanged: the complete state after the change, and which fields changed. */
    public record OrgChanged(@JsonUnwrapped OrgSnapshot org, List<String> changed) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String name, String phone, String wechat, String email) {
        static Contact of(ContactPerson person) {
            return person == null || person.name == null ? null
                    : new Contact(person.name, person.phone, person.wechat, person.email);
        }
    }

    /** A member's own contact details: never the ID number. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberContact(String phone, String wechat, String qq, String email) {
        public static MemberContact of(Member member) {
            return new MemberContact(member.phone, member.wechat, member.qq, member.email);
        }
    }

    /** Payload of MemberRegistered: what other services keep in their member projection. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberRegistered(UUID memberId, UUID orgId, List<UUID> orgPath, String name, String gender,
            String category, String standing, LocalDate joinedAt, LocalDate regularizedAt, Instant registeredAt,
            MemberContact contact, String preferredChannel, boolean flowing, String source, List<String> focusTags) {

        public static MemberRegistered of(Member member, Org org) {
            return of(member, org.pathIds());
        }

        public static MemberRegistered of(Member member, List<UUID> orgPath) {
            return new MemberRegistered(member.id, member.orgId, orgPath, member.name, member.gender.name(),
                    member.category.name(), member.standing.name(), member.joinedAt, member.regularizedAt,
                    member.registeredAt, MemberContact.of(member), nameOf(member.preferredChannel), member.flowing,
                    member.source, focusTagNames(member));
        }
    }

    /** Payload of MemberProfileChanged: the complete projected profile after the change, and what changed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberProfileChanged(UUID memberId, UUID orgId, List<String> changed, String name, String gender,
            String category, LocalDate joinedAt, LocalDate regularizedAt, MemberContact contact,
            String preferredChannel, List<String> focusTags) {

        public static MemberProfileChanged of(Member member, List<String> changed) {
            return new MemberProfileChanged(member.id, member.orgId, changed, member.name, member.gender.name(),
                    member.category.name(), member.joinedAt, member.regularizedAt, MemberContact.of(member),
                    nameOf(member.preferredChannel), focusTagNames(member));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LiaisonPayload(UUID memberId, String name, String phone, String wechat, String email) {
        public static LiaisonPayload of(Liaison liaison) {
            return new LiaisonPayload(liaison.memberId, liaison.name, liaison.phone, liaison.wechat, liaison.email);
        }
    }

    public record LiaisonAssigned(UUID memberId, UUID orgId, LiaisonPayload liaison) {
    }

    /** Payload of MemberStandingChanged. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberStandingChanged(UUID memberId, UUID orgId, String from, String to, String reason,
            String decisionRef, String approvalRef, UUID caseId, String disposition, Instant effectiveAt,
            LocalDate readmissionBarUntil, LocalDate diedOn, String learnedHow, String evidenceRef,
            LocalDate applicationDate, String approvingOrg, String recordedBy) {

        public static MemberStandingChanged of(Member member, StandingChange change) {
            return new MemberStandingChanged(member.id, member.orgId, change.from.name(), change.to.name(), change.reason,
                    change.decisionRef, change.approvalRef, change.caseId, change.disposition, change.effectiveAt,
                    change.readmissionBarUntil, change.diedOn, change.learnedHow, change.evidenceRef,
                    change.applicationDate, change.approvingOrg, change.recordedBy);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Destination(String place, String workUnit, String address) {
        static Destination of(Outflow outflow) {
            return new Destination(outflow.destinationPlace, outflow.destinationWorkUnit, outflow.destinationAddress);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReceivingOrg(UUID orgId, String name, String contactName, String contactPhone) {
        static ReceivingOrg of(Outflow outflow) {
            return outflow.hasReceivingOrg() ? new ReceivingOrg(outflow.receivingOrgId, outflow.receivingOrgName,
                    outflow.receivingContactName, outflow.receivingContactPhone) : null;
        }
    }

    public record FlowContact(String phone, String wechat) {
    }

    public record BackupContact(String name, String relation, String phone) {
    }

    /** What the member's 联心卡 shows: the branch and how to reach it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactCard(String orgName, Contact secretary, Contact organizer, String wechatGroupUrl,
            String webAddress, String cardUrl) {
        public static ContactCard of(Org branch, UUID memberId) {
            return new ContactCard(branch.name, Contact.of(branch.secretary), Contact.of(branch.organizer),
                    branch.wechatGroupUrl, branch.webAddress, "/api/v1/members/" + memberId + "/contact-card.png");
        }
    }

    /** Payload of MemberFlowedOut: the 四个清楚 and the 联心卡 the member receives. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberFlowedOut(UUID memberId, UUID orgId, UUID outflowId, String nature, LocalDate leftAt,
            FlowContact contact, Destination destination, ReceivingOrg receivingOrg, BackupContact backupContact,
            String certificateNo, String reason, LocalDate expectedReturnAt, ContactCard contactCard,
            LocalDate reportInDueAt) {

        public static MemberFlowedOut of(Outflow o, Org branch) {
            return new MemberFlowedOut(o.memberId, o.orgId, o.id, o.nature.name(), o.leftAt,
                    new FlowContact(o.phone, o.wechat), Destination.of(o), ReceivingOrg.of(o),
                    new BackupContact(o.backupName, o.backupRelation, o.backupPhone), o.certificateNo, o.reason,
                    o.expectedReturnAt, ContactCard.of(branch, o.memberId), o.reportInDueAt);
        }
    }

    public record MemberReportedIn(UUID memberId, UUID orgId, UUID outflowId, Instant reportedInAt, ReceivingOrg receivingOrg) {
        public static MemberReportedIn of(Outflow o) {
            return new MemberReportedIn(o.memberId, o.orgId, o.id, o.reportedInAt, ReceivingOrg.of(o));
        }
    }

    public record MemberReturned(UUID memberId, UUID orgId, UUID outflowId, Instant returnedAt) {
        public static MemberReturned of(Outflow o) {
            return new MemberReturned(o.memberId, o.orgId, o.id, o.returnedAt);
        }
    }

    public record ExternalOrg(String name, String region) {
    }

    /** Payload of MemberTransferred: orgId/orgPath name the branch responsible from now on. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberTransferred(UUID memberId, UUID orgId, List<UUID> orgPath, UUID transferId, UUID fromOrgId,
            UUID toOrgId, ExternalOrg toExternalOrg, boolean crossProvince, LocalDate issuedAt, Instant receivedAt) {

        public static MemberTransferred of(Transfer t, Org responsible) {
            return new MemberTransferred(t.memberId, responsible.id, responsible.pathIds(), t.id, t.fromOrgId, t.toOrgId,
                    t.toExternalName == null ? null : new ExternalOrg(t.toExternalName, t.toExternalRegion),
                    t.crossProvince, t.issuedAt, t.receivedAt);
        }
    }

    /**
     * Payload of TransferIssued (介绍信开具): the receiving org is told of a letter on its way, and by when its receipt
     * (回执) is due; orgId is the sending branch, still responsible until the receipt.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransferIssued(UUID memberId, UUID orgId, UUID transferId, UUID fromOrgId, UUID toOrgId,
            ExternalOrg toExternalOrg, boolean crossProvince, LocalDate issuedAt, String validity, LocalDate dueAt) {

        public static TransferIssued of(Transfer t) {
            return new TransferIssued(t.memberId, t.fromOrgId, t.id, t.fromOrgId, t.toOrgId,
                    t.toExternalName == null ? null : new ExternalOrg(t.toExternalName, t.toExternalRegion),
                    t.crossProvince, t.issuedAt, t.validity, t.dueAt);
        }
    }

    /** 专项排查 focus tags by name, in the enum's order; absent (null) when none. */
    private static List<String> focusTagNames(Member member) {
        return member.focusTags == null || member.focusTags.isEmpty() ? null
                : java.util.EnumSet.copyOf(member.focusTags).stream().map(Enum::name).toList();
    }

    /** Payload of RosterFiled (花名册备案): the snapshot's facts, no personal data; keyed by the branch. */
    public record RosterFiled(UUID orgId, int year, UUID filingId, int version, RosterCounts counts, String contentHash,
            Instant filedAt) {
        public static RosterFiled of(RosterFiling f) {
            return new RosterFiled(f.orgId(), f.year(), f.id(), f.version(), f.counts(), f.contentHash(), f.filedAt());
        }
    }

    /** Payload of RosterAcknowledged (备案留存). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RosterAcknowledged(UUID orgId, int year, UUID filingId, int version, String contentHash,
            Instant acknowledgedAt, String remarks) {
        public static RosterAcknowledged of(RosterFiling f) {
            return new RosterAcknowledged(f.orgId(), f.year(), f.id(), f.version(), f.contentHash(), f.decidedAt(),
                    f.remarks());
        }
    }

    /** Payload of RosterReturned (退回, with the remarks). */
    public record RosterReturned(UUID orgId, int year, UUID filingId, int version, String contentHash, Instant returnedAt,
            String remarks) {
        public static RosterReturned of(RosterFiling f) {
            return new RosterReturned(f.orgId(), f.year(), f.id(), f.version(), f.contentHash(), f.decidedAt(), f.remarks());
        }
    }

    /**
     * Payload of ContactDetailsConfirmed (联系方式核实): someone confirmed the member's contact details at
     * {@code confirmedAt}; {@code cleared} names the details that were failing (PHONE, EMAIL, WECHAT), empty when none.
     * No address and no user: the confirmation's who is in member-service's audit.
     */
    public record ContactDetailsConfirmed(UUID memberId, UUID orgId, Instant confirmedAt, List<String> cleared) {
    }

    private static String nameOf(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
