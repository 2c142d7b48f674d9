-- The booking system reports each booking's status (PUT /bookings/{bookingId}/status). One row per booking,
-- kept even before the booking has a conversation, so a conversation opened later follows the booking too.
CREATE TABLE booking_lifecycle (
    booking_id  VARCHAR(128) PRIMARY KEY,
    status      VARCHAR(16)  NOT NULL,
    ends_at     TIMESTAMPTZ  NOT NULL,
    -- when the booking system made the change: the latest one wins, whatever order updates arrive in
    occurred_at TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT ck_booking_lifecycle_status CHECK (status IN ('pending', 'confirmed', 'cancelled', 'completed'))
);

-- Breaks a tie between two updates with the same occurred_at, so every arrival order ends in the same status:
-- the one further along wins (cancelled over completed over confirmed over pending).
CREATE FUNCTION booking_status_rank(status VARCHAR) RETURNS INTEGER LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE status WHEN 'pending' THEN 0 WHEN 'confirmed' THEN 1 WHEN 'completed' THEN 2 WHEN 'cancelled' THEN 3 END
$$;

-- The scheduled run looks for bookings whose conversations are due to close.
CREATE INDEX ix_booking_lifecycle_closing ON booking_lifecycle (ends_at) WHERE status IN ('cancelled', 'completed');

ALTER TABLE conversation_metadata
    -- a copy of the booking's status (null until the booking system reports one), kept by the triggers below, so a
    -- send reads it with the conversation it already loads (contact-detail masking depends on it)
    ADD COLUMN booking_status   VARCHAR(16),
    -- set once and never cleared: a closed conversation takes no new messages, whatever the booking does later
    ADD COLUMN closed_at        TIMESTAMPTZ,
    -- when Twilio confirmed State=closed; the scheduled run retries the conversations closed here but not there
    ADD COLUMN twilio_closed_at TIMESTAMPTZ;

CREATE INDEX ix_conversation_metadata_closing_in_twilio
    ON conversation_metadata (closed_at) WHERE closed_at IS NOT NULL AND twilio_closed_at IS NULL;

-- A conversation opened for a booking with a status takes a copy of it; one opened for a booking already
-- cancelled is born closed, and the scheduled run closes it in Twilio. (A completed booking's grace period is a
-- setting the database does not know: the scheduled run closes those.)
CREATE FUNCTION conversation_metadata_follow_booking() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT b.status INTO NEW.booking_status FROM booking_lifecycle b WHERE b.booking_id = NEW.booking_id;
    IF NEW.closed_at IS NULL AND NEW.booking_status = 'cancelled' THEN
        NEW.closed_at := NEW.created_at;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER tr_conversation_metadata_follow_booking
    BEFORE INSERT ON conversation_metadata
    FOR EACH ROW EXECUTE FUNCTION conversation_metadata_follow_booking();

-- A status recorded for a booking reaches the copies on its conversations in the same transaction.
CREATE FUNCTION booking_lifecycle_share_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE conversation_metadata SET booking_status = NEW.status WHERE booking_id = NEW.booking_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER tr_booking_lifecycle_share_status
    AFTER INSERT OR UPDATE OF status ON booking_lifecycle
    FOR EACH ROW EXECUTE FUNCTION booking_lifecycle_share_status();
