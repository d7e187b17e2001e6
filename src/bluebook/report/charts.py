"""The report's charts (matplotlib, Agg, no pyplot state): events per month by type, the most
active partners, events by region. Labels come in the report's language; DejaVu Sans draws
Vietnamese diacritics."""
from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bluebook.report.langdata import Labels
from bluebook.report.model import Chart

FONT: dict[str, Any] = {"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans", "Noto Sans"], "font.size": 9}
# One colour per event type, stable across reports (tab20 order).
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
            "#bcbd22", "#17becf", "#aec7e8", "#ffbb78")
MAX_MONTHS = 36


@dataclass(slots=True)
class ChartData:
    monthly: dict[str, Counter[str]]          # 'YYYY-MM' -> events by type
    lo: date | None
    hi: date | None
    partners: list[tuple[str, int]]           # display name, events (most first)
    regions: list[tuple[str, int]]            # region code (or MULTI), events
    types: list[str]                          # event types present, in EVENT_TYPES order


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buf)
    return buf.getvalue()


def _months(d: ChartData) -> list[str]:
    keys = sorted(d.monthly)
    if not keys:
        return []
    first = f"{d.lo.year:04d}-{d.lo.month:02d}" if d.lo else keys[0]
    last = f"{d.hi.year:04d}-{d.hi.month:02d}" if d.hi else keys[-1]
    first, last = min(first, keys[0]), max(last, keys[-1])
    y, m = int(first[:4]), int(first[5:])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out[-MAX_MONTHS:]       # a long period: the latest three years keep the bars readable


def monthly_chart(d: ChartData, L: Labels) -> Chart | None:
    months = _months(d)
    if not months:
        return None
    fig = Figure(figsize=(7.5, 3.4), dpi=150, layout="constrained")
    ax = fig.add_subplot()
    x = range(len(months))
    bottom = [0] * len(months)
    for i, t in enumerate(d.types):
        vals = [d.monthly.get(m, Counter())[t] for m in months]
        if not any(vals):
            continue
        ax.bar(x, vals, bottom=bottom, label=L[f"type_{t}"], color=_COLOURS[i % len(_COLOURS)], width=0.8)
        bottom = [b + v for b, v in zip(bottom, vals, strict=True)]
    one_year = len({m[:4] for m in months}) == 1
    ax.set_xticks(list(x), [L[f"mon_{int(m[5:])}"] if one_year else f"{int(m[5:])}/{m[2:4]}" for m in months],
                  rotation=0 if len(months) <= 12 else 90)
    ax.set_ylabel(L["chart_axis_events"])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    # the title is the caption under the picture (text, in the report's language), not in the image
    title = L["chart_month"] + (f" ({months[0][:4]})" if one_year else "")
    return Chart("monthly", title, _png(fig))


def _barh(items: list[tuple[str, int]], title: str, L: Labels, key: str, colour: str) -> Chart | None:
    if not items:
        return None
    fig = Figure(figsize=(7.5, 0.35 * len(items) + 1.0), dpi=150, layout="constrained")
    ax = fig.add_subplot()
    labels = [n for n, _ in items][::-1]
    vals = [v for _, v in items][::-1]
    bars = ax.barh(labels, vals, color=colour)
    ax.bar_label(bars, padding=2, fontsize=7)
    ax.set_xlabel(L["chart_axis_events"])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    return Chart(key, title, _png(fig))


def make_charts(d: ChartData, L: Labels, lang: str) -> list[Chart]:
    import matplotlib

    with matplotlib.rc_context(FONT):  # type: ignore[arg-type]
        charts = [monthly_chart(d, L),
                  _barh(d.partners, L["chart_partners"], L, "partners", "#2c5f8a"),
                  _barh([(L[f"region_{r}"], n) for r, n in d.regions], L["chart_regions"], L, "regions", "#7a9a3a")]
    return [c for c in charts if c is not None]
