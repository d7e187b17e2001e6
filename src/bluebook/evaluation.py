"""Run extraction over an evaluation set laid out like ``shared/eval/dev`` and score it.

A set is ``docs.tsv`` (file, doc_date, lang), ``texts/*.txt`` and ``gold/*.jsonl``. Scoring uses the
shared scorer (``shared/eval/score.py``), loaded from its path so the project never carries a copy.
"""
from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from bluebook.models import RawDoc


def load_scorer(path: str | Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bluebook_shared_score", str(path))
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def predict_set(set_dir: str | Path, out_dir: str | Path) -> None:
    from bluebook.pipeline import parse_date, process

    set_dir, out_dir = Path(set_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with (set_dir / "docs.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            path = set_dir / "texts" / row["file"]
            raw = RawDoc(source=str(path), data=path.read_bytes())
            doc = process(raw, doc_date=parse_date(row["doc_date"]), lang=None)
            with (out_dir / (Path(row["file"]).stem + ".jsonl")).open("w", encoding="utf-8") as out:
                for ev in doc.events:
                    out.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")


def score_set(set_dir: str | Path, out_dir: str | Path, scorer_path: str | Path) -> dict[str, Any]:
    predict_set(set_dir, out_dir)
    scorer = load_scorer(scorer_path)
    return scorer.score(Path(set_dir) / "gold", Path(out_dir))
