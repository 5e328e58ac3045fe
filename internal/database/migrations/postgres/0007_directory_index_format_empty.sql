-- An empty directory has no search entries of an older format: mark it
-- current (format 2, names indexed twice), so that the first search after
-- a fresh start or a bulk load does not rebuild entries already written in
-- the current format.
UPDATE search_index_format SET format = 2
WHERE name = 'directory' AND format < 2
  AND NOT EXISTS (SELECT 1 FROM startups) AND NOT EXISTS (SELECT 1 FROM investors);
