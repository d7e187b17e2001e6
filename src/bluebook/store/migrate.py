"""Numbered SQL migrations (``migrations/NNNN_name[.dialect].sql``) and the schema_version table.

A dialect-specific file (``0001_init.sqlite.sql``) wins over a shared one
(``0001_init.sql``) of the same number. All pending migrations run in one
write transaction, so a crash leaves the old schema, never half of a new one,
and two processes opening a new database at once migrate it once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from bluebook.errors import StoreError
from bluebook.store.engine import Database, display_url

MIGRATIONS = Path(__file__).parent / "migrations"
_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)(?:\.(sqlite|postgresql))?\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def available(dialect: str) -> list[Migration]:
    chosen: dict[int, Migration] = {}
    specific: set[int] = set()
    for p in sorted(MIGRATIONS.glob("*.sql")):
        m = _FILE.match(p.name)
        if not m or (m.group(3) and m.group(3) != dialect):
            continue
        v = int(m.group(1))
        if m.group(3):
            chosen[v] = Migration(v, m.group(2), p)
            specific.add(v)
        elif v not in specific:
            chosen[v] = Migration(v, m.group(2), p)
    return [chosen[v] for v in sorted(chosen)]


def statements(sql: str) -> list[str]:
    """Split a migration on ';' at line ends, '--' comments dropped.

    Good for our DDL, which has no ';' or '--' inside string literals.
    """
    body = "\n".join(re.sub(r"--.*$", "", line) for line in sql.splitlines())
    return [s.strip() for s in re.split(r";\s*$", body, flags=re.M) if s.strip()]


def _applied(conn: sa.Connection) -> set[int]:
    return {r[0] for r in conn.execute(sa.text("SELECT version FROM schema_version"))}


def current_version(db: Database) -> int:
    with db.read() as conn:
        if not sa.inspect(conn).has_table("schema_version"):
            return 0
        return max(_applied(conn), default=0)


def _pending(db: Database, todo: list[Migration]) -> bool:
    """Whether anything is left to apply; reads only, so a read-only store still opens."""
    with db.read() as conn:
        if not sa.inspect(conn).has_table("schema_version"):
            return True
        have = _applied(conn)
    return any(m.version not in have for m in todo) or max(have, default=0) > max(m.version for m in todo)


def _check_tables(db: Database) -> None:
    """Every table the code uses is there (a database made by a development schema may lack some)."""
    from bluebook.store.schema import metadata
    with db.read() as conn:
        have = set(sa.inspect(conn).get_table_names())
    missing = sorted(set(metadata.tables) - have)
    if missing:
        raise StoreError(f"database lacks table(s) {', '.join(missing)}", source=display_url(db.url),
                         hint="it was made by a development version of bluebook: delete it and ingest again")


def upgrade(db: Database) -> list[int]:
    """Apply the missing migrations; return the versions applied."""
    todo = available(db.dialect)
    done: list[int] = []
    if not _pending(db, todo):
        _check_tables(db)
        return done
    with db.write() as conn:
        conn.execute(sa.text("CREATE TABLE IF NOT EXISTS schema_version ("
                             "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"))
        have = _applied(conn)
        newest = max((m.version for m in todo), default=0)
        if have and max(have) > newest:
            raise StoreError(f"database schema version {max(have)} is newer than this bluebook knows ({newest})",
                             source=display_url(db.url), hint="upgrade bluebook, or use another database")
        for m in todo:
            if m.version in have:
                continue
            for stmt in statements(m.path.read_text(encoding="utf-8")):
                conn.exec_driver_sql(stmt)
            conn.execute(sa.text("INSERT INTO schema_version (version, name, applied_at) VALUES (:v, :n, :t)"),
                         {"v": m.version, "n": m.name, "t": datetime.now(UTC).isoformat(timespec="seconds")})
            done.append(m.version)
    return done
