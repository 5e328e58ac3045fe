-- Search index of the directory. The text is tokenized in Go (package
-- search): Korean and Chinese as overlapping bigrams plus single
-- characters, other scripts as folded words; the tsvector is built from a
-- literal (weights A name, B body, D tags), so no text search
-- configuration or locale is involved. A table of its own keeps the
-- start-ups' rows narrow for listing.
CREATE TABLE startup_search (
    startup_id BIGINT PRIMARY KEY REFERENCES startups(id) ON DELETE CASCADE,
    doc        TSVECTOR NOT NULL
);
CREATE INDEX startup_search_doc ON startup_search USING GIN (doc);

CREATE TABLE investor_search (
    investor_id BIGINT PRIMARY KEY REFERENCES investors(id) ON DELETE CASCADE,
    doc         TSVECTOR NOT NULL
);
CREATE INDEX investor_search_doc ON investor_search USING GIN (doc);
