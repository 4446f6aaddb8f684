package cn.lianxin.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Each service's own PostgreSQL roles, as {@code deploy/postgres/lianxin-roles.sql} creates them (this class runs that
 * very script, copied into the jar): Flyway migrates as the schema's owner, the service runs as a role that may
 * only read and write its own schema's tables, and only insert into its audit tables. The services' configuration
 * names these roles by default ({@code LIANXIN_DB_USER}, {@code LIANXIN_DB_OWNER_USER}).
 */
public final class DatabaseRoles {

    /**
     * The password of every role the tests and {@code deploy/local} create: a development value, never a secret (a
     * local server trusts 127.0.0.1 and ignores it; where it asks for passwords, this is the one). Flyway needs one:
     * without a password of its own it would silently migrate with the service's credentials. docker-compose.yml and
     * deploy/k8s set their own passwords.
     */
    public static final String DEV_PASSWORD = "lianxin-dev-only";

    /** One service's schema and roles. */
    public record ServiceRoles(String module, String schema, String owner, String runtime) {
    }

    public static final List<ServiceRoles> ALL = List.of(
            new ServiceRoles("member-service", "member", "lianxin_member_owner", "lianxin_member"),
            new ServiceRoles("tracking-service", "tracking", "lianxin_tracking_owner", "lianxin_tracking"),
            new ServiceRoles("case-service", "cases", "lianxin_case_owner", "lianxin_case"),
            new ServiceRoles("notification-service", "notification", "lianxin_notification_owner", "lianxin_notification"));

    private static final String SCRIPT = "lianxin-roles.sql";

    private DatabaseRoles() {
    }

    /** The roles of the service whose schema is {@code schema}. */
    public static ServiceRoles ofSchema(String schema) {
        return ALL.stream().filter(r -> r.schema().equals(schema)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Lianxin service has schema " + schema));
    }

    /**
     * Creates the roles that are missing (with {@link #DEV_PASSWORD}; existing roles are left untouched, since other
     * databases of the server may use them) and hands each schema of the database {@code admin} is connected to,
     * with everything in it, to its owner. Idempotent and safe to run from several JVMs at once.
     */
    public static void bootstrap(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            for (ServiceRoles roles : ALL) {
                statement.execute("SET lianxin.password." + roles.owner() + " = '" + DEV_PASSWORD + "'");
                statement.execute("SET lianxin.password." + roles.runtime() + " = '" + DEV_PASSWORD + "'");
            }
            statement.execute(script());
        }
    }

    /** {@code deploy/postgres/lianxin-roles.sql}, the script docker-compose.yml and deploy/k8s run too. */
    public static String script() {
        try (InputStream in = DatabaseRoles.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the lianxin-bootstrap jar (see its pom.xml)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
