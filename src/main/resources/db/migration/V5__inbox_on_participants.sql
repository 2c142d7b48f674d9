-- The inbox lists one user's conversations by latest activity with unread counts and a total. Reading that
-- from conversation_metadata and message_notifications means visiting every conversation and every unread
-- notification of the user on every page (5,000 and 50,000 rows for a busy provider). Each participant row
-- therefore carries a copy of its conversation's activity time and its own unread count, so that one index
-- serves a page and the total. Triggers keep both copies exact in the same transaction as the change, whoever
-- makes it (send, webhook, reconciler, mark as read, a manual fix), so no code path can forget them.

ALTER TABLE conversation_participants
    -- a default keeps inserts of code that predates this migration working during a deploy
    ADD COLUMN activity_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN unread_count INTEGER     NOT NULL DEFAULT 0;

UPDATE conversation_participants p
   SET activity_at = COALESCE(m.last_message_at, m.created_at)
  FROM conversation_metadata m
 WHERE m.id = p.conversation_id;

UPDATE conversation_participants p
   SET unread_count = u.unread
  FROM (SELECT conversation_id, recipient_user_id, count(*) AS unread
          FROM message_notifications
         WHERE read_at IS NULL
         GROUP BY conversation_id, recipient_user_id) u
 WHERE p.conversation_id = u.conversation_id AND p.user_id = u.recipient_user_id;

-- Pages walk this backwards (newest first); the total sums unread_count over the same range.
CREATE INDEX ix_conversation_participants_inbox
    ON conversation_participants (user_id, user_type, activity_at, conversation_id) INCLUDE (unread_count);
-- Its leading columns serve every lookup the old index served.
DROP INDEX ix_conversation_participants_user;

-- A new participant takes the activity time and unread count its conversation already has for it.
CREATE FUNCTION conversation_participants_initialise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT COALESCE(m.last_message_at, m.created_at) INTO NEW.activity_at
      FROM conversation_metadata m
     WHERE m.id = NEW.conversation_id;
    SELECT count(*) INTO NEW.unread_count
      FROM message_notifications n
     WHERE n.conversation_id = NEW.conversation_id AND n.recipient_user_id = NEW.user_id AND n.read_at IS NULL;
    RETURN NEW;
END
$$;

CREATE TRIGGER tr_conversation_participants_initialise
    BEFORE INSERT ON conversation_participants
    FOR EACH ROW EXECUTE FUNCTION conversation_participants_initialise();

-- A conversation's activity moves every participant row's copy with it.
CREATE FUNCTION conversation_metadata_share_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE conversation_participants
       SET activity_at = COALESCE(NEW.last_message_at, NEW.created_at)
     WHERE conversation_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER tr_conversation_metadata_share_activity
    AFTER UPDATE OF last_message_at, created_at ON conversation_metadata
    FOR EACH ROW
    WHEN (COALESCE(OLD.last_message_at, OLD.created_at) IS DISTINCT FROM COALESCE(NEW.last_message_at, NEW.created_at))
    EXECUTE FUNCTION conversation_metadata_share_activity();

-- A notification counts for its recipient's participant row while it is unread.
CREATE FUNCTION message_notifications_count_unread() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed message_notifications;
    delta   INTEGER;
BEGIN
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.read_at IS NULL) THEN
        changed := NEW;
        delta := 1;
    ELSE
        changed := OLD;
        delta := -1;
    END IF;
    UPDATE conversation_participants
       SET unread_count = unread_count + delta
     WHERE conversation_id = changed.conversation_id AND user_id = changed.recipient_user_id;
    RETURN NULL;
END
$$;

-- Each trigger fires only for rows whose unread state changes, so the digest's updates cost nothing here.
CREATE TRIGGER tr_message_notifications_insert_unread
    AFTER INSERT ON message_notifications
    FOR EACH ROW WHEN (NEW.read_at IS NULL)
    EXECUTE FUNCTION message_notifications_count_unread();

CREATE TRIGGER tr_message_notifications_read
    AFTER UPDATE OF read_at ON message_notifications
    FOR EACH ROW WHEN ((OLD.read_at IS NULL) <> (NEW.read_at IS NULL))
    EXECUTE FUNCTION message_notifications_count_unread();

CREATE TRIGGER tr_message_notifications_delete_unread
    AFTER DELETE ON message_notifications
    FOR EACH ROW WHEN (OLD.read_at IS NULL)
    EXECUTE FUNCTION message_notifications_count_unread();
