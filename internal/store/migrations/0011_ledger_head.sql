-- A counter that moves with every write to the ledger (projects and their
-- year lists), so that cached ledger sums last until the ledger changes,
-- not until any audited write (a login) happens.
CREATE TABLE ledger_head (
    id INTEGER PRIMARY KEY,
    gen BIGINT NOT NULL
);
INSERT INTO ledger_head (id, gen) VALUES (1, 0);
