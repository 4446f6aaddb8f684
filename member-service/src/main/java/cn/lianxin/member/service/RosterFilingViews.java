package cn.lianxin.member.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Size;

import cn.lianxin.member.domain.RosterCounts;
import cn.lianxin.member.domain.RosterFilingState;

/** 花名册备案: the requests and answers of roster filing. */
public final class RosterFilingViews {

    private RosterFilingViews() {
    }

    /** Files the branch's roster for a year. */
    public record FileRoster(Integer year) {
    }

    /** The superior committee's decision: remarks optional to acknowledge, required to return. */
    public record Decision(@Size(max = 500) String remarks) {
    }

    /**
     * A filing: its state (FILED, ACKNOWLEDGED, RETURNED), the snapshot's counts and SHA-256 ({@code contentHash},
     * lower-case hex, of the file at {@code rosterUrl}), who filed it and when, and the committee's decision.
     */
    public record RosterFilingView(UUID id, UUID orgId, int year, int version, RosterFilingState state,
            RosterCounts counts, String contentHash, int contentSize, String rosterUrl, String filedBy, Instant filedAt,
            String decidedBy, UUID decidedByOrgId, Instant decidedAt, String remarks) {
    }

    /** The filed roster file, exactly as filed. */
    public record RosterFile(UUID filingId, UUID orgId, int year, int version, String contentHash, byte[] content) {
    }

    /** A branch that has not filed for the year (no FILED or ACKNOWLEDGED filing); its last filing if returned. */
    public record UnfiledBranch(UUID orgId, String name, Integer lastVersion, RosterFilingState lastState) {
    }

    /**
     * The branches of a subtree that have not filed for {@code year}; {@code late} once {@code asOf} is past the
     * deadline (the whole deadline day included, Asia/Shanghai).
     */
    public record UnfiledList(int year, LocalDate deadline, Instant asOf, boolean late, List<UnfiledBranch> items, int page,
            int size, long total) {
    }
}
