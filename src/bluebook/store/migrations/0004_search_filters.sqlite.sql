-- bluebook schema 4 (SQLite): the partner filter of searches. Keep in step with
-- 0004_search_filters.postgresql.sql. A table kept by triggers on the writer's tables, so the write
-- path (store/add.py, events.py) needs no change. Trigger bodies stay on one line: store/migrate.statements()
-- splits at a ';' that ends a line.

-- One row per (partner other than VNM, document reporting an event with that partner): what
-- "EXISTS (mentions JOIN event_parties ...)" asked per candidate document, five mentions and five party
-- lookups, becomes one key lookup. VNM is left out: nearly every document has it, and that filter
-- passes at once as it is (search/query.py keeps the old test for it).
CREATE TABLE doc_parties (
    party   TEXT NOT NULL,
    doc_id  INTEGER NOT NULL,
    PRIMARY KEY (party, doc_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO doc_parties (party, doc_id)
    SELECT p.party, m.doc_id FROM mentions m JOIN event_parties p ON p.event_id = m.event_id
    WHERE p.party <> 'VNM' ORDER BY 1, 2;

-- A new mention links its document to its event's partners; a new party of an event, to its documents.
CREATE TRIGGER doc_parties_mention_add AFTER INSERT ON mentions BEGIN
    INSERT OR IGNORE INTO doc_parties (party, doc_id) SELECT p.party, NEW.doc_id FROM event_parties p WHERE p.event_id = NEW.event_id AND p.party <> 'VNM'; END;
CREATE TRIGGER doc_parties_party_add AFTER INSERT ON event_parties WHEN NEW.party <> 'VNM' BEGIN
    INSERT OR IGNORE INTO doc_parties (party, doc_id) SELECT NEW.party, m.doc_id FROM mentions m WHERE m.event_id = NEW.event_id; END;

-- A link goes when its last evidence goes (another mention of the document may report the same partner).
CREATE TRIGGER doc_parties_mention_drop AFTER DELETE ON mentions BEGIN
    DELETE FROM doc_parties WHERE doc_id = OLD.doc_id AND party IN (SELECT p.party FROM event_parties p WHERE p.event_id = OLD.event_id) AND NOT EXISTS (SELECT 1 FROM mentions m JOIN event_parties p ON p.event_id = m.event_id WHERE m.doc_id = OLD.doc_id AND p.party = doc_parties.party); END;
CREATE TRIGGER doc_parties_party_drop AFTER DELETE ON event_parties WHEN OLD.party <> 'VNM' BEGIN
    DELETE FROM doc_parties WHERE party = OLD.party AND doc_id IN (SELECT m.doc_id FROM mentions m WHERE m.event_id = OLD.event_id) AND NOT EXISTS (SELECT 1 FROM mentions m JOIN event_parties p ON p.event_id = m.event_id WHERE m.doc_id = doc_parties.doc_id AND p.party = OLD.party); END;

-- Moves (no writer does them today): the old link's test, then the new one's.
CREATE TRIGGER doc_parties_mention_move AFTER UPDATE OF doc_id, event_id ON mentions
    WHEN NEW.doc_id IS NOT OLD.doc_id OR NEW.event_id IS NOT OLD.event_id BEGIN
    DELETE FROM doc_parties WHERE doc_id = OLD.doc_id AND party IN (SELECT p.party FROM event_parties p WHERE p.event_id = OLD.event_id) AND NOT EXISTS (SELECT 1 FROM mentions m JOIN event_parties p ON p.event_id = m.event_id WHERE m.doc_id = OLD.doc_id AND p.party = doc_parties.party); INSERT OR IGNORE INTO doc_parties (party, doc_id) SELECT p.party, NEW.doc_id FROM event_parties p WHERE p.event_id = NEW.event_id AND p.party <> 'VNM'; END;
CREATE TRIGGER doc_parties_party_move AFTER UPDATE OF event_id, party ON event_parties
    WHEN NEW.event_id IS NOT OLD.event_id OR NEW.party IS NOT OLD.party BEGIN
    DELETE FROM doc_parties WHERE party = OLD.party AND doc_id IN (SELECT m.doc_id FROM mentions m WHERE m.event_id = OLD.event_id) AND NOT EXISTS (SELECT 1 FROM mentions m JOIN event_parties p ON p.event_id = m.event_id WHERE m.doc_id = doc_parties.doc_id AND p.party = OLD.party); INSERT OR IGNORE INTO doc_parties (party, doc_id) SELECT NEW.party, m.doc_id FROM mentions m WHERE m.event_id = NEW.event_id AND NEW.party <> 'VNM'; END;
