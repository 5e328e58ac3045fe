-- A spreadsheet uploaded for import, kept between the steps of the import
-- page (mapping, dry run, commit), so that no instance keeps files of its
-- own. Rows are deleted after the commit, and a day after the upload.
CREATE TABLE directory_imports (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    filename   TEXT NOT NULL,
    data       BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX directory_imports_created ON directory_imports(created_at);
