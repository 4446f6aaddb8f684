package cn.lianxin.cases.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.CaseState;

/** The case file's moves: one table in CaseState, enforced by CaseFile, the scan's SQL moves among them. */
class CaseStateTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static CaseFile file(CaseState state) {
        CaseFile file = new CaseFile();
        file.id = UUID.randomUUID();
        file.state = state;
        file.lostSince = NOW.minusSeconds(86_400);
        return file;
    }

    @Test
    void theScansSqlMovesAreMovesTheTableAllows() {
        assertThat(ScanService.MOVES).isNotEmpty().allSatisfy((from, to) -> assertThat(from.canMoveTo(to))
                .as("%s → %s", from, to).isTrue());
    }

    @Test
    void aMissingMemberCanBeFoundAndAFoundOneCannotBeFoundAgain() {
        for (CaseState missing : CaseState.MISSING) {
            CaseFile file = file(missing);
            file.found(NOW, "MANUAL", "回到支部", NOW);
            assertThat(file.state).isEqualTo(CaseState.FOUND);
            assertThat(file.foundAt).isEqualTo(NOW);
        }
        assertThatThrownBy(() -> file(CaseState.FOUND).found(NOW, "MANUAL", "again", NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FOUND to FOUND");
    }

    @Test
    void aReLossReopensAFoundOrFollowedUpFileAsANewEpisodeInMonitoringWhenSuspended() {
        CaseFile followedUp = file(CaseState.FOLLOW_UP);
        followedUp.episode = 1;
        followedUp.reopen(UUID.randomUUID(), NOW, NOW, NOW);
        assertThat(followedUp.state).isEqualTo(CaseState.OPEN);
        assertThat(followedUp.episode).isEqualTo(2);

        CaseFile suspended = file(CaseState.FOUND);
        suspended.suspendedAt = NOW.minusSeconds(3_600);
        suspended.reopen(UUID.randomUUID(), NOW, NOW, NOW);
        assertThat(suspended.state).isEqualTo(CaseState.SUSPENDED_MONITORING);

        assertThatThrownBy(() -> file(CaseState.OPEN).reopen(UUID.randomUUID(), NOW, NOW, NOW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClosedFileMovesNowhereAndOnlyAFoundOneStartsFollowUp() {
        for (CaseState next : CaseState.values()) {
            assertThat(CaseState.CLOSED.canMoveTo(next)).as("CLOSED → %s", next).isFalse();
        }
        assertThatThrownBy(() -> file(CaseState.CLOSED).close("AGAIN", NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> file(CaseState.OPEN).startFollowUp()).isInstanceOf(IllegalStateException.class);
        CaseFile found = file(CaseState.FOUND);
        found.startFollowUp();
        assertThat(found.state).isEqualTo(CaseState.FOLLOW_UP);
    }

    @Test
    void suspensionIsDecidedForAMissingMemberOnly() {
        CaseFile proposed = file(CaseState.SUSPENSION_PROPOSED);
        proposed.suspend(NOW);
        assertThat(proposed.state).isEqualTo(CaseState.SUSPENDED_MONITORING);
        assertThat(proposed.suspendedAt).isEqualTo(NOW);
        assertThatThrownBy(() -> file(CaseState.REMOVAL_PROPOSED).suspend(NOW)).isInstanceOf(IllegalStateException.class);
    }
}
