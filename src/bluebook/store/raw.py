"""The ingest hot path's SQL, run on the driver connection inside SQLAlchemy's transaction.

Building and compiling SQLAlchemy expressions cost more than the statements
themselves when a document brings a dozen small ones; these are fixed strings.
Written with ``:name`` parameters (sqlite3's style), rewritten once to
``%(name)s`` for psycopg. No literal '%' or '::' in them, please.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

_PARAM = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")
_PG_SQL: dict[str, str] = {}      # statement in sqlite3 style -> psycopg style

COPY_MIN_ROWS = 50      # fewer rows than this: one executemany costs less than setting up a COPY

EVENT_COLS = ("id", "type", "date", "date_end", "parties", "persons", "location", "location_conf", "planned",
              "summary_en", "summary_vi", "n_mentions")

# Statements whose text differs between the two engines: {name: (sqlite, postgresql)}.
DIALECT_SQL = {
    # Events filed under each block that touch its days (a NULL date_lo: read all the same). :needs is
    # [[block, first day, last day], ...]; the first column says which.
    "window_events": (
        "SELECT j.key, " + ", ".join(f"e.{c}" for c in EVENT_COLS) + " FROM json_each(:needs) j "
        "JOIN event_blocks b ON b.block = json_extract(j.value, '$[0]') JOIN events e ON e.id = b.event_id "
        "WHERE e.date_lo IS NULL OR (e.date_lo <= json_extract(j.value, '$[2]') "
        "AND e.date_hi >= json_extract(j.value, '$[1]'))",
        "SELECT u.i - 1, " + ", ".join(f"e.{c}" for c in EVENT_COLS) + " FROM unnest(CAST(:blocks AS text[]), "
        "CAST(:los AS text[]), CAST(:his AS text[])) WITH ORDINALITY AS u(block, lo, hi, i) "
        "JOIN event_blocks b ON b.block = u.block JOIN events e ON e.id = b.event_id "
        "WHERE e.date_lo IS NULL OR (e.date_lo <= u.hi AND e.date_hi >= u.lo)"),
    "in_hashes": (
        "SELECT content_hash, id FROM documents WHERE content_hash IN (SELECT value FROM json_each(:v))",
        "SELECT content_hash, id FROM documents WHERE content_hash = ANY(:v)"),
    "in_keys": (
        "SELECT doc_key, id FROM documents WHERE doc_key IN (SELECT value FROM json_each(:v))",
        "SELECT doc_key, id FROM documents WHERE doc_key = ANY(:v)"),
    "band_rows": (
        "SELECT b.band, b.hash, d.id, t.minhash, d.duplicate_of FROM json_each(:pairs) j "
        "JOIN doc_bands b ON b.band = json_extract(j.value, '$[0]') AND b.hash = json_extract(j.value, '$[1]') "
        "JOIN documents d ON d.id = b.doc_id JOIN doc_texts t ON t.doc_id = d.id",
        "SELECT b.band, b.hash, d.id, t.minhash, d.duplicate_of "
        "FROM unnest(CAST(:bands AS integer[]), CAST(:hashes AS bigint[])) AS u(band, hash) "
        "JOIN doc_bands b ON b.band = u.band AND b.hash = u.hash "
        "JOIN documents d ON d.id = b.doc_id JOIN doc_texts t ON t.doc_id = d.id"),
    "band_docs": (
        "SELECT d.id, t.minhash, d.duplicate_of FROM documents d JOIN doc_texts t ON t.doc_id = d.id "
        "WHERE d.id IN (SELECT b.doc_id FROM doc_bands b "
        "JOIN json_each(:hashes) j ON b.band = j.key AND b.hash = j.value)",
        "SELECT d.id, t.minhash, d.duplicate_of FROM documents d JOIN doc_texts t ON t.doc_id = d.id "
        "WHERE d.id IN (SELECT b.doc_id FROM doc_bands b "
        "JOIN unnest(CAST(:bands AS integer[]), CAST(:hashes AS bigint[])) AS u(band, hash) "
        "ON b.band = u.band AND b.hash = u.hash)"),
}


class Raw:
    def __init__(self, conn: sa.Connection, dialect: str) -> None:
        self.conn = conn
        self.dbapi: Any = conn.connection.driver_connection
        self.dialect = dialect
        self.pg = dialect == "postgresql"
        self.pipelined = False       # inside batch(): COPY is not allowed there
    def _sql(self, q: str) -> str:
        if not self.pg:
            return q
        out = _PG_SQL.get(q)
        if out is None:
            out = _PG_SQL[q] = _PARAM.sub(r"%(\1)s", q)
        return out

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Send the statements issued inside in one round trip (psycopg pipeline; no-op on SQLite).

        Results are read after the block; a failing statement raises when it ends.
        """
        if not self.pg or self.pipelined:
            yield
            return
        self.pipelined = True
        try:
            with self.dbapi.pipeline():
                yield
        finally:
            self.pipelined = False

    def allocate(self, table: str, n: int) -> Any:
        """Reserve ``n`` new ids of ``table`` (call under the write lock); returns a pending result.

        PostgreSQL takes them from the identity sequence; SQLite reads the
        AUTOINCREMENT counter, which explicit inserts then move past.
        """
        if self.pg:
            return self.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "
                                "FROM generate_series(1, :n)", {"n": n})
        return self.execute("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = :t), 0)", {"t": table})

    def allocated(self, pending: Any, n: int) -> list[int]:
        rows = pending.fetchall()
        pending.close()
        if self.pg:
            return [int(r[0]) for r in rows]
        base = int(rows[0][0])
        return list(range(base + 1, base + n + 1))

    def named(self, name: str) -> str:
        return DIALECT_SQL[name][1 if self.pg else 0]

    def array(self, values: Sequence[Any]) -> Any:
        """A list parameter: a PostgreSQL array, or JSON text for SQLite's json_each."""
        return list(values) if self.pg else json.dumps(list(values))

    def execute(self, q: str, params: dict[str, Any] | None = None) -> Any:
        cur = self.dbapi.cursor()
        cur.execute(self._sql(q), params or {})
        return cur

    def all(self, q: str, params: dict[str, Any] | None = None) -> list[tuple]:
        cur = self.execute(q, params)
        try:
            return cur.fetchall()
        finally:
            cur.close()

    def scalar(self, q: str, params: dict[str, Any] | None = None) -> Any:
        rows = self.all(q, params)
        return rows[0][0] if rows else None

    def many(self, q: str, rows: Iterable[dict[str, Any]]) -> None:
        rows = list(rows)
        if rows:
            cur = self.dbapi.cursor()
            cur.executemany(self._sql(q), rows)
            cur.close()

    def insert_rows(self, table: str, cols: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """INSERT positional rows: cheaper to build and to bind than dicts, for the big tables."""
        if rows:
            mark = "%s" if self.pg else "?"
            cur = self.dbapi.cursor()
            cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join([mark] * len(cols))})", rows)
            cur.close()

    def copy_rows(self, table: str, cols: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """PostgreSQL COPY FROM STDIN: one stream for any number of rows (not inside ``batch``)."""
        with self.dbapi.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
            for r in rows:
                cp.write_row(r)

    def stage(self, table: str) -> str:
        """A temporary table shaped like ``table``, emptied at commit (PostgreSQL): COPY lands there first."""
        name = f"bluebook_stage_{table}"
        # Columns only, no constraints (CREATE TABLE AS copies none): an update stages some columns.
        self.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ON COMMIT DELETE ROWS "
                     f"AS SELECT * FROM {table} WITH NO DATA").close()
        self.execute(f"TRUNCATE {name}").close()
        return name

    def put_rows(self, table: str, cols: Sequence[str], rows: list[tuple[Any, ...]], on_conflict: str = "") -> None:
        """Insert many rows: executemany on SQLite; on PostgreSQL COPY (through a staging table
        when ``on_conflict`` is given, e.g. 'ON CONFLICT DO NOTHING')."""
        if not rows:
            return
        names = ", ".join(cols)
        if not self.pg or self.pipelined or len(rows) < COPY_MIN_ROWS:
            mark = "%s" if self.pg else "?"
            self.many_positional(f"INSERT INTO {table} ({names}) VALUES ({', '.join([mark] * len(cols))}) "
                                 f"{on_conflict}", rows)
            return
        if not on_conflict:
            self.copy_rows(table, cols, rows)
            return
        stage = self.stage(table)
        self.copy_rows(stage, cols, rows)
        self.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {stage} {on_conflict}").close()

    def many_positional(self, q: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            cur = self.dbapi.cursor()
            cur.executemany(q, rows)
            cur.close()

    def insert(self, table: str, row: dict[str, Any]) -> int:
        """INSERT one row, returning its new id."""
        cols = ", ".join(row)
        vals = ", ".join(f":{k}" for k in row)
        return int(self.scalar(f"INSERT INTO {table} ({cols}) VALUES ({vals}) RETURNING id", row))

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            cols = ", ".join(rows[0])
            vals = ", ".join(f":{k}" for k in rows[0])
            self.many(f"INSERT INTO {table} ({cols}) VALUES ({vals})", rows)
