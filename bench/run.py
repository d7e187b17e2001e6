"""`make bench`: throughput, memory and scaling of bluebook on a generated corpus; writes bench/results.md.

    python bench/run.py              # full: 20 MB throughput corpus, peak RSS at 100 MB, 300 MB and 1 GB
    python bench/run.py --quick      # smoke mode, well under a minute
    python bench/run.py --profile    # also cProfile the full extraction and list the top costs

Every corpus is generated on the fly (bench/corpus.py, the project's own
templates) into a temporary folder as JSON Lines shards and deleted after the
run. Figures are from one run on this machine; "per core" figures come from a
single process.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
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
QUICK = {"real_mb": 0.0, "text_mb": 0.4, "ut_mb": 0.1, "rss_mb": (0.2, 0.4, 0.8), "scale_mb": 0.6, "ingest_docs": 200,
         "shard_bytes": 256 * 1024}
FULL = {"real_mb": 5.0, "text_mb": 20.0, "ut_mb": 2.0, "rss_mb": (100.0, 300.0, 1000.0), "scale_mb": 20.0, "ingest_docs": 5000,
        "shard_bytes": 16 << 20}


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

    def add(self, measure: str, value: str, target: str = "", ok: bool | None = None) -> None:
        self.rows.append(Row(measure, value, target, ok))
        mark = {True: "ok", False: "MISSED", None: ""}[ok]
        print(f"  {measure:<48} {value:>24}  {target} {mark}", flush=True)


def raw_docs(mb: float, seed: int = 7) -> tuple[list[RawDoc], int]:
    docs = [RawDoc(source=r["id"], text=r["text"], date=r["date"], title=r["title"], format="json")
            for r in records(int(mb * MB), seed)]
    return docs, sum(len(d.text.encode("utf-8")) for d in docs if d.text)


def timed(fn: Any, *args: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


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
    mentions, t_csl = timed(clean_segment_link, raws)
    docs, t_ext = timed(extract_all, raws)
    ut_raws, ut_bytes = raw_docs(cfg["ut_mb"])
    underthesea_tokenize(ut_raws[:2])
    _, t_ut = timed(underthesea_tokenize, ut_raws)
    csl, ext, ut = nbytes / MB / t_csl, nbytes / MB / t_ext, ut_bytes / MB / t_ut
    events = sum(len(d.events) for d in docs if not isinstance(d, Exception))
    rep.add("corpus (throughput)", f"{nbytes / MB:.1f} MB, {len(raws)} docs")
    rep.add("underthesea word_tokenize (1 core)", f"{ut:.2f} MB/s")
    rep.add("clean+segment+link (1 core)", f"{csl:.2f} MB/s")
    rep.add("  ratio to word_tokenize", f"{csl / ut:.1f}x", ">= 5x", csl / ut >= 5)
    rep.add("full extract (1 core)", f"{ext:.2f} MB/s", ">= 1 MB/s", ext >= 1)
    rep.add("  ratio to word_tokenize", f"{ext / ut:.1f}x", ">= 3x", ext / ut >= 3)
    rep.add("full extract docs/s (1 core)", f"{len(raws) / t_ext:.0f} docs/s")
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
    docs, t = timed(extract_all, raws)
    events = sum(len(d.events) for d in docs if not isinstance(d, Exception))
    rep.add(f"full extract, real Vietnamese news ({nbytes / MB:.1f} MB)", f"{nbytes / MB / t:.2f} MB/s, "
            f"{len(raws) / t:.0f} docs/s", ">= 1 MB/s", nbytes / MB / t >= 1)
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
def ingest(store_url: str, docs: list[Any]) -> float:
    from bluebook.store import open_store

    with open_store(store_url) as store:
        t0 = time.perf_counter()
        for d in docs:
            store.add_document(d, d.events)
        return len(docs) / (time.perf_counter() - t0)


def pg_server() -> Any:
    """tests/pg_server.py, loaded by path: putting tests/ on sys.path would shadow the `distributed` package."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bluebook_bench_pg_server", ROOT / "tests" / "pg_server.py")
    if spec is None or spec.loader is None:
        raise ImportError("tests/pg_server.py not found")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module       # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def store_ingest(rep: Report, cfg: dict[str, Any], docs: list[Any], tmp: Path) -> None:
    docs = [d for d in docs if not isinstance(d, Exception)][: cfg["ingest_docs"]]
    rate = ingest(f"sqlite:///{tmp / 'ingest.db'}", docs)
    rep.add(f"ingest into SQLite ({len(docs)} docs, 1 core)", f"{rate:.0f} docs/s", ">= 500 docs/s", rate >= 500)
    try:
        server = pg_server().start_server()
    except Exception as e:  # no server here: a note, not a failed benchmark
        rep.add("ingest into PostgreSQL", "skipped")
        rep.notes.append(f"PostgreSQL ingest skipped: {e}")
        return
    try:
        server.admin("CREATE DATABASE bench")
        rate = ingest(server.url("bench"), docs)
        rep.add(f"ingest into PostgreSQL ({len(docs)} docs, 1 writer)", f"{rate:.0f} docs/s")
    finally:
        server.stop()


# -- peak memory against corpus size -------------------------------------------------------------------
def rss_child(shards: str, workers: int, db: str) -> None:
    """Run in a fresh process: the whole ingest (read, extract in workers, write to SQLite)."""
    from bluebook.distributed.local import run_parallel
    from bluebook.store import open_store

    warnings.simplefilter("ignore")
    n = events = errors = 0
    t0 = time.perf_counter()
    with open_store(f"sqlite:///{db}") as store:
        for item in run_parallel([shards], workers=workers):
            if isinstance(item, Exception):
                errors += 1
                continue
            store.add_document(item, item.events)
            n += 1
            events += len(item.events)
    hwm = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1]) * 1024
    print(json.dumps({"docs": n, "events": events, "errors": errors, "seconds": time.perf_counter() - t0,
                      "writer_peak": hwm}))


def run_measured(cmd: list[str]) -> tuple[dict[str, Any], int]:
    """Run ``cmd``; its JSON result and the peak of the summed RSS of its whole process tree."""
    import psutil

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [ps, *ps.children(recursive=True)]
            total = 0
            for p in tree:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            peak = max(peak, total)
        except psutil.Error:
            pass
        time.sleep(0.1)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}): {err[-500:]}")
    return json.loads(out.strip().splitlines()[-1]), peak


def memory(rep: Report, cfg: dict[str, Any], tmp: Path) -> None:
    for mb in cfg["rss_mb"]:
        folder = tmp / f"rss-{mb}"
        shards = write_shards(folder, int(mb * MB), shard_bytes=cfg["shard_bytes"], seed=21)
        db = tmp / f"rss-{mb}.db"
        res, peak = run_measured([sys.executable, __file__, "--rss-child", str(folder), "--db", str(db),
                                  "--workers", "2"])
        res.update(mb=mb, tree_peak=peak, shards=len(shards))
        rep.rss.append(res)
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
            f"{hi / last['seconds']:.2f} MB/s")


# -- scaling -------------------------------------------------------------------------------------------
def scaling(rep: Report, cfg: dict[str, Any], tmp: Path) -> None:
    from bluebook.distributed.dask import run_dask
    from bluebook.distributed.local import run_parallel

    folder = tmp / "scale"
    write_shards(folder, int(cfg["scale_mb"] * MB), shard_bytes=max(cfg["shard_bytes"] // 4, 64 * 1024), seed=33)
    nbytes = sum(p.stat().st_size for p in folder.iterdir())
    times = {}
    for w in (1, 2):
        t0 = time.perf_counter()
        n = sum(1 for _ in run_parallel([str(folder)], workers=w))
        times[w] = time.perf_counter() - t0
    rep.add(f"1 worker ({nbytes / MB:.1f} MB, {n} docs)", f"{nbytes / MB / times[1]:.2f} MB/s")
    rep.add("2 workers", f"{nbytes / MB / times[2]:.2f} MB/s")
    rep.add("  speed-up 1 -> 2 workers", f"{times[1] / times[2]:.2f}x", "near 2x (>= 1.7x)",
            times[1] / times[2] >= 1.7)
    summary = run_dask([str(folder)], tmp / "dask-out", scheduler="local", workers=2, partitions=8)
    rep.add("Dask LocalCluster, 2 workers (start-up included)", f"{nbytes / MB / summary.seconds:.2f} MB/s")
    rep.add("  Dask / single process", f"{times[1] / summary.seconds:.2f}x")
    rep.add("  Dask per worker (task time)", f"{nbytes / MB / summary.task_seconds:.2f} MB/s")


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
    lines = [f"# bluebook benchmark ({rep.mode})", "",
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
        lines += ["", "Peak memory against corpus size (each size in a fresh process: writer + 2 workers + "
                  "forkserver, RSS summed over the process tree, sampled every 0.1 s):", "",
                  "| corpus | documents | events | peak RSS (tree) | writer peak | time | docs/s |",
                  "|---|---|---|---|---|---|---|"]
        for r in rep.rss:
            lines.append(f"| {r['mb']:g} MB | {r['docs']} | {r['events']} | {r['tree_peak'] / MB:.0f} MB | "
                         f"{r['writer_peak'] / MB:.0f} MB | {r['seconds']:.1f} s | {r['docs'] / r['seconds']:.0f} |")
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
    ap.add_argument("--rss-child", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.rss_child:
        rss_child(args.rss_child, args.workers, args.db)
        return 0
    warnings.simplefilter("ignore")
    cfg = dict(QUICK if args.quick else FULL)
    if args.sizes:
        cfg["rss_mb"] = tuple(float(s) for s in args.sizes.split(","))
    rep = Report("quick" if args.quick else "full")
    t0 = time.perf_counter()
    rep.load.append(os.getloadavg()[0])
    docs: list[Any] = []
    with tempfile.TemporaryDirectory(prefix="bluebook-bench.") as tmp:
        steps = [("single-core throughput", lambda: docs.extend(throughput(rep, cfg, args.profile))),
                 ("store ingest", lambda: (store_ingest(rep, cfg, docs, Path(tmp)), docs.clear())),
                 ("1 vs 2 workers, Dask", lambda: scaling(rep, cfg, Path(tmp))),
                 ("peak memory against corpus size", lambda: memory(rep, cfg, Path(tmp)))]
        failed = False
        for title, step in steps:
            print(title, flush=True)
            try:
                step()
            except Exception as e:  # one broken step must not lose the others' figures
                failed = True
                rep.notes.append(f"{title} failed: {type(e).__name__}: {e}")
                print(f"  FAILED: {e}", file=sys.stderr, flush=True)
            rep.load.append(os.getloadavg()[0])
    write_results(rep, Path(args.out), time.perf_counter() - t0)
    print(f"wrote {args.out} in {time.perf_counter() - t0:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
