package cn.lianxin.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import cn.lianxin.bootstrap.DatabaseRoles;
import cn.lianxin.bootstrap.TestServer;

/**
 * One roles script for every way the system is run: deploy/postgres/ (docker-compose.yml's postgres-init, and the
 * tests and the local stack through {@link DatabaseRoles}) and its copy for Kubernetes, which Kustomize can only read
 * from under deploy/k8s/base. And create-roles.sh, the wrapper compose and the Kubernetes Job run, works with psql
 * against the tests' real server ({@link TestServer}) when psql is installed (a machine with PostgreSQL's client; a
 * fresh machine with only a JDK has none, and the embedded server brings none).
 */
class DatabaseRolesScriptTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Path CANONICAL = ROOT.resolve("deploy/postgres");
    private static final Path KUBERNETES = ROOT.resolve("deploy/k8s/base/postgres-roles");

    @Test
    void kubernetesRunsTheSameScriptsAsComposeAndTheTests() throws IOException {
        for (String file : List.of("lianxin-roles.sql", "create-roles.sh")) {
            assertThat(Files.readString(KUBERNETES.resolve(file)))
                    .as("deploy/k8s/base/postgres-roles/%s must be a copy of deploy/postgres/%s", file, file)
                    .isEqualTo(Files.readString(CANONICAL.resolve(file)));
        }
        assertThat(DatabaseRoles.script()).as("the script in the lianxin-testing jar")
                .isEqualTo(Files.readString(CANONICAL.resolve("lianxin-roles.sql")));
    }

    @Test
    void createRolesShGivesEverySchemaToItsOwnerRoleWithPsql() throws Exception {
        Assumptions.assumeTrue(psqlInstalled(), "psql is not installed: create-roles.sh needs it");
        TestServer server = TestServer.get();
        String database = "lianxin_roles_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("postgres", "CREATE DATABASE " + database);
        try {
            ProcessBuilder psql = new ProcessBuilder("sh", CANONICAL.resolve("create-roles.sh").toString())
                    .redirectErrorStream(true);
            Map<String, String> env = psql.environment();
            env.put("PGHOST", server.host());
            env.put("PGPORT", Integer.toString(server.port()));
            env.put("PGDATABASE", database);
            env.put("PGUSER", adminUser());
            env.put("PGPASSWORD", adminPassword());
            // The same dev-only password the harness gives the roles: setting it again changes nothing for the
            // other databases of this server that use them.
            for (String service : List.of("MEMBER", "TRACKING", "CASE", "NOTIFICATION")) {
                env.put("LIANXIN_" + service + "_DB_PASSWORD", DatabaseRoles.DEV_PASSWORD);
                env.put("LIANXIN_" + service + "_DB_OWNER_PASSWORD", DatabaseRoles.DEV_PASSWORD);
            }
            Process process = psql.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("Lianxin roles and schemas ready in database " + database);

            assertThat(rows(database, "SELECT nspname || ' ' || nspowner::regrole FROM pg_namespace "
                    + "WHERE nspname IN ('member', 'tracking', 'cases', 'notification') ORDER BY nspname"))
                    .containsExactly("cases lianxin_case_owner", "member lianxin_member_owner",
                            "notification lianxin_notification_owner", "tracking lianxin_tracking_owner");
            // Nobody else, PUBLIC included, has anything on a service's schema until its migration grants it.
            assertThat(rows(database, "SELECT nspname FROM pg_namespace WHERE nspname IN ('member', 'tracking', 'cases', "
                    + "'notification') AND (has_schema_privilege('public', oid, 'USAGE') "
                    + "OR has_schema_privilege('lianxin_member', oid, 'USAGE'))")).isEmpty();
            assertThat(rows(database, "SELECT rolname FROM pg_roles WHERE rolname LIKE 'lianxin\\_%' AND rolcanlogin "
                    + "AND NOT rolsuper AND NOT rolcreaterole AND NOT rolcreatedb AND NOT rolinherit ORDER BY rolname"))
                    .containsAll(DatabaseRoles.ALL.stream().flatMap(r -> List.of(r.owner(), r.runtime()).stream()).toList());
        } finally {
            admin("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void admin(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> rows(String database, String query) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(TestServer.get().jdbcUrl(database), adminUser(), adminPassword());
    }

    private static String adminUser() {
        return TestServer.get().user();
    }

    private static String adminPassword() {
        return TestServer.get().password();
    }

    private static boolean psqlInstalled() {
        try {
            Process psql = new ProcessBuilder("psql", "--version").redirectErrorStream(true).start();
            psql.getInputStream().readAllBytes();
            return psql.waitFor(10, TimeUnit.SECONDS) && psql.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
