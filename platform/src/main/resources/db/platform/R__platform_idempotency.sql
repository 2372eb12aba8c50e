-- Idempotency-Key of the services' POSTs (fr.maillage.platform.idempotency.IdempotentRequests), one table per service
-- database. Repeatable and idempotent, run after the service's own migrations (quarkus.flyway.locations).
-- A row is inserted in the transaction of the request's effect: a parallel request with the same key waits on the
-- primary key until that transaction ends, then replays the stored answer (or, if it rolled back, takes the key).
-- Rows older than maillage.idempotency.retention (24 h) are purged (their bodies may hold personal data).
CREATE TABLE IF NOT EXISTS idempotent_request (
    scope         text NOT NULL,          -- the operation, e.g. 'POST /api/v1/places'
    client        text NOT NULL,          -- the verified token's issuer and subject
    key           text NOT NULL,          -- the Idempotency-Key header (1-200 printable ASCII characters)
    request_hash  text NOT NULL,          -- SHA-256 of the canonical JSON of the request
    status        int NOT NULL,           -- 0 while the first request runs (never visible to others: uncommitted)
    location      text,                   -- path (and query) of the Location header, resolved again on each answer
    etag          text,
    media_type    text,
    body          text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, client, key)
);
CREATE INDEX IF NOT EXISTS idempotent_request_age ON idempotent_request (created_at);
