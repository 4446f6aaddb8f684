package cn.lianxin.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import cn.lianxin.kafka.KafkaLauncher;

/**
 * The Kafka broker in a JVM of its own (the project's {@link KafkaLauncher}), so that it can be killed as a crashed
 * or powered-off broker dies, with SIGKILL, and started again on the same port and data directory.
 */
final class BrokerProcess {

    private final ProcessBuilder builder;
    private final Path log;
    private final int port;
    private Process process;

    private BrokerProcess(ProcessBuilder builder, Path log, int port) {
        this.builder = builder;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the broker on {@code port}, with a second listener on {@code proxiedPort} that advertises
     * {@code proxyPort}, keeping its data in {@code dataDir}.
     */
    static BrokerProcess start(int port, int proxiedPort, int proxyPort, Path dataDir, Path log) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", classPath(), KafkaLauncher.class.getName(),
                "--port", Integer.toString(port), "--data-dir", dataDir.toString(),
                "--proxied-listener", proxiedPort + ":" + proxyPort));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        BrokerProcess broker = new BrokerProcess(builder, log, port);
        broker.launch();
        return broker;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** SIGKILL: no controlled shutdown, no flush beyond what the broker had already written. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the broker did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts it again on the same port and data directory; returns once it accepts requests. */
    void restart() {
        launch();
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void launch() {
        long readyLinesBefore = readyLines();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker", e);
        }
        Awaitility.await("broker ready on port " + port).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the broker exited with " + process.exitValue() + "; see " + log);
                    }
                    return readyLines() > readyLinesBefore;
                });
    }

    /** KafkaLauncher prints one "ready" line once the broker and the topics are there. */
    private long readyLines() {
        try {
            return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.startsWith("Kafka broker ready at")).count() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test JVM's classpath (surefire names it apart from its booter jar): it holds the broker and its logging. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
