package cn.lianxin.bootstrap;

/**
 * The PostgreSQL server the tests use, decided once per JVM by {@link PostgresChoice}, as {@code deploy/local/up} decides
 * its own: the one at {@code LIANXIN_TEST_DB_HOST}:{@code LIANXIN_TEST_DB_PORT} (127.0.0.1:5432) as
 * {@code LIANXIN_TEST_DB_USER}/{@code _PASSWORD} (postgres, none) when it answers; otherwise, for a user other than root,
 * the embedded server the test JVMs of this user share ({@link EmbeddedPostgresql#share}), on {@value #EMBEDDED_PORT}
 * (or on {@code LIANXIN_TEST_DB_PORT} when that is set), so that it never takes the port of a PostgreSQL installed later.
 * When no database is possible, {@link #get()} fails, at once and every time after the first, with one line that says
 * what to do ({@link NoServer}).
 *
 * <p>The harness ({@code TestDatabase}) and the tests of modules that cannot use it (deploy/local) connect through this.
 */
public record TestServer(String host, int port, String user, String password) {

    /** The port of the tests' embedded PostgreSQL when {@code LIANXIN_TEST_DB_PORT} is not set: not 5432. */
    public static final int EMBEDDED_PORT = 54329;

    private static TestServer server;
    private static String failure;

    /** The server of this JVM's tests; a {@link NoServer} when none is possible. */
    public static synchronized TestServer get() {
        if (server == null && failure == null) {
            String host = env("LIANXIN_TEST_DB_HOST", "127.0.0.1");
            String explicitPort = env("LIANXIN_TEST_DB_PORT", null);
            int port = explicitPort == null ? 5432 : Integer.parseInt(explicitPort);
            int embeddedPort = explicitPort == null ? EMBEDDED_PORT : port;
            PostgresChoice.Choice choice = PostgresChoice.choose(PostgresChoice.Purpose.TESTS, host, port, embeddedPort);
            if (choice instanceof PostgresChoice.Running) {
                if ("127.0.0.1".equals(host) && EmbeddedPostgresql.isShared(port)) {
                    // The shared embedded server that another test JVM started: this one uses it too, so it must keep it.
                    EmbeddedPostgresql.share(EmbeddedPostgresql.sharedHome(port), port);
                }
                server = new TestServer(host, port, env("LIANXIN_TEST_DB_USER", "postgres"), env("LIANXIN_TEST_DB_PASSWORD", ""));
            } else if (choice instanceof PostgresChoice.Embedded embedded) {
                EmbeddedPostgresql.share(EmbeddedPostgresql.sharedHome(embedded.port()), embedded.port());
                server = new TestServer("127.0.0.1", embedded.port(), EmbeddedPostgresql.USER, "");
            } else {
                failure = ((PostgresChoice.Impossible) choice).message();
                System.err.println(failure);
            }
        }
        if (failure != null) {
            throw new NoServer(failure);
        }
        return server;
    }

    /** The JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** No PostgreSQL is possible for the tests: the message, one line, says what to do; no stack of its own buries it. */
    public static final class NoServer extends IllegalStateException {

        NoServer(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
