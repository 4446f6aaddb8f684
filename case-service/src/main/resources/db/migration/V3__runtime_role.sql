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
        RAISE EXCEPTION 'case-service must not run as the owner of schema cases (%): LIANXIN_DB_USER names its runtime role, LIANXIN_DB_OWNER_USER the owner',
            current_user;
    END IF;
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = '${runtime_role}') THEN
        RAISE EXCEPTION 'case-service must not run as a superuser (${runtime_role}): no grant would bind it';
    END IF;
END
$$;

GRANT USAGE ON SCHEMA cases TO "${runtime_role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA cases TO "${runtime_role}";
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA cases TO "${runtime_role}";
REVOKE ALL ON cases.flyway_schema_history FROM "${runtime_role}";
ALTER DEFAULT PRIVILEGES IN SCHEMA cases GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${runtime_role}";
ALTER DEFAULT PRIVILEGES IN SCHEMA cases GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "${runtime_role}";

-- The audit is insert-only: a case's timeline (every change, who and when; the monthly report counts from it), its
-- decisions (支部大会, approvals: a correction is a new decision, never an edit) and its search attempts (the evidence
-- that the member was sought before being declared lost or removed). The service adds rows and reads them, never
-- changes or removes one: no UPDATE, DELETE or TRUNCATE granted to it, and a trigger refuses them to everyone else as
-- well, the owner of the schema included. A later migration that must touch old rows says so in review: ALTER TABLE
-- ... DISABLE TRIGGER, then ENABLE.
CREATE FUNCTION refuse_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%.% is insert-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
REVOKE ALL ON FUNCTION refuse_audit_rewrite() FROM PUBLIC;

REVOKE UPDATE, DELETE, TRUNCATE ON case_timeline FROM "${runtime_role}";
CREATE TRIGGER case_timeline_insert_only BEFORE UPDATE OR DELETE ON case_timeline FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER case_timeline_no_truncate BEFORE TRUNCATE ON case_timeline FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();

REVOKE UPDATE, DELETE, TRUNCATE ON decision FROM "${runtime_role}";
CREATE TRIGGER decision_insert_only BEFORE UPDATE OR DELETE ON decision FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER decision_no_truncate BEFORE TRUNCATE ON decision FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();

REVOKE UPDATE, DELETE, TRUNCATE ON search_attempt FROM "${runtime_role}";
CREATE TRIGGER search_attempt_insert_only BEFORE UPDATE OR DELETE ON search_attempt FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER search_attempt_no_truncate BEFORE TRUNCATE ON search_attempt FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();
