-- Which topics of notifications a user also wants by email (SPEC §3.7).
-- No row is the default: by email. The topic is the first part of a
-- notification's kind ("office" for "office.promoted").
CREATE TABLE notification_preferences (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    topic   TEXT NOT NULL,
    email   BOOLEAN NOT NULL,
    PRIMARY KEY (user_id, topic)
);
