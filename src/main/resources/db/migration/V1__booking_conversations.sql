-- One Twilio Conversation per (booking, conversation type); the apps' teams know these table names.
CREATE TABLE conversation_metadata (
    id                      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id              VARCHAR(128) NOT NULL,
    conversation_type       VARCHAR(40)  NOT NULL,
    twilio_conversation_sid VARCHAR(34)  NOT NULL,
    booking_details         JSONB,
    created_by              VARCHAR(128) NOT NULL,
    created_at              TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_message_at         TIMESTAMPTZ,
    -- highest Twilio message index recorded, so marking read can move the Twilio read horizon without a Twilio read
    last_message_index      INTEGER,
    CONSTRAINT uq_conversation_metadata_sid UNIQUE (twilio_conversation_sid),
    CONSTRAINT uq_conversation_metadata_booking_type UNIQUE (booking_id, conversation_type)
);

CREATE TABLE conversation_participants (
    id                      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id         BIGINT       NOT NULL REFERENCES conversation_metadata (id) ON DELETE CASCADE,
    user_id                 VARCHAR(128) NOT NULL,
    user_type               VARCHAR(16)  NOT NULL,
    user_name               VARCHAR(256),
    twilio_participant_sid  VARCHAR(34),
    joined_at               TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_read_at            TIMESTAMPTZ,
    last_read_message_index INTEGER,
    CONSTRAINT ck_conversation_participants_user_type CHECK (user_type IN ('customer', 'provider')),
    CONSTRAINT uq_conversation_participants_user UNIQUE (conversation_id, user_id)
);

-- "conversations of user X as type T": the inbox starts here.
CREATE INDEX ix_conversation_participants_user ON conversation_participants (user_id, user_type, conversation_id);

CREATE TABLE message_notifications (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id    BIGINT       NOT NULL REFERENCES conversation_metadata (id) ON DELETE CASCADE,
    recipient_user_id  VARCHAR(128) NOT NULL,
    twilio_message_sid VARCHAR(34)  NOT NULL,
    message_index      INTEGER      NOT NULL,
    author_user_id     VARCHAR(128) NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    read_at            TIMESTAMPTZ,
    digested_at        TIMESTAMPTZ,
    -- a replayed send or webhook cannot count the same message twice for one recipient
    CONSTRAINT uq_message_notifications_message_recipient UNIQUE (twilio_message_sid, recipient_user_id)
);

-- Only unread rows are indexed: unread counts per user and conversation stay cheap as read history grows.
CREATE INDEX ix_message_notifications_unread
    ON message_notifications (recipient_user_id, conversation_id)
    WHERE read_at IS NULL;

-- The digest claims unread, undigested rows oldest first.
CREATE INDEX ix_message_notifications_undigested
    ON message_notifications (created_at, id)
    WHERE read_at IS NULL AND digested_at IS NULL;
