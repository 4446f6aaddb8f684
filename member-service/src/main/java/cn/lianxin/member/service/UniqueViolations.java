package cn.lianxin.member.service;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;

/**
 * A unique constraint that refused a write (PostgreSQL SQLState 23505), e.g. when two requests register the same ID
 * number at the same moment: both pass the look-up, the database lets one commit. Becomes a 409, never a 500.
 */
public final class UniqueViolations {

    public static final String UNIQUE_VIOLATION = "23505";
    private static final Logger LOG = Logger.getLogger(UniqueViolations.class);

    /** The field a caller can act on, and what it says, per constraint (names from db/migration). */
    private static final Map<String, FieldError> FIELDS = Map.of(
            "member_id_number_index", new FieldError("idNumber", "is already registered (by a request at the same moment)"),
            "outflow_one_open", new FieldError("memberId", "already has an open outflow (流动登记)"),
            "transfer_one_open", new FieldError("memberId", "already has a transfer waiting for its receipt"),
            "annual_review_member_id_year_key", new FieldError("year", "is already reviewed for this member"),
            "roster_filing_one_active", new FieldError("year", "the branch's roster of this year is already filed (by a request at the same moment)"),
            "roster_filing_org_id_year_version_key", new FieldError("year", "the branch's roster of this year is already filed (by a request at the same moment)"));

    private UniqueViolations() {
    }

    /** The 409 for a unique violation anywhere in the cause chain of {@code failure}. */
    public static Optional<ProblemException> conflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                String constraint = constraintName(failure, sql);
                // the constraint and the SQLState only: the driver's messages may carry the values (personal data)
                LOG.warnf("A write was refused by unique constraint %s (SQLState %s): 409", constraint, UNIQUE_VIOLATION);
                return Optional.of(conflictOn(constraint));
            }
        }
        return Optional.empty();
    }

    private static ProblemException conflictOn(String constraint) {
        FieldError field = constraint == null ? null : FIELDS.get(constraint);
        if (field == null) {
            return ProblemException.conflict("The change conflicts with a record written at the same moment; reload and try again");
        }
        return new ProblemException(409, "Conflict", field.field() + ": " + field.message(), List.of(field));
    }

    /** Hibernate names the constraint; else PostgreSQL's message does ({@code … constraint "name"}). */
    private static String constraintName(Throwable failure, SQLException sql) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException hibernate
                    && hibernate.getConstraintName() != null) {
                return hibernate.getConstraintName();
            }
        }
        String message = String.valueOf(sql.getMessage());
        int start = message.indexOf("constraint \"");
        if (start < 0) {
            return null;
        }
        int end = message.indexOf('"', start + 12);
        return end < 0 ? null : message.substring(start + 12, end);
    }
}
