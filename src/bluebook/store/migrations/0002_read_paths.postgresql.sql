-- bluebook schema 2 (PostgreSQL): read paths for the web app and `bluebook events` on large stores.
-- Keep in step with 0002_read_paths.sqlite.sql (see there for why each piece exists).
-- Function bodies keep every ';' inside a line: store/migrate.statements() splits at a ';' ending one.

CREATE INDEX events_type_chrono ON events (type, date_lo, date, id);
DROP INDEX events_type_date;

CREATE INDEX events_planned_chrono ON events (date_lo, date, id) WHERE planned;

CREATE INDEX mentions_doc_type ON mentions (doc_id, type, event_id);
DROP INDEX mentions_doc;

-- Documents newest first (a search without words): DESC NULLS LAST as the query sorts.
CREATE INDEX documents_newest ON documents (doc_date DESC NULLS LAST, id DESC);

CREATE TABLE party_events (
    event_id  BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    party     TEXT NOT NULL,
    date_lo   TEXT,
    date      TEXT NOT NULL,
    type      TEXT NOT NULL,
    date_hi   TEXT,
    planned   BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (event_id, party)
);
INSERT INTO party_events (event_id, party, date_lo, date, type, date_hi, planned)
    SELECT e.id, p.party, e.date_lo, e.date, e.type, e.date_hi, e.planned
    FROM event_parties p JOIN events e ON e.id = p.event_id WHERE p.party <> 'VNM';
CREATE INDEX party_events_chrono ON party_events (party, date_lo, date, event_id) INCLUDE (type, date_hi, planned);

CREATE FUNCTION bluebook_party_events_add() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO party_events (event_id, party, date_lo, date, type, date_hi, planned) SELECT e.id, NEW.party, e.date_lo, e.date, e.type, e.date_hi, e.planned FROM events e WHERE e.id = NEW.event_id ON CONFLICT (event_id, party) DO NOTHING; RETURN NULL; END $$;
CREATE TRIGGER party_events_add AFTER INSERT ON event_parties FOR EACH ROW WHEN (NEW.party <> 'VNM')
    EXECUTE FUNCTION bluebook_party_events_add();

CREATE FUNCTION bluebook_party_events_drop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM party_events WHERE event_id = OLD.event_id AND party = OLD.party; RETURN NULL; END $$;
CREATE TRIGGER party_events_drop AFTER DELETE ON event_parties FOR EACH ROW WHEN (OLD.party <> 'VNM')
    EXECUTE FUNCTION bluebook_party_events_drop();

CREATE FUNCTION bluebook_party_events_move() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE party_events SET type = NEW.type, date = NEW.date, date_lo = NEW.date_lo, date_hi = NEW.date_hi, planned = NEW.planned WHERE event_id = NEW.id; RETURN NULL; END $$;
CREATE TRIGGER party_events_move AFTER UPDATE OF type, date, date_lo, date_hi, planned ON events FOR EACH ROW
    WHEN (NEW.type IS DISTINCT FROM OLD.type OR NEW.date IS DISTINCT FROM OLD.date
          OR NEW.date_lo IS DISTINCT FROM OLD.date_lo OR NEW.date_hi IS DISTINCT FROM OLD.date_hi
          OR NEW.planned IS DISTINCT FROM OLD.planned)
    EXECUTE FUNCTION bluebook_party_events_move();

CREATE TABLE read_meta (
    key    TEXT PRIMARY KEY,
    value  INTEGER NOT NULL
);
-- Only well-formed ISO days are cast: a cast error inside a trigger would fail the writer's insert.
INSERT INTO read_meta (key, value)
    SELECT 'max_span_days', COALESCE(MAX(date_hi::date - date_lo::date), 0) FROM events
    WHERE date_lo <> '9999-12-31' AND date_lo ~ '^\d{4}-\d{2}-\d{2}$' AND date_hi ~ '^\d{4}-\d{2}-\d{2}$';

CREATE FUNCTION bluebook_max_span() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.date_lo ~ '^\d{4}-\d{2}-\d{2}$' AND NEW.date_hi ~ '^\d{4}-\d{2}-\d{2}$' THEN UPDATE read_meta SET value = NEW.date_hi::date - NEW.date_lo::date WHERE key = 'max_span_days' AND value < NEW.date_hi::date - NEW.date_lo::date; END IF; RETURN NULL; END $$;
CREATE TRIGGER read_meta_span_add AFTER INSERT ON events FOR EACH ROW WHEN (NEW.date_lo <> '9999-12-31')
    EXECUTE FUNCTION bluebook_max_span();
CREATE TRIGGER read_meta_span_move AFTER UPDATE OF date_lo, date_hi ON events FOR EACH ROW
    WHEN (NEW.date_lo <> '9999-12-31' AND (NEW.date_lo IS DISTINCT FROM OLD.date_lo OR NEW.date_hi IS DISTINCT FROM OLD.date_hi))
    EXECUTE FUNCTION bluebook_max_span();
