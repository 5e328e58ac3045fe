-- In-app notifications and the email outbox (SPEC §3.7). A notification keeps
-- a catalogue key and its arguments, so it is shown in the reader's language
-- whenever it is read; the outbox row is what the email sender drains.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    msg_key    TEXT NOT NULL,
    -- JSON object of the message's {placeholders}.
    args       TEXT NOT NULL DEFAULT '{}',
    -- A local path the notification leads to, or ''.
    link       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    read_at    TIMESTAMP
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;

CREATE TABLE email_outbox (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
    notification_id INTEGER REFERENCES notifications(id) ON DELETE SET NULL,
    to_address      TEXT NOT NULL,
    language        TEXT NOT NULL,
    kind            TEXT NOT NULL,
    msg_key         TEXT NOT NULL,
    args            TEXT NOT NULL DEFAULT '{}',
    link            TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP
);
CREATE INDEX email_outbox_due ON email_outbox(status, next_attempt_at);
