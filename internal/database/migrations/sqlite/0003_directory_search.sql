-- Search index of the directory. The text is tokenized in Go (package
-- search): Korean and Chinese as overlapping bigrams plus single
-- characters, other scripts as folded words; FTS5 stores the space-separated
-- tokens, which unicode61 keeps as they are. Contentless tables: the index
-- holds no second copy of the profiles. rowid is the start-up's (investor's)
-- id; columns are weighted name > body > tags in bm25().
CREATE VIRTUAL TABLE startup_search USING fts5(
    name, body, tags,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE VIRTUAL TABLE investor_search USING fts5(
    name, body, tags,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
