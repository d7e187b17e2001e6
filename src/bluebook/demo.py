"""``make demo``: the main job on the bundled demo corpus, into the embedded SQLite default, then a report."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from bluebook.errors import BluebookError


def run_demo(root: Path, out: TextIO = sys.stdout) -> int:
    from bluebook.output import write_canonical
    from bluebook.runner import ingest
    from bluebook.store import open_store

    corpus = root / "demo" / "corpus"
    out_dir = root / "demo" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    db_path = root / "demo" / "bluebook.db"
    db = f"sqlite:///{db_path}"
    # the demo's own database, rebuilt each run so its output is the same on every machine
    for stale in (db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
        stale.unlink(missing_ok=True)
    store = open_store(db)
    summary = ingest([str(corpus)], store, workers=2)
    out.write(f"ingested {corpus}: {summary.documents} new documents, {summary.events} events, "
              f"{summary.duplicates} already stored, {summary.rejects} rejected -> {db_path}\n\n")
    events = store.events()
    with (out_dir / "events.jsonl").open("w", encoding="utf-8") as fh:
        from dataclasses import asdict

        for e in events:
            fh.write(json.dumps(asdict(e), ensure_ascii=False, default=str) + "\n")
    write_canonical(events, "table", out)
    st = store.stats()
    out.write(f"\n{st.get('documents')} documents, {st.get('mentions')} event mentions, "
              f"{st.get('events')} canonical events after deduplication\n")
    out.write("by type: " + ", ".join(f"{k} {v}" for k, v in st.get("by_type", {}).items()) + "\n")
    query = "thu tuong nhat ban"
    out.write(f"\nsearch {query!r} (no diacritics needed):\n")
    for h in store.search(query, limit=3):
        out.write(f"  {h.title or h.source} ({h.doc_date})\n")
    written = [out_dir / "events.jsonl"]
    try:
        from bluebook.report import report_from_store

        for lang in ("en", "vi"):
            for fmt in ("html", "pdf"):
                target = out_dir / f"bluebook-2020-{lang}.{fmt}"
                report_from_store(store, year=2020, lang=lang, fmt=fmt, out=target)
                written.append(target)
    except (BluebookError, ImportError, OSError) as exc:
        out.write(f"report not written: {exc}\n")
    out.write("\nwritten:\n" + "".join(f"  {p}\n" for p in written))
    out.write(f"\nbrowse it: .venv/bin/bluebook serve --db {db}\n"
              "then open http://127.0.0.1:8000 to search (with or without diacritics), filter events by "
              "type/partner/year, open partner pages and download the report.\n")
    store.close()
    return 0
