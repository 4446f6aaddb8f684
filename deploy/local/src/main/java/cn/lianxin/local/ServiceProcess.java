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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** A service started from its packaged build, as in production, with its output in a log file. */
public final class ServiceProcess {

    private final LianxinService service;
    private final Process process;
    private final Path log;

    private ServiceProcess(LianxinService service, Process process, Path log) {
        this.service = service;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code service} from {@code root/<module>/target/quarkus-app} with {@code env} and its port. */
    public static ServiceProcess start(Path root, LianxinService service, Map<String, String> env, Path logs) {
        Path jar = root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        Path log = logs.resolve(service.module() + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(javaBinary(), "-Xmx384m", "-jar", jar.toString()))
                .directory(root.resolve(service.module()).toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        try {
            return new ServiceProcess(service, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.module(), e);
        }
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
        if (!process.isAlive()) {
            throw new IllegalStateException(service.module() + " exited with " + process.exitValue() + "; last lines of " + log + ":\n" + tail());
        }
        try {
            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false; // still starting
        }
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
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
