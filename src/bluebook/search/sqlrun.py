"""Fixed SQL run on the driver's own cursor, inside a SQLAlchemy connection's transaction."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

_NAMED = re.compile(r"(?<![:\w]):(\w+)")


def driver_rows(conn: sa.Connection, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """Rows of fixed SQL with ``:name`` parameters, straight from the driver's cursor inside the
    connection's transaction: SQLAlchemy's statement and row objects cost more than the rows of a
    full-text query themselves (a thousand candidates: about a millisecond)."""
    if conn.dialect.name != "sqlite":
        sql = _NAMED.sub(r"%(\1)s", sql)       # psycopg's named style
    cur = conn.connection.driver_connection.cursor()
    try:
        cur.execute(sql, params or {})
        return cur.fetchall()
    finally:
        cur.close()


def rows_by_ids(conn: sa.Connection, template: str, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """Rows of ``template``, whose one ``IN ({ids})`` takes ``ids``.

    SQLite: the integers are written into the text (parsing them costs less than binding them).
    PostgreSQL: one array parameter, ``= ANY(...)``, so the text is the same for every list and
    psycopg prepares the statement once per connection: a literal list is planned on every call
    (half a millisecond for a page of events).
    """
    ints = [int(i) for i in ids]
    if conn.dialect.name == "sqlite":
        return driver_rows(conn, template.format(ids=",".join(map(str, ints))))
    cur = conn.connection.driver_connection.cursor()
    try:
        cur.execute(template.replace("IN ({ids})", "= ANY(%s)"), (ints,))
        return cur.fetchall()
    finally:
        cur.close()
