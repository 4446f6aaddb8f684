package cn.lianxin.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;

import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void aConnectionRefusedOrLostIsTheDatabaseBeingUnavailable() {
        SQLException refused = new SQLException("The connection attempt failed.", "08001");
        assertThat(DatabaseUnavailable.causedBy(new PersistenceException("could not prepare", refused))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException("Sorry, acquisition timeout!")))).isTrue();
    }

    @Test
    void aCommitThatLostItsConnectionIsTheDatabaseBeingUnavailableThoughTheIoErrorIsOnlySuppressed() {
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new IllegalStateException("Error trying to transactionCommit local transaction",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(rollback))).isTrue();
    }

    @Test
    void aConstraintViolationOrABugIsNot() {
        assertThat(DatabaseUnavailable.causedBy(new PersistenceException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new NullPointerException())).isFalse();
    }
}
