"""Counts for `bluebook stats`: what is in the store and what was left out, and why."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa

from bluebook.store import schema as t


def _counts(conn: sa.Connection, col: Any, where: Any = None, limit: int | None = None) -> dict[str, int]:
    n = sa.func.count().label("n")
    q = sa.select(col.label("k"), n).group_by(col).order_by(n.desc(), col)
    if where is not None:
        q = q.where(where)
    if limit:
        q = q.limit(limit)
    return {str(r.k): int(r.n) for r in conn.execute(q)}


def outlet(source: str, url: str) -> str:
    """Where a document came from: the site of its URL, else its file (without #row or !member)."""
    if url:
        host = urlsplit(url).hostname or ""
        if host:
            return host.removeprefix("www.")
    for sep in ("#", "!"):
        source = source.split(sep, 1)[0]
    return source or "(unknown)"


def stats(conn: sa.Connection) -> dict[str, Any]:
    d, e, m, r = t.documents, t.events, t.mentions, t.rejects
    scalar = conn.execute
    by_source: dict[str, int] = {}
    for row in scalar(sa.select(d.c.source, d.c.url)):
        k = outlet(row.source, row.url)
        by_source[k] = by_source.get(k, 0) + 1
    month = sa.func.substr(e.c.date, 1, 7)
    dropped = {str(row.reason): int(row.n) for row in scalar(
        sa.select(t.doc_dropped.c.reason, sa.func.sum(t.doc_dropped.c.n).label("n"))
        .group_by(t.doc_dropped.c.reason).order_by(t.doc_dropped.c.reason))}
    return {
        "documents": scalar(sa.select(sa.func.count()).select_from(d)).scalar_one(),
        "duplicates": scalar(sa.select(sa.func.count()).select_from(d).where(d.c.duplicate_of.is_not(None)))
        .scalar_one(),
        "mentions": scalar(sa.select(sa.func.count()).select_from(m)).scalar_one(),
        "events": scalar(sa.select(sa.func.count()).select_from(e)).scalar_one(),
        "by_type": _counts(conn, e.c.type),
        "by_partner": _counts(conn, t.event_parties.c.party, t.event_parties.c.party != "VNM"),
        "by_month": dict(sorted(_counts(conn, month, sa.func.length(e.c.date) >= 7).items())),
        "by_language": _counts(conn, d.c.lang),
        "mentions_by_language": _counts(conn, m.c.lang),
        "by_source": dict(sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0]))),
        "rejects": {
            "total": scalar(sa.select(sa.func.count()).select_from(r)).scalar_one(),
            "by_code": _counts(conn, r.c.code),
            "by_reason": _counts(conn, r.c.message, limit=50),
        },
        "dropped": dropped,
    }
