-- bluebook schema 2 (SQLite): read paths for the web app and `bluebook events` on large stores.
-- Keep in step with 0002_read_paths.postgresql.sql. Only indexes, and tables the triggers below keep
-- in step with the writer's tables: the write path (store/add.py, events.py) needs no change.
-- Trigger bodies stay on one line: store/migrate.statements() splits at a ';' that ends a line.

-- Events of one type in date order (type filter, type + year), with the id tie-break of
-- store.queries.CHRONOLOGICAL so no sort is needed; supersedes events_type_date (its prefix).
CREATE INDEX events_type_chrono ON events (type, date_lo, date, id);
DROP INDEX events_type_date;

-- Planned events are few: their own small index (the query says planned = 1/true literally, so
-- the planner can prove this partial index applies).
CREATE INDEX events_planned_chrono ON events (date_lo, date, id) WHERE planned = 1;

-- Search filters ask, per candidate document, "does it report an event of this type / with this
-- party?": answered from this index alone; supersedes mentions_doc (its prefix).
CREATE INDEX mentions_doc_type ON mentions (doc_id, type, event_id);
DROP INDEX mentions_doc;

-- One row per (event, partner other than VNM) with the event's ordering columns: a partner's events
-- come out of party_events_chrono already in date order, a page without reading the partner's
-- other events. VNM is left out: nearly every event has it, and that filter is cheap as it is.
CREATE TABLE party_events (
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    party     TEXT NOT NULL,
    date_lo   TEXT,
    date      TEXT NOT NULL,
    type      TEXT NOT NULL,
    date_hi   TEXT,
    planned   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, party)
) WITHOUT ROWID;
INSERT INTO party_events (event_id, party, date_lo, date, type, date_hi, planned)
    SELECT e.id, p.party, e.date_lo, e.date, e.type, e.date_hi, e.planned
    FROM event_parties p JOIN events e ON e.id = p.event_id WHERE p.party <> 'VNM';
CREATE INDEX party_events_chrono ON party_events (party, date_lo, date, event_id, type, date_hi, planned);

CREATE TRIGGER party_events_add AFTER INSERT ON event_parties WHEN NEW.party <> 'VNM' BEGIN
    INSERT OR REPLACE INTO party_events (event_id, party, date_lo, date, type, date_hi, planned) SELECT e.id, NEW.party, e.date_lo, e.date, e.type, e.date_hi, e.planned FROM events e WHERE e.id = NEW.event_id; END;
CREATE TRIGGER party_events_drop AFTER DELETE ON event_parties WHEN OLD.party <> 'VNM' BEGIN
    DELETE FROM party_events WHERE event_id = OLD.event_id AND party = OLD.party; END;
CREATE TRIGGER party_events_move AFTER UPDATE OF type, date, date_lo, date_hi, planned ON events
    WHEN NEW.type IS NOT OLD.type OR NEW.date IS NOT OLD.date OR NEW.date_lo IS NOT OLD.date_lo
      OR NEW.date_hi IS NOT OLD.date_hi OR NEW.planned IS NOT OLD.planned BEGIN
    UPDATE party_events SET type = NEW.type, date = NEW.date, date_lo = NEW.date_lo, date_hi = NEW.date_hi, planned = NEW.planned WHERE event_id = NEW.id; END;

-- The longest span (date_hi - date_lo, in days) of any dated event, never lowered. A date filter
-- "overlaps [lo, hi]" becomes the index range date_lo BETWEEN lo - span AND hi instead of a walk
-- from the first event ever. Undated events (date_lo '9999-12-31') overlap nothing and are skipped.
CREATE TABLE read_meta (
    key    TEXT PRIMARY KEY,
    value  INTEGER NOT NULL
);
INSERT INTO read_meta (key, value)
    SELECT 'max_span_days', COALESCE(MAX(CAST(julianday(date_hi) - julianday(date_lo) AS INTEGER)), 0)
    FROM events WHERE date_lo <> '9999-12-31';

CREATE TRIGGER read_meta_span_add AFTER INSERT ON events WHEN NEW.date_lo <> '9999-12-31' BEGIN
    UPDATE read_meta SET value = CAST(julianday(NEW.date_hi) - julianday(NEW.date_lo) AS INTEGER) WHERE key = 'max_span_days' AND value < CAST(julianday(NEW.date_hi) - julianday(NEW.date_lo) AS INTEGER); END;
CREATE TRIGGER read_meta_span_move AFTER UPDATE OF date_lo, date_hi ON events
    WHEN NEW.date_lo <> '9999-12-31' AND (NEW.date_lo IS NOT OLD.date_lo OR NEW.date_hi IS NOT OLD.date_hi) BEGIN
    UPDATE read_meta SET value = CAST(julianday(NEW.date_hi) - julianday(NEW.date_lo) AS INTEGER) WHERE key = 'max_span_days' AND value < CAST(julianday(NEW.date_hi) - julianday(NEW.date_lo) AS INTEGER); END;
