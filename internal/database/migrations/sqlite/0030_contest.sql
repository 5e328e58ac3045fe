-- Global Start-up Contest (SPEC §3.2): contests and their hosts, rounds with
-- weighted criteria, applications, judges, conflicts, bids, staff pins,
-- reviews with scores, publication, prizes and awards.

CREATE TABLE contests (
    id            INTEGER PRIMARY KEY,
    name_ko       TEXT NOT NULL DEFAULT '',
    name_zh       TEXT NOT NULL DEFAULT '',
    name_en       TEXT NOT NULL DEFAULT '',
    -- The deadline instant (UTC) and the zone it was set in.
    deadline      TIMESTAMP NOT NULL,
    time_zone     TEXT NOT NULL,
    -- Eligibility: comma-separated region codes and stages ('' = any).
    elig_regions  TEXT NOT NULL DEFAULT '',
    elig_stages   TEXT NOT NULL DEFAULT '',
    max_age_years INTEGER CHECK (max_age_years IS NULL OR max_age_years > 0),
    created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    CHECK (name_ko <> '' OR name_zh <> '' OR name_en <> '')
);

CREATE TABLE contest_hosts (
    contest_id     INTEGER NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    PRIMARY KEY (contest_id, institution_id)
);

CREATE TABLE contest_rounds (
    id            INTEGER PRIMARY KEY,
    contest_id    INTEGER NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    number        INTEGER NOT NULL CHECK (number > 0),
    name_ko       TEXT NOT NULL DEFAULT '',
    name_zh       TEXT NOT NULL DEFAULT '',
    name_en       TEXT NOT NULL DEFAULT '',
    k             INTEGER NOT NULL CHECK (k > 0),
    normalization TEXT NOT NULL CHECK (normalization IN ('raw', 'zscore', 'calibrated')),
    published_at  TIMESTAMP,
    UNIQUE (contest_id, number)
);

CREATE TABLE contest_criteria (
    id        INTEGER PRIMARY KEY,
    round_id  INTEGER NOT NULL REFERENCES contest_rounds(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name_ko   TEXT NOT NULL DEFAULT '',
    name_zh   TEXT NOT NULL DEFAULT '',
    name_en   TEXT NOT NULL DEFAULT '',
    weight    INTEGER NOT NULL CHECK (weight > 0),
    min_score INTEGER NOT NULL,
    max_score INTEGER NOT NULL,
    CHECK (min_score < max_score)
);
CREATE INDEX contest_criteria_round ON contest_criteria(round_id, position);

CREATE TABLE contest_applications (
    id           INTEGER PRIMARY KEY,
    contest_id   INTEGER NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    startup_id   INTEGER NOT NULL REFERENCES startups(id),
    status       TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'withdrawn')),
    -- The last round the application takes part in (advancing raises it).
    round_reached INTEGER NOT NULL DEFAULT 1,
    pitch        TEXT NOT NULL DEFAULT '',
    -- Languages the application is written in, comma-separated ("ko,en").
    languages    TEXT NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP,
    UNIQUE (contest_id, startup_id)
);

CREATE TABLE contest_judges (
    contest_id  INTEGER NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    region_code TEXT NOT NULL REFERENCES regions(code),
    sectors     TEXT NOT NULL DEFAULT '',
    languages   TEXT NOT NULL DEFAULT '',
    max_load    INTEGER CHECK (max_load IS NULL OR max_load >= 0),
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (contest_id, user_id)
);

-- Declared conflicts; membership conflicts are derived when read.
CREATE TABLE contest_conflicts (
    contest_id    INTEGER NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    judge_user_id INTEGER NOT NULL REFERENCES users(id),
    startup_id    INTEGER NOT NULL REFERENCES startups(id),
    declared_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (contest_id, judge_user_id, startup_id)
);

CREATE TABLE contest_bids (
    round_id       INTEGER NOT NULL REFERENCES contest_rounds(id) ON DELETE CASCADE,
    judge_user_id  INTEGER NOT NULL REFERENCES users(id),
    application_id INTEGER NOT NULL REFERENCES contest_applications(id) ON DELETE CASCADE,
    value          INTEGER NOT NULL CHECK (value BETWEEN -100 AND 100),
    PRIMARY KEY (round_id, judge_user_id, application_id)
);

-- Pairs staff fixed ('pin') or excluded ('forbid') before assignment.
CREATE TABLE contest_pairs (
    round_id       INTEGER NOT NULL REFERENCES contest_rounds(id) ON DELETE CASCADE,
    judge_user_id  INTEGER NOT NULL REFERENCES users(id),
    application_id INTEGER NOT NULL REFERENCES contest_applications(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('pin', 'forbid')),
    PRIMARY KEY (round_id, judge_user_id, application_id)
);

CREATE TABLE contest_reviews (
    id             INTEGER PRIMARY KEY,
    round_id       INTEGER NOT NULL REFERENCES contest_rounds(id) ON DELETE CASCADE,
    application_id INTEGER NOT NULL REFERENCES contest_applications(id) ON DELETE CASCADE,
    judge_user_id  INTEGER NOT NULL REFERENCES users(id),
    -- assigned: nothing saved yet; started: scores saved; submitted: final;
    -- withdrawn: taken back after a conflict came to light.
    status         TEXT NOT NULL CHECK (status IN ('assigned', 'started', 'submitted', 'withdrawn')),
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    submitted_at   TIMESTAMP
);
CREATE UNIQUE INDEX contest_reviews_live ON contest_reviews(round_id, application_id, judge_user_id) WHERE status <> 'withdrawn';
CREATE INDEX contest_reviews_judge ON contest_reviews(judge_user_id, round_id);
CREATE INDEX contest_reviews_application ON contest_reviews(application_id);

CREATE TABLE contest_scores (
    review_id    INTEGER NOT NULL REFERENCES contest_reviews(id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES contest_criteria(id) ON DELETE CASCADE,
    score        INTEGER,
    comment      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (review_id, criterion_id)
);

-- Prizes per rank or category; money in integer minor units.
CREATE TABLE contest_prizes (
    id              INTEGER PRIMARY KEY,
    contest_id      INTEGER NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    name_ko         TEXT NOT NULL DEFAULT '',
    name_zh         TEXT NOT NULL DEFAULT '',
    name_en         TEXT NOT NULL DEFAULT '',
    rank            INTEGER CHECK (rank IS NULL OR rank > 0),
    amount          INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
    currency        TEXT NOT NULL DEFAULT 'KRW',
    office_months   INTEGER NOT NULL DEFAULT 0 CHECK (office_months >= 0),
    fund_fast_track INTEGER NOT NULL DEFAULT 0,
    created_at      TIMESTAMP NOT NULL
);

CREATE TABLE contest_awards (
    prize_id       INTEGER NOT NULL REFERENCES contest_prizes(id) ON DELETE CASCADE,
    application_id INTEGER NOT NULL REFERENCES contest_applications(id) ON DELETE CASCADE,
    awarded_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (prize_id, application_id)
);
