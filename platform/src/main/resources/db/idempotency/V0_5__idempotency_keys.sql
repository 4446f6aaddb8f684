-- Issue 15: Idempotency-Key on the POSTs that create facts (platform's cn.lianxin.platform.idempotency.Idempotency).
-- For the services that take one (member, tracking, case: db/idempotency in quarkus.flyway.locations; no POST of
-- notification-service takes one). A key row goes in, ON CONFLICT DO NOTHING, in the same transaction as the fact it
-- created, with the response it got; a second request with the key waits on the primary key until the first commits,
-- then answers that response. Keys belong to the caller (the token's subject). Rows expire after
-- lianxin.idempotency.expiry (24 h) and are deleted in small batches as new keys come in. The body is the response as
-- sent, so it holds what the caller saw.
CREATE TABLE idempotency_key (
    subject         text        NOT NULL,   -- who sent it: the token's principal
    idempotency_key text        NOT NULL,   -- the header's value, 1 to 255 visible ASCII characters
    fingerprint     text        NOT NULL,   -- SHA-256 of method, path and body: the same key with another request is 422
    status          integer,                -- the first response, set before the transaction commits
    location        text,
    body            text,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (subject, idempotency_key)
);
CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);

-- The runtime role adds, reads and deletes keys (V0_1's default privileges give it too; stated here so that this
-- table does not depend on them).
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_key TO "${runtime_role}";
