package cn.lianxin.member.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import cn.lianxin.platform.problem.Problem.FieldError;

/**
 * Standing changes that do not come from a case (docs/domain.md §3b): what each kind must carry, as a pure function of the
 * facts and the present. 去世 needs the day and how it was learned; 退党 the application day and the branch decision;
 * 开除党籍 the disciplinary decision and the organization that approved it.
 */
public final class StandingChangeRules {

    private StandingChangeRules() {
    }

    /** The facts of one recorded change; null means "not given". */
    public record Facts(Standing to, LocalDate diedOn, String learnedHow, LocalDate applicationDate, String decisionRef,
            String approvingOrg, Instant effectiveAt) {
    }

    /** Every missing or impossible fact, by field; empty when the change may be recorded. */
    public static List<FieldError> check(Facts facts, Instant now, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (facts.to() == null) {
            errors.add(new FieldError("to", "is required: DECEASED, WITHDRAWN or EXPELLED"));
            return errors;
        }
        switch (facts.to()) {
            case DECEASED -> {
                required(facts.diedOn(), "diedOn", "the day of death", errors);
                required(facts.learnedHow(), "learnedHow", "how the organization learned of the death (e.g. 家属告知)", errors);
                notAfter(facts.diedOn(), today, "diedOn", errors);
            }
            case WITHDRAWN -> {
                required(facts.applicationDate(), "applicationDate", "the day of the 退党 application", errors);
                required(facts.decisionRef(), "decisionRef", "the branch decision (支部决定) reference", errors);
                notAfter(facts.applicationDate(), today, "applicationDate", errors);
            }
            case EXPELLED -> {
                required(facts.decisionRef(), "decisionRef", "the disciplinary decision (处分决定) reference", errors);
                required(facts.approvingOrg(), "approvingOrg", "the organization that approved the 开除党籍", errors);
            }
            default -> errors.add(new FieldError("to", "must be DECEASED, WITHDRAWN or EXPELLED; other standings follow a case decision"));
        }
        if (facts.effectiveAt() != null && facts.effectiveAt().isAfter(now)) {
            errors.add(new FieldError("effectiveAt", "cannot be in the future"));
        }
        return errors;
    }

    private static void required(Object value, String field, String what, List<FieldError> errors) {
        if (value == null || value instanceof String text && text.isBlank()) {
            errors.add(new FieldError(field, "is required: " + what));
        }
    }

    private static void notAfter(LocalDate day, LocalDate today, String field, List<FieldError> errors) {
        if (day != null && day.isAfter(today)) {
            errors.add(new FieldError(field, "cannot be in the future"));
        }
    }
}
