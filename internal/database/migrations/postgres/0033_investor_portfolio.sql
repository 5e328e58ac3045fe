-- An investor's portfolio: the start-ups it has invested in (SPEC §3.2:
-- a judge whose fund has invested in a start-up is in conflict with it).
-- Staff and the investor's members record links by hand (source
-- 'recorded'); closing a deal in a fund's pipeline writes 'deal'.
-- The investor's team are the users holding its investor membership.
CREATE TABLE investor_portfolio (
    investor_id BIGINT NOT NULL REFERENCES investors(id) ON DELETE CASCADE,
    startup_id  BIGINT NOT NULL REFERENCES startups(id) ON DELETE CASCADE,
    source      TEXT NOT NULL CHECK (source IN ('recorded', 'deal')),
    recorded_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (investor_id, startup_id)
);
CREATE INDEX investor_portfolio_startup ON investor_portfolio(startup_id);
CREATE INDEX memberships_investor ON memberships(investor_id) WHERE investor_id IS NOT NULL;
