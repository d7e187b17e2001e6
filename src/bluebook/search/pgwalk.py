"""PostgreSQL: the newest matches of a search narrowed to one partner, found from the partner's side.

A GIN index finds every document with the words, in no useful order; a search wants the newest
``cap`` of them that also pass the filter. PostgreSQL's planner chooses between walking all
documents newest first (testing each one's words) and sorting every match of the words, and with a
partner filter it often misjudges how many rows either will touch (a common phrase with a partner:
180 ms on a million events). Here doc_parties gives the partner's documents newest first, a chunk
at a time, and only those are tested against the words, until ``cap`` are found. A walk that at its
rate so far would not find them within ``BUDGET`` documents is for a rare combination: the rest is
asked of the planner, below the last document walked (the GIN index suits rare words).

Measured on the web benchmark's searches (40 queries, each with a random partner): mean 23 -> 19 ms,
p95 84 -> 48 ms. A year's documents walked the same way cost more than the planner's own plans
(they must be sorted by id for each chunk), so dates are left to it. SQLite needs none of this: FTS5
walks its matches newest first itself (search/query.py).
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from bluebook.search.sqlrun import driver_rows

CHUNK = 500         # filter documents tested per statement
BUDGET = 4000       # filter documents walked before the rest is left to the planner
_NO_ID = 2 ** 62

# A partner's documents newest first below :below, a chunk at a time: the primary key of doc_parties.
# (A period's documents, walked the same way, cost more than the planner's own plans: the documents
# of a year have to be sorted by id for each chunk.)
_BY_PARTY = ("SELECT x.doc_id AS id FROM doc_parties x WHERE x.party = :party AND x.doc_id < :below "
             "ORDER BY x.doc_id DESC LIMIT :chunk")


def driver(where: list[str], params: dict[str, Any], home: str) -> str | None:
    """The walk for these filters, or None when no filter narrows enough to drive the search."""
    party = params.get("party")
    if party and party != home:
        return _BY_PARTY
    return None


def candidates(conn: sa.Connection, walk: str, where_sql: str, join: bool, params: dict[str, Any],
               cap: int) -> list[tuple[int, float]]:
    """(doc id, ts_rank) of the newest ``cap`` documents that ``walk`` yields and that match
    ``params['q']`` and ``where_sql`` (conditions on f.doc_id and d.*), newest first."""
    docs = "JOIN documents d ON d.id = f.doc_id " if join else ""
    # The matches of one chunk, then one more row: the last id walked and how many (as -1 - n, which
    # no ts_rank is), so that the walk knows where to go on and whether the filter ran out.
    sql = (f"WITH w AS MATERIALIZED ({walk}) "
           "SELECT f.doc_id, ts_rank(f.fts, q.q) FROM w JOIN documents_fts f ON f.doc_id = w.id " + docs
           + "CROSS JOIN to_tsquery('simple', :q) AS q(q) WHERE f.fts @@ q.q" + where_sql
           + " UNION ALL SELECT min(w.id), -1.0 - count(*) FROM w")
    found: list[tuple[int, float]] = []
    below, walked = _NO_ID, 0
    while len(found) < cap:
        # walked on at the rate found so far, the budget would not do: a rare combination
        if walked >= BUDGET or (walked and (cap - len(found)) * walked > (BUDGET - walked) * max(1, len(found))):
            return found + _rest(conn, docs, where_sql, params, below, cap - len(found))
        rows = driver_rows(conn, sql, dict(params, below=below, chunk=CHUNK))
        last, n = next((i, int(-1.0 - s)) for i, s in rows if s < 0)
        found += sorted(((int(i), float(s)) for i, s in rows if s >= 0), key=lambda r: -r[0])
        if n < CHUNK or last is None:
            break                       # the filter's documents ran out: every match is found
        below, walked = int(last), walked + n
    return found[:cap]


def _rest(conn: sa.Connection, docs: str, where_sql: str, params: dict[str, Any], below: int,
          limit: int) -> list[tuple[int, float]]:
    """The newest ``limit`` matches below id ``below``, as the planner sees fit (a rare combination)."""
    sql = ("SELECT f.doc_id, ts_rank(f.fts, q.q) FROM documents_fts f " + docs
           + "CROSS JOIN to_tsquery('simple', :q) AS q(q) WHERE f.fts @@ q.q AND f.doc_id < :below" + where_sql
           + " ORDER BY f.doc_id DESC LIMIT :rest")
    return [(int(i), float(s)) for i, s in driver_rows(conn, sql, dict(params, below=below, rest=limit))]
