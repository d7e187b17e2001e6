"""Many machines: cleaning, extraction and exact document dedup as Dask tasks, Parquet out.

    summary = run_dask(["shards/"], "out/", scheduler="local")        # a LocalCluster here
    summary = run_dask(["/shared/shards/"], "/shared/out/", scheduler="tcp://10.0.0.5:8786")
    load_parquet("out/", "postgresql://bluebook@db/bluebook")

One task per partition of the input (a group of files, or row groups of a
Parquet shard, see ``inputs.plan_partitions``) processes its documents with the
same code as the single-process pipeline, drops exact duplicates (same
normalised text) within the partition, and writes ``documents``, ``events``
and ``errors`` Parquet files (``parquet.py``). The client then drops documents
that repeat one from an earlier partition, keeping the first in input order,
as the store does. Near-duplicates and cross-document event clustering are
left to the store, which does them when the shards are loaded.

On a real cluster, inputs and ``out_dir`` must be on storage every worker sees
at the same path, and every worker needs bluebook installed.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from bluebook.config import DEFAULT, Settings
from bluebook.distributed import parquet as pqio
from bluebook.distributed.inputs import PARTITION_BYTES, Partition, plan_partitions
from bluebook.distributed.local import Job, process_one
from bluebook.errors import BluebookError, ConfigError, StoreError
from bluebook.models import Document

LOCAL = "local"
CONNECT_TIMEOUT = "20s"
# Documents per store transaction when loading: each batch is decided at once and written with one
# executemany (SQLite) or COPY (PostgreSQL) per table, so bigger batches mean fewer round trips.
LOAD_BATCH = 1000
SYNC = "sync"   # no cluster: every partition in this process, in order (debugging, tiny inputs)


@dataclass
class PartResult:
    index: int
    documents: int = 0
    events: int = 0
    errors: int = 0
    duplicates: int = 0
    in_bytes: int = 0
    seconds: float = 0.0
    codes: dict[str, int] = field(default_factory=dict)
    seqs: Any = None       # np.int32 array: seq of each stored document
    hashes: Any = None     # np.uint64 array: its content hash (first 64 bits)


@dataclass
class DaskSummary:
    out_dir: str
    scheduler: str
    workers: int
    partitions: int
    documents: int            # stored (after dedup)
    events: int
    errors: int
    duplicates: int           # exact duplicates dropped (within and across partitions)
    in_bytes: int             # input bytes (file sizes)
    seconds: float            # wall time, cluster start included
    task_seconds: float       # sum of the tasks' own times
    error_codes: dict[str, int] = field(default_factory=dict)

    @property
    def mb_per_s(self) -> float:
        return self.in_bytes / 1e6 / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"mb_per_s": round(self.mb_per_s, 3)}


def _hash64(content_hash: str) -> int:
    return int(content_hash[:16], 16)


def process_partition(part: Partition, out_dir: str, job: Job) -> PartResult:
    """The Dask task: one partition in, its three Parquet files out."""
    t0 = time.perf_counter()
    res = PartResult(part.index, in_bytes=part.bytes)
    writer = pqio.PartWriter(out_dir, part.index)
    seen: dict[int, int] = {}
    codes: Counter[str] = Counter()
    try:
        for item in part.items(job.settings):
            out = item if isinstance(item, BluebookError) else process_one(
                item, job.settings, job.doc_date, job.lang, True)
            if isinstance(out, Document):
                h = _hash64(out.content_hash)
                if h in seen:
                    res.duplicates += 1
                    continue
                seen[h] = writer.seq
                res.documents += 1
                res.events += len(out.events)
            else:
                res.errors += 1
                codes[out.code] += 1
            writer.add(out)
        writer.close()
    except OSError as e:
        writer.abort()
        raise StoreError(f"cannot write the Parquet output ({e.strerror or e})", source=out_dir,
                         hint="check the folder is writable by every worker and has space") from None
    except BaseException:
        writer.abort()
        raise
    res.seqs = np.fromiter(seen.values(), dtype=np.int32, count=len(seen))
    res.hashes = np.fromiter(seen.keys(), dtype=np.uint64, count=len(seen))
    res.codes = dict(codes)
    res.seconds = time.perf_counter() - t0
    return res


def drop_duplicates(out_dir: str, index: int, seqs: list[int]) -> tuple[int, int]:
    """The Dask task that removes documents (and their events) already seen in an earlier partition."""
    name = pqio.part_name(index)
    docs = pqio.drop_rows(Path(out_dir) / "documents" / name, "documents", set(seqs))
    events = pqio.drop_rows(Path(out_dir) / "events" / name, "events", set(seqs))
    return docs, events


def cross_duplicates(results: list[PartResult]) -> dict[int, list[int]]:
    """{partition: [seq, ...]} of documents whose text appeared in an earlier partition.

    Done on 64-bit hashes with numpy: 10 million documents take a few hundred MB here,
    where a Python set of their hex digests would take several GB.
    """
    if not results:
        return {}
    hashes = np.concatenate([r.hashes for r in results])
    if len(hashes) == 0:
        return {}
    part = np.concatenate([np.full(len(r.hashes), r.index, dtype=np.int32) for r in results])
    seqs = np.concatenate([r.seqs for r in results])
    # input order: partition, then seq; np.unique keeps the first index of each value
    order = np.lexsort((seqs, part))
    _, first = np.unique(hashes[order], return_index=True)
    dup = np.ones(len(order), dtype=bool)
    dup[first] = False
    out: dict[int, list[int]] = {}
    for i in order[dup]:
        out.setdefault(int(part[i]), []).append(int(seqs[i]))
    return out


def _prepare_out(out_dir: str, overwrite: bool) -> None:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ConfigError("exists and is not a folder", source=out_dir, hint="give a folder for the Parquet output")
    used = [t for t in pqio.TABLES if (out / t).exists()]
    if used and not overwrite:
        raise ConfigError(f"already holds a run ({', '.join(used)})", source=out_dir,
                          hint="give an empty folder, or overwrite=True to replace it")
    try:
        for t in used:
            shutil.rmtree(out / t)
        (out / "_summary.json").unlink(missing_ok=True)
        for t in pqio.TABLES:
            (out / t).mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ConfigError(f"cannot prepare the output folder ({e.strerror or e})", source=out_dir,
                          hint="give a folder you can write to") from None


@contextmanager
def dask_client(scheduler: str = LOCAL, workers: int = 2) -> Iterator[Any]:
    """A Client on a new LocalCluster (``'local'``) or on the scheduler at an address."""
    from distributed import Client, LocalCluster

    if scheduler == LOCAL:
        # silence_logs quiets distributed's own handlers only: records still reach a root handler that
        # another library installed (underthesea does), so the logger itself is quieted while we run.
        log = logging.getLogger("distributed")
        level = log.level
        log.setLevel(logging.ERROR)
        try:
            # No dashboard; the scheduler's small HTTP server (health checks) takes any free port, not 8787,
            # which another cluster on this machine may hold.
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                              host="127.0.0.1", silence_logs=logging.ERROR,
                              scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster, \
                    Client(cluster) as client:
                yield client
        finally:
            log.setLevel(level)
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as e:
        raise ConfigError(f"cannot reach the Dask scheduler ({e})", source=scheduler,
                          hint="give its address as tcp://HOST:8786, or 'local' for a cluster on this machine") from None
    with client:
        yield client


def run_dask(paths_or_shards: Any, out_dir: str | Path, scheduler: str = LOCAL, settings: Settings = DEFAULT,
             partitions: int | None = None, *, doc_date: date | None = None, lang: str | None = None,
             workers: int = 2, client: Any = None, overwrite: bool = False,
             target_bytes: int = PARTITION_BYTES) -> DaskSummary:
    """Process the input on Dask into Parquet partitions in ``out_dir``; returns what was done.

    ``scheduler``: ``'local'`` (a LocalCluster of ``workers`` processes), ``'sync'``
    (this process, no cluster), or a scheduler address; ``client``: an existing
    ``distributed.Client`` to use instead. ``partitions``: how many parts to cut
    the input into (default: ~32 MB of input each).
    """
    t0 = time.perf_counter()
    out = os.path.abspath(out_dir)
    _prepare_out(out, overwrite)
    parts, listing_errors = plan_partitions(paths_or_shards, partitions, target_bytes)
    job = Job(settings, doc_date, None if lang == "auto" else lang, True)
    if listing_errors:
        pqio.write_errors(Path(out) / "errors" / "part-listing.parquet", listing_errors)
    if client is not None:
        results = _run_all(_mapper(client), parts, out, job)
        n_workers = _n_workers(client)
    elif scheduler == SYNC:
        results = _run_all(_mapper(None), parts, out, job)
        n_workers = 1
    else:
        with dask_client(scheduler, workers) as c:
            results = _run_all(_mapper(c), parts, out, job)
            n_workers = _n_workers(c)
    codes: Counter[str] = Counter()
    for r in results:
        codes.update(r.codes)
    codes.update(e.code for e in listing_errors)
    summary = DaskSummary(
        out_dir=out, scheduler="client" if client is not None else scheduler, workers=n_workers,
        partitions=len(parts), documents=sum(r.documents for r in results), events=sum(r.events for r in results),
        errors=sum(r.errors for r in results) + len(listing_errors), duplicates=sum(r.duplicates for r in results),
        in_bytes=sum(r.in_bytes for r in results), seconds=time.perf_counter() - t0,
        task_seconds=sum(r.seconds for r in results), error_codes=dict(codes))
    (Path(out) / "_summary.json").write_text(json.dumps(summary.to_dict(), indent=2), encoding="utf-8")
    return summary


Mapper = Callable[..., list[Any]]


def _mapper(client: Any) -> Mapper:
    """``map`` over the cluster (results in input order), or in this process without one."""
    if client is None:
        return lambda fn, *its: [fn(*args) for args in zip(*its, strict=True)]
    return lambda fn, *its: client.gather(client.map(fn, *its, pure=False))


def _n_workers(client: Any) -> int:
    return len(client.scheduler_info().get("workers", {})) or 1


def _run_all(map_: Mapper, parts: list[Partition], out: str, job: Job) -> list[PartResult]:
    try:
        return _map_all(map_, parts, out, job)
    except BluebookError:
        raise
    except Exception as e:  # KilledWorker, lost scheduler...: one coded line, not a Dask traceback
        raise BluebookError(f"the Dask run failed ({type(e).__name__}: {e})", source=out,
                            hint="see the workers' logs; a worker killed while reading a partition may be "
                                 "out of memory: cut the input into smaller shards") from None


def _map_all(map_: Mapper, parts: list[Partition], out: str, job: Job) -> list[PartResult]:
    results: list[PartResult] = map_(process_partition, parts, [out] * len(parts), [job] * len(parts))
    dups = cross_duplicates(results)
    if dups:
        gone = map_(drop_duplicates, [out] * len(dups), list(dups), list(dups.values()))
        for index, (docs, events) in zip(dups, gone, strict=True):
            results[index].duplicates += docs
            results[index].documents -= docs
            results[index].events -= events
    return results


def load_parquet(parquet_dir: str | Path, store_url: str | None, batch: int = LOAD_BATCH) -> dict[str, int]:
    """Load the Parquet output of ``run_dask`` into a store; returns counts by outcome.

    Documents go through ``Store.add_documents`` in input order, ``batch`` per
    transaction, so near-duplicates are linked and events clustered exactly as
    when documents are ingested one by one. Each batch is decided in memory and
    written with bulk COPY on PostgreSQL (store/bulk.py: straight into the
    tables where nothing can conflict, through staging tables and
    INSERT ... SELECT / UPDATE ... FROM where rows merge). Errors become rejects.
    """
    from bluebook.store import open_store

    pqio.check_dir(parquet_dir)
    counts: Counter[str] = Counter()
    with open_store(store_url) as store:
        pairs = ((doc, doc.events) for doc in pqio.iter_documents(parquet_dir))
        for res in store.add_documents(pairs, batch=batch):
            counts[res.status] += 1
            if res.status in ("added", "replaced"):
                counts["events"] += len(res.event_ids)
        for row in pqio.iter_errors(parquet_dir):
            store.add_reject(row["source"] or "", row["code"] or "", row["message"] or "")
            counts["rejects"] += 1
    return dict(counts)
