-- Where the unread digest can reach a participant by SMS; optional, E.164.
ALTER TABLE conversation_participants ADD COLUMN phone VARCHAR(16);
