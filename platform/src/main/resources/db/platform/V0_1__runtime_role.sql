-- Platform migrations run first in every service's own schema (docs/architecture.md): this one, the outbox and inbox
-- (V0_2), the scheduled runs (V0_3), then db/org-projection (V0_4) and db/idempotency (V0_5) where a service lists
-- them, then the service's db/migration. ${flyway:defaultSchema} is the service's schema (lianxin.schema), ${service}
-- its name (quarkus.application.name), ${runtime_role} its runtime role (quarkus.datasource.username).
--
-- Issue 12: the service connects as its own runtime role, Flyway as the owner of this schema
-- (deploy/postgres/lianxin-roles.sql creates both and gives the owner the schema). The runtime role reads and writes
-- this schema's tables and uses its sequences and functions; it never creates, alters or truncates, never touches the
-- migration history, and has nothing at all (no USAGE) on another service's schema. This migration comes before every
-- table: the owner's default privileges below give each table and sequence it creates from now on the runtime role's
-- grants (the migration history, which Flyway created before, gets none). A service's audit tables take some back in
-- the service's own migrations.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${runtime_role}') THEN
        RAISE EXCEPTION 'role ${runtime_role} does not exist: create the roles first (deploy/postgres/lianxin-roles.sql)';
    END IF;
    IF '${runtime_role}' = current_user THEN
        RAISE EXCEPTION '${service} must not run as the owner of schema ${flyway:defaultSchema} (%): LIANXIN_DB_USER names its runtime role, LIANXIN_DB_OWNER_USER the owner',
            current_user;
    END IF;
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = '${runtime_role}') THEN
        RAISE EXCEPTION '${service} must not run as a superuser (${runtime_role}): no grant would bind it';
    END IF;
END
$$;

GRANT USAGE ON SCHEMA "${flyway:defaultSchema}" TO "${runtime_role}";
ALTER DEFAULT PRIVILEGES IN SCHEMA "${flyway:defaultSchema}" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${runtime_role}";
ALTER DEFAULT PRIVILEGES IN SCHEMA "${flyway:defaultSchema}" GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "${runtime_role}";
