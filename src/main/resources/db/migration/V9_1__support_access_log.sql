-- Support tools read booking conversations on record: one row per read, written before the data leaves, saying
-- who (the support client's id), when, what (the action and the booking or conversation) and why (the reason
-- the support agent gave). The log is append-only: no route changes it, and this trigger refuses every UPDATE,
-- DELETE and TRUNCATE whoever sends them, so a row can only be removed by someone who first drops the trigger,
-- which takes the table owner's rights and shows in the database's own logs.
CREATE TABLE support_access_log (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    accessed_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    client_id        VARCHAR(128) NOT NULL,
    action           VARCHAR(40)  NOT NULL,
    booking_id       VARCHAR(128),
    conversation_sid VARCHAR(34),
    reason           VARCHAR(500) NOT NULL
);

CREATE INDEX ix_support_access_log_booking ON support_access_log (booking_id, accessed_at);

CREATE FUNCTION support_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'support_access_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER tr_support_access_log_append_only
    BEFORE UPDATE OR DELETE ON support_access_log
    FOR EACH ROW EXECUTE FUNCTION support_access_log_append_only();

CREATE TRIGGER tr_support_access_log_no_truncate
    BEFORE TRUNCATE ON support_access_log
    FOR EACH STATEMENT EXECUTE FUNCTION support_access_log_append_only();
