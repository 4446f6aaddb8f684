package cn.lianxin.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the services' tables directly, as an operator checking for loss and duplicates would. */
final class Database {

    private final String url;
    private final String user;
    private final String password;

    private Database(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * The database at {@code url} as the administrator the tests create databases with (TestDatabase's
     * {@code LIANXIN_TEST_DB_USER}, {@code _PASSWORD}): it reads every service's schema, which no service role may.
     */
    static Database asAdministrator(String url) {
        return new Database(url, env("LIANXIN_TEST_DB_USER", "postgres"), env("LIANXIN_TEST_DB_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The first column of every row of {@code sql}, as text. */
    List<String> column(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    long count(String sql, Object... parameters) {
        return Long.parseLong(column(sql, parameters).get(0));
    }
}
