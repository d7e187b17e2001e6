"""What the report is made of: events in (``ReportEvent``), a structured ``Report`` out.

``ReportEvent`` is the report's own view of a canonical event, so the report can be built from
the store, from a JSONL export or from a test's hand-made list alike.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class SourceRef:
    """A document an event was read from, and the sentence that states it."""
    title: str = ""
    outlet: str = ""
    date: str = ""              # ISO date of the document
    url: str = ""
    file: str = ""              # path of the input when there is no URL
    evidence: str = ""
    lang: str = ""


@dataclass(slots=True)
class ReportEvent:
    id: str
    type: str
    date: str                   # ISO partial: YYYY, YYYY-MM or YYYY-MM-DD
    parties: list[str]          # ISO3 for states, acronyms for organisations
    date_end: str | None = None
    persons: list[str] = field(default_factory=list)     # names as written, without diacritics
    location: str | None = None
    planned: bool = False
    summary_en: str = ""
    summary_vi: str = ""
    sources: list[SourceRef] = field(default_factory=list)


@dataclass(slots=True)
class Citation:
    """A numbered endnote: one source document and its evidence sentence."""
    n: int
    title: str
    outlet: str
    date: str                   # formatted in the report's language
    url: str
    file: str
    evidence: str

    @property
    def hover(self) -> str:
        where = ", ".join(x for x in (self.outlet, self.date) if x)
        head = f"{self.title} ({where})" if where else self.title
        return f"{self.evidence} — {head}" if self.evidence else head


@dataclass(slots=True)
class Line:
    """One Bluebook line: one event, or several of one kind with the same people merged."""
    text: str
    type: str
    date: str                   # earliest date (ISO), for ordering
    event_ids: list[str]
    notes: list[int]


@dataclass(slots=True)
class PartnerSection:
    id: str
    name: str
    n_events: int
    lines: list[Line]


@dataclass(slots=True)
class RegionSection:
    code: str                   # SEA, NEA, ... or OTHER
    name: str
    partners: list[PartnerSection]


@dataclass(slots=True)
class ForumSection:
    id: str                     # the forum at the top of the parent chain (UN, ASEAN), or OTHER
    name: str
    lines: list[Line]


@dataclass(slots=True)
class ChannelSection:
    key: str                    # party | parliament | people
    name: str
    lines: list[Line]


@dataclass(slots=True)
class ChronoEntry:
    date: str                   # formatted
    iso: str
    type: str                   # formatted
    parties: str                # formatted
    text: str
    notes: list[int]


@dataclass(slots=True)
class Overview:
    n_events: int
    n_partners: int
    n_regions: int
    by_type: list[tuple[str, int]]
    by_region: list[tuple[str, int]]
    top_partners: list[tuple[str, int]]
    visits_out: int
    visits_in: int
    high_visits_out: list[Line]
    high_visits_in: list[Line]
    agreements: list[Line]
    more_agreements: int
    summary: str


@dataclass(slots=True)
class Chart:
    key: str
    title: str
    png: bytes
    path: str = ""              # set by the Markdown renderer when it writes the image


@dataclass(slots=True)
class Report:
    lang: str
    title: str
    period_label: str
    period: tuple[date, date] | None
    generated: date
    labels: dict[str, str]
    overview: Overview
    regions: list[RegionSection]
    forums: list[ForumSection]
    channels: list[ChannelSection]
    chronology: list[ChronoEntry]
    notes: list[Citation]
    charts: list[Chart]
    n_documents: int = 0

    @property
    def empty(self) -> bool:
        return self.overview.n_events == 0

    def lines(self) -> list[Line]:
        """Every line of the chapters, in reading order (the overview's lists are repeats)."""
        out = [ln for r in self.regions for p in r.partners for ln in p.lines]
        out += [ln for f in self.forums for ln in f.lines]
        out += [ln for c in self.channels for ln in c.lines]
        return out
