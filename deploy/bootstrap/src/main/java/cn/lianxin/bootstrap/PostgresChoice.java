package cn.lianxin.bootstrap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;

/**
 * Which PostgreSQL the tests and {@code deploy/local/up} use, decided the same way for both: the server that answers
 * at the configured address (127.0.0.1:5432 unless told otherwise); when nothing answers there and the address is this
 * machine, an embedded PostgreSQL from Maven Central binaries ({@link EmbeddedPostgresql}); when neither is possible
 * (another machine that does not answer, or root, as whom PostgreSQL refuses to run), one line that says what to do.
 *
 * <p>{@link #choose} is the decision alone, with what was observed passed in, so that it is tested without a server.
 */
public final class PostgresChoice {

    /** What uses the database, and the environment variables that point it at another server. */
    public record Purpose(String what, String variables) {

        /** The tests ({@code TestDatabase}): {@code LIANXIN_TEST_DB_HOST/_PORT/_USER/_PASSWORD}. */
        public static final Purpose TESTS = new Purpose("the tests", "LIANXIN_TEST_DB_HOST/_PORT/_USER/_PASSWORD");

        /** The local stack ({@code deploy/local/up}): {@code LIANXIN_LOCAL_DB_HOST/_PORT/_USER/_PASSWORD}. */
        public static final Purpose LOCAL_STACK = new Purpose("the local stack", "LIANXIN_LOCAL_DB_HOST/_PORT/_USER/_PASSWORD");
    }

    /** The outcome. */
    public sealed interface Choice {
    }

    /** A server answers at {@code host:port}: use it with the configured user and password. */
    public record Running(String host, int port) implements Choice {
    }

    /** Nothing answers, but an embedded PostgreSQL can run here: on 127.0.0.1:{@code port}, user {@code postgres}, no password. */
    public record Embedded(int port) implements Choice {
    }

    /** No database is possible: {@code message} is the one line to show, naming the remedy. */
    public record Impossible(String message) implements Choice {
    }

    private static final Set<String> THIS_MACHINE = Set.of("127.0.0.1", "localhost", "::1");

    private PostgresChoice() {
    }

    /**
     * The decision. {@code answers}: whether something accepts connections at {@code host:port}; {@code root}: whether
     * this process runs as root; {@code embeddedPort}: where an embedded server would listen.
     */
    public static Choice choose(Purpose purpose, String host, int port, boolean answers, boolean root, int embeddedPort) {
        if (answers) {
            return new Running(host, port);
        }
        String where = host + ":" + port;
        if (!THIS_MACHINE.contains(host)) {
            return new Impossible("No PostgreSQL for " + purpose.what() + ": nothing answers on " + where
                    + ", and the embedded fallback runs only on 127.0.0.1. Start PostgreSQL there, or point "
                    + purpose.variables() + " at one that runs.");
        }
        if (root) {
            return new Impossible("No PostgreSQL for " + purpose.what() + ": nothing answers on " + where
                    + " and the embedded fallback cannot run as root. Start PostgreSQL (trust auth for 127.0.0.1, or set "
                    + purpose.variables() + ") or run as a non-root user.");
        }
        return new Embedded(embeddedPort);
    }

    /** The decision for this process: whether {@code host:port} answers now, and whether it runs as root. */
    public static Choice choose(Purpose purpose, String host, int port, int embeddedPort) {
        return choose(purpose, host, port, answers(host, port), isRoot(), embeddedPort);
    }

    /** Whether something accepts TCP connections at {@code host:port} (within half a second). */
    public static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether this process runs as root, as whom PostgreSQL's initdb and postgres refuse to run. */
    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
