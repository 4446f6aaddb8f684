package cn.lianxin.tracking.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.lianxin.tracking.domain.Accountability.Figures;

/** The accountability figures (目标责任考核) as the API and the monthly event show them. */
public final class AccountabilityViews {

    private AccountabilityViews() {
    }

    @Schema(description = "目标责任考核 of an org's subtree for the period [from, to) in Asia/Shanghai dates: the subtree's "
            + "total, each branch of the subtree (empty ones too) and each liaison (联络员) with flow members in it. "
            + "Figures: contactsDue/contactsOnTime/contactsMissed — each start of a contact clock (T2 QUARTERLY for every "
            + "ACTIVE member, T1 LIAISON_MONTHLY for flow members; a liaison's row counts T1 of the members currently "
            + "assigned to them only) whose due instant lies in the period, on time when the next contact meeting it came "
            + "before that instant, missed exactly when the scan announces ContactMissed; medianDaysMissedToContact — "
            + "whole days from a missed due to the next contact, over the missed dues followed by one "
            + "(missedAwaitingContact: not yet); firstSearchDue/firstSearchInTime — case openings whose C1 deadline "
            + "lies in the period (not those found or closed before it without an attempt), in time when the first "
            + "search attempt was logged by it; followUpsDone (visits recorded in the period, any result) and "
            + "followUpsMissed (FollowUpMissed due in the period); casesOpened — openings in the period, reopenings "
            + "included; lostPer100 — casesOpened per 100 members (ACTIVE members in the register now). Counting stops "
            + "at asOf (now) when the period has not ended. Shares are 0–1; a share, median or rate of nothing is null. "
            + "Members are counted in today's branch and with today's liaison (the projection keeps no history). "
            + "A LIAISON's answer has only their own row, which is also the total, and no branch.")
    public record AccountabilityReport(UUID orgId, String name, LocalDate from, LocalDate to, Instant asOf,
            Figures total, List<BranchRow> branches, List<LiaisonRow> liaisons) {
    }

    public record BranchRow(UUID orgId, String name, Figures figures) {
    }

    /** A liaison, by their own member id and the name LiaisonAssigned gave. */
    public record LiaisonRow(UUID liaisonId, String name, Figures figures) {
    }

    /** Payload of lianxin.contact.AccountabilityReported.v1 (contracts/schemas/contact): a branch's month. */
    public record AccountabilityReported(UUID orgId, String month, Instant from, Instant to, Instant asOf,
            Figures figures) {
    }
}
