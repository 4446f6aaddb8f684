package cn.lianxin.member.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.lianxin.member.domain.Reconciliation.Kind;

/** The reconciliation report (口袋党员, 空挂) as it leaves the service: ID numbers masked only, as the register shows them. */
public final class ReconciliationViews {

    private ReconciliationViews() {
    }

    /** An org's report as of {@code asOf}: the lines of every kind (or of one), and how many of each kind. */
    public record ReconciliationReport(UUID orgId, String orgName, Instant asOf, Period noContactAfter,
            Map<Kind, Integer> counts, List<ReconciliationLine> lines) {
    }

    /**
     * One line: its kind ({@code kind}, the stable code, and {@code label}), the member (null only for a duplicate hit
     * recorded before the register kept its holder), the facts of its kind, and what to do next.
     */
    public record ReconciliationLine(Kind kind, String label, MemberRef member, Facts facts, String nextStep) {
    }

    /** The member a line is about, with the branch and the masked ID number. */
    public record MemberRef(UUID id, String name, UUID branchId, String branchName, String idNumberMasked) {
    }

    public record OrgRef(UUID id, String name) {
    }

    /** An org outside the system, as the transfer letter names it. */
    public record ExternalOrgRef(String name, String region) {
    }

    /** The facts of a line, one record per kind. */
    public sealed interface Facts permits DuplicateFacts, TransferFacts, NoContactFacts, FlowFacts {
    }

    /**
     * DUPLICATE_ID: the holder's record (its org, the masked number) and the other org that presented the same number;
     * how often and when, and the common ancestor who reconciles them.
     */
    public record DuplicateFacts(String idNumberMasked, OrgRef holderOrg, OrgRef actingOrg, OrgRef commonAncestor,
            long hits, Instant firstHitAt, Instant lastHitAt) implements Facts {
    }

    /** TRANSFER_NOT_RECEIVED: the letter (its id is the letter's number), its sides, validity and due day. */
    public record TransferFacts(UUID transferId, OrgRef fromOrg, OrgRef toOrg, ExternalOrgRef toExternalOrg,
            boolean crossProvince, LocalDate issuedAt, String validity, LocalDate dueAt, long daysOverdue)
            implements Facts {
    }

    /** NO_CONTACT_NO_CASE: the last REACHED contact (null: never), the registration, and the days since either. */
    public record NoContactFacts(Instant lastReachedAt, Instant registeredAt, Instant countedFrom, long daysWithoutContact,
            boolean flowing) implements Facts {
    }

    /** FLOW_NOT_CONFIRMED: the outflow, its destination and receiving org, and its report-in due day. */
    public record FlowFacts(UUID outflowId, String nature, LocalDate leftAt, String destinationPlace, OrgRef receivingOrg,
            LocalDate reportInDueAt, long daysOverdue) implements Facts {
    }
}
