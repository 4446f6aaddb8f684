package cn.lianxin.local;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second {@code up} on the same state refuses before it touches anything (it would have dropped the running one's
 * database with --fresh), and names the process that runs; once that one is gone, a start goes ahead.
 */
class StateLockTest {

    @TempDir
    Path state;

    @Test
    void aSecondUpOnTheSameStateIsRefusedNamingTheRunningOneUntilThatOneHasExited() throws Exception {
        Files.writeString(state.resolve("database"), "lianxin_local_x\n");
        Process running = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldsStateLock.class.getName(), state.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(running.getInputStream(), US_ASCII));
            assertThat(out.readLine()).isEqualTo("held");

            assertThatThrownBy(() -> StateLock.acquire(state)).isInstanceOf(Refusal.class)
                    .hasMessageContaining("another deploy/local/up is running with the state in " + state)
                    .hasMessageContaining("(process " + running.pid() + ")");
            assertThat(state.resolve("database")).hasContent("lianxin_local_x");
        } finally {
            running.getOutputStream().close();
            assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (StateLock lock = StateLock.acquire(state)) {
            assertThat(state.resolve(StateLock.FILE)).hasContent(ProcessHandle.current().pid() + "\n");
        }
    }

    @Test
    void withinOneLauncherASecondAcquireIsRefusedToo() throws Exception {
        try (StateLock lock = StateLock.acquire(state)) {
            assertThatThrownBy(() -> StateLock.acquire(state)).isInstanceOf(Refusal.class)
                    .hasMessageContaining("(process " + ProcessHandle.current().pid() + ")");
        }
    }

    @Test
    void aFreshStartForgetsTheStateButTheLockAndTheCluster() throws Exception {
        try (StateLock lock = StateLock.acquire(state)) {
            Files.createDirectories(state.resolve("kafka"));
            Files.createDirectories(state.resolve("pgdata"));
            LocalStack.forgetStateBut(state, "pgdata", StateLock.FILE);
            try (var left = Files.list(state)) {
                assertThat(left).containsExactlyInAnyOrder(state.resolve("pgdata"), state.resolve(StateLock.FILE));
            }
        }
    }
}
