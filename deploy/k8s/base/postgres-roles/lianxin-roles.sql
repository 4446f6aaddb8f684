-- Lianxin's PostgreSQL roles and schemas: run by an administrator (a superuser, or a role with CREATEROLE that owns
-- the database) connected to the Lianxin database, before the services start, and again after every upgrade. It is
-- idempotent and safe to run concurrently (the test harness runs it from several JVMs against one server).
--
--   service               schema          owner (Flyway migrates as it)   runtime role (the service connects as it)
--   member-service        member          lianxin_member_owner            lianxin_member
--   tracking-service      tracking        lianxin_tracking_owner          lianxin_tracking
--   case-service          cases           lianxin_case_owner              lianxin_case
--   notification-service  notification    lianxin_notification_owner      lianxin_notification
--
-- Roles are cluster-wide: a role that exists already is left exactly as it is (other databases on the same server
-- may use it), unless the session sets lianxin.reset_passwords = 'on'. A new role gets the password of the session
-- setting lianxin.password.<role> (SET lianxin.password.lianxin_member = '...'), or none. create-roles.sh beside this
-- file sets both from environment variables; the test harness and deploy/local set dev-only values.
--
-- Here: which role owns which schema, and everything in it (a schema of an installation from before the split,
-- created by a shared superuser, changes hands). What each runtime role may do inside its schema is granted by the
-- service's own Flyway migrations (the first, platform's db/platform/V0_1__runtime_role.sql), so that it follows the tables.
-- No role gets anything on another service's schema.

DO $roles$
DECLARE
    role_name text;
    password  text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY[
            'lianxin_member_owner', 'lianxin_member',
            'lianxin_tracking_owner', 'lianxin_tracking',
            'lianxin_case_owner', 'lianxin_case',
            'lianxin_notification_owner', 'lianxin_notification'] LOOP
        password := nullif(current_setting('lianxin.password.' || role_name, true), '');
        BEGIN
            -- NOINHERIT and no attributes: a role is worth exactly the privileges granted to it by name.
            EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION PASSWORD %L',
                    role_name, password);
        EXCEPTION
            -- duplicate_object: it exists; unique_violation: another session created it while this one waited.
            WHEN duplicate_object OR unique_violation THEN
                IF password IS NOT NULL AND current_setting('lianxin.reset_passwords', true) = 'on' THEN
                    EXECUTE format('ALTER ROLE %I PASSWORD %L', role_name, password);
                END IF;
        END;
    END LOOP;
END
$roles$;

DO $schemas$
DECLARE
    s      record;
    object record;
BEGIN
    FOR s IN SELECT * FROM (VALUES
            ('member', 'lianxin_member_owner'),
            ('tracking', 'lianxin_tracking_owner'),
            ('cases', 'lianxin_case_owner'),
            ('notification', 'lianxin_notification_owner')) AS t (schema_name, owner) LOOP
        BEGIN
            EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', s.schema_name, s.owner);
        EXCEPTION
            -- Two sessions creating it at once: the other one won, which is as good.
            WHEN duplicate_schema OR unique_violation THEN NULL;
        END;
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', s.schema_name, s.owner);
        -- Nobody but the owner and the grants of the service's migrations: no USAGE or CREATE for PUBLIC.
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', s.schema_name);
        -- Tables, views and sequences (indexes and owned sequences follow their table).
        FOR object IN
                SELECT c.oid::regclass AS name FROM pg_class c
                WHERE c.relnamespace = s.schema_name::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                  AND c.relowner <> s.owner::regrole
                  AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))) LOOP
            EXECUTE format('ALTER TABLE %s OWNER TO %I', object.name, s.owner);
        END LOOP;
        FOR object IN
                SELECT p.oid::regprocedure AS name FROM pg_proc p
                WHERE p.pronamespace = s.schema_name::regnamespace AND p.proowner <> s.owner::regrole LOOP
            EXECUTE format('ALTER ROUTINE %s OWNER TO %I', object.name, s.owner);
        END LOOP;
    END LOOP;
END
$schemas$;
