-- E-mail becomes a second digest channel. Where the unread digest can reach a participant by e-mail; optional,
-- never shown to other participants, like phone. 254 characters is the longest address SMTP carries (RFC 5321).
ALTER TABLE conversation_participants ADD COLUMN email VARCHAR(254);

-- Each channel marks what it delivered on its own, so an e-mail that fails is retried without texting the SMS
-- again, and the other way round: digested_at stays the SMS channel's mark, emailed_at is the e-mail channel's.
-- A new nullable column rewrites no row.
ALTER TABLE message_notifications ADD COLUMN emailed_at TIMESTAMPTZ;

-- The e-mail channel walks recipients in order exactly as the SMS channel does (V4).
CREATE INDEX ix_message_notifications_unemailed
    ON message_notifications (recipient_user_id, created_at)
    WHERE read_at IS NULL AND emailed_at IS NULL;

-- What each user wants to be told, and when not: one row per user id (a user id names one person whatever the
-- user type of its claims, as in the digest), absent until the user first saves preferences, which means
-- every channel on, UTC and no quiet hours. Quiet hours are wall-clock times in the user's zone; a start after
-- the end spans midnight (22:00-08:00).
CREATE TABLE notification_preferences (
    user_id       VARCHAR(128) PRIMARY KEY,
    push_enabled  BOOLEAN      NOT NULL,
    sms_enabled   BOOLEAN      NOT NULL,
    email_enabled BOOLEAN      NOT NULL,
    time_zone     VARCHAR(64)  NOT NULL,
    quiet_start   TIME,
    quiet_end     TIME,
    updated_at    TIMESTAMPTZ  NOT NULL,
    CONSTRAINT ck_notification_preferences_quiet_hours
        CHECK ((quiet_start IS NULL) = (quiet_end IS NULL) AND (quiet_start IS NULL OR quiet_start <> quiet_end))
);
