-- What a scan writes lands on as few pages as possible (see the benchmark in README.md).

-- Event ids as UUIDv7 (RFC 9562), the layout of platform's EventIds: 48 bits of Unix milliseconds, version 7,
-- variant 10, random bits. A scan's thousands of outbox rows then append at the right edge of the outbox's
-- primary key instead of each dirtying a random leaf page.
CREATE FUNCTION uuid_v7() RETURNS uuid
    LANGUAGE sql VOLATILE PARALLEL SAFE
    AS $$
        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                   PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                   FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
    $$;

-- Room on every clock page, so that the new version of a clock a scan moves on is written next to the old one
-- (one page dirtied, not two). Applies to pages written from now on.
ALTER TABLE clock SET (fillfactor = 80);

DROP FUNCTION rfc3339(timestamptz); -- unused since the scans write RFC 3339 text through ScanStatements.utcText
