"""Uploads run as background jobs: ingest -> pipeline -> store, one job at a time, with progress.

The same three library calls as ``bluebook ingest``: ``ingest.iter_raw``,
``pipeline.process``, ``Store.add_document`` (errors go to ``Store.add_reject``).
"""
from __future__ import annotations

import logging
import secrets
import shutil
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bluebook.config import Settings
from bluebook.errors import BluebookError
from bluebook.store import Store

log = logging.getLogger(__name__)
MAX_LISTED = 500          # results kept per job for display; the counters go on counting
MAX_JOBS_KEPT = 50


@dataclass
class Job:
    id: str
    files: list[str]
    folder: Path
    state: str = "queued"          # queued | running | done | failed
    total_bytes: int = 0
    bytes_done: int = 0
    documents: int = 0             # texts read
    added: int = 0
    replaced: int = 0
    duplicates: int = 0
    events: int = 0
    rejected: int = 0
    results: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, str]] = field(default_factory=list)
    error: str = ""
    started: float = field(default_factory=time.time)
    finished: float | None = None

    @property
    def progress(self) -> float:
        if self.state == "done":
            return 1.0
        return min(0.99, self.bytes_done / self.total_bytes) if self.total_bytes else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "files": self.files, "progress": round(self.progress, 3),
                "documents": self.documents, "added": self.added, "replaced": self.replaced,
                "duplicates": self.duplicates, "events": self.events, "rejected": self.rejected,
                "results": self.results, "rejects": self.rejects, "error": self.error,
                "seconds": round((self.finished or time.time()) - self.started, 2)}


def public_source(source: str, folder: Path) -> str:
    """'/tmp/…/job/003-a.txt#2' -> 'upload/a.txt#2': the temp folder means nothing once it is gone,
    and a stable name lets a corrected upload replace the old version (same source)."""
    prefix = str(folder) + "/"
    if not source.startswith(prefix):
        return source
    rest = source[len(prefix):]
    head, sep, tail = rest.partition("-")
    return "upload/" + (tail if sep and head.isdigit() else rest)


class JobRunner:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bluebook-ingest")

    def submit(self, folder: Path, files: list[str]) -> Job:
        job = Job(id=secrets.token_urlsafe(12), files=files, folder=folder)
        with self._lock:
            self.jobs[job.id] = job
            for old in list(self.jobs)[:-MAX_JOBS_KEPT]:
                if self.jobs[old].state in ("done", "failed"):
                    del self.jobs[old]
        self._pool.submit(self._run, job)
        return job

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _reject(self, job: Job, source: str, code: str, message: str) -> None:
        job.rejected += 1
        if len(job.rejects) < MAX_LISTED:
            job.rejects.append({"source": source, "code": code, "message": message})
        self.store.add_reject(source, code, message)

    def _run(self, job: Job) -> None:
        from bluebook.ingest import count_bytes, iter_raw
        from bluebook.pipeline import process

        job.state = "running"
        try:
            job.total_bytes = count_bytes([str(job.folder)])
            for item in iter_raw([str(job.folder)], self.settings):
                if isinstance(item, BluebookError):
                    self._reject(job, public_source(item.source, job.folder), item.code, item.message)
                    continue
                job.bytes_done = int(item.meta.get("bytes_done", job.bytes_done))
                source = public_source(item.source, job.folder)
                job.documents += 1
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        item.source = source
                        doc = process(item, self.settings)
                    for e in doc.events:
                        e.source = source
                    res = self.store.add_document(doc, doc.events)
                except BluebookError as e:
                    self._reject(job, source, e.code, e.message)
                    continue
                job.added += res.status == "added"
                job.replaced += res.status == "replaced"
                job.duplicates += res.status == "duplicate"
                job.events += len(doc.events) if res.status != "duplicate" else 0
                if len(job.results) < MAX_LISTED:
                    job.results.append({"source": source, "doc_id": res.doc_id, "status": res.status,
                                        "title": doc.title, "events": len(doc.events),
                                        "event_ids": sorted(set(res.event_ids))})
            job.state = "done"
        except Exception as e:  # noqa: BLE001 - a job must end with a state the page can show
            log.exception("ingest job %s failed", job.id)
            job.state, job.error = "failed", f"{type(e).__name__}: {e}"
        finally:
            from bluebook.web.queries import forget

            forget(self.store)
            job.finished = time.time()
            shutil.rmtree(job.folder, ignore_errors=True)
