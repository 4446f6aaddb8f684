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
        RAISE EXCEPTION 'member-service must not run as the owner of schema member (%): LIANXIN_DB_USER names its runtime role, LIANXIN_DB_OWNER_USER the owner',
            current_user;
    END IF;
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = '${runtime_role}') THEN
        RAISE EXCEPTION 'member-service must not run as a superuser (${runtime_role}): no grant would bind it';
    END IF;
END
$$;

GRANT USAGE ON SCHEMA member TO "${runtime_role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA member TO "${runtime_role}";
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA member TO "${runtime_role}";
REVOKE ALL ON member.flyway_schema_history FROM "${runtime_role}";
ALTER DEFAULT PRIVILEGES IN SCHEMA member GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${runtime_role}";
ALTER DEFAULT PRIVILEGES IN SCHEMA member GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "${runtime_role}";

-- The audit is insert-only: who revealed, corrected or found already registered an ID number, and every standing
-- change (党籍) with its decision, is what an auditor reads (AUDITOR, ORG_ADMIN) and what nobody may rewrite. The
-- service adds rows and reads them, never changes or removes one: no UPDATE, DELETE or TRUNCATE granted to it, and a
-- trigger refuses them to everyone else as well, the owner of the schema included. A later migration that must touch
-- old rows says so in review: ALTER TABLE ... DISABLE TRIGGER, then ENABLE.
CREATE FUNCTION refuse_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%.% is insert-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
REVOKE ALL ON FUNCTION refuse_audit_rewrite() FROM PUBLIC;

REVOKE UPDATE, DELETE, TRUNCATE ON id_number_reveal FROM "${runtime_role}";
CREATE TRIGGER id_number_reveal_insert_only BEFORE UPDATE OR DELETE ON id_number_reveal FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER id_number_reveal_no_truncate BEFORE TRUNCATE ON id_number_reveal FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();

REVOKE UPDATE, DELETE, TRUNCATE ON id_number_correction FROM "${runtime_role}";
CREATE TRIGGER id_number_correction_insert_only BEFORE UPDATE OR DELETE ON id_number_correction FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER id_number_correction_no_truncate BEFORE TRUNCATE ON id_number_correction FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();

-- The duplicate hits (V8) were written alongside this migration: guarded wherever the table exists.
DO $$
BEGIN
    IF to_regclass('id_number_duplicate_hit') IS NOT NULL THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON id_number_duplicate_hit FROM "${runtime_role}";
        CREATE TRIGGER id_number_duplicate_hit_insert_only BEFORE UPDATE OR DELETE ON id_number_duplicate_hit
            FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
        CREATE TRIGGER id_number_duplicate_hit_no_truncate BEFORE TRUNCATE ON id_number_duplicate_hit
            FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();
    END IF;
END
$$;

REVOKE UPDATE, DELETE, TRUNCATE ON standing_change FROM "${runtime_role}";
CREATE TRIGGER standing_change_insert_only BEFORE UPDATE OR DELETE ON standing_change FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER standing_change_no_truncate BEFORE TRUNCATE ON standing_change FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();
