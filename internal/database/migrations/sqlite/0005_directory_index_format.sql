-- The format of the directory's search entries. When the tokenizer or what
-- is indexed changes, the code's format number rises and the directory
-- rebuilds the entries written in an older format, once, on first use.
-- Entries of migration 0003 are format 1.
CREATE TABLE search_index_format (
    name   TEXT PRIMARY KEY,
    format INTEGER NOT NULL
);
INSERT INTO search_index_format (name, format) VALUES ('directory', 1);
