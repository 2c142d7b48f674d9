-- Flood control: one row per caller that has sent, holding the caller's send schedule as the generic cell rate
-- algorithm (GCRA) keeps it: the moment at which the caller's sending would be exactly on its sustained rate.
-- Every function instance checks and moves it in one statement, so PostgreSQL's row lock makes the count exact
-- across instances, and the database's clock is the only one that matters.
CREATE TABLE send_rate_limits (
    user_id             VARCHAR(128) NOT NULL,
    user_type           VARCHAR(16)  NOT NULL,
    theoretical_arrival TIMESTAMPTZ  NOT NULL,
    CONSTRAINT pk_send_rate_limits PRIMARY KEY (user_id, user_type)
);
