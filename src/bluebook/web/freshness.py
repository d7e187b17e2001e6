"""Has anybody written to the database? A cheap token that moves on every write, for the read caches.

``token(store)`` is (writes committed by this process, the database's own change counter):

- this process: every transaction of ``Database.write`` that commits (an engine ``commit``
  event on a connection marked ``bluebook_write``), and every ``bump`` (the app's own writes
  call it too, through ``queries.forget``);
- SQLite: ``PRAGMA data_version`` on a connection of our own that never writes: it moves when
  any other connection, in any process, commits (about 4 µs a call, no read transaction);
- PostgreSQL (schema 3+): ``write_epoch.n``, which every locked write transaction moves
  (``Database.write``), on a dedicated autocommit connection (one round trip). On an older
  schema there is no such counter: other processes' writes then show only when cached answers
  expire (their TTL).

``None`` means the counter could not be read (the server went away): callers then must not
answer from a cache. Cached values are compared with the token read *before* they were
computed, so a write that lands while an answer is being computed drops it at the next read.
"""
from __future__ import annotations

import sqlite3
import threading
import time
import weakref
from contextvars import ContextVar
from typing import Any

import sqlalchemy as sa

from bluebook.store import Store

Token = tuple[int, int | None]
RETRY_SECONDS = 1.0     # after a failed probe: do not reconnect on every request


class Freshness:
    """The write token of one store's database, as seen from this process."""

    def __init__(self, store: Store) -> None:
        self.db = store.db
        self.local = 0
        self._lock = threading.Lock()
        self._probe: Any = None
        self._failed_at = 0.0
        self._closed = False
        sa.event.listen(self.db.engine, "commit", self._on_commit)

    def _on_commit(self, conn: sa.Connection) -> None:
        if conn.get_execution_options().get("bluebook_write"):
            self.local += 1

    def bump(self) -> None:
        """This process changed the database by a path the engine events do not see."""
        self.local += 1

    def token(self) -> Token | None:
        local = self.local
        with self._lock:
            ext = self._external()
        if ext is False:
            return None
        return local, ext

    # -- the database's own counter -----------------------------------------------------------
    def _external(self) -> Any:
        """The counter; None when this backend has none; False when it could not be read."""
        if self._closed:
            return False
        if self._probe is None:
            if time.monotonic() - self._failed_at < RETRY_SECONDS:
                return False
            try:
                self._probe = self._connect()
            except Exception:  # noqa: BLE001 - any driver error: no counter now, try again later
                self._failed_at = time.monotonic()
                return False
            if self._probe is None:
                self._probe = _NONE
        if self._probe is _NONE:
            return None
        try:
            if self.db.dialect == "sqlite":
                return int(self._probe.execute("PRAGMA data_version").fetchone()[0])
            with self._probe.cursor() as cur:
                cur.execute("SELECT n FROM write_epoch WHERE id = 1")
                row = cur.fetchone()
            return int(row[0]) if row else False
        except Exception:  # noqa: BLE001 - a broken probe connection: reconnect later
            self._drop_probe()
            self._failed_at = time.monotonic()
            return False

    def _connect(self) -> Any:
        if self.db.dialect == "sqlite":
            path = sa.engine.make_url(self.db.url).database or ""
            if not path or path == ":memory:" or path.startswith("file:"):
                return None         # private to this process: the local count says it all
            return sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=5)
        if not self.db.epoch:
            return None
        raw = self.db.engine.raw_connection()
        conn = raw.driver_connection
        raw.detach()                # ours for good: the pool must not get it back in autocommit
        conn.rollback()             # whatever the pool left open (nothing, normally)
        conn.autocommit = True      # no transaction left open between probes
        return conn

    def _drop_probe(self) -> None:
        probe, self._probe = self._probe, None
        if probe is not None and probe is not _NONE:
            try:
                probe.close()
            except Exception:  # noqa: BLE001, S110 - closing a broken connection may fail too
                pass

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._drop_probe()
        try:
            sa.event.remove(self.db.engine, "commit", self._on_commit)
        except sa.exc.InvalidRequestError:
            pass


_NONE = object()        # the backend has no counter (a private database, an old PostgreSQL schema)
_registry: weakref.WeakKeyDictionary[sa.Engine, Freshness] = weakref.WeakKeyDictionary()
_registry_lock = threading.Lock()


def of(store: Store) -> Freshness:
    """The one Freshness of this store's engine in this process."""
    f = _registry.get(store.db.engine)
    if f is None:
        with _registry_lock:
            f = _registry.get(store.db.engine)
            if f is None:
                f = _registry[store.db.engine] = Freshness(store)
    return f


# The token read at the start of the request being served, by the Freshness it came from: every
# cache a request consults compares against that one reading (on PostgreSQL each reading is a round
# trip). A context variable: each request's task, and the worker thread running its endpoint in a
# copy of that context, sees only its own.
_REQUEST: ContextVar[tuple[Freshness, Token | None] | None] = ContextVar("bluebook_request_token", default=None)


def token(store: Store) -> Token | None:
    f = of(store)
    memo = _REQUEST.get()
    if memo is not None and memo[0] is f:
        return memo[1]
    return f.token()


def for_request(store: Store) -> Token | None:
    """The token now, also kept as the current request's: later readings in it reuse this one.

    Read before anything is computed, so a write that lands during the request still makes what
    the request computes stale for the next one."""
    f = of(store)
    t = f.token()
    _REQUEST.set((f, t))
    return t


def bump(store: Store) -> None:
    _REQUEST.set(None)          # this request wrote: its earlier reading is stale from now on
    of(store).bump()


def close(store: Store) -> None:
    with _registry_lock:
        f = _registry.pop(store.db.engine, None)
    if f is not None:
        f.close()
