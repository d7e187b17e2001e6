"""Keeping the full-text index in step with the documents table (inside the caller's transaction)."""
from __future__ import annotations

import sqlalchemy as sa

from bluebook.search.fold import index_text

# PostgreSQL refuses a tsvector over 1 MB; news articles are far below this,
# and SQLite indexes the same prefix so both backends find the same documents.
MAX_INDEXED_CHARS = 400_000

_SQLITE_ADD = sa.text("INSERT INTO documents_fts (rowid, title, body) VALUES (:id, :title, :body)")
_SQLITE_DEL = sa.text("DELETE FROM documents_fts WHERE rowid = :id")
_PG_ADD = sa.text("INSERT INTO documents_fts (doc_id, fts) VALUES (:id, "
                  "setweight(to_tsvector('simple', :title), 'A') || setweight(to_tsvector('simple', :body), 'B'))")
_PG_DEL = sa.text("DELETE FROM documents_fts WHERE doc_id = :id")


def add_sql(dialect: str) -> str:
    return _SQLITE_ADD.text if dialect == "sqlite" else _PG_ADD.text


def remove_sql(dialect: str) -> str:
    return _SQLITE_DEL.text if dialect == "sqlite" else _PG_DEL.text


def params(doc_id: int, title: str, text: str, folded_title: str | None = None,
           folded_body: str | None = None) -> dict[str, object]:
    """Statement parameters; pass the folded texts when already computed (the store does)."""
    return {"id": doc_id,
            "title": index_text(title) if folded_title is None else folded_title,
            "body": index_text(text[:MAX_INDEXED_CHARS]) if folded_body is None else folded_body}


def add(conn: sa.Connection, dialect: str, doc_id: int, title: str, text: str) -> None:
    conn.execute(_SQLITE_ADD if dialect == "sqlite" else _PG_ADD, params(doc_id, title, text))


def remove(conn: sa.Connection, dialect: str, doc_id: int) -> None:
    conn.execute(_SQLITE_DEL if dialect == "sqlite" else _PG_DEL, {"id": doc_id})
