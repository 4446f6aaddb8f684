package cn.lianxin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service that died unexpectedly is started again, within bounds; one that was stopped stays stopped. */
class SupervisorTest {

    private static final Duration NONE = Duration.ZERO;

    @TempDir
    Path dir;

    private final List<String> console = new CopyOnWriteArrayList<>();
    private final List<ServiceProcess> started = new CopyOnWriteArrayList<>();
    private Supervisor supervisor;

    @AfterEach
    void stopEverything() {
        if (supervisor != null) {
            supervisor.close();
        }
        ServiceProcess.stopAll(started);
    }

    @Test
    void aServiceThatDiedIsRestartedAndTheConsoleSaysSo() {
        supervise(new Supervisor.Policy(3, NONE, NONE, Duration.ofMinutes(10)));
        // Dies with 3 on its first run, keeps running on the next.
        ServiceProcess service = start("member-service", "if [ -e ran ]; then exec sleep 60; fi; touch ran; exit 3");

        supervisor.watch(service);

        await().atMost(Duration.ofSeconds(10)).until(() -> console.size() == 1 && service.isAlive());
        assertThat(console).containsExactly("member-service exited with code 3; restarting (1)");
    }

    @Test
    void aServiceThatKeepsDyingIsRestartedABoundedNumberOfTimesWithGrowingPauses() {
        supervise(new Supervisor.Policy(2, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMinutes(10)));
        ServiceProcess service = start("case-service", "echo 'crashed' >> runs; exit 3");

        supervisor.watch(service);

        await().atMost(Duration.ofSeconds(10)).until(() -> console.size() == 3);
        assertThat(console).containsExactly(
                "case-service exited with code 3; restarting (1)",
                "case-service exited with code 3; restarting (2)",
                "case-service exited with code 3; not restarting it after 2 restarts in a row (see " + service.log() + ")");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> console.size() == 3);
        assertThat(dir.resolve("runs")).hasContent("crashed\ncrashed\ncrashed");
        assertThat(service.log()).exists();
    }

    @Test
    void aServiceThatWasStoppedIsNotRestarted() {
        supervise(new Supervisor.Policy(3, NONE, NONE, Duration.ofMinutes(10)));
        ServiceProcess service = start("tracking-service", "exec sleep 60");
        supervisor.watch(service);

        service.stop();

        assertThat(service.isAlive()).isFalse();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> console.isEmpty() && !service.isAlive());
    }

    @Test
    void aJvmThatRanOutOfMemoryExitsWithCode3AndIsRestarted() throws Exception {
        supervise(new Supervisor.Policy(1, NONE, NONE, Duration.ofMinutes(10)));
        String classes = Path.of(RunsOutOfMemory.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ServiceProcess service = ServiceProcess.start(new LianxinService("notification-service", 0),
                ServiceProcess.javaCommand("16m", "-cp", classes, RunsOutOfMemory.class.getName()), dir, Map.of(), dir.resolve("oom.log"));
        started.add(service);

        supervisor.watch(service);

        await().atMost(Duration.ofSeconds(60)).until(() -> console.size() == 2);
        assertThat(console).containsExactly(
                "notification-service exited with code 3; restarting (1)",
                "notification-service exited with code 3; not restarting it after 1 restarts in a row (see " + dir.resolve("oom.log") + ")");
        assertThat(Files.readString(dir.resolve("oom.log"))).contains("Terminating due to java.lang.OutOfMemoryError");
    }

    @Test
    void thePausesGrowUpToTheirLimit() {
        Supervisor.Policy policy = Supervisor.Policy.LOCAL;

        assertThat(List.of(1, 2, 3, 4, 5, 6, 40).stream().map(policy::delayBefore).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(policy.maxRestarts()).isEqualTo(5);
    }

    private void supervise(Supervisor.Policy policy) {
        supervisor = new Supervisor(policy, console::add);
    }

    private ServiceProcess start(String module, String script) {
        ServiceProcess service = ServiceProcess.start(new LianxinService(module, 0), List.of("sh", "-c", script), dir, Map.of(),
                dir.resolve(module + ".log"));
        started.add(service);
        return service;
    }
}
