package cn.lianxin.member.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;

import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;

/** Collects every refusal of a request (bean validation and domain rules) so that one 400 names them all. */
final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    static FieldErrors of(Set<? extends ConstraintViolation<?>> violations) {
        FieldErrors errors = new FieldErrors();
        violations.forEach(v -> errors.add(v.getPropertyPath().toString(), v.getMessage()));
        return errors;
    }

    FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    void throwIfAny(String detail) {
        if (!errors.isEmpty()) {
            List<FieldError> sorted = errors.stream().sorted(Comparator.comparing(FieldError::field)).toList();
            throw ProblemException.badRequest(detail + ": " + sorted.stream().map(e -> e.field() + " " + e.message())
                    .reduce((a, b) -> a + "; " + b).orElse(""), sorted);
        }
    }
}
