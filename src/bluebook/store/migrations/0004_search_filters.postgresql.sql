-- bluebook schema 4 (PostgreSQL): the partner filter of searches. Keep in step with
-- 0004_search_filters.sqlite.sql (the reasons are given there). Function bodies stay on one line:
-- store/migrate.statements() splits at a ';' that ends a line.

CREATE TABLE doc_parties (
    party   TEXT NOT NULL,
    doc_id  BIGINT NOT NULL,
    PRIMARY KEY (party, doc_id)
);
INSERT INTO doc_parties (party, doc_id)
    SELECT DISTINCT p.party, m.doc_id FROM mentions m JOIN event_parties p ON p.event_id = m.event_id
    WHERE p.party <> 'VNM';

-- Row triggers of a statement run at its end (COPY too), each seeing every row it wrote: a document's
-- mentions deleted together leave no evidence behind, so each link test sees them all gone.
CREATE FUNCTION bluebook_doc_parties_unlink(d BIGINT, e BIGINT) RETURNS void LANGUAGE sql AS $$ DELETE FROM doc_parties x WHERE x.doc_id = d AND x.party IN (SELECT p.party FROM event_parties p WHERE p.event_id = e) AND NOT EXISTS (SELECT 1 FROM mentions m JOIN event_parties p ON p.event_id = m.event_id WHERE m.doc_id = d AND p.party = x.party) $$;
CREATE FUNCTION bluebook_doc_parties_unparty(pa TEXT, e BIGINT) RETURNS void LANGUAGE sql AS $$ DELETE FROM doc_parties x WHERE x.party = pa AND x.doc_id IN (SELECT m.doc_id FROM mentions m WHERE m.event_id = e) AND NOT EXISTS (SELECT 1 FROM mentions m JOIN event_parties p ON p.event_id = m.event_id WHERE m.doc_id = x.doc_id AND p.party = pa) $$;

CREATE FUNCTION bluebook_doc_parties_mention() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP IN ('DELETE', 'UPDATE') THEN PERFORM bluebook_doc_parties_unlink(OLD.doc_id, OLD.event_id); END IF; IF TG_OP IN ('INSERT', 'UPDATE') THEN INSERT INTO doc_parties (party, doc_id) SELECT p.party, NEW.doc_id FROM event_parties p WHERE p.event_id = NEW.event_id AND p.party <> 'VNM' ON CONFLICT DO NOTHING; END IF; RETURN NULL; END $$;
CREATE TRIGGER doc_parties_mention_add AFTER INSERT ON mentions FOR EACH ROW
    EXECUTE FUNCTION bluebook_doc_parties_mention();
CREATE TRIGGER doc_parties_mention_drop AFTER DELETE ON mentions FOR EACH ROW
    EXECUTE FUNCTION bluebook_doc_parties_mention();
CREATE TRIGGER doc_parties_mention_move AFTER UPDATE OF doc_id, event_id ON mentions FOR EACH ROW
    WHEN (NEW.doc_id IS DISTINCT FROM OLD.doc_id OR NEW.event_id IS DISTINCT FROM OLD.event_id)
    EXECUTE FUNCTION bluebook_doc_parties_mention();

CREATE FUNCTION bluebook_doc_parties_party() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.party <> 'VNM' THEN PERFORM bluebook_doc_parties_unparty(OLD.party, OLD.event_id); END IF; IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.party <> 'VNM' THEN INSERT INTO doc_parties (party, doc_id) SELECT NEW.party, m.doc_id FROM mentions m WHERE m.event_id = NEW.event_id ON CONFLICT DO NOTHING; END IF; RETURN NULL; END $$;
CREATE TRIGGER doc_parties_party_add AFTER INSERT ON event_parties FOR EACH ROW WHEN (NEW.party <> 'VNM')
    EXECUTE FUNCTION bluebook_doc_parties_party();
CREATE TRIGGER doc_parties_party_drop AFTER DELETE ON event_parties FOR EACH ROW WHEN (OLD.party <> 'VNM')
    EXECUTE FUNCTION bluebook_doc_parties_party();
CREATE TRIGGER doc_parties_party_move AFTER UPDATE OF event_id, party ON event_parties FOR EACH ROW
    WHEN (NEW.event_id IS DISTINCT FROM OLD.event_id OR NEW.party IS DISTINCT FROM OLD.party)
    EXECUTE FUNCTION bluebook_doc_parties_party();
