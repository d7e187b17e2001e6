"""``make demo``: run the pipeline on the bundled demo corpus and show what it found."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import TextIO

from bluebook.errors import BluebookError


def run_demo(root: Path, out: TextIO = sys.stdout) -> int:
    from bluebook.ingest import iter_raw
    from bluebook.output import write_events
    from bluebook.pipeline import process_all

    corpus = root / "demo" / "corpus"
    out_dir = root / "demo" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    events, errors, docs = [], [], 0
    for item in process_all(iter_raw([str(corpus)])):
        if isinstance(item, BluebookError):
            errors.append(item)
            continue
        docs += 1
        events.extend(item.events)
    with (out_dir / "events.jsonl").open("w", encoding="utf-8") as fh:
        for ev in events:
            fh.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
    write_events(events, "table", out)
    by_type = Counter(ev.type for ev in events)
    out.write(f"\n{docs} documents, {len(events)} events: "
              + ", ".join(f"{k} {v}" for k, v in sorted(by_type.items())) + "\n")
    for e in errors:
        out.write(f"rejected {e}\n")
    out.write(f"events written to {out_dir / 'events.jsonl'}\n")
    return 0
