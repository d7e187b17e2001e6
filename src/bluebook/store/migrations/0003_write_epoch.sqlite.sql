-- bluebook schema 3 (SQLite). Keep in step with 0003_write_epoch.postgresql.sql.
-- On PostgreSQL every write transaction moves this counter, which tells a writer whether anybody
-- else wrote since its last commit. SQLite writers leave it alone: PRAGMA data_version tells them
-- that already. The table is here so both engines have the same tables.
CREATE TABLE write_epoch (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   INTEGER NOT NULL
);
INSERT INTO write_epoch (id, n) VALUES (1, 0);
