"""One very large document: extraction time and peak memory grow linearly, not worse (issue 4).

    python bench/bigdoc.py [--sizes 1,10]

Each size runs in a fresh process: a single document made of generated news texts joined with
blank lines is extracted once; the child reports CPU seconds, events and its peak RSS
(``ru_maxrss``) against the RSS it had before the document was built. Used by ``bench/run.py``
(step ``bigdoc``).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(mb: float) -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import records

    import bluebook

    bluebook.extract("Thủ tướng hội đàm với Thủ tướng Lào.", doc_date=date(2020, 1, 1))   # load data first
    base = _hwm_mb()
    text = "\n\n".join(r["text"] for r in records(int(mb * 1024 * 1024), 11))
    size = len(text.encode("utf-8")) / 1024 / 1024
    c0, t0 = time.process_time(), time.perf_counter()
    events = bluebook.extract(text, doc_date=date(2020, 12, 31))
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    peak = _hwm_mb()
    return {"mb": round(size, 2), "cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "events": len(events),
            "base_rss_mb": round(base, 1), "peak_rss_mb": round(peak, 1)}


def _hwm_mb() -> float:
    """This process's peak RSS (VmHWM). Not ru_maxrss: after fork and exec it keeps the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(mb: float) -> dict[str, float]:
    """Run one size in a fresh interpreter and return its figures."""
    out = subprocess.run([sys.executable, __file__, "--child", str(mb)], capture_output=True, text=True,
                         check=True, timeout=3600)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,10")
    ap.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    for mb in (float(s) for s in args.sizes.split(",")):
        r = measure(mb)
        print(f"{r['mb']:6.2f} MB document: {r['cpu_s']:7.2f} CPU s ({r['mb'] / max(r['cpu_s'], 1e-9):.2f} MB/s), "
              f"{r['events']} events, peak RSS {r['peak_rss_mb']:.0f} MB (before the text {r['base_rss_mb']:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
