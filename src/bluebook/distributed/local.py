"""All the cores of one machine: cleaning and extraction in worker processes, one writer.

The caller (the writer) reads the input, hands chunks of raw documents to a
process pool and gets the processed documents back in input order. At most
``2 x workers`` chunks are in flight, so memory stays flat however large the
corpus is: ``Pool.imap`` would not do, its feeder thread drains the input
iterator as fast as it can read it.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from typing import Any

from bluebook.config import DEFAULT, Settings
from bluebook.errors import BluebookError, ConfigError
from bluebook.models import Document, RawDoc

Item = RawDoc | BluebookError
Result = Document | BluebookError

# A chunk is sent to a worker when it holds this many documents or bytes, whichever comes first:
# small enough to keep all workers busy on a few files, big enough that IPC is not per document.
CHUNK_DOCS = 32
CHUNK_BYTES = 512 * 1024


def default_workers() -> int:
    """The cores this process may run on (cgroup/affinity aware where the OS tells us)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def slim(doc: Document) -> Document:
    """The document as the writer needs it: what ``Store.add_document`` stores, and the events.

    Drops ``offset_map``, ``blocks``, ``sentences``, ``mentions`` and ``dates``
    (event offsets already point into ``original``), which are most of a
    pickled document. ``to_original`` is not usable on the result.
    """
    doc.offset_map = None
    doc.blocks = []
    doc.sentences = []
    doc.mentions = []
    doc.dates = []
    if doc.text == doc.original:
        doc.text = doc.original      # one object: pickled once
    return doc


def internal_error(exc: BaseException, source: str) -> BluebookError:
    """A bug met on some input, as a value: one document fails, the run goes on."""
    return BluebookError(f"internal error ({type(exc).__name__}: {exc})", source=source,
                         hint="please report this input to the bluebook developers")


def process_one(raw: RawDoc, settings: Settings = DEFAULT, doc_date: date | None = None,
                lang: str | None = None, slim_docs: bool = True) -> Result:
    """``pipeline.process`` that returns its error instead of raising it, whatever it is."""
    from bluebook.pipeline import process

    try:
        doc = process(raw, settings, doc_date, lang)
    except BluebookError as exc:
        if not exc.source:
            exc.source = raw.source
        return exc
    except Exception as exc:  # a bug on one input must cost that document, not the run
        return internal_error(exc, raw.source)
    return slim(doc) if slim_docs else doc


@dataclass(frozen=True, slots=True)
class Job:
    """What every chunk of a run shares (sent once per chunk; it is small)."""
    settings: Settings = DEFAULT
    doc_date: date | None = None
    lang: str | None = None
    slim: bool = True
    prepare: bool = False       # hand back store.prepare.PreparedDocuments: the writer then only writes


def for_store(result: Result) -> Any:
    """A processed document as ``Store.add_documents`` takes it, prepared here (hashes, MinHash, rows)."""
    if isinstance(result, BluebookError):
        return result
    from bluebook.store.prepare import prepare_document

    try:
        return prepare_document(result, result.events)
    except BluebookError as exc:
        exc.source = exc.source or result.source
        return exc
    except Exception as exc:  # a bug on one input must cost that document, not the run
        return internal_error(exc, result.source)


def work(job: Job, chunk: list[Item]) -> list[Any]:
    """Run in a worker: process one chunk; errors read from the input pass through."""
    out = [item if isinstance(item, BluebookError)
           else process_one(item, job.settings, job.doc_date, job.lang, job.slim) for item in chunk]
    return [for_store(r) for r in out] if job.prepare else out


def warm_up() -> None:
    """Load the gazetteer, compile the rules and load the language model before the first chunk.

    The model (py3langid, ~90 MB) is otherwise loaded at the first sentence the
    heuristic cannot place, maybe hours into a run: a worker's memory should
    be what it will be from the start.
    """
    import warnings

    from bluebook.pipeline import extract
    from bluebook.segment.langid import detect_lang

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            extract("Ngày 5/3/2021, Thủ tướng thăm Lào.", doc_date="2021-03-05")
            detect_lang("Hanoi Vientiane Phnom Penh Bangkok Jakarta")   # names only: the model decides
        except Exception:  # a broken warm-up must not kill the worker: the documents will say why
            pass


def chunks(items: Iterable[Item], max_docs: int = CHUNK_DOCS, max_bytes: int = CHUNK_BYTES) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    size = 0
    for item in items:
        chunk.append(item)
        if isinstance(item, RawDoc):
            size += len(item.data) if item.data is not None else len(item.text or "")
        if len(chunk) >= max_docs or size >= max_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def mp_context() -> mp.context.BaseContext:
    """forkserver where there is one (workers start from a clean, small parent), else spawn.

    Never plain fork: the caller may hold database connections and threads.
    """
    if sys.platform.startswith("linux") and "forkserver" in mp.get_all_start_methods():
        return mp.get_context("forkserver")
    return mp.get_context("spawn")


def run_parallel(paths: Any, settings: Settings = DEFAULT, workers: int | None = None,
                 doc_date: date | None = None, lang: str | None = None, *,
                 items: Iterable[Item] | None = None, slim_docs: bool = True, prepare: bool = False,
                 chunk_docs: int = CHUNK_DOCS, chunk_bytes: int = CHUNK_BYTES) -> Iterator[Any]:
    """Processed documents (or errors) for ``paths``, in input order, computed by ``workers`` processes.

    ``paths``: what ``ingest.iter_raw`` takes (files, folders, archives, ``-``),
    plus Parquet shards. ``items`` replaces reading ``paths`` by an iterable of
    RawDocs/errors. ``workers=None`` uses every core; ``workers=1`` runs in this
    process. Documents come back slimmed (see ``slim``) unless ``slim_docs=False``;
    with ``prepare=True`` they come back as ``store.prepare.PreparedDocument``,
    ready for ``Store.add_documents``, so the single writer does nothing but write.
    A document that fails, even on a bug, is yielded as a ``BluebookError``; a
    worker that dies (killed, out of memory) costs the documents it held, not the run.
    """
    n = default_workers() if workers is None else workers
    if not isinstance(n, int) or n < 1:
        raise ConfigError(f"workers must be a positive number, got {workers!r}", hint="use --workers 1 or more")
    if items is None:
        from bluebook.distributed.inputs import iter_inputs
        items = iter_inputs(paths, settings)
    job = Job(settings, doc_date, None if lang == "auto" else lang, slim_docs, prepare)
    if n == 1:
        return _run_here(job, items)
    return _run_pool(job, chunks(items, chunk_docs, chunk_bytes), n, work)


def _run_here(job: Job, items: Iterable[Item]) -> Iterator[Result]:
    for item in items:
        yield work(job, [item])[0]


def _run_pool(job: Job, todo: Iterator[list[Item]], n: int,
              fn: Callable[[Job, list[Item]], list[Result]]) -> Iterator[Result]:
    pool = _Pool(n)
    pending: deque[tuple[list[Item], Future[list[Result]]]] = deque()
    try:
        for chunk in todo:
            pending.append((chunk, pool.submit(fn, job, chunk)))
            while len(pending) >= 2 * n:
                yield from _collect(pool, pending, job, fn)
        while pending:
            yield from _collect(pool, pending, job, fn)
    finally:
        pool.shutdown()


def _collect(pool: _Pool, pending: deque[tuple[list[Item], Future[list[Result]]]], job: Job,
             fn: Callable[[Job, list[Item]], list[Result]]) -> list[Result]:
    chunk, fut = pending.popleft()
    try:
        return fut.result()
    except BrokenProcessPool:
        pass
    # A worker died: every chunk in flight is lost with the pool. Run this chunk alone in a new pool
    # (so a second death names its documents), then resubmit the others.
    pool.restart()
    try:
        out = pool.submit(fn, job, chunk).result()
    except BrokenProcessPool:
        pool.restart()
        out = [item if isinstance(item, BluebookError) else BluebookError(
            "a worker process died while processing this document (out of memory or killed?)",
            source=item.source, hint="run it again with --workers 1 to see the error") for item in chunk]
    rest = [c for c, _ in pending]
    pending.clear()
    pending.extend((c, pool.submit(fn, job, c)) for c in rest)
    return out


class _Pool:
    """A process pool that can be replaced after a worker died."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.n, mp_context=mp_context(), initializer=warm_up)

    def submit(self, fn: Callable[..., list[Result]], *args: Any) -> Future[list[Result]]:
        try:
            return self.executor.submit(fn, *args)
        except BrokenProcessPool as exc:   # a worker died since the last collect: fail like its chunks
            fut: Future[list[Result]] = Future()
            fut.set_exception(exc)
            return fut

    def restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._new()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
