package cn.lianxin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.lianxin.bootstrap.EmbeddedPostgresql;

/**
 * The local state: what a fresh start forgets and keeps, and where the stack keeps it, listens and connects, as the
 * environment says. (The embedded PostgreSQL's own configuration is EmbeddedPostgresqlTest's, in deploy/bootstrap.)
 */
class LocalStateTest {

    @TempDir
    Path state;

    @Test
    void forgettingTheLocalStateKeepsTheEmbeddedCluster() throws Exception {
        Files.createDirectories(state.resolve("keys"));
        Files.writeString(state.resolve("keys/pii.properties"), "LIANXIN_PII_INDEX_KEY=x\n");
        Files.createDirectories(state.resolve("kafka/member.events-0"));
        Files.writeString(state.resolve("demo.env"), "CITY=x\n");
        Files.createDirectories(state.resolve("pgdata/base"));
        Files.writeString(state.resolve("pgdata/postgresql.conf"), "port = 5432\n");

        LocalStack.forgetStateBut(state, "pgdata");

        try (var left = Files.list(state)) {
            assertThat(left).containsExactly(state.resolve("pgdata"));
        }
        assertThat(state.resolve("pgdata/postgresql.conf")).exists();
        assertThat(state.resolve("pgdata/base")).isDirectory();
    }

    @Test
    void byDefaultTheStackKeepsItsStateInTargetLocalTakesTheDocumentedPortsAndListensOnLoopback() {
        Path root = state.resolve("checkout");
        LocalSettings settings = LocalSettings.of(root, Map.of());

        assertThat(settings.state()).isEqualTo(root.resolve("target/local"));
        assertThat(settings.bind()).isEqualTo("127.0.0.1");
        assertThat(settings.services()).isEqualTo(LianxinService.DEFAULTS);
        assertThat(settings.services()).extracting(settings::managementPort).containsExactly(9081, 9082, 9083, 9084);
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.smtpPort()).isEqualTo(2525);
        assertThat(settings.gatewayPort()).isEqualTo(9701);
        assertThat(LocalDatabase.settings(Map.of())).isEqualTo(new LocalDatabase.Settings("127.0.0.1", 5432, EmbeddedPostgresql.USER, ""));
    }

    @Test
    void anOffsetMovesEveryPortOfTheStackAndTheStateAndTheDatabaseGoWhereTheyAreTold() {
        LocalSettings settings = LocalSettings.of(state, Map.of("LIANXIN_LOCAL_PORT_OFFSET", "20000",
                "LIANXIN_LOCAL_STATE", state.resolve("elsewhere").toString(), "LIANXIN_LOCAL_BIND", "0.0.0.0"));

        assertThat(settings.services()).extracting(LianxinService::port).containsExactly(28081, 28082, 28083, 28084);
        assertThat(settings.services()).extracting(settings::managementPort).containsExactly(29081, 29082, 29083, 29084);
        assertThat(settings.kafkaPort()).isEqualTo(29092);
        assertThat(settings.smtpPort()).isEqualTo(22525);
        assertThat(settings.gatewayPort()).isEqualTo(29701);
        assertThat(settings.state()).isEqualTo(state.resolve("elsewhere"));
        assertThat(settings.bind()).isEqualTo("0.0.0.0");
        assertThat(LocalDatabase.settings(Map.of("LIANXIN_LOCAL_DB_HOST", "db.example", "LIANXIN_LOCAL_DB_PORT", "6432",
                "LIANXIN_LOCAL_DB_USER", "me", "LIANXIN_LOCAL_DB_PASSWORD", "secret")))
                .isEqualTo(new LocalDatabase.Settings("db.example", 6432, "me", "secret"));
        assertThat(LocalDatabase.settings(Map.of("LIANXIN_DB_USER", "old", "LIANXIN_DB_PASSWORD", "older")))
                .as("the names earlier launchers read").isEqualTo(new LocalDatabase.Settings("127.0.0.1", 5432, "old", "older"));
    }

    @Test
    void anOffsetThatWouldLeaveThePortRangeIsRefused() {
        assertThatThrownBy(() -> LocalSettings.of(state, Map.of("LIANXIN_LOCAL_PORT_OFFSET", "60000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("LIANXIN_LOCAL_PORT_OFFSET must be between 0 and");
    }
}
