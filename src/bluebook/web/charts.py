"""Activity over time as plain geometry for an inline SVG bar chart (templates/_chart.html).

Server-side and script-free: the chart shows under the strict CSP and in a saved page.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    key: str
    value: int
    label: str = ""           # axis label, empty when it would crowd its neighbours


@dataclass(slots=True)
class Chart:
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    max_value: int = 0
    baseline: float = 0.0


MAX_BAR = 48.0


def _fill(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Years or months without events still get a (zero) bar, so gaps in activity show."""
    keys = sorted(k for k in counts if k[:4].isdigit())
    if not keys:
        return []
    if all(len(k) == 4 for k in keys):
        lo, hi = int(keys[0]), int(keys[-1])
        if hi - lo > 200:                      # a stray date far off: do not draw centuries of zeros
            return [(k, counts[k]) for k in keys]
        return [(str(y), counts.get(str(y), 0)) for y in range(lo, hi + 1)]
    if all(len(k) == 7 for k in keys):
        out: list[tuple[str, int]] = []
        y, m = int(keys[0][:4]), int(keys[0][5:7])
        while f"{y:04d}-{m:02d}" <= keys[-1] and len(out) < 2400:
            k = f"{y:04d}-{m:02d}"
            out.append((k, counts.get(k, 0)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    return [(k, counts[k]) for k in keys]


def bar_chart(counts: dict[str, int], width: int = 760, height: int = 200, max_labels: int = 16) -> Chart:
    items = _fill(counts)
    chart = Chart(width=width, height=height)
    if not items:
        return chart
    top, bottom, left, right = 16, 28, 8, 8
    plot_w, plot_h = width - left - right, height - top - bottom
    chart.max_value = max(v for _, v in items) or 1
    chart.baseline = top + plot_h
    step = plot_w / len(items)
    every = max(1, -(-len(items) // max_labels))
    for i, (k, v) in enumerate(items):
        h = plot_h * v / chart.max_value
        w = min(max(step * 0.8, 1.0), MAX_BAR)     # a lone year must not fill the whole width
        chart.bars.append(Bar(x=round(left + i * step + (step - w) / 2, 2), y=round(top + plot_h - h, 2),
                              w=round(w, 2), h=round(h, 2), key=k, value=v,
                              label=k if i % every == 0 else ""))
    return chart
