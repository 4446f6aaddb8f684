package cn.lianxin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import cn.lianxin.bootstrap.DatabaseRoles;

/**
 * PostgreSQL for the local stack: the server at 127.0.0.1:5432 when one is listening, otherwise an embedded
 * PostgreSQL from Maven Central binaries whose data stays in {@code target/local/pgdata} between runs
 * (PostgreSQL refuses to run as root, so not for root). The services share one database, one schema each.
 *
 * <p>The server may be shared with other checkouts and with the user's own databases, so the launcher drops or
 * reuses only a database that it created itself and marked with this checkout's id (see {@link Checkout});
 * any other database of the name is refused, never touched.
 *
 * <p>{@link #user()} and {@link #password()} are the administrator's, for the launcher only: each service connects as
 * its own roles ({@link DatabaseRoles}), which {@link #prepare} creates.
 */
final class LocalDatabase implements AutoCloseable {

    static final int PORT = 5432;

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** What to do with the database of the chosen name. */
    enum Plan {
        /** It is ours and holds the state the rest of {@code target/local} belongs to. */
        USE,
        /** There is none: create it (the rest of the local state starts afresh with it). */
        CREATE,
        /** It is ours, and a fresh start was asked for (or the local state that went with it is gone). */
        RECREATE
    }

    private final String name;
    private final String user;
    private final EmbeddedPostgres embedded;
    private boolean created;

    private LocalDatabase(String name, String user, EmbeddedPostgres embedded) {
        this.name = name;
        this.user = user;
        this.embedded = embedded;
    }

    /**
     * Connects to (or starts) PostgreSQL and prepares database {@code name} for {@code checkout}: creates it when
     * missing, recreates it when {@code fresh}, and refuses ({@link Refusal}) a database it did not create.
     */
    static LocalDatabase start(Path state, Checkout checkout, String name, boolean fresh) {
        LocalDatabase database = connect(state, name);
        try {
            database.prepare(checkout, fresh);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** The server at 127.0.0.1:5432, or an embedded one started there when none listens; {@link #prepare} comes next. */
    static LocalDatabase connect(Path state, String name) {
        requireValidName(name);
        if (listening(PORT)) {
            return new LocalDatabase(name, System.getenv().getOrDefault("LIANXIN_DB_USER", "postgres"), null);
        }
        if ("root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("No PostgreSQL on 127.0.0.1:5432, and an embedded one cannot run as root. Start the "
                    + "local cluster: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
        }
        return new LocalDatabase(name, "postgres", startEmbedded(state.resolve("pgdata")));
    }

    /**
     * The embedded server keeps its cluster in {@code pgdata}: never cleaned on stop (zonky's default is to delete
     * it), and initialised only when it holds no cluster yet, so the data of one run is there in the next.
     */
    static EmbeddedPostgres.Builder embedded(Path pgdata) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgdata)
                .setCleanDataDirectory(false)
                .setPort(PORT);
    }

    /**
     * A data directory without {@code postgresql.conf} is what an interrupted initdb leaves: it holds no data, and
     * initdb refuses a directory that is not empty, so it goes. A complete cluster is always kept.
     */
    static void clearUnfinishedCluster(Path pgdata) throws IOException {
        if (Files.isDirectory(pgdata) && !Files.exists(pgdata.resolve("postgresql.conf"))) {
            LocalStack.deleteRecursively(pgdata);
        }
    }

    /** What to do with the database of the name, given what the server has: {@code comment} is empty when there is none. */
    static Plan plan(Optional<String> comment, Checkout checkout, boolean fresh, String what) {
        if (comment.isEmpty()) {
            return Plan.CREATE;
        }
        if (!checkout.created(comment.get())) {
            throw new Refusal(what + " was not created by this checkout (" + checkout.root() + "), so it is left alone.\n"
                    + "Set LIANXIN_LOCAL_DB=<another name> to use another database, or drop this one yourself if nothing in it is "
                    + "needed any more.");
        }
        return fresh ? Plan.RECREATE : Plan.USE;
    }

    String name() {
        return name;
    }

    /** Whether the database was created by this start: then everything else in the local state must start afresh too. */
    boolean created() {
        return created;
    }

    String jdbcUrl() {
        return url(name);
    }

    String user() {
        return user;
    }

    String password() {
        return System.getenv().getOrDefault("LIANXIN_DB_PASSWORD", "");
    }

    String describe() {
        return (embedded == null ? "127.0.0.1:" + PORT : "embedded, 127.0.0.1:" + PORT) + " database " + name;
    }

    /** Which database the local state belongs to; a state that belongs to another is not reused. */
    String identity() {
        return (embedded == null ? "" : "embedded ") + jdbcUrl();
    }

    /**
     * Makes the database ready for {@code checkout}: creates it when missing, recreates it when {@code fresh}, and
     * refuses ({@link Refusal}) one it did not create. The mark goes on right after CREATE DATABASE, which cannot
     * run in a transaction with it.
     */
    void prepare(Checkout checkout, boolean fresh) {
        try (Connection connection = DriverManager.getConnection(url("postgres"), user, password());
                Statement statement = connection.createStatement()) {
            Plan plan = plan(comment(connection), checkout, fresh, "database '" + name + "' on 127.0.0.1:" + PORT);
            if (plan == Plan.RECREATE) {
                statement.execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
            if (plan != Plan.USE) {
                statement.execute("CREATE DATABASE " + name);
                statement.execute("COMMENT ON DATABASE " + name + " IS '" + checkout.comment().replace("'", "''") + "'");
                created = true;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + name + ": " + e.getMessage(), e);
        }
        // Every start, as a deployment does on every upgrade: the services' roles, and each schema with everything
        // in it owned by its service's owner role (a database of an earlier version of the launcher, where all of it
        // belonged to the administrator, changes hands here). Only this database, ours, is touched; existing roles
        // are left as they are.
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), user, password())) {
            DatabaseRoles.bootstrap(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the service roles in database " + name + ": " + e.getMessage(), e);
        }
    }

    /** The comment on the database ("" for none), or empty when there is no such database. */
    private Optional<String> comment(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
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
        return "jdbc:postgresql://127.0.0.1:" + PORT + "/" + database;
    }

    private static EmbeddedPostgres startEmbedded(Path pgdata) {
        try {
            clearUnfinishedCluster(pgdata);
            return embedded(pgdata).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private static void requireValidName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("LIANXIN_LOCAL_DB must be a plain PostgreSQL name (lower-case letters, digits, _), got " + name);
        }
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
