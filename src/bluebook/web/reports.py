"""Reports generated on request into a private temp folder and served by an opaque id.

The download URL carries only a random id looked up in a table, never a path, so no
request can name a file outside the folder.
"""
from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bluebook.store import Store

MEDIA = {"md": "application/zip", "html": "text/html; charset=utf-8", "pdf": "application/pdf",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
# Markdown is downloaded as a .zip of report.md with its charts beside it (pictures stay pictures)
SUFFIX = {"md": "md.zip", "html": "html", "pdf": "pdf", "docx": "docx"}
ID_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
KEEP = 20                   # older files are deleted: the folder must not grow without end
CONCURRENT = 2              # PDF rendering is CPU-heavy; more at once only queues in the CPU


@dataclass(slots=True)
class ReportFile:
    id: str
    path: Path
    filename: str
    media_type: str
    created: float


class ReportFiles:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or Path(tempfile.mkdtemp(prefix="bluebook-reports-"))
        self.files: dict[str, ReportFile] = {}
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(CONCURRENT)

    def generate(self, store: Store, lang: str, fmt: str, year: str | None = None,
                 date_from: str | None = None, date_to: str | None = None) -> ReportFile:
        """Build the report (raises the report's coded errors on bad input) and file it under a new id."""
        from bluebook.report import report_from_store

        rid = secrets.token_urlsafe(18)
        path = self.folder / f"{rid}.{SUFFIX[fmt]}"
        with self._slots:
            report_from_store(store, year=year or None, date_from=date_from or None, date_to=date_to or None,
                              lang=lang, fmt=fmt, out=path)
        period = re.sub(r"[^0-9A-Za-z_-]", "", year or "_".join(p for p in (date_from, date_to) if p))[:40] or "all"
        rf = ReportFile(rid, path, f"bluebook-{period}-{lang}.{SUFFIX[fmt]}", MEDIA[fmt], time.time())
        with self._lock:
            self.files[rid] = rf
            for old in sorted(self.files.values(), key=lambda r: r.created)[:-KEEP]:
                self._drop(old)
        return rf

    def _drop(self, rf: ReportFile) -> None:
        self.files.pop(rf.id, None)
        rf.path.unlink(missing_ok=True)
        shutil.rmtree(rf.path.parent / f"{rf.path.stem}_charts", ignore_errors=True)

    def get(self, rid: str) -> ReportFile | None:
        if not ID_RE.match(rid or ""):
            return None
        rf = self.files.get(rid)
        if rf is None:
            return self._made_elsewhere(rid)
        return rf if rf.path.is_file() else None

    def _made_elsewhere(self, rid: str) -> ReportFile | None:
        """A report another worker process wrote into the shared folder (``rid`` already checked)."""
        for fmt, media in MEDIA.items():
            path = self.folder / f"{rid}.{SUFFIX[fmt]}"
            if path.is_file():
                return ReportFile(rid, path, f"bluebook-report.{SUFFIX[fmt]}", media, path.stat().st_mtime)
        return None

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
