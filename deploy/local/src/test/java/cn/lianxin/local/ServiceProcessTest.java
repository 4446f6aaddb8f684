package cn.lianxin.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every JVM the launcher starts dies when it runs out of memory, rather than lingering half-dead. */
class ServiceProcessTest {

    @TempDir
    Path root;

    @Test
    void aServiceRunsWithABoundedHeapAndExitsOnOutOfMemory() throws Exception {
        Path jar = root.resolve("member-service/target/quarkus-app/quarkus-run.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[0]); // not a jar: the JVM starts and exits at once, the command line is what counts
        Path logs = Files.createDirectories(root.resolve("logs"));

        ServiceProcess service = ServiceProcess.start(root, new LianxinService("member-service", 18081), Map.of(), logs);
        try {
            assertThat(service.command()).endsWith("-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString());
            assertThat(service.command().get(0)).endsWith("java");
        } finally {
            service.stop();
        }
    }

    @Test
    void everyJvmCommandLineOfTheLauncherCarriesTheFlag() {
        assertThat(ServiceProcess.javaCommand("16m", "-cp", "x", "Main"))
                .containsSubsequence("-Xmx16m", "-XX:+ExitOnOutOfMemoryError", "-cp", "x", "Main");
    }
}
