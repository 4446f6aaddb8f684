package cn.lianxin.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import cn.lianxin.member.domain.MemberRules.Facts;
import cn.lianxin.platform.problem.Problem.FieldError;

class MemberRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    private static final String ID = "11010519491231002X";
    private static final LocalDate BIRTH = LocalDate.of(1949, 12, 31);

    @Test
    void acceptsConsistentFacts() {
        assertThat(MemberRules.check(new Facts(ID, BIRTH, Category.FULL, LocalDate.of(1975, 7, 1), LocalDate.of(1976, 7, 1)), TODAY)).isEmpty();
        assertThat(MemberRules.check(new Facts(ID, null, Category.PROBATIONARY, TODAY, null), TODAY)).isEmpty();
    }

    @Test
    void birthDateMustMatchTheIdNumber() {
        assertThat(MemberRules.check(new Facts(ID, BIRTH.plusDays(1), Category.FULL, LocalDate.of(1975, 7, 1), null), TODAY))
                .containsExactly(new FieldError("birthDate", "does not match the birth date in the ID number (1949-12-31)"));
    }

    @Test
    void joinedAtCannotBeInTheFutureNorBeforeBirth() {
        assertThat(MemberRules.check(new Facts(ID, null, Category.FULL, TODAY.plusDays(1), null), TODAY))
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("joinedAt", "cannot be in the future"));
        assertThat(MemberRules.check(new Facts(ID, null, Category.FULL, LocalDate.of(1940, 1, 1), null), TODAY))
                .extracting(FieldError::message).containsExactly("must be after the birth date");
    }

    @Test
    void regularizedAtMustFollowJoinedAtAndNotBeInTheFuture() {
        LocalDate joined = LocalDate.of(2020, 7, 1);
        assertThat(MemberRules.check(new Facts(ID, null, Category.FULL, joined, joined), TODAY))
                .extracting(FieldError::message).containsExactly("must be after joinedAt");
        assertThat(MemberRules.check(new Facts(ID, null, Category.FULL, joined, TODAY.plusDays(1)), TODAY))
                .extracting(FieldError::message).containsExactly("cannot be in the future");
    }

    @Test
    void aProbationaryMemberHasNoRegularizationDate() {
        assertThat(MemberRules.check(new Facts(ID, null, Category.PROBATIONARY, LocalDate.of(2020, 7, 1), LocalDate.of(2021, 7, 1)), TODAY))
                .extracting(FieldError::field).containsExactly("regularizedAt");
    }

    @Test
    void anInvalidIdNumberIsNamedAndTheOtherRulesStillApply() {
        assertThat(MemberRules.check(new Facts("123", null, Category.FULL, TODAY.plusDays(3), null), TODAY))
                .extracting(FieldError::field).containsExactly("idNumber", "joinedAt");
    }
}
