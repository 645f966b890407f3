-- Generations of what the heavy reads are made of. Each moves once in any
-- transaction that writes its tables, so that a computed board, cockpit or
-- battle map stays valid, on every instance, until what it was computed
-- from changes. The ledger generation moves here from ledger_head.
CREATE TABLE heads (
    name VARCHAR(32) PRIMARY KEY,
    gen BIGINT NOT NULL
);
INSERT INTO heads (name, gen) SELECT 'ledger', gen FROM ledger_head;
INSERT INTO heads (name, gen) VALUES ('lights', 0);
INSERT INTO heads (name, gen) VALUES ('figures', 0);
INSERT INTO heads (name, gen) VALUES ('problems', 0);
INSERT INTO heads (name, gen) VALUES ('nodes', 0);
INSERT INTO heads (name, gen) VALUES ('org', 0);
DROP TABLE ledger_head;
