"""SQLite specifics: WAL, busy timeout, and write transactions that take the lock up front."""
from __future__ import annotations

import os
from typing import Any

import sqlalchemy as sa

from bluebook.errors import StoreError

BUSY_TIMEOUT_MS = 60_000


def make_engine(url: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sa.Engine:
    path = sa.engine.make_url(url).database or ""
    if path and path != ":memory:":
        if os.path.isdir(path):
            raise StoreError("is a directory, not a database file", source=path,
                             hint="pass a file path such as bluebook.db")
        parent = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(parent):
            raise StoreError(f"folder {parent} does not exist", source=path,
                             hint="create the folder first or pick another database path")
    engine = sa.create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # We emit BEGIN ourselves (below); the driver's own transaction handling
        # would start writes as DEFERRED and run into SQLITE_BUSY under WAL.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")   # WAL + NORMAL: durable against process crashes
        cur.execute("PRAGMA foreign_keys = ON")
        # Fewer, larger checkpoints: each one syncs the disk, and ingest commits often.
        cur.execute("PRAGMA wal_autocheckpoint = 10000")
        cur.execute("PRAGMA journal_size_limit = 67108864")
        cur.execute("PRAGMA cache_size = -65536")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # A writer takes the write lock before reading, so check-then-insert
        # (duplicates, clustering) cannot interleave with another process.
        write = conn.get_execution_options().get("bluebook_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def lock_for_write(conn: sa.Connection) -> None:
    """Nothing to do: BEGIN IMMEDIATE already holds the lock."""


def integrity_check(conn: sa.Connection) -> list[str]:
    rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    rows += [f"fts: {r}" for r in _fts_check(conn)]
    return [] if rows == ["ok"] else rows


def _fts_check(conn: sa.Connection) -> list[str]:
    try:
        conn.exec_driver_sql("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
    except sa.exc.DatabaseError as e:     # only raised when the index is damaged
        return [str(e.orig)]
    return []
