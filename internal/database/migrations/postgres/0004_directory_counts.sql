-- What a directory list needs without extra reads at a million start-ups:
-- the sector codes on the start-up's own row (comma-separated, taxonomy
-- order; startup_sectors stays the table filters use), and the facet
-- counts per region × stage × visibility (× sector), kept by triggers in
-- the transaction of every change, so a list without a search query counts
-- its facets from a few hundred rows instead of the whole directory.
ALTER TABLE startups ADD COLUMN sector_codes TEXT NOT NULL DEFAULT '';
UPDATE startups SET sector_codes = COALESCE((
    SELECT string_agg(ss.sector_code, ',' ORDER BY c.position)
    FROM startup_sectors ss JOIN sectors c ON c.code = ss.sector_code
    WHERE ss.startup_id = startups.id), '');

CREATE TABLE startup_counts (
    region_code TEXT NOT NULL,
    stage       TEXT NOT NULL,
    visibility  TEXT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (region_code, stage, visibility)
);
INSERT INTO startup_counts (region_code, stage, visibility, n)
    SELECT region_code, stage, visibility, COUNT(*) FROM startups GROUP BY region_code, stage, visibility;

CREATE TABLE startup_sector_counts (
    region_code TEXT NOT NULL,
    stage       TEXT NOT NULL,
    visibility  TEXT NOT NULL,
    sector_code TEXT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (region_code, stage, visibility, sector_code)
);
INSERT INTO startup_sector_counts (region_code, stage, visibility, sector_code, n)
    SELECT s.region_code, s.stage, s.visibility, ss.sector_code, COUNT(*)
    FROM startup_sectors ss JOIN startups s ON s.id = ss.startup_id
    GROUP BY s.region_code, s.stage, s.visibility, ss.sector_code;

CREATE FUNCTION startups_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE startup_counts SET n = n - 1
            WHERE region_code = OLD.region_code AND stage = OLD.stage AND visibility = OLD.visibility;
        UPDATE startup_sector_counts SET n = n - 1
            WHERE region_code = OLD.region_code AND stage = OLD.stage AND visibility = OLD.visibility
              AND sector_code IN (SELECT sector_code FROM startup_sectors WHERE startup_id = OLD.id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO startup_counts (region_code, stage, visibility, n) VALUES (NEW.region_code, NEW.stage, NEW.visibility, 1)
            ON CONFLICT (region_code, stage, visibility) DO UPDATE SET n = startup_counts.n + 1;
        INSERT INTO startup_sector_counts (region_code, stage, visibility, sector_code, n)
            SELECT NEW.region_code, NEW.stage, NEW.visibility, sector_code, 1 FROM startup_sectors WHERE startup_id = NEW.id
            ON CONFLICT (region_code, stage, visibility, sector_code) DO UPDATE SET n = startup_sector_counts.n + 1;
    END IF;
    -- A BEFORE DELETE trigger that returned NULL would cancel the delete.
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER startups_counted AFTER INSERT ON startups FOR EACH ROW EXECUTE FUNCTION startups_count();
-- Before the delete, while the start-up's sector rows still exist.
CREATE TRIGGER startups_uncounted BEFORE DELETE ON startups FOR EACH ROW EXECUTE FUNCTION startups_count();
CREATE TRIGGER startups_recounted AFTER UPDATE OF region_code, stage, visibility ON startups FOR EACH ROW
    WHEN (OLD.region_code IS DISTINCT FROM NEW.region_code OR OLD.stage IS DISTINCT FROM NEW.stage
          OR OLD.visibility IS DISTINCT FROM NEW.visibility)
    EXECUTE FUNCTION startups_count();

-- A sector row whose start-up is gone (a cascade from deleting it) was
-- already uncounted before the delete; the join finds nothing then.
CREATE FUNCTION startup_sectors_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO startup_sector_counts (region_code, stage, visibility, sector_code, n)
            SELECT s.region_code, s.stage, s.visibility, NEW.sector_code, 1 FROM startups s WHERE s.id = NEW.startup_id
            ON CONFLICT (region_code, stage, visibility, sector_code) DO UPDATE SET n = startup_sector_counts.n + 1;
    ELSE
        UPDATE startup_sector_counts c SET n = c.n - 1 FROM startups s
            WHERE s.id = OLD.startup_id AND c.region_code = s.region_code AND c.stage = s.stage
              AND c.visibility = s.visibility AND c.sector_code = OLD.sector_code;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER startup_sectors_counted AFTER INSERT OR DELETE ON startup_sectors FOR EACH ROW EXECUTE FUNCTION startup_sectors_count();
