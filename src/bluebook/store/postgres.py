"""PostgreSQL specifics: psycopg 3 driver, one advisory lock serialising writers."""
from __future__ import annotations

import sqlalchemy as sa

# Any constant works; it only has to be the same in every bluebook process.
_LOCK_KEY = 0x626C7565626F6F6B   # b'bluebook'
LOCK_SQL = f"SELECT pg_advisory_xact_lock({_LOCK_KEY})"


def make_engine(url: str) -> sa.Engine:
    return sa.create_engine(url, pool_pre_ping=True)


def lock_for_write(conn: sa.Connection) -> None:
    """Serialise writers for the rest of the transaction.

    Duplicate checks and event clustering read, then write; two processes
    doing that at once could both decide "new". Readers are not blocked.
    """
    conn.execute(sa.text(LOCK_SQL))


def next_epoch(conn: sa.Connection) -> int:
    """Move the write counter (schema 3): tells other writers' caches that something changed."""
    return int(conn.exec_driver_sql("UPDATE write_epoch SET n = n + 1 WHERE id = 1 RETURNING n").scalar_one())


def integrity_check(conn: sa.Connection) -> list[str]:
    """PostgreSQL keeps its own pages consistent; check our invariants only (see Store.check)."""
    return []


def fix_sequences(conn: sa.Connection, tables: list[str]) -> None:
    """After inserting explicit ids (import), move each identity past the largest id."""
    for t in tables:
        conn.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), GREATEST((SELECT MAX(id) FROM {t}), 1), "
            f"(SELECT MAX(id) FROM {t}) IS NOT NULL)"))
