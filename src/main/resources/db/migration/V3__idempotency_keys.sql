-- Send requests carrying an Idempotency-Key: the first answer is kept for 24 hours and replayed to repeats.
CREATE TABLE idempotency_keys (
    caller_user_id  VARCHAR(128) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    -- a repeat must be the same request; a reused key with another body is refused
    request_hash    CHAR(64)     NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    -- while an attempt holds the key; an attempt that died leaves it to expire and be taken over
    claimed_until   TIMESTAMPTZ  NOT NULL,
    response_body   TEXT,
    CONSTRAINT pk_idempotency_keys PRIMARY KEY (caller_user_id, idempotency_key)
);

CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
