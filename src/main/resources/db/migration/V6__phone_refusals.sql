-- Twilio refuses some SMS for good: 21610 (the recipient replied STOP), 21211 and 21614 (an invalid or
-- non-mobile number), 21408 (a region not enabled for sending). The digest records such a refusal on the
-- recipient's participant rows that hold the refused phone and stops texting it, instead of retrying on every
-- run. Both columns are new and nullable, so adding them rewrites no row.
ALTER TABLE conversation_participants
    ADD COLUMN phone_refused_at    TIMESTAMPTZ,
    ADD COLUMN phone_refusal_code  INTEGER,
    ADD CONSTRAINT ck_conversation_participants_phone_refusal
        CHECK ((phone_refused_at IS NULL) = (phone_refusal_code IS NULL) AND (phone_refused_at IS NULL OR phone IS NOT NULL));

-- A refusal belongs to the number it was given for: a row that gets another number (or none) is texted again,
-- whoever changes it.
CREATE FUNCTION conversation_participants_forget_phone_refusal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.phone_refused_at := NULL;
    NEW.phone_refusal_code := NULL;
    RETURN NEW;
END
$$;

CREATE TRIGGER tr_conversation_participants_forget_phone_refusal
    BEFORE UPDATE OF phone ON conversation_participants
    FOR EACH ROW WHEN (NEW.phone IS DISTINCT FROM OLD.phone)
    EXECUTE FUNCTION conversation_participants_forget_phone_refusal();
