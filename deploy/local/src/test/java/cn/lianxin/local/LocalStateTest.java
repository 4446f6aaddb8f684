package cn.lianxin.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL keeps its data between runs. It refuses to run as root, which is how these tests run
 * (and CI), so they check the configuration it is started with and the launcher's own handling of its data
 * directory, not a running server.
 */
class LocalStateTest {

    @TempDir
    Path state;

    @Test
    void theEmbeddedClusterIsNeverCleanedOnStop() {
        Path pgdata = state.resolve("pgdata");

        // zonky's builder compares by configuration: this one differs from its default only in not cleaning.
        assertThat(LocalDatabase.embedded(pgdata))
                .isEqualTo(EmbeddedPostgres.builder().setDataDirectory(pgdata).setCleanDataDirectory(false).setPort(5432))
                .isNotEqualTo(EmbeddedPostgres.builder().setDataDirectory(pgdata).setPort(5432));
    }

    @Test
    void aCompleteClusterIsKeptAndOnlyAnUnfinishedInitdbIsCleared() throws Exception {
        Path complete = Files.createDirectories(state.resolve("complete"));
        Files.writeString(complete.resolve("postgresql.conf"), "port = 5432\n");
        Files.createDirectories(complete.resolve("base/16384"));
        Path unfinished = Files.createDirectories(state.resolve("unfinished"));
        Files.writeString(unfinished.resolve("PG_VERSION"), "14\n");

        LocalDatabase.clearUnfinishedCluster(complete);
        LocalDatabase.clearUnfinishedCluster(unfinished);
        LocalDatabase.clearUnfinishedCluster(state.resolve("none"));

        assertThat(complete.resolve("base/16384")).isDirectory();
        assertThat(unfinished).doesNotExist();
    }

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
}
