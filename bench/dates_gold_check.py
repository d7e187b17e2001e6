"""Does find_dates see the gold date of each dev event where the event is stated?

For every gold event of ../shared/eval/dev (or another set laid out the same
way) the evidence is located in the cleaned text; find_dates then runs on the
sentence(s) holding it and on its paragraph. An event counts as

- ``sentence``: an expression of the sentence gives the gold date (and date_end),
- ``paragraph``: one of the paragraph does (the extractor falls back to it),
- ``story``: one of the first sentences of the document does (headline/dateline),
- ``document``: the gold date is the document date at the gold's precision,
- ``miss``: none of these.

``near`` counts sentence or paragraph hits where the date agrees only at the
scorer's precision (gold precision capped at the month).
Usage: python bench/dates_gold_check.py [SET_DIR] [--all] (--all lists near hits too)
"""
from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bluebook.clean import clean_text
from bluebook.clean.normalize import normalize
from bluebook.dates import find_dates
from bluebook.models import DateExpr, Document, Sentence
from bluebook.segment import segment_document

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "dev"
STORY_SENTENCES = 6  # as many as events.extractor reads for the story date


@dataclass
class Check:
    doc: str
    gold: str
    gold_end: str | None
    evidence: str
    where: str              # sentence | paragraph | story | document | miss | lost
    exact: bool             # the date (and date_end) match exactly
    sentence: str = ""
    found: str = ""


def _locate(doc: Document, evidence: str) -> tuple[int, int] | None:
    """Offsets of the evidence in the normalised text (spaces may differ).

    A teaser may repeat the lead word for word: the first occurrence that lies
    in a sentence (not in a dropped block) is the one the extractor reads.
    """
    ev, _ = normalize(evidence)
    words = [re.escape(w) for w in ev.split()]
    if not words:
        return None
    spans = [(m.start(), m.end()) for m in re.finditer(r"\s+".join(words), doc.text)]
    for a, z in spans:
        if any(s.start <= a < s.end for s in doc.sentences):
            return a, z
    return spans[0] if spans else None


def _hit(exprs: list[DateExpr], gold: str, gold_end: str | None) -> tuple[bool, bool]:
    """(exact, at scorer precision) for the best expression."""
    cap = min(len(gold), 7)
    exact = any(e.date == gold and (gold_end is None or e.date_end == gold_end) for e in exprs)
    near = any(e.date[:cap] == gold[:cap] and len(e.date) >= cap for e in exprs)
    return exact, exact or near


def _dates(sents: list[Sentence], ref: date) -> list[DateExpr]:
    return [e for s in sents for e in find_dates(s.text, ref, s.lang)]


def _show(exprs: list[DateExpr]) -> str:
    return "; ".join(f"{e.text!r}={e.date}" + (f"..{e.date_end}" if e.date_end else "") for e in exprs)


def check_doc(name: str, text: str, ref: date, gold: list[dict]) -> list[Check]:
    doc = clean_text(text, name)
    segment_document(doc)
    out: list[Check] = []
    story = _dates(doc.sentences[:STORY_SENTENCES], ref)
    for g in gold:
        gd, ge, ev = g["date"], g.get("date_end"), g["evidence"]
        span = _locate(doc, ev)
        if span is None:
            out.append(Check(name, gd, ge, ev, "lost", False))
            continue
        a, z = span
        sents = [s for s in doc.sentences if s.start < max(z, a + 1) and s.end > a]
        if not sents:
            out.append(Check(name, gd, ge, ev, "lost", False))
            continue
        own = _dates(sents, ref)
        blocks = {s.block for s in sents}
        para = _dates([s for s in doc.sentences if s.block in blocks and s.start < a], ref)
        sent_text = " ".join(s.text for s in sents)
        exact, near = _hit(own, gd, ge)
        if near:
            out.append(Check(name, gd, ge, ev, "sentence", exact, sent_text, _show(own)))
            continue
        exact, near = _hit(para, gd, ge)
        if near and not own:
            out.append(Check(name, gd, ge, ev, "paragraph", exact, sent_text, _show(para)))
            continue
        exact, near = _hit(story, gd, ge)
        if near and not own and not para:
            out.append(Check(name, gd, ge, ev, "story", exact, sent_text, _show(story)))
            continue
        iso = ref.isoformat()
        if not own and not para and iso[:len(gd)] == gd:
            out.append(Check(name, gd, ge, ev, "document", True, sent_text, ""))
            continue
        out.append(Check(name, gd, ge, ev, "miss", False, sent_text, _show(own) + " | para: " + _show(para)))
    return out


def run(set_dir: Path) -> list[Check]:
    checks: list[Check] = []
    with open(set_dir / "docs.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            name = row["file"]
            text = (set_dir / "texts" / name).read_text(encoding="utf-8")
            gold_path = set_dir / "gold" / (Path(name).stem + ".jsonl")
            gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
            checks += check_doc(name, text, date.fromisoformat(row["doc_date"]), gold)
    return checks


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("set_dir", nargs="?", default=str(DEV))
    ap.add_argument("--all", action="store_true", help="also list hits that are not exact")
    args = ap.parse_args()
    set_dir = Path(args.set_dir)
    if not (set_dir / "docs.tsv").exists():
        raise SystemExit(f"no docs.tsv in {set_dir}: give a set laid out like ../shared/eval/dev")
    checks = run(set_dir)
    n = len(checks)
    where = Counter(c.where for c in checks)
    exact = sum(c.exact for c in checks)
    found = n - where["miss"] - where["lost"]
    print(f"{n} gold events: " + ", ".join(f"{k} {v}" for k, v in where.most_common()))
    print(f"gold date reachable (scorer precision): {found}/{n} = {found / max(n, 1):.3f}; "
          f"exact: {exact}/{n} = {exact / max(n, 1):.3f}")
    for c in checks:
        if c.where in ("miss", "lost") or (args.all and not c.exact):
            end = f"..{c.gold_end}" if c.gold_end else ""
            print(f"\n[{c.where}{'' if c.exact else ', not exact'}] {c.doc} gold {c.gold}{end}")
            print(f"  evidence: {c.evidence[:160]}")
            print(f"  sentence: {c.sentence[:300]}")
            print(f"  found:    {c.found[:300]}")


if __name__ == "__main__":
    main()
