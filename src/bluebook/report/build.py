"""``build_report``: canonical events in, a structured Diplomatic Bluebook out.

Chapters follow the Bluebook: an overview, bilateral relations by region and partner,
multilateral diplomacy by forum, Party, parliamentary and people-to-people diplomacy, a
chronology; every line carries numbered endnotes to the documents it rests on.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from bluebook.dedup.when import parse_when
from bluebook.errors import BadDateError
from bluebook.gazetteer.data import GazetteerData, load_data
from bluebook.models import EVENT_TYPES
from bluebook.report import langdata as ld
from bluebook.report.dates import DateFormat, month_key, sort_key
from bluebook.report.env import environment
from bluebook.report.lines import Phraser, Reader, View
from bluebook.report.model import (
    ChannelSection,
    ChronoEntry,
    ForumSection,
    Line,
    Overview,
    PartnerSection,
    RegionSection,
    Report,
    ReportEvent,
)
from bluebook.report.names import REGIONS, VN, Names
from bluebook.report.notes import NoteBook

if TYPE_CHECKING:
    from bluebook.report.charts import ChartData

# The Bluebook's order inside a partner: high-level exchanges first, then documents and aid.
TYPE_ORDER = ("visit", "phone_call", "talks", "message", "agreement", "aid", "anniversary", "upgrade",
              "conference", "appeal", "accusation", "withdrawal")
CHANNELS = ("party", "parliament", "people")
OTHER = "OTHER"
MAX_OVERVIEW_AGREEMENTS = 15

Period = tuple[str | date | None, str | date | None]


def _bound(value: str | date | None, end: bool) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    w = parse_when(str(value).strip())
    if w is None:
        raise BadDateError(f"{'end' if end else 'start'} of the period {value!r} is not a date",
                           hint="use YYYY, YYYY-MM or YYYY-MM-DD")
    return w.hi if end else w.lo


def parse_period(period: Period | None) -> tuple[date | None, date | None]:
    if not period:
        return None, None
    lo, hi = _bound(period[0], False), _bound(period[1], True)
    if lo and hi and hi < lo:
        raise BadDateError(f"the period ends ({hi}) before it starts ({lo})", hint="swap --from and --to")
    return lo, hi


def _in_period(ev: ReportEvent, lo: date | None, hi: date | None) -> bool:
    if lo is None and hi is None:
        return True
    w = parse_when(ev.date, ev.date_end)
    if w is None:
        return False
    return (lo is None or w.hi >= lo) and (hi is None or w.lo <= hi)


def _clean(e: ReportEvent) -> ReportEvent:
    """The event's own fields made safe for every format (sources are cleaned by the NoteBook)."""
    e = replace(e, id=ld.clean(e.id), type=ld.clean(e.type), date=ld.clean(e.date),
                date_end=ld.clean(e.date_end) or None, parties=[ld.clean(p) for p in e.parties if ld.clean(p)],
                location=ld.clean(e.location) or None)
    w = parse_when(e.date, e.date_end)
    if e.type == "anniversary" and e.date_end and w is not None and (w.hi - w.lo).days > 366:
        # "70th anniversary (1950-2020)": the celebration is at the end, the span is history
        e = replace(e, date=e.date_end, date_end=None)
    return e


class _Groups:
    """Views merged into lines by (section, kind, people); first-seen order kept."""

    def __init__(self) -> None:
        self.by_section: dict[str, dict[tuple, list[View]]] = defaultdict(dict)

    def add(self, section: str, key: tuple, view: View) -> None:
        self.by_section[section].setdefault(key, []).append(view)


def _line_order(views: Sequence[View]) -> tuple:
    t = views[0].ev.type
    return (TYPE_ORDER.index(t) if t in TYPE_ORDER else len(TYPE_ORDER), views[0].direction != "out",
            sort_key(views[0].ev.date))


def build_report(events: Iterable[ReportEvent], lang: str = "en", title: str | None = None,
                 period: Period | None = None, *, gazetteer: GazetteerData | None = None,
                 max_sources: int = 3, charts: bool = True, today: date | None = None) -> Report:
    """The Bluebook for ``events`` (those overlapping ``period`` when given) in ``lang`` ('en' | 'vi').

    ``gazetteer`` defaults to the bundled data (bluebook.gazetteer.data.load_data());
    ``max_sources`` caps the documents cited per event; ``charts=False`` skips matplotlib.
    """
    names = Names(gazetteer if gazetteer is not None else load_data(), lang)
    L = names.L
    fmt = DateFormat(lang, L)
    lo, hi = parse_period(period)
    evs = sorted((_clean(e) for e in events if _in_period(e, lo, hi)), key=lambda e: (sort_key(e.date), e.id))
    reader = Reader(names)
    phr = Phraser(names, fmt)
    views = [reader.read(e) for e in evs]

    groups = _Groups()
    for v in views:
        if v.chapter == "bilateral":
            for p in v.partners:
                if not names.is_org(p):
                    groups.add(f"partner:{p}", v.merge_key(p), v)
        elif v.chapter == "multilateral":
            root = names.forum(v.forum) if v.forum else OTHER
            groups.add(f"forum:{root}", v.merge_key(v.forum), v)
        else:
            groups.add(f"channel:{v.channel}", v.merge_key(v.partners[0] if v.partners else ""), v)

    made: list[tuple[Line, list[View]]] = []

    def lines_of(section: str, by_date: bool = False) -> list[Line]:
        packs = list(groups.by_section.get(section, {}).values())
        packs.sort(key=(lambda vs: (sort_key(vs[0].ev.date), _line_order(vs))) if by_date else _line_order)
        partner = section.split(":", 1)[1] if section.startswith("partner:") else ""
        out = []
        for vs in packs:
            ln = Line(phr.line(vs, partner_first=partner), vs[0].ev.type, vs[0].ev.date,
                      [v.ev.id for v in vs], [])
            made.append((ln, vs))
            out.append(ln)
        return out

    # bilateral: regions in Bluebook order, partners by activity then name
    partner_ids: dict[str, list[str]] = defaultdict(list)
    for key in groups.by_section:
        if key.startswith("partner:"):
            pid = key.split(":", 1)[1]
            partner_ids[names.region(pid) or OTHER].append(pid)
    partner_counts = Counter(p for v in views for p in v.partners)
    # the overview's partners are countries (and the EU), not the forums Viet Nam sits in
    bilateral_counts = Counter({p: n for p, n in partner_counts.items() if not names.is_org(p)})
    regions = []
    for code in (*REGIONS, OTHER):
        pids = sorted(partner_ids.get(code, []), key=lambda p: (-partner_counts[p], names.entity(p)))
        if pids:
            regions.append(RegionSection(code, L[f"region_{code}"], [
                PartnerSection(p, names.entity(p), partner_counts[p], lines_of(f"partner:{p}")) for p in pids]))

    forum_ids = [k.split(":", 1)[1] for k in groups.by_section if k.startswith("forum:")]
    forum_n = {f: sum(len(vs) for vs in groups.by_section[f"forum:{f}"].values()) for f in forum_ids}
    forum_ids.sort(key=lambda f: (f == OTHER, -forum_n[f], names.entity(f)))
    forums = [ForumSection(f, L["forum_OTHER"] if f == OTHER else names.entity(f), lines_of(f"forum:{f}", True))
              for f in forum_ids]
    channels = [ChannelSection(c, L[f"channel_{c}"], lines_of(f"channel:{c}", True))
                for c in CHANNELS if f"channel:{c}" in groups.by_section]

    notes = NoteBook(fmt, lang, max_sources)
    for ln, vs in made:
        ln.notes = notes.cite_all(v.ev for v in vs)
    chronology = []
    for v in views:
        parties = [VN] if VN in v.ev.parties else []
        parties += [p for p in v.ev.parties if p != VN and p not in parties]
        chronology.append(ChronoEntry(fmt.one(v.ev.date, v.ev.date_end), v.ev.date, L.get(f"type_{v.ev.type}", v.ev.type),
                                      ", ".join(names.entity(p) for p in parties),
                                      phr.line([v], v.partners[0] if v.partners else ""), notes.cite(v.ev)))

    starts = [w.lo for e in evs if (w := parse_when(e.date, e.date_end))]
    ends = [w.hi for e in evs if (w := parse_when(e.date, e.date_end))]
    span_lo = lo or (min(starts) if starts else None)
    span_hi = hi or (max(ends) if ends else None)
    period_label = fmt.period(span_lo, span_hi) if span_lo and span_hi else ""
    overview = _overview(views, made, names, fmt, period_label, bilateral_counts)
    chart_list = []
    if charts and views:
        from bluebook.report.charts import make_charts  # matplotlib only when charts are wanted

        chart_list = make_charts(_chart_data(views, names, span_lo, span_hi, bilateral_counts), L, lang)
    full_title = title or " ".join(x for x in (L["title_default"], period_label if lo or hi else "") if x)
    return Report(lang=lang, title=full_title, period_label=period_label,
                  period=(span_lo, span_hi) if span_lo and span_hi else None, generated=today or date.today(),
                  labels=dict(L), overview=overview, regions=regions, forums=forums, channels=channels,
                  chronology=chronology, notes=notes.citations, charts=chart_list,
                  n_documents=notes.n_documents(evs))


def _overview(views: list[View], made: list[tuple[Line, list[View]]], names: Names, fmt: DateFormat,
              period_label: str, partner_counts: Counter[str]) -> Overview:
    L = names.L
    types = Counter(v.ev.type for v in views)
    by_type = [(L[f"type_{t}"], types[t]) for t in EVENT_TYPES if types[t]]
    region_n: Counter[str] = Counter()
    for v in views:
        rs = {names.region(p) for p in v.partners if not names.is_org(p)} - {""}
        for r in rs or ({"MULTI"} if v.chapter != "bilateral" else {OTHER}):
            region_n[r] += 1
    by_region = [(L[f"region_{r}"], region_n[r]) for r in (*REGIONS, OTHER, "MULTI") if region_n[r]]
    partners = set(partner_counts)
    top = [(names.entity(p), n) for p, n in sorted(partner_counts.items(), key=lambda x: (-x[1], x[0]))[:10]]
    visits = [v for v in views if v.ev.type == "visit"]
    seen: set[int] = set()
    high_out: list[Line] = []
    high_in: list[Line] = []
    agreements: list[Line] = []
    for ln, vs in made:
        if id(ln) in seen:
            continue
        seen.add(id(ln))
        if ln.type == "visit" and any(v.high for v in vs):
            (high_in if vs[0].direction == "in" else high_out).append(ln)
        elif ln.type == "agreement":
            agreements.append(ln)
    for lst in (high_out, high_in, agreements):
        lst.sort(key=lambda ln: sort_key(ln.date))
    o = Overview(n_events=len(views), n_partners=len(partners),
                 n_regions=len({names.region(p) for p in partners} - {""}), by_type=by_type, by_region=by_region,
                 top_partners=top, visits_out=sum(v.direction == "out" for v in visits),
                 visits_in=sum(v.direction == "in" for v in visits), high_visits_out=high_out,
                 high_visits_in=high_in, agreements=agreements[:MAX_OVERVIEW_AGREEMENTS],
                 more_agreements=max(0, len(agreements) - MAX_OVERVIEW_AGREEMENTS), summary="")
    macro = environment().get_template(f"{names.lang}/overview.j2").module.summary  # type: ignore[attr-defined]
    plural = [(L[f"typepl_{t}"], n) for t, n in types.most_common(3)]
    o.summary = " ".join(str(macro(o=o, period=period_label, types=plural, n_agreements=types["agreement"],
                                   L=L)).split())
    return o


def _chart_data(views: list[View], names: Names, lo: date | None, hi: date | None,
                partner_counts: Counter[str]) -> ChartData:
    from bluebook.report.charts import ChartData

    monthly: dict[str, Counter[str]] = defaultdict(Counter)
    for v in views:
        k = month_key(v.ev.date)
        if len(k) == 7:
            monthly[k][v.ev.type] += 1
    region_n: Counter[str] = Counter()
    for v in views:
        for r in {names.region(p) for p in v.partners if not names.is_org(p)} - {""}:
            region_n[r] += 1
        if v.chapter != "bilateral":
            region_n["MULTI"] += 1
    top = sorted(partner_counts.items(), key=lambda x: (-x[1], x[0]))[:12]
    return ChartData(monthly=dict(monthly), lo=lo, hi=hi, partners=[(names.entity(p), n) for p, n in top],
                     regions=[(r, region_n[r]) for r in (*REGIONS, "MULTI") if region_n[r]],
                     types=[t for t in EVENT_TYPES if any(t in c for c in monthly.values())])


__all__ = ["build_report", "parse_period", "TYPE_ORDER"]
