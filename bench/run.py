"""`make bench`: throughput, memory and scaling of bluebook on a generated corpus; writes bench/results.md.

    python bench/run.py              # full: 20 MB throughput corpus, peak RSS at 100 MB, 300 MB and 1 GB
    python bench/run.py --quick      # smoke mode, well under a minute
    python bench/run.py --profile    # also cProfile the full extraction and list the top costs

Every corpus is generated on the fly (bench/corpus.py, the project's own
templates) into a temporary folder as JSON Lines shards and deleted after the
run. Figures are from one run on this machine; "per core" figures come from a
single process and are measured in CPU time (user + system of the process
and its workers), so they hold when other jobs share the machine; wall-clock
figures are shown beside them.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from corpus import records, write_shards  # noqa: E402

from bluebook.models import RawDoc  # noqa: E402

MB = 1_000_000
INGEST_BATCH = 100       # documents per store transaction, as a bulk ingest would use
# The memory runs ingest a news-like mix (5% of sentences diplomatic, ~1 event a document): the dense
# default (16 events a document) makes the store's event clustering, not the pipeline, the whole story.
RSS_DIPLOMATIC = 0.05
QUICK = {"real_mb": 0.0, "text_mb": 0.4, "ut_mb": 0.1, "rss_mb": (0.2, 0.4, 0.8), "scale_mb": 0.6, "ingest_docs": 200,
         "shard_bytes": 256 * 1024, "bigdoc_mb": (0.1, 0.4)}
FULL = {"real_mb": 5.0, "text_mb": 20.0, "ut_mb": 2.0, "rss_mb": (100.0, 300.0, 1000.0), "scale_mb": 20.0, "ingest_docs": 5000,
        "shard_bytes": 16 << 20, "bigdoc_mb": (1.0, 10.0)}


@dataclass
class Row:
    measure: str
    value: str
    target: str = ""
    ok: bool | None = None


@dataclass
class Report:
    mode: str
    rows: list[Row] = field(default_factory=list)
    rss: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    profile: str = ""
    load: list[float] = field(default_factory=list)     # 1-minute load average before and after each step
    out: Path | None = None
    t0: float = field(default_factory=time.perf_counter)
    done: bool = False

    def save(self) -> None:
        """Write results.md now: a run of hours leaves its figures so far if it is stopped."""
        if self.out is not None:
            write_results(self, self.out, time.perf_counter() - self.t0)

    def add(self, measure: str, value: str, target: str = "", ok: bool | None = None) -> None:
        self.rows.append(Row(measure, value, target, ok))
        mark = {True: "ok", False: "MISSED", None: ""}[ok]
        print(f"  {measure:<48} {value:>24}  {target} {mark}", flush=True)


def raw_docs(mb: float, seed: int = 7) -> tuple[list[RawDoc], int]:
    docs = [RawDoc(source=r["id"], text=r["text"], date=r["date"], title=r["title"], format="json")
            for r in records(int(mb * MB), seed)]
    return docs, sum(len(d.text.encode("utf-8")) for d in docs if d.text)


@dataclass
class Clock:
    wall: float = 0.0
    cpu: float = 0.0      # CPU seconds of this process and its descendants


def timed(fn: Any, *args: Any) -> tuple[Any, Clock]:
    """Run ``fn``; wall time and the CPU time it used (the per-core figure, whatever else runs here)."""
    with TreeClock() as clock:
        out = fn(*args)
    return out, clock


class TreeClock:
    """Wall time and CPU seconds of this process plus every descendant while the block runs.

    Children's CPU is polled with psutil (20 Hz) because worker processes are
    grandchildren through the forkserver and are never waited for by us.
    """

    def __enter__(self) -> Clock:
        import threading

        import psutil

        self.me = psutil.Process()
        self.base = self._children()
        self.seen: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.clock = Clock()
        self.t0, self.c0 = time.perf_counter(), time.process_time()
        self.thread.start()
        return self.clock

    def _children(self) -> dict[int, float]:
        import psutil

        out = {}
        for p in self.me.children(recursive=True):
            try:
                t = p.cpu_times()
                out[p.pid] = t.user + t.system
            except psutil.Error:
                pass
        return out

    def _poll(self) -> None:
        while not self.stop.is_set():
            for pid, cpu in self._children().items():
                self.seen[pid] = max(cpu, self.seen.get(pid, 0.0))
            self.stop.wait(0.05)

    def __exit__(self, *exc: Any) -> None:
        for pid, cpu in self._children().items():
            self.seen[pid] = max(cpu, self.seen.get(pid, 0.0))
        self.stop.set()
        self.thread.join()
        self.clock.wall = time.perf_counter() - self.t0
        self.clock.cpu = time.process_time() - self.c0 + sum(
            cpu - self.base.get(pid, 0.0) for pid, cpu in self.seen.items())


# -- one large document ------------------------------------------------------------------------------
def bigdoc(rep: Report, cfg: dict[str, Any]) -> None:
    """One document of each size in a fresh process (bench/bigdoc.py): time and memory must grow
    linearly with its size (the extractor has no step quadratic in the events of one document)."""
    small, big = (by_path("bigdoc", ROOT / "bench" / "bigdoc.py").measure(mb) for mb in cfg["bigdoc_mb"])
    for r in (small, big):
        rep.add(f"one {r['mb']:.1f} MB document", f"{r['mb'] / max(r['cpu_s'], 1e-9):.2f} MB/s, "
                f"peak RSS {r['peak_rss_mb']:.0f} MB")
    per_mb = (big["cpu_s"] / big["mb"]) / max(small["cpu_s"] / small["mb"], 1e-9)
    rep.add(f"CPU per MB, {big['mb']:.1f} MB vs {small['mb']:.1f} MB document", f"{per_mb:.2f}x", "<= 1.5x",
            per_mb <= 1.5)


# -- single-core throughput --------------------------------------------------------------------------
def clean_segment_link(raws: list[RawDoc]) -> int:
    from bluebook.gazetteer import get_gazetteer
    from bluebook.pipeline import build_document, parse_date
    from bluebook.segment import segment_document

    gaz = get_gazetteer()
    n = 0
    for raw in raws:
        doc = build_document(raw)
        doc.doc_date = parse_date(raw.date)
        segment_document(doc)
        n += len(gaz.link(doc.text, doc.doc_date, doc.lang))
    return n


def extract_all(raws: list[RawDoc]) -> list[Any]:
    from bluebook.distributed.local import process_one

    return [process_one(r) for r in raws]


def underthesea_tokenize(raws: list[RawDoc]) -> int:
    from underthesea import word_tokenize

    return sum(len(word_tokenize(r.text or "")) for r in raws)


def throughput(rep: Report, cfg: dict[str, Any], profile: bool) -> list[Any]:
    raws, nbytes = raw_docs(cfg["text_mb"])
    clean_segment_link(raws[:3])
    extract_all(raws[:3])                      # warm-up: data files, compiled rules, langid model
    mentions, c_csl = timed(clean_segment_link, raws)
    docs, c_ext = timed(extract_all, raws)
    ut_raws, ut_bytes = raw_docs(cfg["ut_mb"])
    underthesea_tokenize(ut_raws[:2])
    _, c_ut = timed(underthesea_tokenize, ut_raws)
    mb, ut_mb = nbytes / MB, ut_bytes / MB
    csl, ext, ut = mb / c_csl.cpu, mb / c_ext.cpu, ut_mb / c_ut.cpu
    events = sum(len(d.events) for d in docs if not isinstance(d, Exception))
    rep.add("corpus (throughput)", f"{mb:.1f} MB, {len(raws)} docs")
    rep.add("underthesea word_tokenize (1 core)", f"{ut:.2f} MB/s (wall {ut_mb / c_ut.wall:.2f})")
    rep.add("clean+segment+link (1 core)", f"{csl:.2f} MB/s (wall {mb / c_csl.wall:.2f})")
    rep.add("  ratio to word_tokenize", f"{csl / ut:.1f}x", ">= 5x", csl / ut >= 5)
    rep.add("full extract (1 core)", f"{ext:.2f} MB/s (wall {mb / c_ext.wall:.2f})", ">= 1 MB/s", ext >= 1)
    rep.add("  ratio to word_tokenize", f"{ext / ut:.1f}x", ">= 3x", ext / ut >= 3)
    rep.add("full extract docs/s (1 core)", f"{len(raws) / c_ext.cpu:.0f} docs/s")
    rep.add("events, mentions found", f"{events} events, {mentions} mentions")
    if events == 0:
        rep.notes.append("No events were extracted from the generated corpus: the gazetteer data or trigger "
                         "lexicons are incomplete in this tree, so extraction figures are optimistic.")
    if cfg["real_mb"]:
        real(rep, cfg["real_mb"])
    if profile:
        rep.profile = profile_extract(raws)
    return docs


def real_news(mb: float) -> tuple[list[RawDoc], int]:
    """The first ``mb`` of ../shared/corpus/vi-news-2024.jsonl.gz (read at run time, never copied)."""
    import gzip

    path = ROOT / ".." / "shared" / "corpus" / "vi-news-2024.jsonl.gz"
    raws: list[RawDoc] = []
    nbytes = 0
    if not path.exists():
        return raws, 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = r.get("text") or ""
            if not text.strip():
                continue
            raws.append(RawDoc(source=str(r.get("id")), text=text, date=r.get("date") or "",
                               title=r.get("title") or "", format="json"))
            nbytes += len(text.encode("utf-8"))
            if nbytes >= mb * MB:
                break
    return raws, nbytes


def real(rep: Report, mb: float) -> None:
    raws, nbytes = real_news(mb)
    if not raws:
        rep.notes.append("../shared/corpus/vi-news-2024.jsonl.gz not found: no figure on real news.")
        return
    docs, c = timed(extract_all, raws)
    events = sum(len(d.events) for d in docs if not isinstance(d, Exception))
    rep.add(f"full extract, real Vietnamese news ({nbytes / MB:.1f} MB, 1 core)", f"{nbytes / MB / c.cpu:.2f} MB/s, "
            f"{len(raws) / c.cpu:.0f} docs/s", ">= 1 MB/s", nbytes / MB / c.cpu >= 1)
    rep.notes.append(f"Real news: {len(raws)} posts of ../shared/corpus/vi-news-2024 (mostly not diplomatic), "
                     f"{events} events.")


def profile_extract(raws: list[RawDoc]) -> str:
    import cProfile
    import io
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    extract_all(raws)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(25)
    return out.getvalue()


# -- store ingest --------------------------------------------------------------------------------------
def by_path(name: str, path: Path) -> Any:
    """A module loaded from its file: putting tests/ on sys.path would shadow the `distributed` package."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{path} not found")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module       # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def pg_server() -> Any:
    """tests/pg_server.py."""
    return by_path("bluebook_bench_pg_server", ROOT / "tests" / "pg_server.py")


def store_bench() -> Any:
    """bench/store_bench.py: its ``write_path`` measures every way into the store."""
    return by_path("bluebook_bench_store_bench", ROOT / "bench" / "store_bench.py")


SQLITE_TARGET = 500      # docs/s per core into SQLite (the store's target, docs/scaling.md)


def store_ingest(rep: Report, cfg: dict[str, Any], docs: list[Any], tmp: Path) -> None:
    """The write path on the documents extracted above (bench/store_bench.py ``write_path``).

    SQLite one and 100 documents per transaction, the writer alone on documents
    prepared beforehand (as the workers do), the preparation's cost, PostgreSQL
    100 per transaction and ``bluebook load`` (COPY); the PostgreSQL rows are
    a note when no server can be started.
    """
    import re

    docs = [d for d in docs if not isinstance(d, Exception)][: cfg["ingest_docs"]]
    folder = tmp / "write-path"
    folder.mkdir(exist_ok=True)
    for label, value in store_bench().write_path(docs, folder):
        if label == "PostgreSQL" and value.startswith("skipped"):
            rep.add("ingest into PostgreSQL", "skipped")
            rep.notes.append(f"PostgreSQL ingest {value}")
            continue
        rate = re.match(r"(\d+) docs/s per core", value)
        if label.startswith("SQLite") and rate:
            rep.add(label, value, f">= {SQLITE_TARGET} docs/s", int(rate.group(1)) >= SQLITE_TARGET)
        else:
            rep.add(label, value)
    rep.notes.append("Store ingest: docs/s per core = documents / CPU seconds of the benchmark process (the "
                     "PostgreSQL server's CPU is not counted; wall-clock rates beside them). The first two "
                     "SQLite rows prepare each document (hashes, MinHash, search text) in the writer, as "
                     "`add_documents` of (document, events) pairs does; `bluebook ingest` prepares them in "
                     "the workers, leaving the writer-alone row.")


# -- peak memory against corpus size -------------------------------------------------------------------
def rss_child(shards: str, workers: int, db: str) -> None:
    """Run in a fresh process: what `bluebook ingest --workers N` does (runner.ingest, then optimize).

    The workers read, extract and prepare each document for the store; this
    process only writes (``runner.ingest``). ``writer_peak_ingest`` is this
    process's peak before the closing ``optimize``.
    """
    from bluebook.runner import ingest
    from bluebook.store import open_store

    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    with open_store(f"sqlite:///{db}") as store:
        summary = ingest([shards], store, workers=workers, batch=INGEST_BATCH)
        before_optimize = _vm_hwm()
        if summary.documents > 1000:
            store.optimize()       # as the CLI does after a bulk load
    print(json.dumps({"docs": sum(summary.by_status.values()), "events": summary.events, "errors": summary.rejects,
                      "seconds": time.perf_counter() - t0, "writer_peak": _vm_hwm(),
                      "writer_peak_ingest": before_optimize, "writer_cpu": sum(os.times()[:2])}))


def _vm_hwm() -> int:
    """This process's peak resident memory so far, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def run_measured(cmd: list[str]) -> tuple[dict[str, Any], int]:
    """Run ``cmd``; its JSON result and the peak of the summed RSS of its whole process tree."""
    import psutil

    # stderr to a file, not a pipe: an hour of warnings would fill a pipe and stall the child
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True)
        try:
            return _watch(proc, psutil.Process(proc.pid), err)
        finally:
            if proc.poll() is None:      # interrupted: take the child (and its workers) down with us
                proc.terminate()
                proc.wait(30)


def _watch(proc: subprocess.Popen[str], ps: Any, err: Any) -> tuple[dict[str, Any], int]:
    import psutil

    peak = 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        try:
            tree = [ps, *ps.children(recursive=True)]
            total = 0
            for p in tree:
                try:
                    total += p.memory_info().rss
                    t = p.cpu_times()
                    cpu[p.pid] = t.user + t.system
                except psutil.Error:
                    pass
            peak = max(peak, total)
        except psutil.Error:
            pass
        time.sleep(0.1)
    out, _ = proc.communicate()
    if proc.returncode != 0:
        err.seek(0)
        raise RuntimeError(f"child failed ({proc.returncode}): {err.read()[-500:]}")
    res = json.loads(out.strip().splitlines()[-1])
    res["cpu"] = sum(cpu.values())
    return res, peak


def memory(rep: Report, cfg: dict[str, Any], tmp: Path) -> None:
    for mb in cfg["rss_mb"]:
        folder = tmp / f"rss-{mb}"
        shards = write_shards(folder, int(mb * MB), shard_bytes=cfg["shard_bytes"], seed=21,
                              diplomatic=RSS_DIPLOMATIC)
        db = tmp / f"rss-{mb}.db"
        res, peak = run_measured([sys.executable, __file__, "--rss-child", str(folder), "--db", str(db),
                                  "--workers", "2"])
        res.update(mb=mb, tree_peak=peak, shards=len(shards))
        rep.rss.append(res)
        rep.save()
        print(f"  rss {mb:>7} MB: tree peak {peak / MB:.0f} MB, writer {res['writer_peak'] / MB:.0f} MB, "
              f"{res['docs'] / res['seconds']:.0f} docs/s", flush=True)
        for p in shards:
            p.unlink()
        for p in tmp.glob(f"rss-{mb}.db*"):
            p.unlink()
    peaks = [r["tree_peak"] for r in rep.rss]
    growth = max(peaks) / min(peaks) - 1
    lo, hi = rep.rss[0]["mb"], rep.rss[-1]["mb"]
    rep.add(f"peak RSS growth, {lo:g} MB -> {hi:g} MB corpus", f"{growth * 100:+.0f}%", "<= 20%", growth <= 0.2)
    rep.add(f"peak RSS at {hi:g} MB (writer + 2 workers)", f"{peaks[-1] / MB:.0f} MB", "< 1000 MB",
            peaks[-1] < 1000 * MB)
    last = rep.rss[-1]
    rep.add("ingest end to end (2 workers + writer, SQLite)", f"{last['docs'] / last['seconds']:.0f} docs/s, "
            f"{hi / last['seconds']:.2f} MB/s wall; {last['docs'] / last['cpu']:.0f} docs per CPU s")


# -- scaling -------------------------------------------------------------------------------------------
def scaling(rep: Report, cfg: dict[str, Any], tmp: Path) -> None:
    from bluebook.distributed.dask import run_dask
    from bluebook.distributed.local import run_parallel

    folder = tmp / "scale"
    write_shards(folder, int(cfg["scale_mb"] * MB), shard_bytes=max(cfg["shard_bytes"] // 4, 64 * 1024), seed=33)
    nbytes = sum(p.stat().st_size for p in folder.iterdir())
    clocks: dict[int, Clock] = {}
    load = os.getloadavg()[0]
    for w in (1, 2):
        with TreeClock() as clocks[w]:
            n = sum(1 for _ in run_parallel([str(folder)], workers=w))
    load = max(load, os.getloadavg()[0])
    mb = nbytes / MB
    one, two = clocks[1], clocks[2]
    rep.add(f"1 worker ({mb:.1f} MB, {n} docs)", f"{mb / one.wall:.2f} MB/s wall, {one.cpu:.1f} CPU s")
    rep.add("2 workers", f"{mb / two.wall:.2f} MB/s wall, {two.cpu:.1f} CPU s")
    quiet = load <= (os.cpu_count() or 1)
    rep.add("  speed-up 1 -> 2 workers (wall)", f"{one.wall / two.wall:.2f}x" + ("" if quiet else " (CPU shared)"),
            "near 2x (>= 1.7x)" if quiet else "", one.wall / two.wall >= 1.7 if quiet else None)
    # What 2 workers would give on 2 idle cores: the same work spread over both, if the CPU it took is all
    # that limits it (the writer is idle most of the time, see the CPU figures).
    est = 2 * one.cpu / two.cpu
    rep.add("  speed-up 1 -> 2 workers (CPU-time estimate)", f"{est:.2f}x", "near 2x (>= 1.7x)", est >= 1.7)
    if not quiet:
        rep.notes.append(f"Load average reached {load:.1f} on {os.cpu_count()} cores during the scaling runs: "
                         "other processes took CPU, so wall-clock speed-ups are not meaningful; the CPU-time "
                         "estimate (2 x CPU of 1 worker / CPU of 2 workers and the writer) stands in for it.")
    with TreeClock() as dc:
        summary = run_dask([str(folder)], tmp / "dask-out", scheduler="local", workers=2, partitions=8)
    rep.add("Dask LocalCluster, 2 workers (start-up included)", f"{mb / dc.wall:.2f} MB/s wall, {dc.cpu:.1f} CPU s")
    rep.add("  Dask / single process (wall)", f"{one.wall / dc.wall:.2f}x")
    rep.add("  Dask / single process (CPU per MB)", f"{one.cpu / dc.cpu:.2f}x")
    rep.add("  Dask per worker (task wall time)", f"{mb / summary.task_seconds:.2f} MB/s")


# -- results.md ----------------------------------------------------------------------------------------
def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def write_results(rep: Report, path: Path, seconds: float) -> None:
    lines = [f"# bluebook benchmark ({rep.mode}{'' if rep.done else ', in progress or stopped'})", "",
             f"Written by `bench/run.py{' --quick' if rep.mode == 'quick' else ''}` on "
             f"{datetime.now().isoformat(timespec='minutes')} in {seconds:.0f} s. Machine: {machine()}.",
             "Corpus: generated from the project's templates (bench/corpus.py), Vietnamese and English.",
             f"Load average (1 min) before and after each step: {', '.join(f'{x:.1f}' for x in rep.load)} "
             f"on {os.cpu_count()} cores; above the core count, other processes shared the CPU and the "
             "timings are pessimistic.", "",
             "| measure | value | target | met |", "|---|---|---|---|"]
    for r in rep.rows:
        met = {True: "yes", False: "**no**", None: ""}[r.ok]
        lines.append(f"| {r.measure.strip()} | {r.value} | {r.target} | {met} |")
    if rep.rss:
        lines += ["", "Peak memory against corpus size: what `bluebook ingest --workers 2` does (runner.ingest: "
                  "read, extract and prepare in 2 workers, write to SQLite 100 documents a transaction, then "
                  "optimize) on a news-like generated corpus (5% of sentences diplomatic), each size in a fresh "
                  "process; RSS summed over the process tree (writer, forkserver, workers), sampled every "
                  "0.1 s; the writer's own peak before and after the closing optimize:", "",
                  "| corpus | documents | events | peak RSS (tree) | writer peak (ingest / +optimize) | wall "
                  "| CPU (all / writer) | docs/s (wall) |",
                  "|---|---|---|---|---|---|---|---|"]
        for r in rep.rss:
            ingest_peak = r.get("writer_peak_ingest", r["writer_peak"])
            writer_cpu = f" / {r['writer_cpu']:.1f}" if "writer_cpu" in r else ""
            lines.append(f"| {r['mb']:g} MB | {r['docs']} | {r['events']} | {r['tree_peak'] / MB:.0f} MB | "
                         f"{ingest_peak / MB:.0f} / {r['writer_peak'] / MB:.0f} MB | {r['seconds']:.1f} s | "
                         f"{r['cpu']:.1f}{writer_cpu} s | {r['docs'] / r['seconds']:.0f} |")
    if rep.notes:
        lines += ["", "Notes:", ""] + [f"- {n}" for n in rep.notes]
    if rep.profile:
        lines += ["", "Top costs of full extraction (cProfile, by own time):", "", "```",
                  rep.profile.strip(), "```"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke mode: small corpora, under a minute")
    ap.add_argument("--profile", action="store_true", help="cProfile the full extraction")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results.md"))
    ap.add_argument("--sizes", help="peak-RSS corpus sizes in MB, e.g. 100,300,1000")
    ap.add_argument("--only", help="run only these steps (comma-separated): throughput, store, scaling, memory")
    ap.add_argument("--rss-child", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    # a TERM (timeout, kill) must still run the clean-up: temp corpora, the PostgreSQL server
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.rss_child:
        rss_child(args.rss_child, args.workers, args.db)
        return 0
    warnings.simplefilter("ignore")
    cfg = dict(QUICK if args.quick else FULL)
    if args.sizes:
        cfg["rss_mb"] = tuple(float(s) for s in args.sizes.split(","))
    rep = Report("quick" if args.quick else "full", out=Path(args.out))
    t0 = rep.t0
    rep.load.append(os.getloadavg()[0])
    docs: list[Any] = []
    with tempfile.TemporaryDirectory(prefix="bluebook-bench.") as tmp:
        steps = [("throughput", "single-core throughput", lambda: docs.extend(throughput(rep, cfg, args.profile))),
                 ("store", "store ingest", lambda: (store_ingest(rep, cfg, docs, Path(tmp)), docs.clear())),
                 ("bigdoc", "one large document", lambda: bigdoc(rep, cfg)),
                 ("scaling", "1 vs 2 workers, Dask", lambda: scaling(rep, cfg, Path(tmp))),
                 ("memory", "peak memory against corpus size", lambda: memory(rep, cfg, Path(tmp)))]
        if args.only:
            wanted = set(args.only.split(","))
            steps = [s for s in steps if s[0] in wanted]
        failed = False
        for _key, title, step in steps:
            print(title, flush=True)
            try:
                step()
            except Exception as e:  # one broken step must not lose the others' figures
                failed = True
                rep.notes.append(f"{title} failed: {type(e).__name__}: {e}")
                print(f"  FAILED: {e}", file=sys.stderr, flush=True)
            rep.load.append(os.getloadavg()[0])
            rep.save()
    rep.done = True
    rep.save()
    print(f"wrote {args.out} in {time.perf_counter() - t0:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
