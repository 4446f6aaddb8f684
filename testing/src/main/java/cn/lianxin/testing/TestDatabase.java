package cn.lianxin.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import cn.lianxin.bootstrap.DatabaseRoles;
import cn.lianxin.bootstrap.PostgresChoice;
import cn.lianxin.bootstrap.TestServer;

/**
 * A fresh PostgreSQL database for one test JVM, on the real server (127.0.0.1:5432 unless
 * {@code LIANXIN_TEST_DB_HOST}/{@code _PORT}/{@code _USER}/{@code _PASSWORD} say otherwise), so that runs
 * never see each other's data. Dropped when the JVM is done with it.
 *
 * <p>Which server is {@link TestServer}'s decision ({@link PostgresChoice}'s, the same as {@code deploy/local/up}'s):
 * when nothing answers at 127.0.0.1 and the tests do not run as root, the embedded PostgreSQL that the test JVMs of
 * this user share, on {@value TestServer#EMBEDDED_PORT}. When no database is possible, the first test that needs one
 * fails at once, and every later one in the JVM too, with one line that says what to do.
 *
 * <p>Like a deployment, it has each service's schema owned by that service's owner role and the services connect
 * as their runtime roles ({@link DatabaseRoles}); {@link #user()} and {@link #password()} are the administrator's,
 * for the harness only.
 */
public final class TestDatabase {

    private final String host;
    private final String port;
    private final String user;
    private final String password;
    private final String name;

    private TestDatabase(TestServer server, String name) {
        this.host = server.host();
        this.port = Integer.toString(server.port());
        this.user = server.user();
        this.password = server.password();
        this.name = name;
    }

    public static TestDatabase create(String purpose) {
        TestDatabase database = new TestDatabase(TestServer.get(), ("lianxin_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
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
}
