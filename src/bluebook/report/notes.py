"""Endnotes: each source document (and the sentence that states the event) gets one number,
given in reading order and reused wherever the same source is cited again."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from urllib.parse import urlsplit

from bluebook.report import langdata as ld
from bluebook.report.dates import DateFormat
from bluebook.report.model import Citation, ReportEvent, SourceRef


def outlet_of(url: str) -> str:
    """The outlet's name for a URL's host ('vnexpress.net' -> 'VnExpress'), else the host itself."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    host = host.removeprefix("www.")
    known = ld.outlets()
    return known.get(host) or known.get(host.split(".", 1)[-1] if host.count(".") > 1 else "") or host


def _where(s: SourceRef) -> str:
    return s.url or s.file


class NoteBook:
    def __init__(self, dates: DateFormat, lang: str, max_sources: int = 3) -> None:
        self.dates = dates
        self.lang = lang
        self.max_sources = max(1, max_sources)
        self.citations: list[Citation] = []
        self._numbers: dict[tuple[str, str, str], int] = {}

    def chosen(self, ev: ReportEvent) -> list[SourceRef]:
        """Up to max_sources distinct documents, those in the report's language first."""
        out: list[SourceRef] = []
        seen: set[str] = set()
        for s in sorted(ev.sources, key=lambda s: (s.lang != self.lang, s.date or "9999", _where(s))):
            key = _where(s) or s.title
            if key in seen:
                continue
            seen.add(key)
            out.append(s)
            if len(out) == self.max_sources:
                break
        return out

    def cite(self, ev: ReportEvent) -> list[int]:
        nums = []
        for s in self.chosen(ev):
            key = (_where(s), s.title, " ".join(s.evidence.split()))
            n = self._numbers.get(key)
            if n is None:
                n = len(self.citations) + 1
                self._numbers[key] = n
                title = s.title or (PurePath(s.file).name if s.file else s.url)
                url = ld.clean(s.url).replace(" ", "%20")
                self.citations.append(Citation(
                    n=n, title=ld.clean(title), outlet=ld.clean(s.outlet or (outlet_of(url) if url else "")),
                    date=self.dates.one(ld.clean(s.date)[:10]) if s.date else "", url=url,
                    file=_shown_file(s.file, title) if not url else "", evidence=ld.clean(s.evidence)))
            if n not in nums:
                nums.append(n)
        return nums

    def cite_all(self, events: Iterable[ReportEvent]) -> list[int]:
        out: list[int] = []
        for ev in events:
            out.extend(n for n in self.cite(ev) if n not in out)
        return out

    @staticmethod
    def n_documents(events: Iterable[ReportEvent]) -> int:
        return len({_where(s) or s.title for e in events for s in e.sources})


def _shown_file(path: str, title: str) -> str:
    """The file's name, not the folder it had on the machine that built the database (a reader
    cannot use '/home/...'); nothing when the title already is that name."""
    name = ld.clean(PurePath(path).name) if path else ""
    return "" if name == ld.clean(title) else name
