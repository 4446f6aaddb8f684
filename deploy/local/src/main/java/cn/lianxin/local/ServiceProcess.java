package cn.lianxin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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

    private final LianxinService service;
    private final ProcessBuilder builder;
    private final Path log;
    private Process process;
    private boolean stopRequested;

    private ServiceProcess(LianxinService service, ProcessBuilder builder, Path log) {
        this.service = service;
        this.builder = builder;
        this.log = log;
    }

    /** Starts {@code service} from {@code root/<module>/target/quarkus-app} with {@code env} and its port. */
    public static ServiceProcess start(Path root, LianxinService service, Map<String, String> env, Path logs) {
        Path jar = root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        Map<String, String> environment = new HashMap<>(env);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        return start(service, javaCommand("384m", "-jar", jar.toString()), root.resolve(service.module()), environment,
                logs.resolve(service.module() + ".log"));
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
            started.process = started.launch();
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

    public LianxinService service() {
        return service;
    }

    /** Waits until the service reports ready (database and broker reachable); fails at once if it exits. */
    public void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        try {
            Awaitility.await(service.module() + " ready").atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .until(() -> isReady(http, ready));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(service.module() + " was not ready within " + timeout.toSeconds() + " s; see " + log + ":\n" + tail());
        }
    }

    private boolean isReady(HttpClient http, HttpRequest ready) throws InterruptedException {
        Process current = current();
        if (!current.isAlive()) {
            throw new IllegalStateException(service.module() + " exited with " + current.exitValue() + "; last lines of " + log + ":\n" + tail());
        }
        try {
            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false; // still starting
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
        process = launch();
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

    private Process launch() {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.module(), e);
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
