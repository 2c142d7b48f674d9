-- The digest claims whole recipients at a time (one digest per recipient per run), walking recipients in
-- order, so its index leads with the recipient instead of the creation time; a row leaves the index as
-- soon as it is read or digested, so the walk never revisits history.
DROP INDEX ix_message_notifications_undigested;
CREATE INDEX ix_message_notifications_undigested
    ON message_notifications (recipient_user_id, created_at)
    WHERE read_at IS NULL AND digested_at IS NULL;
