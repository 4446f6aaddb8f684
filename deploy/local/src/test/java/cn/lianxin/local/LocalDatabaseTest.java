package cn.lianxin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.lianxin.bootstrap.TestServer;
import cn.lianxin.local.LocalDatabase.Plan;

/**
 * The local stack never destroys a database it did not create: against the tests' real PostgreSQL ({@link TestServer}:
 * 127.0.0.1:5432, or the embedded one), with database names of this test's own, and dropping afterwards only those this
 * test created.
 */
class LocalDatabaseTest {

    private static final TestServer SERVER = TestServer.get();
    private static final LocalDatabase.Settings SETTINGS = new LocalDatabase.Settings(SERVER.host(), SERVER.port(), SERVER.user(),
            SERVER.password());
    private static final String WHERE = SERVER.host() + ":" + SERVER.port();

    @TempDir
    Path state;
    @TempDir
    Path here;
    @TempDir
    Path elsewhere;

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void dropWhatThisTestCreated() throws SQLException {
        for (String name : created) {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    @Test
    void aDatabaseOfTheNameThatTheLauncherDidNotCreateIsRefusedAndLeftIntact() throws SQLException {
        String name = ownName();
        admin("CREATE DATABASE " + name);
        execute(name, "CREATE TABLE precious (what text)", "INSERT INTO precious VALUES ('a user''s own data')");

        for (boolean fresh : List.of(true, false)) {
            assertThatThrownBy(() -> LocalDatabase.start(state, Checkout.of(here), name, fresh, SETTINGS))
                    .isInstanceOf(Refusal.class)
                    .hasMessageStartingWith("database '" + name + "' on " + WHERE + " was not created by this checkout")
                    .hasMessageContaining("LIANXIN_LOCAL_DB=");
        }

        assertThat(rows(name, "SELECT what FROM precious")).containsExactly("a user's own data");
        assertThat(rows(name, "SELECT nspname FROM pg_namespace WHERE nspname IN ('member', 'tracking', 'cases', 'notification')"))
                .as("schemas the launcher would have made").isEmpty();
    }

    @Test
    void eachSchemaBelongsToItsServicesOwnerRoleAndADatabaseOfAnEarlierLauncherChangesHands() throws SQLException {
        String name = ownName();
        Checkout checkout = Checkout.of(here);
        try (LocalDatabase first = LocalDatabase.start(state, checkout, name, false, SETTINGS)) {
            assertThat(first.created()).isTrue();
        }
        assertThat(rows(name, "SELECT nspname || ' ' || nspowner::regrole FROM pg_namespace "
                + "WHERE nspname IN ('member', 'tracking', 'cases', 'notification') ORDER BY nspname"))
                .containsExactly("cases lianxin_case_owner", "member lianxin_member_owner",
                        "notification lianxin_notification_owner", "tracking lianxin_tracking_owner");
        assertThat(rows(name, "SELECT rolname FROM pg_roles WHERE rolname IN ('lianxin_member', 'lianxin_tracking', "
                + "'lianxin_case', 'lianxin_notification') AND NOT rolsuper AND rolcanlogin")).hasSize(4);

        // What an earlier launcher left: the administrator owned everything (and the services connected as it).
        execute(name, "ALTER SCHEMA member OWNER TO CURRENT_USER", "CREATE TABLE member.orgs (id bigserial PRIMARY KEY)",
                "INSERT INTO member.orgs DEFAULT VALUES");
        try (LocalDatabase again = LocalDatabase.start(state, checkout, name, false, SETTINGS)) {
            assertThat(again.created()).isFalse();
        }
        assertThat(rows(name, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'member'"))
                .containsExactly("lianxin_member_owner");
        assertThat(rows(name, "SELECT relname || ' ' || relowner::regrole FROM pg_class "
                + "WHERE relnamespace = 'member'::regnamespace AND relkind IN ('r', 'S') ORDER BY relname"))
                .containsExactly("orgs lianxin_member_owner", "orgs_id_seq lianxin_member_owner");
        assertThat(rows(name, "SELECT id::text FROM member.orgs")).containsExactly("1");
    }

    @Test
    void anotherCheckoutsDatabaseIsRefusedAndLeftIntact() throws SQLException {
        String name = ownName();
        try (LocalDatabase theirs = LocalDatabase.start(state, Checkout.of(elsewhere), name, false, SETTINGS)) {
            assertThat(theirs.created()).isTrue();
        }
        execute(name, "CREATE TABLE orgs (id int)", "INSERT INTO orgs VALUES (1)");

        assertThatThrownBy(() -> LocalDatabase.start(state, Checkout.of(here), name, true, SETTINGS))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("was not created by this checkout (" + Checkout.of(here).root() + ")");

        assertThat(rows(name, "SELECT id::text FROM orgs")).containsExactly("1");
    }

    @Test
    void ourOwnDatabaseIsKeptBetweenStartsAndDroppedOnFresh() throws SQLException {
        String name = ownName();
        Checkout checkout = Checkout.of(here);
        try (LocalDatabase first = LocalDatabase.start(state, checkout, name, false, SETTINGS)) {
            assertThat(first.created()).isTrue();
            assertThat(first.jdbcUrl()).isEqualTo(SERVER.jdbcUrl(name));
        }
        execute(name, "CREATE TABLE orgs (id int)", "INSERT INTO orgs VALUES (1)");

        try (LocalDatabase again = LocalDatabase.start(state, checkout, name, false, SETTINGS)) {
            assertThat(again.created()).isFalse();
        }
        assertThat(rows(name, "SELECT id::text FROM orgs")).containsExactly("1");

        try (LocalDatabase fresh = LocalDatabase.start(state, checkout, name, true, SETTINGS)) {
            assertThat(fresh.created()).isTrue();
        }
        assertThat(rows(name, "SELECT count(*)::text FROM pg_tables WHERE tablename = 'orgs'")).containsExactly("0");
        assertThat(rows("postgres", "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '" + name + "'"))
                .singleElement().satisfies(comment -> assertThat(checkout.created(comment)).isTrue());
    }

    @Test
    void aDatabaseMigratedBeforeTheBaselineIsRefusedWithWhatToDoAndDroppedOnFresh() throws SQLException {
        String name = ownName();
        Checkout checkout = Checkout.of(here);
        try (LocalDatabase first = LocalDatabase.start(state, checkout, name, false, SETTINGS)) {
            assertThat(first.created()).isTrue();
        }
        // The history a service leaves since the baseline does not stop a start.
        execute(name, "CREATE TABLE member.flyway_schema_history (version text, script text)",
                "INSERT INTO member.flyway_schema_history VALUES ('0.1', 'V0_1__runtime_role.sql'), ('1', 'V1__baseline.sql')");
        try (LocalDatabase again = LocalDatabase.start(state, checkout, name, false, SETTINGS)) {
            assertThat(again.created()).isFalse();
        }

        // One from before it does, with what to do.
        execute(name, "CREATE TABLE tracking.flyway_schema_history (version text, script text)",
                "INSERT INTO tracking.flyway_schema_history VALUES ('0.1', '" + LocalDatabase.SCRIPT_BEFORE_THE_BASELINE + "')");
        assertThatThrownBy(() -> LocalDatabase.start(state, checkout, name, false, SETTINGS))
                .isInstanceOf(Refusal.class)
                .hasMessageStartingWith("database '" + name + "' on " + WHERE + " was migrated before each service's migrations "
                        + "became one baseline (schemas tracking)")
                .hasMessageContaining("deploy/local/up --fresh");
        assertThat(rows(name, "SELECT script FROM tracking.flyway_schema_history")).as("left as it was")
                .containsExactly(LocalDatabase.SCRIPT_BEFORE_THE_BASELINE);

        try (LocalDatabase fresh = LocalDatabase.start(state, checkout, name, true, SETTINGS)) {
            assertThat(fresh.created()).isTrue();
        }
        assertThat(rows(name, "SELECT count(*)::text FROM pg_tables WHERE tablename = 'flyway_schema_history'")).containsExactly("0");
    }

    @Test
    void theDecisionFollowsTheMark() {
        Checkout checkout = Checkout.of(here);
        String what = "database 'x' on 127.0.0.1:5432";

        assertThat(LocalDatabase.plan(Optional.empty(), checkout, false, what)).isEqualTo(Plan.CREATE);
        assertThat(LocalDatabase.plan(Optional.empty(), checkout, true, what)).isEqualTo(Plan.CREATE);
        assertThat(LocalDatabase.plan(Optional.of(checkout.comment()), checkout, false, what)).isEqualTo(Plan.USE);
        assertThat(LocalDatabase.plan(Optional.of(checkout.comment()), checkout, true, what)).isEqualTo(Plan.RECREATE);
        for (String stranger : List.of("", "the production copy", Checkout.of(elsewhere).comment())) {
            assertThatThrownBy(() -> LocalDatabase.plan(Optional.of(stranger), checkout, true, what))
                    .isInstanceOf(Refusal.class)
                    .hasMessageStartingWith(what + " was not created by this checkout");
        }
    }

    @Test
    void eachCheckoutHasADatabaseNameOfItsOwn() {
        String name = Checkout.of(here).defaultDatabase();

        assertThat(name).matches("lianxin_local_[0-9a-f]{8}")
                .isEqualTo(Checkout.of(here.resolve("..").resolve(here.getFileName())).defaultDatabase())
                .isNotEqualTo(Checkout.of(elsewhere).defaultDatabase());
    }

    @Test
    void aNameThatIsNotAPlainIdentifierIsRejectedBeforeAnySql() {
        assertThatThrownBy(() -> LocalDatabase.start(state, Checkout.of(here), "lianxin; DROP DATABASE postgres", false, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("LIANXIN_LOCAL_DB must be a plain PostgreSQL name");
    }

    private String ownName() {
        String name = "lianxin_local_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        created.add(name);
        return name;
    }

    private static void admin(String sql) throws SQLException {
        execute("postgres", sql);
    }

    private static void execute(String database, String... sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    private static List<String> rows(String database, String query) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(SERVER.jdbcUrl(database), SERVER.user(), SERVER.password());
    }
}
