package cn.lianxin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A missing secret stops the start loudly: packaged notification-service (target/quarkus-app, the production profile,
 * as the image runs it) without LIANXIN_SMS_API_KEY and LIANXIN_WECHAT_API_KEY exits at once with an error naming
 * both variables, before it touches the database or the broker; with them, it gets past configuration. There is no
 * default key to fall back on (its application.properties has defaults in %dev and %test only).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissingSecretSystemTest {

    private static final List<String> KEYS = List.of("LIANXIN_SMS_API_KEY", "LIANXIN_WECHAT_API_KEY");
    private static final String CONFIG_FAILURE = "Configuration validation failed";

    private Path jar;

    @BeforeAll
    void find() {
        jar = Manifests.repositoryRoot().resolve("notification-service/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("notification-service is not packaged (./mvnw package)").isRegularFile();
    }

    @Test
    void withoutTheGatewayKeysTheServiceDoesNotStartAndSaysWhichAreMissing() throws Exception {
        Run run = start(Map.of());
        assertThat(run.exited()).as("notification-service kept running without its gateway keys:%n%s", run.output())
                .isTrue();
        assertThat(run.exitCode()).as("exit code").isNotZero();
        assertThat(run.output()).contains(CONFIG_FAILURE);
        for (String key : KEYS) {
            assertThat(run.output()).as("the start failure must name %s", key).contains(key);
        }
    }

    @Test
    void withTheGatewayKeysConfigurationPasses() throws Exception {
        Map<String, String> keys = new HashMap<>();
        KEYS.forEach(k -> keys.put(k, "test-only-" + k.toLowerCase()));
        Run run = start(keys);
        // It goes on to the (unreachable) database and fails or waits there: what matters is that the keys were enough.
        for (String key : KEYS) {
            assertThat(run.output()).as("with %s set, nothing may complain about it", key)
                    .doesNotContain("Could not expand value " + key);
        }
    }

    /** Runs the packaged service with every other required variable set (database and broker unreachable). */
    private Run start(Map<String, String> extra) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("LIANXIN_") || k.startsWith("KAFKA_") || k.startsWith("QUARKUS_"));
        env.put("LIANXIN_DB_URL", "jdbc:postgresql://127.0.0.1:1/lianxin");
        env.put("LIANXIN_DB_USER", "lianxin_notification");
        env.put("LIANXIN_DB_PASSWORD", "unused");
        env.put("LIANXIN_DB_OWNER_PASSWORD", "unused");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
        env.put("LIANXIN_JWT_PUBLIC_KEY_LOCATION", "/nonexistent/publicKey.pem");
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_MANAGEMENT_PORT", "0");
        env.putAll(extra);
        Path output = Files.createTempFile("notification-start", ".log");
        try {
            Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            return new Run(exited, exited ? process.exitValue() : -1, Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    record Run(boolean exited, int exitCode, String output) {
    }
}
