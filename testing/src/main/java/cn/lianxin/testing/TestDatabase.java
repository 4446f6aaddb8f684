package cn.lianxin.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import cn.lianxin.bootstrap.DatabaseRoles;

/**
 * A fresh PostgreSQL database for one test JVM, on the real server (127.0.0.1:5432 unless
 * {@code LIANXIN_TEST_DB_HOST}/{@code _PORT}/{@code _USER}/{@code _PASSWORD} say otherwise), so that runs
 * never see each other's data. Dropped when the JVM is done with it.
 *
 * <p>Like a deployment, it has each service's schema owned by that service's owner role and the services connect
 * as their runtime roles ({@link DatabaseRoles}); {@link #user()} and {@link #password()} are the administrator's,
 * for the harness only.
 */
public final class TestDatabase {

    private final String host = env("LIANXIN_TEST_DB_HOST", "127.0.0.1");
    private final String port = env("LIANXIN_TEST_DB_PORT", "5432");
    private final String user = env("LIANXIN_TEST_DB_USER", "postgres");
    private final String password = env("LIANXIN_TEST_DB_PASSWORD", "");
    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create(String purpose) {
        TestDatabase database = new TestDatabase(("lianxin_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .replaceAll("[^a-z0-9_]", "_"));
        database.execute("CREATE DATABASE " + database.name);
        try (Connection admin = database.connectAsAdmin()) {
            DatabaseRoles.bootstrap(admin);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the service roles in " + database.name + ": " + e.getMessage(), e);
        }
        return database;
    }

    /** A connection to this database as the administrator: beyond every grant, for what a test must set up or check. */
    public Connection connectAsAdmin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    public String jdbcUrl() {
        return url(name);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String name() {
        return name;
    }

    public void drop() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url("postgres"), user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused '" + sql + "': " + e.getMessage()
                    + " — is it running? (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)", e);
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
