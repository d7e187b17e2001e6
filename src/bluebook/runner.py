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
           progress: Callable[[IngestSummary], None] | None = None, batch: int = 100) -> IngestSummary:
    """Read, process and store every document under ``paths``; bad inputs are recorded as rejects.

    Each document goes into the store in one transaction with its events, so an interrupted run
    loses at most the batch in flight (``batch`` documents, each in its own savepoint), and running it again adds nothing twice.
    """
    from bluebook.distributed.local import run_parallel

    summary = IngestSummary()

    def docs():  # noqa: ANN202 - documents go to the writer, errors are recorded on the way
        # The workers also prepare each document for the store (hashes, MinHash, rows): the writer only writes.
        for item in run_parallel(paths, settings, workers=workers, doc_date=doc_date, lang=lang, prepare=True):
            if isinstance(item, BluebookError):
                store.add_reject(item.source, item.code, item.message)
                summary.rejects += 1
                summary.errors.append(str(item))
                if progress is not None:
                    progress(summary)
                continue
            yield item

    for res in store.add_documents(docs(), batch=batch):
        summary.by_status[res.status] += 1
        if res.status == "failed":
            summary.rejects += 1
            summary.errors.append(f"{res.doc_id}: {res.error}")
        elif res.status == "duplicate":
            summary.duplicates += 1
        else:
            summary.documents += 1
            summary.events += len(res.event_ids)
            summary.replaced += res.status == "replaced"
            summary.near_duplicates += res.duplicate_of is not None
        if progress is not None:
            progress(summary)
    return summary
