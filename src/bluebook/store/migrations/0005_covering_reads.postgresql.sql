-- bluebook schema 5 (PostgreSQL): covering indexes for the web API's hot reads. Keep in step with
-- 0005_covering_reads.sqlite.sql (the reasons are given there). Index-only scans need the
-- visibility map that VACUUM (Store.optimize, autovacuum) keeps.

CREATE INDEX events_chrono ON events (date_lo, date, id) INCLUDE (date_hi, type);
DROP INDEX events_date;

CREATE INDEX events_type_chrono_hi ON events (type, date_lo, date, id) INCLUDE (date_hi);
DROP INDEX events_type_chrono;

CREATE INDEX doc_parties_doc ON doc_parties (doc_id, party);
