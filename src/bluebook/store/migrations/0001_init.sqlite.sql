-- bluebook schema 1 (SQLite). Keep in step with 0001_init.postgresql.sql and store/schema.py.

CREATE TABLE documents (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,   -- never reused: ids appear in links
    doc_key         TEXT NOT NULL UNIQUE,                -- url, else source path: a new text here replaces
    source          TEXT NOT NULL,
    url             TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL DEFAULT '',
    doc_date        TEXT,
    lang            TEXT NOT NULL DEFAULT '',
    encoding        TEXT NOT NULL DEFAULT '',
    content_hash    TEXT NOT NULL UNIQUE,
    duplicate_of    INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    similarity      REAL,
    expected_events INTEGER NOT NULL DEFAULT 0,          -- lets a check prove no event was lost
    added_at        TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX documents_doc_date ON documents (doc_date);
CREATE INDEX documents_duplicate_of ON documents (duplicate_of);

-- The bulky part of a document, apart, so that scans and joins of documents stay dense.
CREATE TABLE doc_texts (
    doc_id    INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    text      TEXT NOT NULL,
    original  TEXT,                                      -- NULL when identical to text
    meta      TEXT NOT NULL DEFAULT '{}',
    minhash   BLOB                                       -- MinHash signature, 128 x uint32
);

CREATE TABLE doc_bands (
    band    INTEGER NOT NULL,
    hash    INTEGER NOT NULL,
    doc_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, doc_id)
) WITHOUT ROWID;
CREATE INDEX doc_bands_doc ON doc_bands (doc_id);

CREATE TABLE doc_dropped (
    doc_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    reason  TEXT NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (doc_id, reason)
);

-- Folded, pre-tokenised title and body (search/fold.index_text); rowid = documents.id.
CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, tokenize = 'ascii');
INSERT INTO documents_fts (documents_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');

CREATE TABLE events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    type          TEXT NOT NULL,
    date          TEXT NOT NULL,
    date_end      TEXT,
    date_lo       TEXT,                                  -- first and last day the date can mean
    date_hi       TEXT,
    parties       TEXT NOT NULL DEFAULT '[]',
    persons       TEXT NOT NULL DEFAULT '[]',
    location      TEXT,
    location_conf REAL NOT NULL DEFAULT 0,
    planned       INTEGER NOT NULL DEFAULT 0,
    summary_en    TEXT NOT NULL DEFAULT '',
    summary_vi    TEXT NOT NULL DEFAULT '',
    n_mentions    INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX events_date ON events (date_lo, date, id);      -- chronological order
CREATE INDEX events_type_date ON events (type, date_lo);

CREATE TABLE event_parties (
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    party     TEXT NOT NULL,
    PRIMARY KEY (event_id, party)
);
CREATE INDEX event_parties_party ON event_parties (party, event_id);

CREATE TABLE event_persons (
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    folded    TEXT NOT NULL,                             -- ' pham minh chinh ': word LIKE matches
    PRIMARY KEY (event_id, name)
);

-- Where clustering looks for candidates: 'type|PARTY|YYYY-MM' or 'type|PARTY|YYYY'.
CREATE TABLE event_blocks (
    block     TEXT NOT NULL,
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (block, event_id)
) WITHOUT ROWID;
CREATE INDEX event_blocks_event ON event_blocks (event_id);

CREATE TABLE mentions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id           INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_id         INTEGER NOT NULL REFERENCES events(id),
    event_key        TEXT NOT NULL DEFAULT '',           -- models.Event.id
    type             TEXT NOT NULL,
    date             TEXT NOT NULL,
    date_end         TEXT,
    parties          TEXT NOT NULL DEFAULT '[]',
    persons          TEXT NOT NULL DEFAULT '[]',
    persons_original TEXT NOT NULL DEFAULT '[]',
    location         TEXT,
    planned          INTEGER NOT NULL DEFAULT 0,
    lang             TEXT NOT NULL DEFAULT '',
    source           TEXT NOT NULL DEFAULT '',
    sentence_start   INTEGER NOT NULL DEFAULT 0,
    sentence_end     INTEGER NOT NULL DEFAULT 0,
    evidence_start   INTEGER NOT NULL DEFAULT 0,
    evidence_end     INTEGER NOT NULL DEFAULT 0,
    evidence         TEXT NOT NULL DEFAULT '',
    trigger_text     TEXT NOT NULL DEFAULT '',
    date_text        TEXT NOT NULL DEFAULT '',
    confidence       REAL NOT NULL DEFAULT 0,
    summary_en       TEXT NOT NULL DEFAULT '',
    summary_vi       TEXT NOT NULL DEFAULT '',
    kind             TEXT NOT NULL DEFAULT 'body'
);
CREATE INDEX mentions_doc ON mentions (doc_id);
CREATE INDEX mentions_event ON mentions (event_id);

CREATE TABLE rejects (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source      TEXT NOT NULL,
    code        TEXT NOT NULL,
    message     TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX rejects_code ON rejects (code);
