"""Show, per document, the gold events missed and the predictions not matched: python eval/diagnose.py SET_DIR [STEM]"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bluebook.evaluation import load_scorer, predict_set

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def main(argv: list[str]) -> int:
    set_dir = Path(argv[0])
    only = argv[1] if len(argv) > 1 else None
    sc = load_scorer(SCORER)
    with tempfile.TemporaryDirectory() as tmp:
        predict_set(set_dir, tmp)
        for g in sorted((set_dir / "gold").glob("*.jsonl")):
            if only and only not in g.stem:
                continue
            gold = sc.load(g)
            pred = sc.load(Path(tmp) / g.name)
            pairs = sc.match(gold, pred)
            mg = {id(a) for a, _ in pairs}
            mp = {id(b) for _, b in pairs}
            print(f"=== {g.stem}: gold {len(gold)} pred {len(pred)} tp {len(pairs)}")
            for a in gold:
                if id(a) not in mg:
                    print(f"  MISS {a['type']:11s} {a.get('date')} {a.get('parties')} | {a.get('evidence', '')[:110]!r}")
            for b in pred:
                if id(b) not in mp:
                    print(f"  FP   {b['type']:11s} {b.get('date')} {b.get('parties')} | {b.get('evidence', '')[:110]!r}")
            for a, b in pairs:
                if a.get("date") != b.get("date"):
                    print(f"  DATE {a['type']:11s} gold {a.get('date')} pred {b.get('date')} | {b.get('date_text')!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
