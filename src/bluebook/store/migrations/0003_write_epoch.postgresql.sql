-- bluebook schema 3 (PostgreSQL): a counter every write transaction moves (store/engine.py,
-- Database.write), so a writer can tell that nobody else wrote since its last commit and keep
-- its in-memory canonical events (store/cache.py) from one transaction to the next.
-- SQLite writers leave it alone: PRAGMA data_version says the same.
CREATE TABLE write_epoch (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   BIGINT NOT NULL
);
INSERT INTO write_epoch (id, n) VALUES (1, 0);
