-- As 0007 for format 3 (filter tokens in start-ups' entries): an empty
-- directory has no entries of an older format, so a fresh database is
-- marked current. Without it, a directory loaded in bulk after the
-- database was made (seed --scale, a first import) was rebuilt in full at
-- its first search, although every entry had been written in format 3.
UPDATE search_index_format SET format = 3
WHERE name = 'directory' AND format < 3
  AND NOT EXISTS (SELECT 1 FROM startups) AND NOT EXISTS (SELECT 1 FROM investors);
