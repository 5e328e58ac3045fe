-- Prize benefits create what they promise (SPEC §3.2): a prize with months
-- of overseas office support names the city and the desks, and each award
-- keeps the office request it created. The fund fast track stays recorded
-- on the prize until the fund capability exists.
ALTER TABLE contest_prizes ADD COLUMN office_city TEXT NOT NULL DEFAULT '';
ALTER TABLE contest_prizes ADD COLUMN office_desks INTEGER NOT NULL DEFAULT 1 CHECK (office_desks >= 1);
ALTER TABLE contest_awards ADD COLUMN office_request_id INTEGER REFERENCES office_requests(id) ON DELETE SET NULL;
