"""Database URLs, engines, transactions, and turning driver errors into StoreError."""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from bluebook.errors import BluebookError, StoreError
from bluebook.store import postgres, sqlite

DEFAULT_URL = "sqlite:///bluebook.db"


def _dbapi_errors() -> tuple[type[BaseException], ...]:
    """Driver errors: the ingest hot path talks to the drivers directly (store/raw.py)."""
    import sqlite3
    errors: list[type[BaseException]] = [sqlite3.Error]
    try:
        import psycopg
        errors.append(psycopg.Error)
    except ImportError:
        pass
    return tuple(errors)


_DBAPI_ERRORS = _dbapi_errors()
_TRANSLATED: tuple[type[BaseException], ...] = (sa.exc.SQLAlchemyError, *_DBAPI_ERRORS)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")


def normalise_url(url: str | None) -> str:
    """'x.db' -> 'sqlite:///x.db'; 'postgresql://…' -> 'postgresql+psycopg://…'."""
    if url is None or not str(url).strip():
        return DEFAULT_URL
    url = str(url).strip()
    m = _SCHEME.match(url)
    if not m:
        return "sqlite:///" + url
    scheme = m.group(1).lower()
    rest = url[m.end():]
    if scheme in ("postgres", "postgresql", "postgresql+psycopg"):
        return "postgresql+psycopg://" + rest
    if scheme == "sqlite":
        return url
    raise StoreError(f"unsupported database URL scheme {scheme!r}", source=url,
                     hint="use a file path, sqlite:///path.db or postgresql://user@host/db")


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is shown as given
        return url


@dataclass
class Database:
    engine: sa.Engine
    dialect: str        # 'sqlite' | 'postgresql'
    url: str
    commits: int = 0    # transactions committed through this engine (tells the writer's cache what changed)
    cache: Any = field(default=None, repr=False)    # store.cache.ClusterCache of this process's writer
    epoch: bool = False  # PostgreSQL: the schema has write_epoch (3+), which every write transaction moves

    @contextmanager
    def write(self, lock: bool = True) -> Iterator[sa.Connection]:
        """One write transaction, serialised against every other writer.

        On PostgreSQL the transaction takes bluebook's advisory lock, then moves
        the write counter (schema 3) that writers' caches check. ``lock=False``
        does neither: only for a caller that takes postgres.LOCK_SQL itself and
        writes nothing a writer's cache holds. SQLite always locks at BEGIN.
        """
        with translate(self.url), self.engine.connect() as conn:
            conn.execution_options(bluebook_write=True)
            with conn.begin():
                conn.info.pop("bluebook_epoch", None)       # info outlives the transaction: no stale value
                if lock and self.dialect == "postgresql":
                    postgres.lock_for_write(conn)
                    if self.epoch:
                        conn.info["bluebook_epoch"] = postgres.next_epoch(conn)
                yield conn

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        with translate(self.url), self.engine.connect() as conn, conn.begin():
            yield conn


def connect(url: str | None) -> Database:
    full = normalise_url(url)
    with translate(full):
        try:
            sa_url = sa.engine.make_url(full)
        except sa.exc.ArgumentError as e:
            raise StoreError(f"malformed database URL: {e}", source=display_url(full),
                             hint="e.g. sqlite:///bluebook.db or postgresql://user@localhost/bluebook") from e
        if sa_url.get_backend_name() == "sqlite":
            db = Database(sqlite.make_engine(full), "sqlite", full)
        else:
            db = Database(postgres.make_engine(full), "postgresql", full)

    @sa.event.listens_for(db.engine, "commit")
    def _count(_conn: sa.Connection) -> None:
        db.commits += 1

    return db


def _hint(msg: str) -> str:
    low = msg.lower()
    if "locked" in low or "busy" in low:
        return "another process held the write lock too long; retry, or write from fewer processes"
    if "not a database" in low or "malformed" in low:
        return "the file is not a bluebook SQLite database (or is damaged); pass another database path"
    if "unable to open" in low or "readonly" in low or "read-only" in low:
        return "check the path exists and is writable"
    if "connection" in low or "could not" in low or "refused" in low:
        return "is the PostgreSQL server running, and is the URL (host, port, user, database) right?"
    if "does not exist" in low and "database" in low:
        return "create the database first (createdb NAME)"
    return "see the message; run `bluebook db upgrade` if the schema is old"


@contextmanager
def translate(url: str) -> Iterator[None]:
    """Driver errors leave as StoreError naming the database, with a hint."""
    try:
        yield
    except BluebookError:
        raise
    except _TRANSLATED as e:
        orig = getattr(e, "orig", None) or e
        msg = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
        raise StoreError(msg, source=display_url(url), hint=_hint(msg)) from e
