"""Score bluebook on an evaluation set: python eval/run.py SET_DIR [SET_DIR ...] [--json]

Sets: ../shared/eval/dev (public dev set), eval/own/vi_tune, eval/own/en_tune (tuning) and
eval/own/*_holdout (measured only; never used to write rules); real news from ../shared/corpus
annotated by us: eval/corpus/{vi,en}_tune and eval/corpus/{vi,en}_holdout, rebuilt first with
`python eval/corpus/materialize.py` (the corpus texts are not stored in the repository); sections of
the real 2020 Bluebook: eval/seeds/bb_tune and eval/seeds/bb_holdout, rebuilt by `python eval/seeds/materialize.py`.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from bluebook.evaluation import score_set

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def fmt(t: list[float]) -> str:
    return f"P={t[0]:.3f} R={t[1]:.3f} F1={t[2]:.3f}"


def main(argv: list[str]) -> int:
    sets = [a for a in argv if not a.startswith("--")]
    for s in sets:
        with tempfile.TemporaryDirectory() as tmp:
            res = score_set(s, tmp, SCORER)
        if "--json" in argv:
            print(json.dumps(res, indent=1))
            continue
        print(f"== {s}")
        if "--docs" in argv:
            for stem, t in res["by_doc"].items():
                print(f"doc  {stem:36s} {fmt(t)}")
        for k, t in sorted(res["by_type"].items(), key=lambda kv: str(kv[0])):
            print(f"type {str(k):14s} {fmt(t)} gold={t[3]}")
        for k, t in sorted(res["by_lang"].items()):
            print(f"lang {k:14s} {fmt(t)}")
        c = res["counts"]
        print(f"micro {fmt(res['micro'])} (tp={c.get('tp', 0)} pred={c.get('pred', 0)} gold={c.get('gold', 0)}) "
              f"exact-date {res['exact_date_acc']:.3f} party-F1 {res['party_f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
