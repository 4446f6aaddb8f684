package cn.lianxin.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.lianxin.cases.domain.ProcedureCheck.CaseFacts;
import cn.lianxin.cases.domain.ProcedureCheck.Proposal;
import cn.lianxin.cases.support.Rules;
import cn.lianxin.platform.problem.Problem.FieldError;

/** Decisions with procedure (docs/domain.md §3): each refusal reason, and all of them listed at once. */
class ProcedureCheckTest {

    private static final ProcedureCheck.Thresholds RULES = Rules.defaults().procedure();
    private static final Instant NOW = Instant.parse("2027-06-15T04:00:00Z"); // 12:00 in Shanghai
    private static final LocalDate TODAY = LocalDate.parse("2027-06-15");
    private static final Instant LOST_7_MONTHS = Instant.parse("2026-11-01T00:00:00Z");
    private static final Set<SearchChannel> ENOUGH = Set.of(SearchChannel.PHONE, SearchChannel.VISIT_HOME,
            SearchChannel.PUBLIC_SECURITY);

    private static Procedure valid() {
        return new Procedure("支部大会", TODAY, 9, 7, 6, 1, 0, "谈话记录", null, "X组字〔2027〕1号");
    }

    private static CaseFacts found() {
        return new CaseFacts(CaseState.FOUND, "FULL", LOST_7_MONTHS, ENOUGH, null, NOW.minusSeconds(3600));
    }

    private static CaseFacts missing(Set<SearchChannel> channels, Instant lostSince) {
        return new CaseFacts(CaseState.OPEN, "FULL", lostSince, channels, null, null);
    }

    private static List<FieldError> check(DispositionType type, Procedure p, CaseFacts facts) {
        return ProcedureCheck.check(new Proposal(type, p, null, null), facts, RULES, NOW);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsACompleteProcedure() {
        assertThat(check(DispositionType.REINTEGRATED, valid(), found())).isEmpty();
        assertThat(check(DispositionType.REINTEGRATED, null, found())).as("纳入管理 needs no meeting").isEmpty();
        assertThat(check(DispositionType.SUSPENDED, valid(), missing(ENOUGH, LOST_7_MONTHS))).isEmpty();
    }

    @Test
    void refusesWithoutQuorumWhenHalfOrFewerArePresent() {
        Procedure half = new Procedure("支部大会", TODAY, 10, 5, 5, 0, 0, "谈话记录", null, "ref");
        Procedure moreThanHalf = new Procedure("支部大会", TODAY, 10, 6, 6, 0, 0, "谈话记录", null, "ref");

        assertThat(fields(check(DispositionType.REINTEGRATED, half, found()))).contains("procedure.present");
        assertThat(check(DispositionType.REINTEGRATED, moreThanHalf, found())).isEmpty();
    }

    @Test
    void refusesWithoutAMajorityOfTheEligibleMembers() {
        Procedure tie = new Procedure("支部大会", TODAY, 8, 8, 4, 4, 0, "谈话记录", null, "ref");
        Procedure majority = new Procedure("支部大会", TODAY, 8, 8, 5, 3, 0, "谈话记录", null, "ref");

        assertThat(check(DispositionType.REINTEGRATED, tie, found()))
                .extracting(FieldError::field, FieldError::message)
                .anySatisfy(e -> assertThat(e.toList()).containsExactly("procedure.votesFor",
                        "no majority: 4 for, more than half of 8 eligible members required"));
        assertThat(check(DispositionType.REINTEGRATED, majority, found())).isEmpty();
    }

    @Test
    void refusesVotesExceedingThePresentMembers() {
        Procedure tooMany = new Procedure("支部大会", TODAY, 9, 6, 6, 1, 0, "谈话记录", null, "ref");
        assertThat(fields(check(DispositionType.REINTEGRATED, tooMany, found()))).containsExactly("procedure.votesFor");
    }

    @Test
    void refusesAStandingChangeWithoutTheSuperiorsApprovalReference() {
        Procedure noApproval = new Procedure("支部大会", TODAY, 9, 7, 6, 1, 0, "谈话记录", null, null);

        assertThat(fields(check(DispositionType.SUSPENDED, noApproval, missing(ENOUGH, LOST_7_MONTHS))))
                .containsExactly("procedure.approvalRef");
        assertThat(check(DispositionType.REINTEGRATED, noApproval, found())).as("no standing change").isEmpty();
    }

    @Test
    void requiresATalkRecordOrEvidenceThatTalkingWasImpossible() {
        Procedure noTalk = new Procedure("支部大会", TODAY, 9, 7, 6, 1, 0, null, " ", "ref");
        Procedure impossible = new Procedure("支部大会", TODAY, 9, 7, 6, 1, 0, null, "多次上门无人，公告送达", "ref");

        assertThat(fields(check(DispositionType.REINTEGRATED, noTalk, found()))).containsExactly("procedure.talkRecord");
        assertThat(check(DispositionType.REINTEGRATED, impossible, found())).isEmpty();
        assertThat(impossible.talk()).isEqualTo("IMPOSSIBLE");
    }

    @Test
    void requiresACorrectionPeriodOfSixToTwelveMonths() {
        for (Integer months : new Integer[] { null, 5, 13 }) {
            assertThat(fields(ProcedureCheck.check(new Proposal(DispositionType.CORRECTION, valid(), months, null),
                    found(), RULES, NOW))).as("%s months", months).containsExactly("correctionMonths");
        }
        for (int months : new int[] { 6, 12 }) {
            assertThat(ProcedureCheck.check(new Proposal(DispositionType.CORRECTION, valid(), months, null), found(),
                    RULES, NOW)).isEmpty();
        }
    }

    @Test
    void suspendsOnlyAfterRuleC4sConditions() {
        Instant exactlySixMonths = Instant.parse("2026-12-15T04:00:00Z"); // NOW minus six calendar months
        Instant lessThanSix = exactlySixMonths.plusSeconds(1);

        assertThat(check(DispositionType.SUSPENDED, valid(), missing(ENOUGH, exactlySixMonths))).isEmpty();
        assertThat(check(DispositionType.SUSPENDED, valid(), missing(ENOUGH, lessThanSix)))
                .extracting(FieldError::message).singleElement().asString().startsWith("rule C4 not met: lost less than P6M");
        assertThat(check(DispositionType.SUSPENDED, valid(),
                missing(Set.of(SearchChannel.PHONE, SearchChannel.SMS, SearchChannel.TELECOM), LOST_7_MONTHS)))
                .extracting(FieldError::message).containsExactly("rule C4 not met: no field visit (VISIT_WORKPLACE or VISIT_HOME) logged");
        assertThat(check(DispositionType.SUSPENDED, valid(),
                missing(Set.of(SearchChannel.PHONE, SearchChannel.VISIT_WORKPLACE), LOST_7_MONTHS)))
                .extracting(FieldError::message).containsExactly("rule C4 not met: 2 distinct search channels tried, at least 3 required");
        assertThat(fields(check(DispositionType.SUSPENDED, valid(), found()))).containsExactly("type");
    }

    @Test
    void cancelsProbationOnlyForAProbationaryMember() {
        CaseFacts probationary = new CaseFacts(CaseState.OPEN, "PROBATIONARY", LOST_7_MONTHS, ENOUGH, null, null);

        assertThat(check(DispositionType.PROBATION_CANCELLED, valid(), probationary)).isEmpty();
        assertThat(fields(check(DispositionType.PROBATION_CANCELLED, valid(), missing(ENOUGH, LOST_7_MONTHS))))
                .containsExactly("type");
        assertThat(fields(check(DispositionType.SUSPENDED, valid(), probationary))).containsExactly("type");
    }

    @Test
    void restoresOnlyAMemberFoundWithinTwoYearsOfTheSuspension() {
        Instant suspended = Instant.parse("2025-06-01T00:00:00Z");
        Instant twoYearsLater = Instant.parse("2027-06-01T00:00:00Z");
        CaseFacts inTime = new CaseFacts(CaseState.FOUND, "FULL", LOST_7_MONTHS, ENOUGH, suspended, twoYearsLater);
        CaseFacts late = new CaseFacts(CaseState.FOUND, "FULL", LOST_7_MONTHS, ENOUGH, suspended,
                twoYearsLater.plusSeconds(1));
        CaseFacts neverSuspended = found();

        assertThat(check(DispositionType.RESTORED, valid(), inTime)).isEmpty();
        assertThat(check(DispositionType.RESTORED, valid(), late)).extracting(FieldError::message).singleElement()
                .asString().startsWith("恢复党籍 only for a member found within P2Y");
        assertThat(fields(check(DispositionType.RESTORED, valid(), neverSuspended))).containsExactly("type");
    }

    @Test
    void barsReadmissionForFiveYearsAfterPersuasionToQuitOrRemoval() {
        LocalDate fiveYears = TODAY.plusYears(5);
        for (DispositionType type : List.of(DispositionType.PERSUADED_TO_QUIT, DispositionType.REMOVED)) {
            assertThat(fields(ProcedureCheck.check(new Proposal(type, valid(), null, fiveYears.minusDays(1)), found(),
                    RULES, NOW))).containsExactly("readmissionBarUntil");
            assertThat(ProcedureCheck.check(new Proposal(type, valid(), null, fiveYears), found(), RULES, NOW)).isEmpty();
        }
        assertThat(ProcedureCheck.readmissionBarFrom(TODAY, RULES)).isEqualTo(fiveYears);
    }

    @Test
    void refusesADispositionOfAMemberStillMissing() {
        assertThat(check(DispositionType.REINTEGRATED, valid(), missing(ENOUGH, LOST_7_MONTHS)))
                .extracting(FieldError::message).singleElement().asString()
                .startsWith("REINTEGRATED cannot be decided while the case is OPEN");
    }

    @Test
    void listsEveryFailingPartAtOnce() {
        Procedure bad = new Procedure(" ", TODAY.plusDays(1), 10, 4, 2, 1, 0, null, null, null);

        List<FieldError> errors = check(DispositionType.SUSPENDED, bad,
                missing(Set.of(SearchChannel.PHONE), NOW.minusSeconds(86_400)));

        assertThat(fields(errors)).containsExactlyInAnyOrder("procedure.body", "procedure.meetingDate",
                "procedure.present", "procedure.votesFor", "procedure.talkRecord", "procedure.approvalRef", "type",
                "type", "type");
        assertThat(fields(check(DispositionType.CORRECTION, null, found()))).containsExactlyInAnyOrder("procedure",
                "correctionMonths");
    }
}
