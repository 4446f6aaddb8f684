package cn.lianxin.platform.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure means the database could not be reached (connection refused or lost, no connection to be had
 * from the pool): the request is answered 503, not 500, since nothing is wrong with it or with the service.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        return reason(failure) != null;
    }

    /**
     * The message of the cause that shows the database is out of reach; null when none does. Suppressed exceptions
     * count too: a commit that lost its connection surfaces as a RollbackException with the I/O error suppressed.
     */
    static String reason(Throwable failure) {
        return reason(failure, 0);
    }

    private static String reason(Throwable t, int depth) {
        if (t == null || depth > 20) {
            return null;
        }
        if (t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException) {
            return t.getMessage();
        }
        // SQLState class 08: connection exception (refused, lost, failed while open).
        if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            return t.getMessage();
        }
        // Agroal's pool gave up waiting for a connection (it reports no SQLState).
        if (t instanceof SQLException sql && sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) {
            return t.getMessage();
        }
        for (Throwable suppressed : t.getSuppressed()) {
            String reason = reason(suppressed, depth + 1);
            if (reason != null) {
                return reason;
            }
        }
        return t.getCause() == t ? null : reason(t.getCause(), depth + 1);
    }
}
