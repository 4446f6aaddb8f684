package cn.lianxin.member.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import cn.lianxin.platform.problem.Problem.FieldError;

/** The register's rules about a member's ID number and dates, as pure functions of the facts and today. */
public final class MemberRules {

    private MemberRules() {
    }

    /** The facts of a member the date rules look at; {@code idNumber} null when it is not being set. */
    public record Facts(String idNumber, LocalDate birthDate, Category category, LocalDate joinedAt,
            LocalDate regularizedAt) {
    }

    /** Every broken rule, by field; empty when the facts are acceptable. */
    public static List<FieldError> check(Facts facts, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate birth = facts.birthDate();
        if (facts.idNumber() != null) {
            try {
                ResidentIdNumber id = ResidentIdNumber.parse(facts.idNumber(), today);
                if (birth != null && !birth.equals(id.birthDate())) {
                    errors.add(new FieldError("birthDate", "does not match the birth date in the ID number (" + id.birthDate() + ")"));
                }
                birth = id.birthDate();
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("idNumber", e.getMessage()));
            }
        }
        if (facts.birthDate() != null && facts.birthDate().isAfter(today)) {
            errors.add(new FieldError("birthDate", "cannot be in the future"));
        }
        if (facts.joinedAt() != null) {
            if (facts.joinedAt().isAfter(today)) {
                errors.add(new FieldError("joinedAt", "cannot be in the future"));
            }
            if (birth != null && !facts.joinedAt().isAfter(birth)) {
                errors.add(new FieldError("joinedAt", "must be after the birth date"));
            }
        }
        LocalDate regularized = facts.regularizedAt();
        if (regularized != null) {
            if (facts.category() == Category.PROBATIONARY) {
                errors.add(new FieldError("regularizedAt", "a probationary member (预备党员) has no regularization date"));
            }
            if (facts.joinedAt() != null && !regularized.isAfter(facts.joinedAt())) {
                errors.add(new FieldError("regularizedAt", "must be after joinedAt"));
            }
            if (regularized.isAfter(today)) {
                errors.add(new FieldError("regularizedAt", "cannot be in the future"));
            }
        }
        return errors;
    }
}
