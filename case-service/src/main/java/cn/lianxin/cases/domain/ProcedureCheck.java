package cn.lianxin.cases.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * Whether a decision may be recorded (docs/domain.md §3): every missing or failing part is listed, never only the
 * first, so that a secretary can fix the whole file at once.
 */
public final class ProcedureCheck {

    /** What the check needs to know about the case. */
    public record CaseFacts(CaseState state, String category, Instant lostSince, Collection<SearchChannel> channels,
            Instant suspendedAt, Instant foundAt) {
    }

    /** The decision as submitted. */
    public record Proposal(DispositionType type, Procedure procedure, Integer correctionMonths,
            LocalDate readmissionBarUntil) {
    }

    /**
     * The thresholds the check applies (a city's policy, docs/domain.md §3): 限期改正 from {@code correctionMinMonths}
     * to {@code correctionMaxMonths}, no re-admission within {@code readmissionBar} after 劝退/除名, 恢复党籍 for a
     * member found within {@code restoreWithin} of the suspension, and rule C4's {@code suspensionAfter} and
     * {@code suspensionMinChannels}.
     */
    public record Thresholds(int correctionMinMonths, int correctionMaxMonths, Period readmissionBar,
            Period restoreWithin, Period suspensionAfter, int suspensionMinChannels) {
    }

    private static final Set<CaseState> FOUND_ONLY = Set.of(CaseState.FOUND);

    private ProcedureCheck() {
    }

    public static List<FieldError> check(Proposal decision, CaseFacts facts, Thresholds rules, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        DispositionType type = decision.type();
        if (type == null) {
            errors.add(new FieldError("type", "required"));
            return errors;
        }
        LocalDate today = ShanghaiCalendar.dateOf(now);
        Procedure procedure = decision.procedure();
        if (procedure == null) {
            if (type != DispositionType.REINTEGRATED) {
                errors.add(new FieldError("procedure", "required for " + type));
            }
        } else {
            checkProcedure(procedure, today, errors);
        }
        if (type.changesStanding() && (procedure == null || !Procedure.hasText(procedure.approvalRef()))) {
            errors.add(new FieldError("procedure.approvalRef",
                    "the superior organization's approval reference (上级党组织批复文号) is required for a standing change"));
        }
        if (type == DispositionType.CORRECTION) {
            Integer months = decision.correctionMonths();
            if (months == null || months < rules.correctionMinMonths() || months > rules.correctionMaxMonths()) {
                errors.add(new FieldError("correctionMonths", "限期改正 must last " + rules.correctionMinMonths() + " to "
                        + rules.correctionMaxMonths() + " months"));
            }
        }
        if (type.barsReadmission() && decision.readmissionBarUntil() != null
                && decision.readmissionBarUntil().isBefore(readmissionBarFrom(today, rules))) {
            errors.add(new FieldError("readmissionBarUntil",
                    "劝退/除名 bars re-admission for " + rules.readmissionBar() + ": not before " + readmissionBarFrom(today, rules)));
        }
        checkState(type, facts, rules, now, errors);
        return errors;
    }

    public static LocalDate readmissionBarFrom(LocalDate decidedOn, Thresholds rules) {
        return decidedOn.plus(rules.readmissionBar());
    }

    private static void checkProcedure(Procedure p, LocalDate today, List<FieldError> errors) {
        if (!Procedure.hasText(p.body())) {
            errors.add(new FieldError("procedure.body", "the deciding body (e.g. 支部大会) is required"));
        }
        if (p.meetingDate() == null) {
            errors.add(new FieldError("procedure.meetingDate", "required"));
        } else if (p.meetingDate().isAfter(today)) {
            errors.add(new FieldError("procedure.meetingDate", "must not be in the future"));
        }
        requireCount("procedure.eligible", p.eligible(), 1, errors);
        requireCount("procedure.present", p.present(), 0, errors);
        requireCount("procedure.votesFor", p.votesFor(), 0, errors);
        requireCount("procedure.votesAgainst", p.votesAgainst(), 0, errors);
        requireCount("procedure.abstentions", p.abstentions(), 0, errors);
        if (p.eligible() != null && p.present() != null) {
            if (p.present() > p.eligible()) {
                errors.add(new FieldError("procedure.present", "cannot exceed the eligible members (" + p.eligible() + ")"));
            } else if (2 * p.present() <= p.eligible()) {
                errors.add(new FieldError("procedure.present", "no quorum: " + p.present() + " of " + p.eligible()
                        + " eligible members present, more than half required"));
            }
        }
        if (p.present() != null && p.votesFor() != null && p.votesAgainst() != null && p.abstentions() != null
                && p.votesFor() + p.votesAgainst() + p.abstentions() > p.present()) {
            errors.add(new FieldError("procedure.votesFor", "votes cast exceed the members present (" + p.present() + ")"));
        }
        // A resolution passes with more than half of the eligible members voting for it (赞成人数超过应到会党员的半数).
        if (p.eligible() != null && p.votesFor() != null && 2 * p.votesFor() <= p.eligible()) {
            errors.add(new FieldError("procedure.votesFor", "no majority: " + p.votesFor() + " for, more than half of "
                    + p.eligible() + " eligible members required"));
        }
        if (p.talk() == null) {
            errors.add(new FieldError("procedure.talkRecord",
                    "a talk record (谈话记录) or evidence that talking was impossible (procedure.talkImpossibleEvidence) is required"));
        }
    }

    private static void requireCount(String field, Integer value, int min, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "required"));
        } else if (value < min) {
            errors.add(new FieldError(field, "must be at least " + min));
        }
    }

    private static void checkState(DispositionType type, CaseFacts facts, Thresholds rules, Instant now,
            List<FieldError> errors) {
        switch (type) {
            case REINTEGRATED, CORRECTION, PERSUADED_TO_QUIT -> requireState(type, facts, FOUND_ONLY, errors);
            case REMOVED -> requireState(type, facts, Set.of(CaseState.FOUND, CaseState.REMOVAL_PROPOSED), errors);
            case SUSPENDED -> {
                if (!"FULL".equals(facts.category())) {
                    errors.add(new FieldError("type", "a probationary member's probation is cancelled (PROBATION_CANCELLED), not suspended"));
                }
                requireSuspensionConditions(type, facts, rules, now, errors);
            }
            case PROBATION_CANCELLED -> {
                if (!"PROBATIONARY".equals(facts.category())) {
                    errors.add(new FieldError("type", "only a probationary member's probation can be cancelled"));
                }
                if (facts.state() != CaseState.FOUND) {
                    requireSuspensionConditions(type, facts, rules, now, errors);
                }
            }
            case RESTORED -> {
                requireState(type, facts, FOUND_ONLY, errors);
                if (facts.suspendedAt() == null) {
                    errors.add(new FieldError("type", "the member's standing was not suspended in this case"));
                } else if (facts.foundAt() != null
                        && facts.foundAt().isAfter(ShanghaiCalendar.plus(facts.suspendedAt(), rules.restoreWithin()))) {
                    errors.add(new FieldError("type", "恢复党籍 only for a member found within " + rules.restoreWithin()
                            + " of the suspension (suspended " + facts.suspendedAt() + ", found " + facts.foundAt() + ")"));
                }
            }
        }
    }

    /** SUSPENDED (and PROBATION_CANCELLED of a missing member) only after rule C4's conditions. */
    private static void requireSuspensionConditions(DispositionType type, CaseFacts facts, Thresholds rules, Instant now,
            List<FieldError> errors) {
        if (requireState(type, facts, Set.of(CaseState.OPEN, CaseState.SUSPENSION_PROPOSED, CaseState.FOUND), errors)
                && facts.state() != CaseState.FOUND) {
            SuspensionCriteria c4 = SuspensionCriteria.evaluate(facts.lostSince(), now, facts.channels(),
                    rules.suspensionAfter(), rules.suspensionMinChannels());
            c4.missing().forEach(m -> errors.add(new FieldError("type", "rule C4 not met: " + m)));
        } else if (facts.state() == CaseState.FOUND && type == DispositionType.SUSPENDED) {
            errors.add(new FieldError("type", "the member has been found: 停止党籍 applies to a member still missing"));
        }
    }

    private static boolean requireState(DispositionType type, CaseFacts facts, Set<CaseState> allowed,
            List<FieldError> errors) {
        if (!allowed.contains(facts.state())) {
            errors.add(new FieldError("type", type + " cannot be decided while the case is " + facts.state()
                    + " (allowed: " + allowed.stream().map(Enum::name).sorted().toList() + ")"));
            return false;
        }
        return true;
    }
}
