"""Full-text search over stored documents, SQLite FTS5 or PostgreSQL tsvector.

The user's query never reaches SQL as text: it is folded and cut into word
tokens (letters and digits only), and the engine query is rebuilt from those
tokens, each quoted, then passed as a bound parameter. Quotes, ``*``, ``:``,
``NEAR``, ``OR`` or ``; DROP TABLE`` are just words or nothing. Words must
all occur (AND); a double-quoted part of the query must occur as a phrase.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from bluebook.dedup.when import date_bounds
from bluebook.errors import StoreError
from bluebook.search import pgwalk
from bluebook.search.fold import fold, tokens
from bluebook.search.snippets import SearchHit, make_snippet
from bluebook.search.sqlrun import driver_rows, rows_by_ids

FILTERS = ("date_from", "date_to", "source", "type", "party", "duplicates")
# Matches ranked per query (the newest); see _ranked_ids.
CANDIDATES = 1000
# With a filter that keeps few documents (type, party, dates, source) the engines walk many matches
# to collect each candidate that passes (a partner's documents are ~5% of a big store): fewer are
# ranked, so that a filtered search costs about what an unfiltered one does. Deeper pages still
# reach every match (the cap grows with the page asked for).
FILTERED_CANDIDATES = 200
NARROWING = ("type", "party", "date_from", "date_to", "source")
HOME = "VNM"    # left out of doc_parties (migration 0004)


def candidate_cap(filters: dict[str, Any] | None) -> int:
    """How many of the newest matches are ranked for a search with these filters."""
    return FILTERED_CANDIDATES if any((filters or {}).get(k) for k in NARROWING) else CANDIDATES
# Longer queries are cut: no reader types them, and each word costs an index lookup.
MAX_WORDS, MAX_WORD_CHARS = 32, 64
_QUOTED = re.compile(r'"([^"]*)"')


@dataclass(slots=True)
class ParsedQuery:
    terms: list[str] = field(default_factory=list)          # single words
    phrases: list[list[str]] = field(default_factory=list)  # words that must be adjacent

    @property
    def empty(self) -> bool:
        return not self.terms and not self.phrases

    def fts5(self) -> str:
        parts = [f'"{w}"' for w in self.terms] + ['"' + " ".join(p) + '"' for p in self.phrases]
        return " AND ".join(parts)

    def tsquery(self) -> str:
        parts = [f"'{w}'" for w in self.terms] + ["(" + " <-> ".join(f"'{w}'" for w in p) + ")"
                                                  for p in self.phrases]
        return " & ".join(parts)


def parse_query(q: str) -> ParsedQuery:
    q = str(q or "")
    out = ParsedQuery()
    for ph in _QUOTED.findall(q):
        words = tokens(fold(ph))
        if len(words) > 1:
            out.phrases.append(words)
        else:
            out.terms.extend(words)
    out.terms.extend(tokens(fold(_QUOTED.sub(" ", q))))
    out.terms = [w[:MAX_WORD_CHARS] for w in dict.fromkeys(out.terms)][:MAX_WORDS]
    out.phrases = [[w[:MAX_WORD_CHARS] for w in p[:MAX_WORDS]] for p in out.phrases[:MAX_WORDS]]
    return out


def _escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filters(filters: dict[str, Any] | None, lang: str | None) -> tuple[list[str], dict[str, Any]]:
    f = dict(filters or {})
    unknown = sorted(set(f) - set(FILTERS))
    if unknown:
        raise StoreError(f"unknown search filter(s): {', '.join(unknown)}", hint=f"use {', '.join(FILTERS)}")
    where: list[str] = []
    params: dict[str, Any] = {}
    if lang:
        where.append("d.lang = :lang")
        params["lang"] = str(lang)
    if not f.get("duplicates"):
        where.append("d.duplicate_of IS NULL")
    lo, hi = date_bounds(f.get("date_from"), "date_from"), date_bounds(f.get("date_to"), "date_to")
    if lo:
        where.append("d.doc_date >= :date_from")
        params["date_from"] = lo[0]
    if hi:
        where.append("d.doc_date <= :date_to")
        params["date_to"] = hi[1]
    if f.get("source"):
        where.append("d.source LIKE :source ESCAPE '\\'")
        params["source"] = _escape_like(str(f["source"])) + "%"
    # {doc}: the candidate's id as the query at hand reads it (see _where), so a full-text search tests
    # these on the index's row id before it reads the document row at all.
    if f.get("type"):
        where.append("EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = {doc} AND m.type = :type)")
        params["type"] = str(f["type"])
    if f.get("party"):
        params["party"] = party = str(f["party"]).strip().upper()
        if party == HOME:   # in nearly every document: the first mention or two answer
            where.append("EXISTS (SELECT 1 FROM mentions m JOIN event_parties p ON p.event_id = m.event_id "
                         "WHERE m.doc_id = {doc} AND p.party = :party)")
        else:               # one key lookup in doc_parties (migration 0004) instead of ~10
            where.append("EXISTS (SELECT 1 FROM doc_parties x WHERE x.party = :party AND x.doc_id = {doc})")
    return where, params


def _has_duplicates(conn: sa.Connection) -> bool:
    """Whether any document is marked a near-duplicate (an index probe): if none, the filter that
    leaves them out need not read every candidate's document row."""
    return bool(driver_rows(conn, "SELECT 1 FROM documents WHERE duplicate_of IS NOT NULL LIMIT 1"))


def _where(where: list[str], doc: str) -> str:
    return "".join(" AND " + w.replace("{doc}", doc) for w in where)


def _candidates(conn: sa.Connection, dialect: str, pq: ParsedQuery, where: list[str], params: dict[str, Any],
                cap: int, offset: int = 0) -> list[tuple[int, float]]:
    """(doc id, score), best first: the newest ``cap`` matches ranked (an empty query: the ``cap``
    newest documents from ``offset`` on, score 0)."""
    if pq.empty:
        # '+': keeps SQLite from reading the duplicate_of index (nearly every row is NULL there) and
        # then sorting the whole table; walking the date index newest first stops after a page.
        conds = ["+d.duplicate_of IS NULL" if w == "d.duplicate_of IS NULL" else w for w in where]
        sql = ("SELECT d.id, 0.0 AS score FROM documents d" + (" WHERE " + _where(conds, "d.id")[5:] if conds else "")
               + " ORDER BY d.doc_date DESC NULLS LAST, d.id DESC LIMIT :limit OFFSET :offset")
        return [(int(r[0]), 0.0) for r in conn.execute(sa.text(sql), dict(params, limit=cap, offset=offset))]
    params = dict(params, cap=cap)
    if "d.duplicate_of IS NULL" in where and not _has_duplicates(conn):
        where = [w for w in where if w != "d.duplicate_of IS NULL"]
    # the document row is read only for a condition on it: otherwise the index answers alone
    join = any(w.startswith("d.") for w in where)
    if dialect == "sqlite":
        params["q"] = pq.fts5()
        sql = ("SELECT f.rowid, -bm25(documents_fts, 4.0, 1.0) AS score FROM documents_fts f "
               + ("JOIN documents d ON d.id = f.rowid " if join else "") + "WHERE documents_fts MATCH :q"
               + _where(where, "f.rowid") + " ORDER BY f.rowid DESC LIMIT :cap")
    else:
        # The best plan depends on how common the words are: walk ids backwards for common words,
        # the GIN index for rare ones. So: no generic plan for this (prepared) statement, and no
        # whole-table scan testing a compressed tsvector per row, which the planner underrates; no
        # parallel workers either, whose start costs more than such a query under concurrent load; and
        # room to sort the matches of a phrase the planner thought rare (it multiplies the words'
        # frequencies: 100 rows expected, 20,000 found) in memory rather than on disk.
        conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL enable_seqscan = off; "
                             "SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL work_mem = '32MB'")
        params["q"] = pq.tsquery()
        walk = pgwalk.driver(where, params, HOME)
        if walk is not None:
            rows = pgwalk.candidates(conn, walk, _where(where, "f.doc_id"), join, params, cap)
            rows.sort(key=lambda r: (-r[1], -r[0]))
            return rows
        # ts_rank in the select list is computed only for rows that reach the LIMIT.
        sql = ("SELECT f.doc_id, ts_rank(f.fts, q.q) AS score FROM documents_fts f "
               + ("JOIN documents d ON d.id = f.doc_id " if join else "")
               + "CROSS JOIN to_tsquery('simple', :q) AS q(q) "
               "WHERE f.fts @@ q.q" + _where(where, "f.doc_id") + " ORDER BY f.doc_id DESC LIMIT :cap")
    rows = [(int(r[0]), float(r[1])) for r in driver_rows(conn, sql, params)]
    rows.sort(key=lambda r: (-r[1], -r[0]))
    return rows


def ranked(conn: sa.Connection, dialect: str, query: str | ParsedQuery, lang: str | None = None,
           filters: dict[str, Any] | None = None, cap: int | None = None) -> list[tuple[int, float]]:
    """(doc id, score) of the matching documents best first, at most ``cap`` (default: candidate_cap).

    For a caller that shows several pages, or counts facets, from one ranking: slice it and
    pass the slice to ``hits``.
    """
    pq = query if isinstance(query, ParsedQuery) else parse_query(query)
    where, params = _filters(filters, lang)
    return _candidates(conn, dialect, pq, where, params, max(1, int(cap or candidate_cap(filters))))


def _ranked_ids(conn: sa.Connection, dialect: str, pq: ParsedQuery, where: list[str],
                params: dict[str, Any], filters: dict[str, Any] | None = None) -> list[tuple[int, float]]:
    """(doc id, score) best first, for the requested page.

    Only the newest ``CANDIDATES`` matches (by id, i.e. as stored) are ranked
    (``FILTERED_CANDIDATES`` with a narrowing filter, see candidate_cap):
    the engines stop early when walking matches in id order, whereas ranking
    every match of a word found in most documents ('viet', 'nam') costs
    seconds on a large store. A query whose matches are fewer is ranked exactly.
    """
    page, offset = params.pop("limit"), params.pop("offset")
    if pq.empty:
        return _candidates(conn, dialect, pq, where, params, page, offset)
    rows = _candidates(conn, dialect, pq, where, params, max(candidate_cap(filters), offset + page))
    return rows[offset:offset + page]


def hits(conn: sa.Connection, query: str | ParsedQuery, ranked: list[tuple[int, float]]) -> list[SearchHit]:
    """The documents of ``ranked`` (doc id, score) in that order, each with a highlighted snippet."""
    pq = query if isinstance(query, ParsedQuery) else parse_query(query)
    if not ranked:
        return []
    rows = {int(r[0]): r for r in rows_by_ids(conn, _HITS_SQL, [i for i, _ in ranked])}
    out = []
    for doc_id, score in ranked:
        r = rows.get(doc_id)
        if r is None:
            continue
        _, title, source, url, doc_date, lang, text, duplicate_of = r
        snippet, marks, start, end = make_snippet(text, pq.terms, pq.phrases)
        out.append(SearchHit(doc_id=doc_id, title=title, source=source, url=url, doc_date=doc_date, lang=lang,
                             score=score, snippet=snippet, highlights=marks, start=start, end=end,
                             duplicate_of=duplicate_of))
    return out


_HITS_SQL = ("SELECT d.id, d.title, d.source, d.url, d.doc_date, d.lang, t.text, d.duplicate_of FROM documents d "
             "JOIN doc_texts t ON t.doc_id = d.id WHERE d.id IN ({ids})")


def search(conn: sa.Connection, dialect: str, query: str, lang: str | None = None, limit: int = 20,
           offset: int = 0, filters: dict[str, Any] | None = None) -> list[SearchHit]:
    """Documents matching every word of ``query``, best first, each with a highlighted snippet."""
    pq = parse_query(query)
    where, params = _filters(filters, lang)
    params.update(limit=max(0, min(int(limit), 1000)), offset=max(0, int(offset)))
    return hits(conn, pq, _ranked_ids(conn, dialect, pq, where, params, filters))
