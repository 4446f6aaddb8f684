package cn.lianxin.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import cn.lianxin.member.domain.StandingChangeRules.Facts;
import cn.lianxin.platform.problem.Problem.FieldError;

class StandingChangeRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T04:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void aDeathNeedsTheDayAndHowItWasLearned() {
        assertThat(fields(new Facts(Standing.DECEASED, null, " ", null, null, null, null))).containsExactly("diedOn", "learnedHow");
        assertThat(StandingChangeRules.check(new Facts(Standing.DECEASED, TODAY, "家属告知", null, null, null, null), NOW, TODAY)).isEmpty();
    }

    @Test
    void aWithdrawalNeedsTheApplicationDayAndTheBranchDecision() {
        assertThat(fields(new Facts(Standing.WITHDRAWN, null, null, null, null, null, null))).containsExactly("applicationDate", "decisionRef");
    }

    @Test
    void anExpulsionNeedsTheDecisionAndTheApprovingOrganization() {
        assertThat(fields(new Facts(Standing.EXPELLED, null, null, null, null, null, null))).containsExactly("decisionRef", "approvingOrg");
    }

    @Test
    void noDateMayLieInTheFuture() {
        assertThat(fields(new Facts(Standing.DECEASED, TODAY.plusDays(1), "户籍注销", null, null, null, NOW.plusSeconds(60))))
                .containsExactly("diedOn", "effectiveAt");
        assertThat(fields(new Facts(Standing.WITHDRAWN, null, null, TODAY.plusDays(1), "X支决〔2026〕3号", null, null)))
                .containsExactly("applicationDate");
    }

    @Test
    void otherStandingsFollowACaseDecision() {
        assertThat(fields(new Facts(Standing.SUSPENDED, null, null, null, null, null, null))).containsExactly("to");
        assertThat(fields(new Facts(null, null, null, null, null, null, null))).containsExactly("to");
    }

    private static java.util.List<String> fields(Facts facts) {
        return StandingChangeRules.check(facts, NOW, TODAY).stream().map(FieldError::field).toList();
    }
}
