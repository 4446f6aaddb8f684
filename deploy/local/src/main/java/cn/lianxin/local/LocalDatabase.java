package cn.lianxin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL for the local stack: the server at 127.0.0.1:5432 when one is listening, otherwise an embedded
 * PostgreSQL from Maven Central binaries (PostgreSQL refuses to run as root, so not for root). The
 * services share the database {@code lianxin}, one schema each.
 */
final class LocalDatabase implements AutoCloseable {

    private static final String DATABASE = "lianxin";

    private final int port;
    private final String user;
    private final EmbeddedPostgres embedded;

    private LocalDatabase(int port, String user, EmbeddedPostgres embedded) {
        this.port = port;
        this.user = user;
        this.embedded = embedded;
    }

    static LocalDatabase start(Path state, boolean fresh) {
        LocalDatabase database;
        if (listening(5432)) {
            database = new LocalDatabase(5432, System.getenv().getOrDefault("LIANXIN_DB_USER", "postgres"), null);
        } else if ("root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("No PostgreSQL on 127.0.0.1:5432, and an embedded one cannot run as root. Start the "
                    + "local cluster: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
        } else {
            try {
                EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                        .setDataDirectory(state.resolve("pgdata"))
                        .setCleanDataDirectory(fresh)
                        .setPort(5432)
                        .start();
                database = new LocalDatabase(5432, "postgres", embedded);
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        database.prepare(fresh);
        return database;
    }

    String jdbcUrl() {
        return url(DATABASE);
    }

    String user() {
        return user;
    }

    String password() {
        return System.getenv().getOrDefault("LIANXIN_DB_PASSWORD", "");
    }

    String describe() {
        return (embedded == null ? "127.0.0.1:" + port : "embedded, 127.0.0.1:" + port) + " database " + DATABASE;
    }

    /** A fresh local state starts from an empty database, so that it matches the new keys and broker. */
    private void prepare(boolean fresh) {
        try (Connection connection = DriverManager.getConnection(url("postgres"), user, password());
                Statement statement = connection.createStatement()) {
            if (fresh) {
                statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            }
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
