-- Directory: the sector taxonomy, start-ups with their sectors, team and
-- pitch deck, and investors (SPEC §3.1). The search index comes in its own
-- migration.

-- One taxonomy for start-ups, investors, judges and contests; codes are
-- stable, labels are shown in the reader's language.
CREATE TABLE sectors (
    code     TEXT PRIMARY KEY,
    name_ko  TEXT NOT NULL,
    name_zh  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sectors (code, name_ko, name_zh, name_en, position) VALUES
    ('ai',             '인공지능',        '人工智能', 'Artificial intelligence', 1),
    ('bio',            '바이오·헬스케어', '生物医药', 'Bio and health care',     2),
    ('fintech',        '핀테크',          '金融科技', 'Fintech',                 3),
    ('ecommerce',      '이커머스',        '电子商务', 'E-commerce',              4),
    ('mobility',       '모빌리티',        '智能出行', 'Mobility',                5),
    ('semiconductors', '반도체',          '半导体',   'Semiconductors',          6),
    ('content',        '콘텐츠',          '文化内容', 'Content and media',       7),
    ('cleantech',      '클린테크',        '清洁技术', 'Clean technology',        8),
    ('robotics',       '로봇',            '机器人',   'Robotics',                9),
    ('manufacturing',  '스마트 제조',     '智能制造', 'Smart manufacturing',     10),
    ('edtech',         '에듀테크',        '教育科技', 'Education technology',    11),
    ('logistics',      '물류',            '物流',     'Logistics',               12),
    ('other',          '기타',            '其他',     'Other',                   13);

CREATE TABLE startups (
    id                  INTEGER PRIMARY KEY,
    name_ko             TEXT NOT NULL DEFAULT '',
    name_zh             TEXT NOT NULL DEFAULT '',
    name_en             TEXT NOT NULL DEFAULT '',
    legal_name          TEXT NOT NULL DEFAULT '',
    region_code         TEXT NOT NULL REFERENCES regions(code),
    city                TEXT NOT NULL DEFAULT '',
    -- A civil date, YYYY-MM-DD (DATE on PostgreSQL).
    founded_on          TEXT CHECK (founded_on IS NULL OR founded_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    stage               TEXT NOT NULL CHECK (stage IN ('idea', 'pre_seed', 'seed', 'series_a', 'series_b_plus', 'growth')),
    employees           INTEGER CHECK (employees IS NULL OR employees >= 0),
    website             TEXT NOT NULL DEFAULT '',
    description_ko      TEXT NOT NULL DEFAULT '',
    description_zh      TEXT NOT NULL DEFAULT '',
    description_en      TEXT NOT NULL DEFAULT '',
    -- ISO 3166-1 alpha-2 codes, comma-separated ("CN,KR,US"): shown, never joined on.
    target_markets      TEXT NOT NULL DEFAULT '',
    -- What the start-up seeks. Amounts are integer minor units of the currency.
    seeks_investment    INTEGER NOT NULL DEFAULT 0,
    investment_min      INTEGER CHECK (investment_min IS NULL OR investment_min >= 0),
    investment_max      INTEGER CHECK (investment_max IS NULL OR investment_max >= 0),
    investment_currency TEXT,
    seeks_office        INTEGER NOT NULL DEFAULT 0,
    seeks_partners      INTEGER NOT NULL DEFAULT 0,
    seeks_tech_services INTEGER NOT NULL DEFAULT 0,
    seeks_note          TEXT NOT NULL DEFAULT '',
    -- Korean business registration number (10 digits) and Chinese unified
    -- social credit code (18 characters), without separators; optional.
    kr_business_number  TEXT UNIQUE,
    cn_credit_code      TEXT UNIQUE,
    visibility          TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'partners')),
    created_by          INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    CHECK (name_ko <> '' OR name_zh <> '' OR name_en <> ''),
    CHECK (investment_min IS NULL OR investment_max IS NULL OR investment_min <= investment_max)
);
CREATE INDEX startups_region ON startups(region_code, id);
CREATE INDEX startups_stage ON startups(stage, id);

CREATE TABLE startup_sectors (
    startup_id  INTEGER NOT NULL REFERENCES startups(id) ON DELETE CASCADE,
    sector_code TEXT NOT NULL REFERENCES sectors(code),
    PRIMARY KEY (startup_id, sector_code)
);
CREATE INDEX startup_sectors_sector ON startup_sectors(sector_code, startup_id);

-- The team. Each row goes with a memberships row (role startup, same
-- startup_id), which is what authorization reads; the directory keeps both
-- in step in one transaction.
CREATE TABLE startup_members (
    startup_id INTEGER NOT NULL REFERENCES startups(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('founder', 'member')),
    title      TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (startup_id, user_id)
);
CREATE INDEX startup_members_user ON startup_members(user_id);

-- The pitch deck lives in the database, so instances keep no files.
CREATE TABLE startup_decks (
    startup_id   INTEGER PRIMARY KEY REFERENCES startups(id) ON DELETE CASCADE,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    uploaded_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    uploaded_at  TIMESTAMP NOT NULL
);

CREATE TABLE investors (
    id              INTEGER PRIMARY KEY,
    name_ko         TEXT NOT NULL DEFAULT '',
    name_zh         TEXT NOT NULL DEFAULT '',
    name_en         TEXT NOT NULL DEFAULT '',
    institution_id  INTEGER REFERENCES institutions(id),
    -- The investor's home region, when known.
    region_code     TEXT REFERENCES regions(code),
    website         TEXT NOT NULL DEFAULT '',
    description_ko  TEXT NOT NULL DEFAULT '',
    description_zh  TEXT NOT NULL DEFAULT '',
    description_en  TEXT NOT NULL DEFAULT '',
    ticket_min      INTEGER CHECK (ticket_min IS NULL OR ticket_min >= 0),
    ticket_max      INTEGER CHECK (ticket_max IS NULL OR ticket_max >= 0),
    ticket_currency TEXT,
    -- Languages spoken, comma-separated codes ("ko,en").
    languages       TEXT NOT NULL DEFAULT '',
    visibility      TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'partners')),
    created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    CHECK (name_ko <> '' OR name_zh <> '' OR name_en <> ''),
    CHECK (ticket_min IS NULL OR ticket_max IS NULL OR ticket_min <= ticket_max)
);
CREATE INDEX investors_institution ON investors(institution_id);

CREATE TABLE investor_sectors (
    investor_id INTEGER NOT NULL REFERENCES investors(id) ON DELETE CASCADE,
    sector_code TEXT NOT NULL REFERENCES sectors(code),
    PRIMARY KEY (investor_id, sector_code)
);
CREATE INDEX investor_sectors_sector ON investor_sectors(sector_code, investor_id);

CREATE TABLE investor_stages (
    investor_id INTEGER NOT NULL REFERENCES investors(id) ON DELETE CASCADE,
    stage       TEXT NOT NULL CHECK (stage IN ('idea', 'pre_seed', 'seed', 'series_a', 'series_b_plus', 'growth')),
    PRIMARY KEY (investor_id, stage)
);

-- Regions the investor invests in.
CREATE TABLE investor_regions (
    investor_id INTEGER NOT NULL REFERENCES investors(id) ON DELETE CASCADE,
    region_code TEXT NOT NULL REFERENCES regions(code),
    PRIMARY KEY (investor_id, region_code)
);
