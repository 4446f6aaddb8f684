package cn.lianxin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import cn.lianxin.bootstrap.DatabaseRoles;
import cn.lianxin.bootstrap.EmbeddedPostgresql;
import cn.lianxin.bootstrap.PostgresChoice;

/**
 * PostgreSQL for the local stack: the server at 127.0.0.1:5432 (or {@code LIANXIN_LOCAL_DB_HOST}/{@code _PORT}, as
 * {@code LIANXIN_LOCAL_DB_USER}/{@code _PASSWORD}) when one answers there, otherwise an embedded PostgreSQL from Maven
 * Central binaries on that port whose data stays in {@code target/local/pgdata} between runs (PostgreSQL refuses to
 * run as root, so not for root) — {@link PostgresChoice}'s decision and {@link EmbeddedPostgresql}'s server, the same
 * as the tests'. The services share one database, one schema each.
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

    /** Where the server is and as whom the launcher connects: from the environment, {@link #settings}. */
    record Settings(String host, int port, String user, String password) {
    }

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
    private final Settings settings;
    private final EmbeddedPostgres embedded;
    private boolean created;

    private LocalDatabase(String name, Settings settings, EmbeddedPostgres embedded) {
        this.name = name;
        this.settings = settings;
        this.embedded = embedded;
    }

    /**
     * The server named by {@code LIANXIN_LOCAL_DB_HOST}, {@code _PORT}, {@code _USER} and {@code _PASSWORD} (defaults:
     * 127.0.0.1, 5432, postgres, none; {@code LIANXIN_DB_USER}/{@code _PASSWORD}, which earlier launchers read, still
     * count when the new names are not set).
     */
    static Settings settings(Map<String, String> env) {
        return new Settings(
                value(env, "LIANXIN_LOCAL_DB_HOST", "127.0.0.1"),
                Integer.parseInt(value(env, "LIANXIN_LOCAL_DB_PORT", Integer.toString(PORT))),
                value(env, "LIANXIN_LOCAL_DB_USER", value(env, "LIANXIN_DB_USER", EmbeddedPostgresql.USER)),
                value(env, "LIANXIN_LOCAL_DB_PASSWORD", value(env, "LIANXIN_DB_PASSWORD", "")));
    }

    /**
     * Connects to (or starts) PostgreSQL and prepares database {@code name} for {@code checkout}: creates it when
     * missing, recreates it when {@code fresh}, and refuses ({@link Refusal}) a database it did not create.
     */
    static LocalDatabase start(Path state, Checkout checkout, String name, boolean fresh) {
        return start(state, checkout, name, fresh, settings(System.getenv()));
    }

    /** {@link #start(Path, Checkout, String, boolean)} on the server of {@code settings}. */
    static LocalDatabase start(Path state, Checkout checkout, String name, boolean fresh, Settings settings) {
        LocalDatabase database = connect(state, name, settings);
        try {
            database.prepare(checkout, fresh);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** The server of {@link #settings}, or an embedded one started there when none answers; {@link #prepare} comes next. */
    static LocalDatabase connect(Path state, String name) {
        return connect(state, name, settings(System.getenv()));
    }

    static LocalDatabase connect(Path state, String name, Settings settings) {
        requireValidName(name);
        PostgresChoice.Choice choice = PostgresChoice.choose(PostgresChoice.Purpose.LOCAL_STACK, settings.host(), settings.port(),
                settings.port());
        if (choice instanceof PostgresChoice.Impossible impossible) {
            throw new Refusal(impossible.message());
        }
        if (choice instanceof PostgresChoice.Running) {
            return new LocalDatabase(name, settings, null);
        }
        Settings embedded = new Settings("127.0.0.1", settings.port(), EmbeddedPostgresql.USER, "");
        return new LocalDatabase(name, embedded, EmbeddedPostgresql.start(state.resolve("pgdata"), settings.port()));
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
        return settings.user();
    }

    String password() {
        return settings.password();
    }

    /** Whether this is the embedded server the launcher started (and stops). */
    boolean embedded() {
        return embedded != null;
    }

    String describe() {
        return (embedded == null ? "" : "embedded, ") + where() + " database " + name;
    }

    private String where() {
        return settings.host() + ":" + settings.port();
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
        try (Connection connection = DriverManager.getConnection(url("postgres"), user(), password());
                Statement statement = connection.createStatement()) {
            Plan plan = plan(comment(connection), checkout, fresh, "database '" + name + "' on " + where());
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
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), user(), password())) {
            DatabaseRoles.bootstrap(connection);
            refuseAHistoryFromBeforeTheBaseline(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the service roles in database " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The first platform migration every service applied before the migrations were squashed into one baseline per
     * service (issue 13). A history that holds it does not match the migrations of this checkout: Flyway would refuse
     * it ("Validate failed") and the first service would exit with that in its log.
     */
    static final String SCRIPT_BEFORE_THE_BASELINE = "V0_1__outbox_and_inbox.sql";

    /** Refuses ({@link Refusal}) a database whose services were migrated before the baseline: only a fresh start helps. */
    private void refuseAHistoryFromBeforeTheBaseline(Connection connection) throws SQLException {
        List<String> schemas = new ArrayList<>();
        for (DatabaseRoles.ServiceRoles service : DatabaseRoles.ALL) {
            String history = service.schema() + ".flyway_schema_history";
            try (Statement statement = connection.createStatement();
                    ResultSet exists = statement.executeQuery("SELECT to_regclass('" + history + "') IS NOT NULL")) {
                if (!exists.next() || !exists.getBoolean(1)) {
                    continue;
                }
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM " + history + " WHERE script = ?")) {
                query.setString(1, SCRIPT_BEFORE_THE_BASELINE);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        schemas.add(service.schema());
                    }
                }
            }
        }
        if (!schemas.isEmpty()) {
            throw new Refusal("database '" + name + "' on " + where() + " was migrated before each service's migrations became "
                    + "one baseline (schemas " + String.join(", ", schemas) + "), and the services would refuse its migration "
                    + "history.\nStart afresh: deploy/local/up --fresh (drops this database, the local keys and broker data; "
                    + "the demo city is loaded again).");
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
        return "jdbc:postgresql://" + where() + "/" + database;
    }

    private static void requireValidName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("LIANXIN_LOCAL_DB must be a plain PostgreSQL name (lower-case letters, digits, _), got " + name);
        }
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
