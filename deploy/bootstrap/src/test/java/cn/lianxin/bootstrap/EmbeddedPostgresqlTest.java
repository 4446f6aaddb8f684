package cn.lianxin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL's configuration and the handling of its data directory. It refuses to run as root, which is
 * how CI runs these tests, so a running server is proven by .ci/fresh-machine (as a user of its own) instead.
 */
class EmbeddedPostgresqlTest {

    @TempDir
    Path dir;

    @Test
    void theClusterIsKeptOnStopAndTheServerListensOnLoopbackOnly() {
        Path pgdata = dir.resolve("pgdata");

        // zonky's builder compares by configuration.
        assertThat(EmbeddedPostgresql.builder(pgdata, 54329))
                .isEqualTo(EmbeddedPostgres.builder().setDataDirectory(pgdata).setCleanDataDirectory(false).setPort(54329)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setOverrideWorkingDirectory(Path.of(System.getProperty("java.io.tmpdir"),
                                "lianxin-embedded-pg-" + System.getProperty("user.name")).toFile()))
                .isNotEqualTo(EmbeddedPostgres.builder().setDataDirectory(pgdata).setPort(54329));
    }

    @Test
    void aCompleteClusterIsKeptAndOnlyAnUnfinishedInitdbIsCleared() throws Exception {
        Path complete = Files.createDirectories(dir.resolve("complete"));
        Files.writeString(complete.resolve("postgresql.conf"), "port = 5432\n");
        Files.createDirectories(complete.resolve("base/16384"));
        Path unfinished = Files.createDirectories(dir.resolve("unfinished"));
        Files.writeString(unfinished.resolve("PG_VERSION"), "14\n");

        EmbeddedPostgresql.clearUnfinishedCluster(complete);
        EmbeddedPostgresql.clearUnfinishedCluster(unfinished);
        EmbeddedPostgresql.clearUnfinishedCluster(dir.resolve("none"));

        assertThat(complete.resolve("base/16384")).isDirectory();
        assertThat(unfinished).doesNotExist();
    }

    @Test
    void theTestsSharedServerLivesInTheUsersHomeOnePerPort() {
        assertThat(EmbeddedPostgresql.sharedHome(54329))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".lianxin", "test-postgres-54329"))
                .isNotEqualTo(EmbeddedPostgresql.sharedHome(15432));
    }

    /** README's fresh machines: Linux and macOS, on x86-64 and on ARM (Apple silicon, arm64 servers). */
    @Test
    void aPostgresqlBuildIsOnTheClasspathForEveryMachineTheReadmeNames() {
        for (String build : List.of("linux-x86_64", "linux-arm_64", "darwin-x86_64", "darwin-arm_64")) {
            assertThat(getClass().getResource("/postgres-" + build + ".txz")).as("postgres-%s.txz", build).isNotNull();
        }
    }

    @Test
    void aManifestOnlyJarIsOpenedUpIntoItsClassPath() throws Exception {
        // What surefire passes a forked JVM: one jar whose manifest names the real entries; the owner process of the
        // shared server outlives that jar, so it is started with the entries themselves.
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, lib.resolve("a.jar").toUri() + " lib/b%20c.jar classes/");
        Path booter = dir.resolve("surefirebooter.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(booter), manifest)) {
            jar.flush();
        }
        String saved = System.getProperty("java.class.path");
        try {
            System.setProperty("java.class.path", booter + File.pathSeparator + dir.resolve("plain"));
            assertThat(EmbeddedPostgresql.classpath()).containsExactly(booter.toString(), lib.resolve("a.jar").toString(),
                    lib.resolve("b c.jar").toString(), dir.resolve("classes").toString(), dir.resolve("plain").toString());
        } finally {
            System.setProperty("java.class.path", saved);
        }
    }
}
