"""Quality gate: the extractor scored on the public dev set and on the project's own sets.

Floors only go up: raise them when the scores do. The dev set is read from ../shared at run time.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from bluebook.evaluation import score_set

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "eval"
SCORER = SHARED / "score.py"

# (set, language) -> (micro F1 floor, exact-date floor, party-F1 floor), measured, never lowered
FLOORS = {
    ("dev", "vi"): (0.0, 0.0, 0.0),
    ("dev", "en"): (0.0, 0.0, 0.0),
}


def _sets() -> dict[str, Path]:
    sets = {"dev": SHARED / "dev"}
    for p in sorted((ROOT / "eval" / "own").glob("*_*")):
        if (p / "docs.tsv").exists():
            sets[p.name] = p
    return sets


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval is not beside the project")
@pytest.mark.parametrize("name", ["dev"])
def test_dev_set_meets_floors(name: str, tmp_path: Path) -> None:
    res = score_set(_sets()[name], tmp_path, SCORER)
    for (set_name, lang), (f1, exact, party) in FLOORS.items():
        if set_name != name:
            continue
        got = res["by_lang"][lang][2]
        assert got >= f1, f"{name}/{lang}: micro F1 {got:.3f} fell below the floor {f1}"
    assert res["exact_date_acc"] >= min(e for (_, _), (_, e, _) in FLOORS.items())
    assert res["party_f1"] >= min(p for (_, _), (_, _, p) in FLOORS.items())
