package cn.lianxin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A service started from its packaged build, as in production, with its output in a log file. It can be started
 * again with the same command line after it died ({@link Supervisor}); once asked to stop, it stays stopped.
 */
public final class ServiceProcess {

    /**
     * Every JVM the launcher starts dies at once when it runs out of memory (exit code 3), rather than lingering
     * half-dead with some threads gone: a dead service is seen and restarted, a half-dead one is not.
     */
    static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";

    /**
     * A service's heap ceiling, unchanged: member-service's roster imports need the most (two at once, each holding up to
     * lianxin.member.roster.max-part-size of shared strings); the others use some 30 MB of live heap.
     */
    static final String SERVICE_MAX_HEAP = "384m";

    /**
     * A service's JVM options after the heap ceiling, the same as its container image's (docs/operations.md, "Sizing",
     * says what each saves and costs, with the figures): the serial collector (no concurrent GC threads, no G1
     * remembered sets; right for a heap of a few hundred MB on two cores), a heap that starts at 64 MB and grows as the
     * live data needs (G1's default starts at 1/64 of the machine's memory and fills a young generation of that size
     * before its first collection), the client compiler only (half the CPU time of a start, no C2 threads competing
     * for the cores, no C2 arenas; the tests' JVMs run with it too), metaspace bounded at twice what a service uses
     * (about 95 MB), so that heap, metaspace and code cache together stay inside a pod's memory limit, and no full
     * collection for metaspace's sake below 128 MB (the default threshold, about 21 MB, cost a start three full
     * collections, a quarter of a second), and no temporary direct buffer above 256 KB kept per thread once used (the
     * JDK keeps every socket transfer's buffer whatever its size, the Kafka clients' megabyte fetches too: up to 17 MB).
     */
    static final List<String> SERVICE_OPTIONS = List.of("-Xms64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:MaxMetaspaceSize=192m", "-XX:MetaspaceSize=128m", "-Djdk.nio.maxCachedBufferSize=262144");

    /**
     * The class-data archive Quarkus makes of the application when it packages it (quarkus.package.jar.appcds.enabled:
     * the JDK's and the application's classes as loaded up to the end of its static initialization), next to
     * quarkus-run.jar. It names the jar as {@code quarkus-run.jar}, relative to that directory, and fits only the very
     * JDK build that made it: a service runs from that directory, and with {@code -Xshare:auto} an archive that does not
     * fit (another JDK, a jar rebuilt since) is ignored, never fatal. docs/operations.md, "Sizing".
     */
    static final String CLASS_DATA_ARCHIVE = "app-cds.jsa";

    /**
     * A service's malloc settings, the same as its container image's (docs/operations.md, "Sizing"): 2 arenas (glibc
     * makes them per thread, up to 8 per core, each holding what was freed), and blocks of 256 KB or more mapped and
     * unmapped on their own, so that the direct buffers the JDK no longer caches above that size go back to the system
     * once freed (at glibc's default the threshold follows the largest block freed, and those blocks stay in the arenas).
     */
    public static final Map<String, String> MALLOC_ENVIRONMENT =
            Map.of("MALLOC_ARENA_MAX", "2", "MALLOC_MMAP_THRESHOLD_", "262144");

    static final String HTTP_PORT = "QUARKUS_HTTP_PORT";
    static final String MANAGEMENT_PORT = "QUARKUS_MANAGEMENT_PORT";

    private final ProcessBuilder builder;
    private final Path log;
    private volatile LianxinService service;
    private volatile Listening listening;
    private Process process;
    private long launchedAt; // where the log of the process running now begins
    private boolean stopRequested;

    private ServiceProcess(LianxinService service, ProcessBuilder builder, Path log) {
        this.service = service;
        this.builder = builder;
        this.log = log;
    }

    /**
     * Starts {@code service} from {@code root/<module>/target/quarkus-app} with {@code env} and its port: 0 lets it take
     * a free one, which it names once it listens ({@link #awaitReady}). A management interface (health and metrics apart
     * from the API) is configured in {@code env} ({@code QUARKUS_MANAGEMENT_PORT}, 0 as well): readiness is asked there.
     */
    public static ServiceProcess start(Path root, LianxinService service, Map<String, String> env, Path logs) {
        return start(root, service, env, logs, classDataSharing(root, service));
    }

    /**
     * As {@link #start(Path, LianxinService, Map, Path)}, with {@code classData} as its class-data options instead of
     * those of its build's archive: a benchmark's archive made from a real start, or none.
     */
    public static ServiceProcess start(Path root, LianxinService service, Map<String, String> env, Path logs,
            List<String> classData) {
        Path application = root.resolve(service.module()).resolve("target/quarkus-app");
        Path jar = application.resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        Map<String, String> environment = new HashMap<>(env);
        environment.put(HTTP_PORT, Integer.toString(service.port()));
        MALLOC_ENVIRONMENT.forEach(environment::putIfAbsent);
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(serviceJvmOptions());
        command.addAll(classData);
        command.addAll(List.of("-jar", jar.toString()));
        return start(service, command, application, environment, logs.resolve(service.module() + ".log"));
    }

    /**
     * The options that map the class-data archive of {@code service}'s build under {@code root}, when its build made one
     * ({@link #CLASS_DATA_ARCHIVE}); none otherwise.
     */
    public static List<String> classDataSharing(Path root, LianxinService service) {
        Path archive = root.resolve(service.module()).resolve("target/quarkus-app").resolve(CLASS_DATA_ARCHIVE);
        return Files.isRegularFile(archive) ? List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto") : List.of();
    }

    /** Starts {@code command} as {@code service}, in {@code directory}, with its output in {@code log}. */
    static ServiceProcess start(LianxinService service, List<String> command, Path directory, Map<String, String> env, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        ServiceProcess started = new ServiceProcess(service, builder, log);
        synchronized (started) {
            started.process = started.launch(0); // the log is written afresh
        }
        // A restart appends, so that the log of the run that died stays there to be read.
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return started;
    }

    /** The command line of a JVM the launcher starts: this Java, at most {@code maxHeap} of heap, no life after running out of it. */
    static List<String> javaCommand(String maxHeap, String... arguments) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + maxHeap, EXIT_ON_OUT_OF_MEMORY));
        command.addAll(List.of(arguments));
        return command;
    }

    /** The JVM options a service runs with (and a benchmark's baseline JVM, to compare like with like). */
    public static List<String> serviceJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx" + SERVICE_MAX_HEAP, EXIT_ON_OUT_OF_MEMORY));
        options.addAll(SERVICE_OPTIONS);
        return List.copyOf(options);
    }

    public LianxinService service() {
        return service;
    }

    /**
     * Waits until the service listens on its ports and reports ready (database and broker reachable), on its management
     * interface when it has one; fails at once if it exits. Listening is read from its log, where Quarkus names the ports
     * once its HTTP server is bound: health answers on the management interface earlier than that, so a service whose
     * port was taken (it exits a moment later) would otherwise look ready while another program holds its port.
     */
    public void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            Awaitility.await(service.module() + " ready").atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .until(() -> isReady(http));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(service.module() + " was not ready within " + timeout.toSeconds() + " s; see " + log + ":\n" + tail());
        }
    }

    private boolean isReady(HttpClient http) throws InterruptedException {
        Process current = current();
        if (!current.isAlive()) {
            throw new IllegalStateException(service.module() + " exited with " + current.exitValue() + "; last lines of " + log + ":\n" + tail());
        }
        Optional<Listening> bound = Listening.in(logOfThisRun());
        if (bound.isEmpty()) {
            return false;
        }
        listenOn(bound.get());
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        try {
            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Where it listens from now on; a restart comes back on the same ports, so that whoever talks to it need not ask again. */
    private synchronized void listenOn(Listening ports) {
        listening = ports;
        service = service.onPort(ports.port());
        builder.environment().put(HTTP_PORT, Integer.toString(ports.port()));
        if (ports.managementPort() > 0) {
            builder.environment().put(MANAGEMENT_PORT, Integer.toString(ports.managementPort()));
        }
    }

    /** Where its health and metrics are: its management interface, or its HTTP port when it has none (known once ready). */
    public String managementUrl() {
        Listening ports = listening;
        if (ports == null) {
            throw new IllegalStateException(service.module() + " is not listening yet: awaitReady first");
        }
        return "http://127.0.0.1:" + (ports.managementPort() > 0 ? ports.managementPort() : ports.port());
    }

    /**
     * The ports a Quarkus application names when it has started: {@code Listening on: http://host:port} and, with a
     * management interface, {@code Management interface listening on http://host:port}.
     */
    record Listening(int port, int managementPort) {

        private static final String URL = "https?://(?:\\[[^\\]]*\\]|[^\\s:/\\[]+):(\\d+)";
        private static final Pattern HTTP = Pattern.compile("Listening on: " + URL);
        private static final Pattern MANAGEMENT = Pattern.compile("Management interface listening on " + URL);

        static Optional<Listening> in(String log) {
            Matcher http = HTTP.matcher(log);
            if (!http.find()) {
                return Optional.empty();
            }
            Matcher management = MANAGEMENT.matcher(log);
            int managementPort = management.find(http.start()) ? Integer.parseInt(management.group(1)) : 0;
            return Optional.of(new Listening(Integer.parseInt(http.group(1)), managementPort));
        }
    }

    /** What the process running now has logged (a restart appends to the log of the runs before it). */
    private String logOfThisRun() {
        long from;
        synchronized (this) {
            from = launchedAt;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            channel.position(from);
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public boolean isAlive() {
        return current().isAlive();
    }

    /** Stops the service (SIGTERM, then SIGKILL after 20 s) and waits until it has exited. */
    public void stop() {
        stopAll(List.of(this));
    }

    /**
     * Stops every process side by side and returns when all have exited, so that whatever they use (the broker,
     * the database) can be stopped next without a service seeing it go.
     */
    public static void stopAll(Collection<ServiceProcess> processes) {
        List<Process> stopping = processes.stream().map(ServiceProcess::requestStop).toList();
        for (Process process : stopping) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The lines the service logged at ERROR level (its log format puts the level after the timestamp). */
    public List<String> errorLines() {
        try {
            return Files.readAllLines(log).stream().filter(line -> line.matches("^\\S+ \\S+ ERROR .*")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    public Path log() {
        return log;
    }

    /** The command line the service runs with. */
    List<String> command() {
        return List.copyOf(builder.command());
    }

    /** The environment the service runs with. */
    Map<String, String> environment() {
        return Map.copyOf(builder.environment());
    }

    /** Completes with the exit code when the process running now exits. */
    CompletableFuture<Integer> onExit() {
        return current().onExit().thenApply(Process::exitValue);
    }

    /** {@code kill -9}: the service dies at once, in whatever it was doing (fault tests); {@link #restart()} starts it again. */
    public void kill() {
        Process current = current();
        current.destroyForcibly();
        try {
            if (!current.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(service.module() + " did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the service again, unless it was asked to stop; says whether it did. */
    public synchronized boolean restart() {
        if (stopRequested) {
            return false;
        }
        process = launch(logSize()); // after the log of the runs before
        return true;
    }

    /** Whether {@link #stop()} was called: an exit after that is the stop, not a crash. */
    synchronized boolean stopRequested() {
        return stopRequested;
    }

    private synchronized Process requestStop() {
        stopRequested = true;
        process.destroy();
        return process;
    }

    private synchronized Process current() {
        return process;
    }

    private Process launch(long logFrom) {
        launchedAt = logFrom;
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.module(), e);
        }
    }

    private long logSize() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
