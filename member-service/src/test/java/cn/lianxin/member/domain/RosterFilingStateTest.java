package cn.lianxin.member.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.MonthDay;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.lianxin.member.domain.RosterFilingState.IllegalTransition;

class RosterFilingStateTest {

    private static RosterFiling filed() {
        return new RosterFiling(UUID.randomUUID(), UUID.randomUUID(), 2027, 1, RosterFilingState.FILED,
                new RosterCounts(2, Map.of(Category.FULL, 2), Map.of(Standing.ACTIVE, 2), 0), "ab".repeat(32), 100,
                "secretary", Instant.parse("2027-03-01T02:00:00Z"), null, null, null, null);
    }

    @Test
    void aFiledRosterIsAcknowledgedOrReturned() {
        assertThat(RosterFilingState.FILED.acknowledge()).isEqualTo(RosterFilingState.ACKNOWLEDGED);
        assertThat(RosterFilingState.FILED.returnToBranch()).isEqualTo(RosterFilingState.RETURNED);
    }

    @Test
    void anAcknowledgedRosterStaysOnRecord() {
        assertThatThrownBy(RosterFilingState.ACKNOWLEDGED::acknowledge).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(RosterFilingState.ACKNOWLEDGED::returnToBranch).isInstanceOf(IllegalTransition.class)
                .hasMessageContaining("ACKNOWLEDGED");
    }

    @Test
    void aReturnedRosterIsDecidedOnceItIsFiledAgainAsANewVersion() {
        assertThatThrownBy(RosterFilingState.RETURNED::acknowledge).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(RosterFilingState.RETURNED::returnToBranch).isInstanceOf(IllegalTransition.class);
    }

    @Test
    void onlyFiledAndAcknowledgedFilingsStandForTheirYear() {
        assertThat(RosterFilingState.FILED.isActive()).isTrue();
        assertThat(RosterFilingState.ACKNOWLEDGED.isActive()).isTrue();
        assertThat(RosterFilingState.RETURNED.isActive()).isFalse();
    }

    @Test
    void theDecisionRecordsWhoWhenAndTheRemarksAndKeepsTheSnapshot() {
        RosterFiling filing = filed();
        UUID committee = UUID.randomUUID();
        Instant at = Instant.parse("2027-03-05T01:00:00Z");

        RosterFiling returned = filing.returnToBranch("org-admin", committee, at, "缺少流动党员去向");

        assertThat(returned.state()).isEqualTo(RosterFilingState.RETURNED);
        assertThat(returned.decidedBy()).isEqualTo("org-admin");
        assertThat(returned.decidedByOrg()).isEqualTo(committee);
        assertThat(returned.decidedAt()).isEqualTo(at);
        assertThat(returned.remarks()).isEqualTo("缺少流动党员去向");
        assertThat(returned.contentHash()).isEqualTo(filing.contentHash());
        assertThat(returned.counts()).isEqualTo(filing.counts());
        assertThatThrownBy(() -> returned.acknowledge("org-admin", committee, at, null)).isInstanceOf(IllegalTransition.class);
    }

    @Test
    void countsListEveryCategoryAndStandingWithZeros() {
        RosterCounts.Tally tally = new RosterCounts.Tally();
        tally.add(Category.FULL, Standing.ACTIVE, true);
        tally.add(Category.PROBATIONARY, Standing.ACTIVE, false);
        tally.add(Category.FULL, Standing.DECEASED, false);

        RosterCounts counts = tally.counts();

        assertThat(counts.members()).isEqualTo(3);
        assertThat(counts.flowing()).isEqualTo(1);
        assertThat(counts.byCategory()).containsEntry(Category.FULL, 2).containsEntry(Category.PROBATIONARY, 1);
        assertThat(counts.byStanding()).hasSize(Standing.values().length).containsEntry(Standing.ACTIVE, 2)
                .containsEntry(Standing.DECEASED, 1).containsEntry(Standing.EXPELLED, 0);
    }

    @Test
    void aBranchThatHasNotFiledIsLateFromTheDayAfterTheDeadlineInShanghai() {
        MonthDay march31 = MonthDay.of(3, 31);

        assertThat(RosterDeadline.lateFrom(2027, march31)).isEqualTo(Instant.parse("2027-03-31T16:00:00Z"));
        assertThat(RosterDeadline.isLate(2027, march31, Instant.parse("2027-03-31T15:59:59Z"))).isFalse();
        assertThat(RosterDeadline.isLate(2027, march31, Instant.parse("2027-03-31T16:00:00Z"))).isTrue();
        assertThat(RosterDeadline.isLate(2027, MonthDay.of(4, 30), Instant.parse("2027-04-10T00:00:00Z"))).isFalse();
    }
}
