package cn.lianxin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import cn.lianxin.bootstrap.DatabaseRoles;
import cn.lianxin.bootstrap.JwtKeys;
import cn.lianxin.kafka.BrokerSettings;
import cn.lianxin.kafka.KafkaBroker;
import cn.lianxin.kafka.LianxinTopics;

/**
 * The real infrastructure of a service's {@code @QuarkusTest}s: one Kafka broker (KRaft) per test JVM with
 * the project's topics, one fresh PostgreSQL database per test JVM, a JWT key pair and PII keys. They live
 * as long as the JVM, so that Quarkus restarts (test profiles) reuse them instead of starting new ones.
 */
public class LianxinTestResource implements QuarkusTestResourceLifecycleManager {

    private static Infrastructure infrastructure;

    @Override
    public Map<String, String> start() {
        Infrastructure infra = infrastructure();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infra.broker.bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", infra.database.jdbcUrl());
        // The service's own roles (DatabaseRoles), named by its configuration: Flyway as the schema's owner, the
        // service as its runtime role; the administrator's credentials stay with the harness.
        config.put("quarkus.datasource.password", DatabaseRoles.DEV_PASSWORD);
        config.put("quarkus.flyway.password", DatabaseRoles.DEV_PASSWORD);
        config.put("mp.jwt.verify.publickey.location", infra.jwtKeys.publicKeyFile().toUri().toString());
        config.put("lianxin.pii.encryption-key", infra.piiEncryptionKey);
        config.put("lianxin.pii.index-key", infra.piiIndexKey);
        return config;
    }

    @Override
    public void stop() {
        // Kept for the next Quarkus start in this JVM; released by the shutdown hook.
    }

    /**
     * The same infrastructure as environment variables for a service started from its packaged build
     * (system tests), named as in production (see README, Operations). The same for the four services: each one
     * connects as its own roles, which its configuration names by default (LIANXIN_DB_USER, LIANXIN_DB_OWNER_USER).
     */
    public static Map<String, String> serviceEnvironment() {
        Infrastructure infra = infrastructure();
        return Map.of(
                "LIANXIN_DB_URL", infra.database.jdbcUrl(),
                "LIANXIN_DB_PASSWORD", DatabaseRoles.DEV_PASSWORD,
                "LIANXIN_DB_OWNER_PASSWORD", DatabaseRoles.DEV_PASSWORD,
                "KAFKA_BOOTSTRAP_SERVERS", infra.broker.bootstrapServers(),
                "LIANXIN_JWT_PUBLIC_KEY_LOCATION", infra.jwtKeys.publicKeyFile().toString(),
                "LIANXIN_PII_ENCRYPTION_KEY", infra.piiEncryptionKey,
                "LIANXIN_PII_INDEX_KEY", infra.piiIndexKey);
    }

    public static String bootstrapServers() {
        return infrastructure().broker.bootstrapServers();
    }

    public static JwtKeys jwtKeys() {
        return infrastructure().jwtKeys;
    }

    public static String jdbcUrl() {
        return infrastructure().database.jdbcUrl();
    }

    /** The test database as its administrator, beyond every grant of the services' roles. */
    public static Connection adminConnection() throws SQLException {
        return infrastructure().database.connectAsAdmin();
    }

    static synchronized Infrastructure infrastructure() {
        if (infrastructure == null) {
            infrastructure = new Infrastructure();
            Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "lianxin-test-infrastructure"));
        }
        return infrastructure;
    }

    private static final class Infrastructure {
        final KafkaBroker broker;
        final TestDatabase database;
        final JwtKeys jwtKeys;
        final String piiEncryptionKey = randomKey();
        final String piiIndexKey = randomKey();

        Infrastructure() {
            database = TestDatabase.create(System.getProperty("lianxin.test.purpose", "svc"));
            broker = KafkaBroker.start(BrokerSettings.ephemeral());
            broker.createTopics(LianxinTopics.all());
            try {
                jwtKeys = JwtKeys.generate(Files.createTempDirectory("lianxin-jwt"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            broker.close();
            database.drop();
        }

        private static String randomKey() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        }
    }
}
