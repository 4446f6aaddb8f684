package cn.lianxin.member.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import jakarta.transaction.RollbackException;

import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

import cn.lianxin.platform.problem.Problem.FieldError;

class UniqueViolationsTest {

    @Test
    void aUniqueViolationDeepInAFailedCommitIsAConflictOnTheConstraintsField() {
        RollbackException commit = new RollbackException("commit failed");
        commit.initCause(new ConstraintViolationException("could not execute statement",
                new SQLException("duplicate key value violates unique constraint \"annual_review_member_id_year_key\"", "23505"),
                "annual_review_member_id_year_key"));

        var problem = UniqueViolations.conflict(commit).orElseThrow().toProblem();

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("year");
    }

    @Test
    void theConstraintNameIsReadFromPostgresqlsMessageWhenHibernateGivesNone() {
        var problem = UniqueViolations.conflict(new RuntimeException(new SQLException(
                "ERROR: duplicate key value violates unique constraint \"member_id_number_index\"", "23505"))).orElseThrow()
                .toProblem();

        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("idNumber");
    }

    @Test
    void anUnknownConstraintIsStillAConflictAndOtherFailuresAreNot() {
        assertThat(UniqueViolations.conflict(new SQLException("duplicate key", "23505")).orElseThrow().status()).isEqualTo(409);
        assertThat(UniqueViolations.conflict(new SQLException("null value", "23502"))).isEmpty();
        assertThat(UniqueViolations.conflict(new IllegalStateException("boom"))).isEmpty();
    }
}
