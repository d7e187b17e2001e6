"""Module-level helpers that worker processes can import (a test module's closures cannot cross)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from bluebook.distributed.local import Job, Result, work
from bluebook.models import RawDoc

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))

from corpus import records, write_shards  # noqa: E402

DIE = "please-die"


def die_on_marker(job: Job, chunk: list) -> list[Result]:
    """``local.work``, except that a worker given the marker document dies as if killed."""
    if any(isinstance(i, RawDoc) and i.source == DIE for i in chunk):
        os._exit(3)
    return work(job, chunk)


def fingerprint(item) -> tuple:
    """What two runs must agree on for one output item: the document and its events, or the error."""
    if isinstance(item, Exception):
        return ("error", type(item).__name__, getattr(item, "source", ""))
    return ("doc", item.source, item.content_hash, item.doc_date, item.lang, item.title,
            tuple(event_key(e) for e in item.events))


def event_key(e) -> tuple:
    return (e.id, e.type, e.date, e.date_end, tuple(e.parties), tuple(e.persons), e.evidence_span, e.planned)


__all__ = ["DEMO", "DIE", "die_on_marker", "event_key", "fingerprint", "records", "write_shards"]
