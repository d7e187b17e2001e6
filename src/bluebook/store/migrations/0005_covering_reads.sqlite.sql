-- bluebook schema 5 (SQLite): covering indexes for the web API's hot reads. Keep in step with
-- 0005_covering_reads.postgresql.sql. Indexes only: the write path needs no change.

-- A year filter on event listings is "date_hi >= lo AND date_lo BETWEEN lo - span AND hi": with
-- date_hi (and type, which a page query returns) in the chronological index, a deep page of a
-- year's events is read from the index alone instead of from a table row per event skipped.
-- Supersedes events_date (its prefix).
CREATE INDEX events_chrono ON events (date_lo, date, id, date_hi, type);
DROP INDEX events_date;

-- The same for one type's events in a year; supersedes events_type_chrono (its prefix).
CREATE INDEX events_type_chrono_hi ON events (type, date_lo, date, id, date_hi);
DROP INDEX events_type_chrono;

-- Search facets count the partners of a page of documents: doc_parties by document.
CREATE INDEX doc_parties_doc ON doc_parties (doc_id, party);
