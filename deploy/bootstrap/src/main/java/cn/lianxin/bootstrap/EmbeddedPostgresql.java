package cn.lianxin.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL that {@link PostgresChoice} falls back to, for {@code deploy/local/up} and for the tests
 * alike: PostgreSQL 14 from Maven Central binaries (zonky), listening on 127.0.0.1 only, user {@code postgres}
 * without a password, its cluster kept between runs in a data directory of the caller's choice.
 *
 * <ul>
 *   <li>{@link #start}: a server that lives as long as this JVM (the local stack, {@code target/local/pgdata}).</li>
 *   <li>{@link #share}: the tests' server, one per user and port, shared by every test JVM of that user (a parallel
 *   build runs several): its data in {@code ~/.lianxin/test-postgres-<port>}. The first JVM that needs it starts a
 *   small process of its own that owns the server; every test JVM holds a shared lock on {@code users.lock} while it
 *   lives, and the owner stops the server and exits once no JVM has held it for {@link #IDLE_PROPERTY} seconds (60 by
 *   default: long enough to carry it from one module's tests to the next in a build).</li>
 * </ul>
 */
public final class EmbeddedPostgresql {

    /** The user the embedded server trusts on 127.0.0.1, without a password. */
    public static final String USER = "postgres";

    /** System property (of the owner process): seconds without a test JVM after which the shared server stops. */
    public static final String IDLE_PROPERTY = "lianxin.embedded-postgres.idle-seconds";

    private static final String OWNER_LOCK = "owner.lock";
    private static final String USERS_LOCK = "users.lock";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private EmbeddedPostgresql() {
    }

    /**
     * How the server is started: its cluster in {@code pgdata}, never cleaned on stop (zonky's default is to delete
     * it) and initialised only when it holds none yet; on 127.0.0.1:{@code port} only; its binaries unpacked in a
     * directory of this user's, so that users of one machine never share (or cannot write) one.
     */
    public static EmbeddedPostgres.Builder builder(Path pgdata, int port) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgdata)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setOverrideWorkingDirectory(binaries().toFile());
    }

    /** Starts the server on 127.0.0.1:{@code port}; it stops on {@code close()} or when this JVM exits. */
    public static EmbeddedPostgres start(Path pgdata, int port) {
        try {
            clearUnfinishedCluster(pgdata);
            Files.createDirectories(binaries());
            return builder(pgdata, port).start();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not start on 127.0.0.1:" + port + " (data: " + pgdata + ")", e);
        }
    }

    /**
     * Makes sure the tests' shared server answers on 127.0.0.1:{@code port}, starting its owner process when none does,
     * and registers this JVM as one of its users until it exits. Returns once the server accepts connections.
     *
     * <p>The registration (a shared lock on {@code users.lock}) is held by a thread of its own, so that it lives as long
     * as the JVM whichever class loader asked for it (Quarkus starts applications in class loaders it later drops; a
     * lock reachable only from one of those would be collected, and closing its file releases it), and a JVM registers
     * once however many class loaders ask.
     */
    public static synchronized void share(Path home, int port) {
        String holder = "lianxin-embedded-postgres-user " + home;
        if (Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals(holder))) {
            return;
        }
        try {
            Files.createDirectories(home);
            FileChannel users = lockFile(home.resolve(USERS_LOCK));
            try (FileChannel owner = lockFile(home.resolve(OWNER_LOCK)); FileLock turn = owner.lock()) {
                FileLock registered;
                try {
                    registered = users.lock(0, Long.MAX_VALUE, true);
                } catch (OverlappingFileLockException alreadyRegistered) {
                    users.close(); // cannot happen but from another class loader of this JVM, which holds it
                    return;
                }
                hold(holder, users, registered);
                if (!PostgresChoice.answers("127.0.0.1", port)) {
                    awaitOwner(startOwner(home, port), home, port);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the shared embedded PostgreSQL in " + home, e);
        }
    }

    /** Whether {@code port} is where a shared server of the tests lives (or lived): its home has a {@code users.lock}. */
    public static boolean isShared(int port) {
        return Files.exists(sharedHome(port).resolve(USERS_LOCK));
    }

    private static void hold(String name, FileChannel channel, FileLock lock) {
        Thread holder = new Thread(() -> {
            while (channel.isOpen() && lock.isValid()) {
                LockSupport.park();
            }
        }, name);
        holder.setDaemon(true);
        holder.start();
    }

    /** Where the tests' shared server for {@code port} keeps its cluster and its locks: under {@code ~/.lianxin}. */
    public static Path sharedHome(int port) {
        return Path.of(System.getProperty("user.home"), ".lianxin", "test-postgres-" + port);
    }

    /**
     * A data directory without {@code postgresql.conf} is what an interrupted initdb leaves: it holds no data, and
     * initdb refuses a directory that is not empty, so it goes. A complete cluster is always kept.
     */
    public static void clearUnfinishedCluster(Path pgdata) throws IOException {
        if (Files.isDirectory(pgdata) && !Files.exists(pgdata.resolve("postgresql.conf"))) {
            try (var paths = Files.walk(pgdata)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /**
     * The owner process of the tests' shared server: {@code EmbeddedPostgresql <home> <port>}. Starts the server, then
     * once a second looks whether any test JVM still holds {@code users.lock}; when none has for the idle time, stops
     * the server and exits, holding the owner lock meanwhile so that no JVM starts to use a server that is stopping.
     */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Duration idle = Duration.ofSeconds(Long.getLong(IDLE_PROPERTY, 60));
        EmbeddedPostgres server = start(home.resolve("pgdata"), port);
        System.out.println(Instant.now() + " embedded PostgreSQL for the tests runs on 127.0.0.1:" + port);
        Instant unusedSince = null;
        while (true) {
            Thread.sleep(1000);
            try (FileChannel owner = lockFile(home.resolve(OWNER_LOCK)); FileLock turn = owner.lock();
                    FileChannel users = lockFile(home.resolve(USERS_LOCK)); FileLock nobody = users.tryLock()) {
                if (nobody == null) {
                    unusedSince = null;
                    continue;
                }
                unusedSince = unusedSince == null ? Instant.now() : unusedSince;
                if (Duration.between(unusedSince, Instant.now()).compareTo(idle) >= 0) {
                    server.close();
                    System.out.println(Instant.now() + " no test JVM for " + idle.toSeconds() + " s: stopped");
                    return;
                }
            }
        }
    }

    private static Process startOwner(Path home, int port) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", String.join(File.pathSeparator, classpath()), EmbeddedPostgresql.class.getName(), home.toString(),
                Integer.toString(port));
        File log = home.resolve("server.log").toFile();
        // Output to a file, never to this JVM's (a test fork's pipes must close when it exits, whatever outlives it).
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    }

    private static void awaitOwner(Process owner, Path home, int port) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!PostgresChoice.answers("127.0.0.1", port)) {
            if (!owner.isAlive() || Instant.now().isAfter(deadline)) {
                owner.destroy();
                throw new IllegalStateException("the embedded PostgreSQL for the tests did not start on 127.0.0.1:" + port
                        + "; see " + home.resolve("server.log"));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * This JVM's class path as a list of files, with a manifest-only jar (how surefire passes a long class path) opened
     * up into the entries of its {@code Class-Path}: the owner outlives the test JVM, and with it surefire's jar.
     */
    static List<String> classpath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                Manifest manifest = jar.getManifest();
                String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                if (classPath == null) {
                    continue;
                }
                URI base = Path.of(entry).toAbsolutePath().getParent().toUri();
                for (String reference : classPath.trim().split("\\s+")) {
                    entries.add(Path.of(base.resolve(reference)).toString());
                }
            }
        }
        return entries;
    }

    private static FileChannel lockFile(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static Path binaries() {
        return Path.of(System.getProperty("java.io.tmpdir"), "lianxin-embedded-pg-" + System.getProperty("user.name"));
    }
}
