package cn.lianxin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.lianxin.bootstrap.DatabaseRoles.ServiceRoles;
import cn.lianxin.bootstrap.DatabaseRoles;

/**
 * Each service connects as its own PostgreSQL role, proven the same way in every service against the real database
 * (issue 12: with the superuser's credentials anyone could rewrite the audit): the service runs as its runtime role,
 * which is no superuser and owns nothing; it may read and write the tables of its own schema and nothing in another
 * service's schema, not even the tables' names; and its audit tables take inserts only, refused UPDATE, DELETE and
 * TRUNCATE by grants for the service and by a trigger for everyone else, the schema's owner included.
 *
 * <p>A service's {@code @QuarkusTest} extends this, names its schema and its audit tables (exactly those, none for a
 * service without any), and through its API leaves at least one row in each audit table ({@link #recordAuditRows}).
 */
public abstract class DatabaseRolesContract {

    private static final String PERMISSION_DENIED = "42501";

    @Inject
    DataSource db;

    /** The service's schema ({@code lianxin.schema}). */
    protected abstract String schema();

    /** The service's insert-only tables; empty for a service that keeps no audit. */
    protected abstract List<String> auditTables();

    /** Leaves at least one row in each of {@link #auditTables()}, through the service's API. */
    protected abstract void recordAuditRows() throws Exception;

    private ServiceRoles roles() {
        return DatabaseRoles.ofSchema(schema());
    }

    @Test
    void theServiceRunsAsItsRuntimeRoleWhichOwnsNothingAndCannotCreateOrMigrate() throws SQLException {
        try (Connection c = db.getConnection()) {
            try (ResultSet role = c.createStatement().executeQuery("""
                    SELECT current_user, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls,
                           (SELECT count(*) FROM pg_class WHERE relowner = r.oid),
                           (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = current_schema())
                    FROM pg_roles r WHERE rolname = current_user""")) {
                assertThat(role.next()).isTrue();
                assertThat(role.getString(1)).as("the service's database user").isEqualTo(roles().runtime());
                assertThat(role.getBoolean(2)).as("superuser").isFalse();
                assertThat(role.getBoolean(3)).as("createrole").isFalse();
                assertThat(role.getBoolean(4)).as("createdb").isFalse();
                assertThat(role.getBoolean(5)).as("bypassrls").isFalse();
                assertThat(role.getLong(6)).as("relations owned by the runtime role").isZero();
                assertThat(role.getString(7)).as("owner of schema " + schema()).isEqualTo(roles().owner());
            }
            assertThat(tablesNotOwnedBy(c, roles().owner())).as("tables of %s not owned by %s", schema(), roles().owner())
                    .isEmpty();
            assertDenied(c, "CREATE TABLE " + schema() + ".intruder (id int)");
            assertDenied(c, "SELECT count(*) FROM " + schema() + ".flyway_schema_history");
            assertDenied(c, "DELETE FROM " + schema() + ".flyway_schema_history");
        }
    }

    @Test
    void theServiceCannotReadWriteOrEvenSeeAnotherServicesSchema() throws SQLException {
        List<ServiceRoles> others = DatabaseRoles.ALL.stream().filter(r -> !r.schema().equals(schema())).toList();
        // A real table of each other service, made by that service's owner, with a row in it.
        try (Connection admin = LianxinTestResource.adminConnection(); Statement s = admin.createStatement()) {
            for (ServiceRoles other : others) {
                s.execute("SET ROLE " + other.owner());
                s.execute("CREATE TABLE IF NOT EXISTS " + other.schema() + ".neighbour_probe (id int)");
                s.execute("INSERT INTO " + other.schema() + ".neighbour_probe VALUES (1)");
                s.execute("RESET ROLE");
            }
            for (ServiceRoles other : others) {
                // This service's owner is confined to its schema as well.
                s.execute("SET ROLE " + roles().owner());
                assertDenied(admin, "SELECT count(*) FROM " + other.schema() + ".neighbour_probe");
                assertDenied(admin, "CREATE TABLE " + other.schema() + ".intruder (id int)");
                s.execute("RESET ROLE");
            }
        }
        try (Connection c = db.getConnection()) {
            for (ServiceRoles other : others) {
                String probe = other.schema() + ".neighbour_probe";
                try (ResultSet usage = c.createStatement().executeQuery(
                        "SELECT has_schema_privilege('" + other.schema() + "', 'USAGE')")) {
                    usage.next();
                    assertThat(usage.getBoolean(1)).as("USAGE on schema %s", other.schema()).isFalse();
                }
                assertDenied(c, "SELECT count(*) FROM " + probe);
                assertDenied(c, "INSERT INTO " + probe + " VALUES (2)");
                assertDenied(c, "UPDATE " + probe + " SET id = 3");
                assertDenied(c, "DELETE FROM " + probe);
                assertDenied(c, "TRUNCATE " + probe);
                assertDenied(c, "CREATE TABLE " + other.schema() + ".intruder (id int)");
            }
        }
        try (Connection admin = LianxinTestResource.adminConnection(); Statement s = admin.createStatement()) {
            for (ServiceRoles other : others) {
                try (ResultSet rows = s.executeQuery("SELECT count(*) FILTER (WHERE id = 1), count(*) FILTER (WHERE id <> 1) FROM "
                        + other.schema() + ".neighbour_probe")) {
                    rows.next();
                    assertThat(rows.getLong(1)).as("%s.neighbour_probe: its owner's rows, kept", other.schema()).isPositive();
                    assertThat(rows.getLong(2)).as("%s.neighbour_probe: rows of others", other.schema()).isZero();
                }
            }
        }
    }

    @Test
    void theServiceMayReadAndWriteEveryTableOfItsSchemaButOnlyInsertIntoItsAuditTables() throws SQLException {
        List<String> insertOnly = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement tables = c.prepareStatement("""
                SELECT tablename,
                       has_table_privilege(format('%I.%I', schemaname, tablename), 'SELECT, INSERT'),
                       has_table_privilege(format('%I.%I', schemaname, tablename), 'SELECT'),
                       has_table_privilege(format('%I.%I', schemaname, tablename), 'INSERT'),
                       has_table_privilege(format('%I.%I', schemaname, tablename), 'UPDATE'),
                       has_table_privilege(format('%I.%I', schemaname, tablename), 'DELETE'),
                       has_table_privilege(format('%I.%I', schemaname, tablename), 'TRUNCATE')
                FROM pg_tables WHERE schemaname = ? AND tablename <> 'flyway_schema_history' ORDER BY tablename""")) {
            tables.setString(1, schema());
            try (ResultSet t = tables.executeQuery()) {
                while (t.next()) {
                    boolean select = t.getBoolean(3), insert = t.getBoolean(4), update = t.getBoolean(5),
                            delete = t.getBoolean(6), truncate = t.getBoolean(7);
                    assertThat(truncate).as("TRUNCATE on %s", t.getString(1)).isFalse();
                    if (select && insert && !update && !delete) {
                        insertOnly.add(t.getString(1));
                    } else if (!(select && insert && update && delete)) {
                        incomplete.add(t.getString(1));
                    }
                }
            }
        }
        assertThat(incomplete).as("tables the service cannot fully read and write (missing grants)").isEmpty();
        assertThat(new TreeSet<>(insertOnly)).as("the insert-only tables of " + schema())
                .isEqualTo(new TreeSet<>(auditTables()));
    }

    @Test
    void nobodyRewritesTheAuditTables() throws Exception {
        TreeSet<String> guarded = new TreeSet<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_class c ON c.oid = t.tgrelid
                WHERE p.proname = 'refuse_audit_rewrite' AND c.relnamespace = ?::regnamespace""")) {
            s.setString(1, schema());
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    guarded.add(rows.getString(1));
                }
            }
        }
        assertThat(guarded).as("tables of %s guarded by the insert-only trigger", schema())
                .isEqualTo(new TreeSet<>(auditTables()));
        recordAuditRows();
        for (String table : auditTables()) {
            String qualified = schema() + "." + table;
            long before = count(qualified);
            assertThat(before).as("rows in %s after recordAuditRows()", qualified).isPositive();
            try (Connection c = db.getConnection()) {
                assertDenied(c, "UPDATE " + qualified + " SET id = id");
                assertDenied(c, "DELETE FROM " + qualified);
                assertDenied(c, "TRUNCATE " + qualified);
            }
            // Beyond the grants, a trigger: not even the owner of the schema, nor an administrator, rewrites a row.
            try (Connection admin = LianxinTestResource.adminConnection(); Statement s = admin.createStatement()) {
                for (String as : List.of(roles().owner(), "")) {
                    s.execute(as.isEmpty() ? "RESET ROLE" : "SET ROLE " + as);
                    assertRefusedByTrigger(admin, "UPDATE " + qualified + " SET id = id");
                    assertRefusedByTrigger(admin, "DELETE FROM " + qualified);
                    assertRefusedByTrigger(admin, "TRUNCATE " + qualified);
                }
            }
            assertThat(count(qualified)).as("rows in %s after the attempts", qualified).isEqualTo(before);
        }
    }

    private long count(String table) throws SQLException {
        try (Connection c = db.getConnection(); ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private List<String> tablesNotOwnedBy(Connection c, String owner) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT tablename FROM pg_tables WHERE schemaname = ? AND tableowner <> ?")) {
            s.setString(1, schema());
            s.setString(2, owner);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    private static void assertDenied(Connection c, String sql) {
        SQLException e = refusal(c, sql);
        assertThat(e.getMessage()).as(sql).contains("permission denied");
    }

    private static void assertRefusedByTrigger(Connection c, String sql) {
        SQLException e = refusal(c, sql);
        assertThat(e.getMessage()).as(sql).contains("is insert-only");
    }

    private static SQLException refusal(Connection c, String sql) {
        SQLException e = catchThrowableOfType(SQLException.class, () -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        });
        assertThat((Throwable) e).as("'%s' must be refused", sql).isNotNull();
        assertThat(e.getSQLState()).as("SQLSTATE of '%s' (%s)", sql, e.getMessage()).isEqualTo(PERMISSION_DENIED);
        return e;
    }
}
