package cn.lianxin.member;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the tests that hold a row or index in an open transaction wait for: the request's session blocked by it. */
final class HeldLocks {

    private HeldLocks() {
    }

    /**
     * Sessions that wait for a lock {@code holder}'s open transaction holds ({@code pg_blocking_pids}): precise also
     * while other sessions of the database wait for locks of their own.
     */
    static int sessionsBlockedBy(Connection holder) throws SQLException {
        // pg_stat_activity is read once per transaction and kept (stats_fetch_consistency = cache): the holder asks
        // from inside its open transaction, so without this it would see the sessions of its first look for good, and
        // a session that took its pooled connection after that look (the roster import's job) would never be counted
        try (PreparedStatement clear = holder.prepareStatement("SELECT pg_stat_clear_snapshot()")) {
            clear.execute();
        }
        try (PreparedStatement query = holder.prepareStatement("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND pg_backend_pid() = ANY (pg_blocking_pids(pid))""");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
