"""store stage: documents, deduplicated events, search and export on SQLite or PostgreSQL.

    store = open_store("bluebook.db")            # or "postgresql://user@host/db"
    store.add_document(doc, events)
    store.events(party="LAO", date_from="2023")
    store.search("thu tuong lao")
"""
from __future__ import annotations

from bluebook.search.snippets import SearchHit
from bluebook.store.engine import DEFAULT_URL, connect, normalise_url
from bluebook.store.prepare import PreparedDocument, prepare_document
from bluebook.store.records import AddResult, CanonicalEvent, MentionRecord, StoredDocument
from bluebook.store.store import EPOCH_SCHEMA, EXPORT_FORMATS, Store


def open_store(url: str | None = None, upgrade: bool = True) -> Store:
    """Open (creating if needed) the store at ``url`` and bring its schema up to date.

    ``url``: a file path or ``sqlite:///path.db`` (default ``sqlite:///bluebook.db``),
    or ``postgresql://user@host/db``. ``upgrade=False`` leaves the schema alone
    (for ``bluebook db upgrade`` to report what it applies).
    """
    store = Store(connect(url))
    try:
        if upgrade:
            store.upgrade()
        else:       # writers must still move PostgreSQL's write counter if the schema has one
            store.db.epoch = store.dialect == "postgresql" and store.schema_version() >= EPOCH_SCHEMA
    except BaseException:
        store.close()
        raise
    return store


__all__ = ["DEFAULT_URL", "EXPORT_FORMATS", "AddResult", "CanonicalEvent", "MentionRecord", "PreparedDocument",
           "SearchHit", "Store", "StoredDocument", "normalise_url", "open_store", "prepare_document"]
