-- Issue 13: the two SQL functions a set-based emission (platform's EventRows) writes every scan event with, once for
-- every service, so that no scan makes event ids or event times its own way.

-- uuid_v7(): a time-ordered event id (RFC 9562 version 7), as EventIds makes them in Java. The first 48 bits are the
-- Unix time in milliseconds, then version 7, variant 10, random bits. A scan's thousands of outbox rows then append at
-- the right edge of the outbox's primary key instead of each dirtying a random leaf page. (tracking-service created it
-- in its baseline; this replaces it with the same body.)
CREATE OR REPLACE FUNCTION uuid_v7() RETURNS uuid
    LANGUAGE sql VOLATILE PARALLEL SAFE
    AS $$
        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                   PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                   FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
    $$;

-- event_time(t): an instant as an event payload carries it, RFC 3339 in UTC exactly as Jackson writes a
-- java.time.Instant: whole seconds without a fraction ('2027-03-01T02:00:00Z'), otherwise 3 or 6 digits
-- ('…:00.500Z', '…:00.123456Z'), where PostgreSQL's own text drops trailing zeros ('…:00.5'). The text of a timestamp
-- in the ISO DateStyle (the one PostgreSQL's JDBC driver always sets), with 'T' and 'Z', padded to Jackson's width:
-- several times cheaper than to_char, which matters for a scan that writes a million of them; whole seconds (due
-- dates, midnight in Shanghai) take the first branch. Whatever the session's time zone: timestamptz(0) and
-- timestamptz(3) round without one. Years 1–9999, as Jackson writes them unsigned. One expression: the planner
-- inlines it. Proven against the services' ObjectMapper by tracking-service's EventRowFunctionsTest.
CREATE FUNCTION event_time(t timestamptz) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT CASE WHEN CAST(t AS timestamptz(0)) = t
                    THEN replace(CAST(t AT TIME ZONE 'UTC' AS text), ' ', 'T') || 'Z'
                    ELSE rpad(replace(CAST(t AT TIME ZONE 'UTC' AS text), ' ', 'T'),
                              CASE WHEN CAST(t AS timestamptz(3)) = t THEN 23 ELSE 26 END, '0') || 'Z'
               END
    $$;
