package cn.lianxin.platform.inbox;

import java.sql.SQLException;
import java.util.Set;

import cn.lianxin.platform.problem.DatabaseUnavailable;

/**
 * Whether a failure to apply an event will likely pass if the same event is tried again: the database out of reach
 * ({@link DatabaseUnavailable}), or a conflict PostgreSQL resolved by aborting this transaction (serialization failure,
 * deadlock, lock not available, the server shutting down or out of connections).
 */
final class TransientFailure {

    /** SQLStates of a transaction worth repeating as it was. */
    private static final Set<String> RETRYABLE_STATES = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now
            "53300"); // too_many_connections

    private TransientFailure() {
    }

    static boolean causedBy(Throwable failure) {
        return DatabaseUnavailable.causedBy(failure) || retryableState(failure, 0);
    }

    private static boolean retryableState(Throwable t, int depth) {
        if (t == null || depth > 20) {
            return false;
        }
        if (t instanceof SQLException sql && RETRYABLE_STATES.contains(sql.getSQLState())) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (retryableState(suppressed, depth + 1)) {
                return true;
            }
        }
        return t.getCause() != t && retryableState(t.getCause(), depth + 1);
    }
}
