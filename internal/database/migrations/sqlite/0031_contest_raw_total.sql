-- Each submitted review keeps its raw total (SPEC §3.2), computed once when
-- the judge submits, so a round's results read one number per review.
ALTER TABLE contest_reviews ADD COLUMN raw_total REAL;
