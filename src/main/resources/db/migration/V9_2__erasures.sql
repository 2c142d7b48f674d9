-- Erasure of a person (DELETE /users/{userType}/{userId}): the only record kept is that an erasure of a digested
-- id happened, when, and how much it removed. The digest is a keyed HMAC-SHA256 of "userType:userId", so the
-- table cannot be searched for a person without the key. An erasure interrupted halfway is finished by a retry:
-- the person's remaining rows are the work left, and this row holds the counts so far and the lease of the
-- attempt working on it.
CREATE TABLE erasures (
    subject_digest CHAR(64)    PRIMARY KEY,
    requested_at   TIMESTAMPTZ NOT NULL,
    completed_at   TIMESTAMPTZ,
    claimed_until  TIMESTAMPTZ,
    removed        JSONB       NOT NULL DEFAULT '{}'
);
