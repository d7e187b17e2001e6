"""Ingesting a corpus into a store: parallel processing, one writer, progress, rejects recorded."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bluebook.config import DEFAULT, Settings
from bluebook.errors import BluebookError


@dataclass(slots=True)
class IngestSummary:
    documents: int = 0
    events: int = 0
    duplicates: int = 0
    replaced: int = 0
    near_duplicates: int = 0
    rejects: int = 0
    errors: list[str] = field(default_factory=list)
    by_status: Counter[str] = field(default_factory=Counter)


def ingest(paths: list[str], store: Any, settings: Settings = DEFAULT, workers: int = 1,
           doc_date: date | None = None, lang: str | None = None,
           progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Read, process and store every document under ``paths``; bad inputs are recorded as rejects.

    Each document goes into the store in one transaction with its events, so an interrupted run
    loses at most the document in flight, and running it again adds nothing twice.
    """
    from bluebook.distributed.local import run_parallel

    summary = IngestSummary()
    for item in run_parallel(paths, settings, workers=workers, doc_date=doc_date, lang=lang):
        if isinstance(item, BluebookError):
            store.add_reject(item.source, item.code, item.message)
            summary.rejects += 1
            summary.errors.append(str(item))
        else:
            res = store.add_document(item, item.events)
            summary.by_status[res.status] += 1
            if res.status == "duplicate":
                summary.duplicates += 1
            else:
                summary.documents += 1
                summary.events += len(item.events)
                summary.replaced += res.status == "replaced"
                summary.near_duplicates += res.duplicate_of is not None
        if progress is not None:
            progress(summary)
    return summary
