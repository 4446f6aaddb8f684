package cn.lianxin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every JVM the launcher starts dies when it runs out of memory, rather than lingering half-dead; a service is ready
 * once it listens on its own ports and says it is ready, never because its health answered while another program
 * holds its port.
 */
class ServiceProcessTest {

    @TempDir
    Path root;

    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void stop() {
        ServiceProcess.stopAll(started);
    }

    @Test
    void aServiceRunsWithABoundedHeapItsSizingOptionsAndExitsOnOutOfMemory() throws Exception {
        Path jar = root.resolve("member-service/target/quarkus-app/quarkus-run.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[0]); // not a jar: the JVM starts and exits at once, the command line is what counts
        Path logs = Files.createDirectories(root.resolve("logs"));

        ServiceProcess service = ServiceProcess.start(root, new LianxinService("member-service", 18081), Map.of(), logs);
        try {
            assertThat(service.command()).endsWith("-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-Xms64m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-XX:MaxMetaspaceSize=192m", "-XX:MetaspaceSize=128m",
                    "-Djdk.nio.maxCachedBufferSize=262144", "-jar",
                    jar.toString());
            assertThat(service.command().get(0)).endsWith("java");
            assertThat(service.command().subList(1, service.command().size() - 2)).isEqualTo(ServiceProcess.serviceJvmOptions());
            assertThat(service.environment()).containsEntry("MALLOC_ARENA_MAX", "2")
                    .containsEntry("MALLOC_MMAP_THRESHOLD_", "262144");
        } finally {
            service.stop();
        }
    }

    @Test
    void aServiceWhoseBuildMadeAClassDataArchiveMapsItAndAnArchiveThatDoesNotFitIsIgnored() throws Exception {
        Path application = Files.createDirectories(root.resolve("member-service/target/quarkus-app"));
        Path jar = Files.write(application.resolve("quarkus-run.jar"), new byte[0]); // the JVM starts and exits at once
        Path archive = Files.writeString(application.resolve("app-cds.jsa"), "not an archive of this JDK");
        Path logs = Files.createDirectories(root.resolve("logs"));

        ServiceProcess service = ServiceProcess.start(root, new LianxinService("member-service", 18081), Map.of(), logs);
        try {
            assertThat(service.command()).endsWith("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-jar", jar.toString());
            assertThat(service.command()).containsSubsequence(ServiceProcess.serviceJvmOptions());
            service.onExit().get(30, TimeUnit.SECONDS);
            // the JVM started (and found no jar to run) instead of refusing the archive
            assertThat(Files.readString(service.log())).contains("Invalid or corrupt jarfile").doesNotContain("shared archive");
        } finally {
            service.stop();
        }
    }

    @Test
    void classDataOptionsGivenInsteadOfTheBuildsArchiveReplaceIt() throws Exception {
        Path application = Files.createDirectories(root.resolve("member-service/target/quarkus-app"));
        Path jar = Files.write(application.resolve("quarkus-run.jar"), new byte[0]);
        Path built = Files.writeString(application.resolve("app-cds.jsa"), "the build's archive");
        Path logs = Files.createDirectories(root.resolve("logs"));
        String trained = "-XX:ArchiveClassesAtExit=" + logs.resolve("member-service.trained.jsa");

        ServiceProcess service = ServiceProcess.start(root, new LianxinService("member-service", 18081), Map.of(), logs,
                List.of(trained));
        try {
            assertThat(service.command()).endsWith(trained, "-jar", jar.toString());
            assertThat(service.command()).containsSubsequence(ServiceProcess.serviceJvmOptions())
                    .noneMatch(option -> option.contains(built.toString()));
        } finally {
            service.stop();
        }
    }

    @Test
    void aServiceOnPortZeroIsReadyOnThePortsItNamesAndComesBackOnThemAfterAKill() throws Exception {
        // the log of an earlier run, longer than this run's: the new run writes it afresh and is read from its start
        Files.writeString(root.resolve("listens.log"), "Listening on: http://127.0.0.1:1.\n" + "earlier run\n".repeat(10_000));
        ServiceProcess service = fake("listens", 0);

        service.awaitReady(Duration.ofSeconds(30));
        int port = service.service().port();
        String management = service.managementUrl();
        assertThat(port).isGreaterThan(1);
        assertThat(management).doesNotEndWith(":" + port);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(management + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

        service.kill();
        service.restart();
        service.awaitReady(Duration.ofSeconds(30));

        assertThat(service.service().port()).isEqualTo(port);
        assertThat(service.managementUrl()).isEqualTo(management);
    }

    @Test
    void aServiceWhoseHealthAnswersIsNotReadyUntilItListens() {
        ServiceProcess service = fake("silent", 0);

        assertThatThrownBy(() -> service.awaitReady(Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was not ready within 2 s");
        assertThatThrownBy(service::managementUrl).hasMessageContaining("not listening yet");
    }

    @Test
    void aServiceThatFindsItsPortTakenFailsTheWaitWithItsLog() {
        ServiceProcess service = fake("taken", 41715);

        assertThatThrownBy(() -> service.awaitReady(Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with 1")
                .hasMessageContaining("Port 41715 seems to be in use by another process");
    }

    @Test
    void theStartedLineNamesThePorts() {
        assertThat(ServiceProcess.Listening.in("""
                2026-11-30 03:52:38,663 INFO  [io.quarkus] (main) case-service 0.1.0-SNAPSHOT on JVM (powered by Quarkus 3.33.2) \
                started in 35.126s. Listening on: http://127.0.0.1:8083. Management interface listening on http://127.0.0.1:9083.
                """)).contains(new ServiceProcess.Listening(8083, 9083));
        assertThat(ServiceProcess.Listening.in("started in 1.0s. Listening on: http://[::1]:8081"))
                .contains(new ServiceProcess.Listening(8081, 0));
        assertThat(ServiceProcess.Listening.in("Management interface listening on http://127.0.0.1:9083")).isEmpty();
    }

    private ServiceProcess fake(String behaviour, int port) {
        String classes = Path.of(FakeQuarkusService.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        Path log = root.resolve(behaviour + ".log");
        ServiceProcess service = ServiceProcess.start(new LianxinService("member-service", port),
                ServiceProcess.javaCommand("32m", "-cp", classes, FakeQuarkusService.class.getName(), behaviour), root,
                Map.of(ServiceProcess.HTTP_PORT, Integer.toString(port), ServiceProcess.MANAGEMENT_PORT, "0"), log);
        started.add(service);
        return service;
    }

    @Test
    void everyJvmCommandLineOfTheLauncherCarriesTheFlag() {
        assertThat(ServiceProcess.javaCommand("16m", "-cp", "x", "Main"))
                .containsSubsequence("-Xmx16m", "-XX:+ExitOnOutOfMemoryError", "-cp", "x", "Main");
    }
}
