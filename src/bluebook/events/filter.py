"""A learned filter over candidate events: logistic regression on ``features.py``'s features.

The rules find candidates; some are background narrative, opinion or habit that the rules cannot
tell from news. The weights in ``data/event_filter.json`` are trained by ``eval/train_filter.py`` on
the project's own annotated tune sets (never the dev set or the held-out sets) and shipped as a
small JSON file: no model is fetched at run time, and scoring is a sum of weights. An event's
probability becomes its ``confidence``; below the trained threshold the event is dropped.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bluebook.errors import DataFileError
from bluebook.events.features import event_features
from bluebook.models import Document, Event

MODEL = Path(__file__).resolve().parents[1] / "data" / "event_filter.json"
_ENABLED: ContextVar[bool] = ContextVar("bluebook_event_filter", default=True)


@dataclass(frozen=True, slots=True)
class FilterModel:
    weights: dict[str, float]
    threshold: float

    def probability(self, features: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL) -> FilterModel | None:
    """The shipped model, or None when the file is absent (the filter is then off)."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return FilterModel({str(k): float(v) for k, v in data["weights"].items()}, float(data["threshold"]))
    except (ValueError, KeyError, TypeError) as e:
        raise DataFileError(f"not a filter model ({e})", source=str(path),
                            hint="retrain it with eval/train_filter.py") from e


@contextmanager
def filter_disabled() -> Iterator[None]:
    """Keep every candidate (to collect training data); scores are still written."""
    token = _ENABLED.set(False)
    try:
        yield
    finally:
        _ENABLED.reset(token)


def apply_filter(events: list[Event], doc: Document) -> list[Event]:
    """Score each event; keep those at or above the threshold (all of them when disabled)."""
    model = load_model()
    if model is None or not events:
        return events
    keep = []
    cue_cache: dict[int, tuple[str, ...]] = {}
    for ev in events:
        feats = event_features(ev, doc, len(events), cue_cache)
        p = model.probability(feats)
        ev.confidence = round(p, 2)
        ev.explain["filter"] = {"probability": round(p, 4), "features": feats}
        if p >= model.threshold or not _ENABLED.get():
            keep.append(ev)
    return keep
