-- Issue 12: the service connects as its own runtime role (the placeholder runtime_role, quarkus.datasource.username),
-- Flyway as the owner of this schema (deploy/postgres/lianxin-roles.sql creates both and gives the owner the schema).
-- The runtime role reads and writes this schema's tables and uses its sequences and functions; it never creates,
-- alters or truncates, never touches the migration history, and has nothing at all (no USAGE) on another service's
-- schema. Tables and sequences of later migrations get the same grants (this owner's default privileges here).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${runtime_role}') THEN
        RAISE EXCEPTION 'role ${runtime_role} does not exist: create the roles first (deploy/postgres/lianxin-roles.sql)';
    END IF;
    IF '${runtime_role}' = current_user THEN
        RAISE EXCEPTION 'tracking-service must not run as the owner of schema tracking (%): LIANXIN_DB_USER names its runtime role, LIANXIN_DB_OWNER_USER the owner',
            current_user;
    END IF;
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = '${runtime_role}') THEN
        RAISE EXCEPTION 'tracking-service must not run as a superuser (${runtime_role}): no grant would bind it';
    END IF;
END
$$;

GRANT USAGE ON SCHEMA tracking TO "${runtime_role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA tracking TO "${runtime_role}";
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA tracking TO "${runtime_role}";
REVOKE ALL ON tracking.flyway_schema_history FROM "${runtime_role}";
ALTER DEFAULT PRIVILEGES IN SCHEMA tracking GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${runtime_role}";
ALTER DEFAULT PRIVILEGES IN SCHEMA tracking GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "${runtime_role}";

-- No audit table here: this service keeps operational state only (its events are the record others audit).
