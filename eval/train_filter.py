"""Train the event filter (src/bluebook/data/event_filter.json) on the project's tune sets.

    python eval/corpus/materialize.py        # the real-news sets are rebuilt from ../shared/corpus
    python eval/train_filter.py [--sets SET,SET] [--dry-run]

Every candidate event bluebook finds on a tune set (with the filter off) is labelled by the shared
scorer's matching: 1 when it matches a gold event, 0 otherwise. A logistic regression over
``bluebook.events.features`` is fitted; its regularisation and the threshold are chosen by
cross-validation grouped by document, maximising F1 over the tune sets (events dropped by the
threshold count as misses). The dev set and the held-out sets are never used here: they measure
the result.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss
from sklearn.model_selection import GroupKFold

from bluebook.evaluation import load_scorer
from bluebook.events.features import event_features
from bluebook.events.filter import MODEL, filter_disabled
from bluebook.models import RawDoc
from bluebook.pipeline import parse_date, process

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
TUNE = ["eval/own/vi_tune", "eval/own/en_tune", "eval/corpus/vi_tune", "eval/corpus/en_tune"]
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
MIN_GAIN = 0.005     # a threshold must buy at least this much cross-validated F1 to drop anything


def collect(set_dirs: list[str]) -> tuple[list[list[str]], list[int], list[str], int]:
    """Features, labels and document groups of every candidate; and the number of gold events."""
    sc = load_scorer(SCORER)
    X: list[list[str]] = []
    y: list[int] = []
    groups: list[str] = []
    n_gold = 0
    for set_dir in set_dirs:
        base = ROOT / set_dir
        if not (base / "docs.tsv").exists():
            print(f"warning: {set_dir} not found (run eval/corpus/materialize.py)", file=sys.stderr)
            continue
        with (base / "docs.tsv").open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        for row in rows:
            path = base / "texts" / row["file"]
            with filter_disabled():
                doc = process(RawDoc(source=str(path), data=path.read_bytes()), doc_date=parse_date(row["doc_date"]))
            gold = sc.load(base / "gold" / (path.stem + ".jsonl"))
            n_gold += len(gold)
            preds = [ev.to_dict() for ev in doc.events]
            matched = {id(p) for _, p in sc.match(gold, preds)}
            for ev, p in zip(doc.events, preds, strict=True):
                X.append(event_features(ev, doc, len(doc.events)))
                y.append(int(id(p) in matched))
                groups.append(f"{set_dir}/{path.stem}")
    return X, y, groups, n_gold


def best_threshold(prob: np.ndarray, y: np.ndarray, n_gold: int) -> tuple[float, float]:
    """The threshold that maximises F1 = 2 TP / (predicted + gold), and that F1."""
    best = (0.0, 2 * y.sum() / (len(y) + n_gold))
    for t in np.arange(0.05, 0.8, 0.01):
        keep = prob >= t
        f1 = 2 * (y & keep).sum() / (keep.sum() + n_gold)
        if f1 > best[1] + 1e-9:
            best = (round(float(t), 2), float(f1))
    return best


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(TUNE))
    ap.add_argument("--out", default=str(MODEL))
    ap.add_argument("--dry-run", action="store_true", help="print the cross-validated figures only")
    args = ap.parse_args(argv)
    sets = args.sets.split(",")
    X, y_list, groups, n_gold = collect(sets)
    y = np.array(y_list, dtype=bool)
    vec = DictVectorizer()
    M = vec.fit_transform([dict.fromkeys(f, 1) for f in X])
    g = np.array(groups)
    n_splits = min(5, len(set(groups)))
    base_f1 = 2 * y.sum() / (len(y) + n_gold)
    print(f"{len(y)} candidates ({y.sum()} correct), {n_gold} gold events, {len(set(groups))} documents; "
          f"F1 without the filter {base_f1:.3f}")
    results = []
    for C in C_GRID:
        prob = np.zeros(len(y))
        for tr, te in GroupKFold(n_splits=n_splits).split(M, y, g):
            clf = LogisticRegression(C=C, max_iter=2000, class_weight=None)
            clf.fit(M[tr], y[tr])
            prob[te] = clf.predict_proba(M[te])[:, 1]
        t, f1 = best_threshold(prob, y, n_gold)
        loss = log_loss(y, prob)
        results.append((loss, C, t, f1, brier_score_loss(y, prob)))
        print(f"C={C}: cross-validated log loss {loss:.3f}, F1 {f1:.3f} at threshold {t}")
    # C by calibration (the probability is the events' confidence); a threshold only if it pays
    loss, C, t, f1, brier = min(results)
    if f1 < base_f1 + MIN_GAIN:
        # then the model only scores: an event's confidence is its learned probability of being right
        print(f"the filter does not beat the rules alone by {MIN_GAIN}; threshold 0 (keeps everything)")
        t, f1 = 0.0, float(base_f1)
    clf = LogisticRegression(C=C, max_iter=2000, class_weight=None).fit(M, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
               if abs(w) >= 1e-4}
    weights["bias"] = round(weights.get("bias", 0.0) + float(clf.intercept_[0]), 4)
    model = {
        "about": "bluebook event filter: logistic regression over bluebook.events.features; "
                 "trained by eval/train_filter.py",
        "trained": date.today().isoformat(), "sets": sets, "candidates": len(y), "correct": int(y.sum()),
        "gold": n_gold, "C": C, "threshold": t,
        "cv_f1": round(f1, 4), "f1_without_filter": round(float(base_f1), 4),
        "cv_log_loss": round(loss, 4), "cv_brier": round(brier, 4),
        "weights": dict(sorted(weights.items())),
    }
    print(f"chosen C={C}, threshold {t}: cross-validated F1 {f1:.3f} (rules alone {base_f1:.3f}), "
          f"log loss {loss:.3f}, Brier {brier:.3f}; "
          f"{len(weights)} weights")
    if not args.dry_run:
        Path(args.out).write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
