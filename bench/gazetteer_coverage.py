"""How many people named after a title in real Vietnamese news does persons.tsv know?

    python bench/gazetteer_coverage.py [CORPUS.jsonl.gz] [--top 60] [--json]

Scans the corpus (default ../shared/corpus/vi-news-2024.jsonl.gz) for a title from
lang/vi/titles.tsv ("Thủ tướng", "Bộ trưởng Ngoại giao", ...), optionally followed by a
state or organisation name from lang/vi/aliases.tsv ("Thủ tướng Nhật Bản"), followed by a
capitalised name of two to five words. A name counts as known when it, or its first words,
is a person's name or alias in data/persons.tsv. Prints the coverage and the most frequent
misses, which are the candidates for persons.tsv (keep only people relevant to diplomacy).

    python bench/gazetteer_coverage.py --linker [CORPUS.jsonl.gz | SET_DIR] [--lang en]

measures the linker itself instead: of the people it binds to a title, how many it knows, which
unknown names come most often, and how many titles stay without a state. SET_DIR is an eval set
(docs.tsv and texts/), e.g. ../shared/eval/dev.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from bluebook.clean.normalize import normalize
from bluebook.gazetteer.data import DATA, LANG, read_tsv

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "vi-news-2024.jsonl.gz"
_UP = "A-ZÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠ-Ỹ"
_WORD = rf"[{_UP}][\w'’\-]*"
# Capitalised words that follow a title but start a new phrase, not a name.
_STOP = {
    "Chính", "Bộ", "Ủy", "Hội", "Ban", "Đảng", "Quốc", "Tòa", "Viện", "Nhà", "Cơ", "Các", "Hai",
    "Cộng", "Liên", "Thành", "Tỉnh", "Trung", "Nước", "Người", "Tổng", "Thủ", "Phó", "Chủ", "Đại", "Thường",
    "Ngày", "Sáng", "Chiều", "Tối", "Trưa", "Đêm", "Hôm", "Tại", "Trong", "Theo", "Trước", "Sau", "Của",
    "Và", "Với", "Cũng", "Đã", "Sẽ", "Trên", "Dưới", "Tập", "Đoàn", "Sở", "UBND", "HĐND", "Tp", "TP",
    "Hà", "Việt", "Phòng", "Công", "Tập đoàn", "Ngân", "Đài", "Báo", "Trường", "Học", "Khoa", "Câu",
}


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(s) for s in sorted(set(items), key=len, reverse=True))


def build_pattern() -> re.Pattern[str]:
    titles = [r["alias"] for r in read_tsv(LANG / "vi" / "titles.tsv")]
    places = [r["alias"] for r in read_tsv(LANG / "vi" / "aliases.tsv") if r["kind"] in ("state", "org")]
    # the place part is possessive: "Tổng thống Nga Putin" must not give back "Nga" to the name
    return re.compile(
        rf"(?<!\w)(?:{_alternation(titles)})"
        rf"((?:\s+(?:{_alternation(places)}))*+)"
        rf"(?:\s*,)?\s+((?:{_WORD})(?:\s+{_WORD}){{0,4}})"
    )


def known_names() -> set[str]:
    names: set[str] = set()
    for r in read_tsv(DATA / "persons.tsv"):
        names.update(n.lower() for n in (r["name"], r["name_ascii"], *r["aliases"].split("|")) if n)
    return names


def trim(name: str) -> str:
    """Cut a captured name at the first word that starts a new phrase."""
    kept: list[str] = []
    for w in name.split():
        if w in _STOP:
            break
        kept.append(w)
    return " ".join(kept)


def is_known(name: str, known: set[str]) -> bool:
    words = name.lower().split()
    return any(" ".join(words[:k]) in known for k in range(len(words), 0, -1))


def candidate(place: str, raw: str, known: set[str]) -> str | None:
    """The name a title introduces, or None when what follows is no person."""
    first = raw.split()[0]
    if len(first) > 1 and first.isupper():
        return None                       # an organisation: "Chủ tịch HĐQT ...", "Chủ tịch FIFA ..."
    if is_known(raw, known):              # before trimming: "Chính", "Hà", "Trung" end many names
        return raw
    name = trim(raw)
    # one word is a name only after a place ("Tổng thống Pháp Macron"), else it is a common noun
    return name if len(name.split()) >= (1 if place.strip() else 2) else None


def iter_texts(path: Path) -> Iterator[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            yield normalize(f"{doc.get('title') or ''}\n{doc.get('text') or ''}")[0]


def measure(path: Path) -> dict[str, object]:
    pattern, known = build_pattern(), known_names()
    hits: Counter[str] = Counter()
    docs = 0
    for text in iter_texts(path):
        docs += 1
        for m in pattern.finditer(text):
            name = candidate(m.group(1), m.group(2), known)
            if name:
                hits[name] += 1
    known_hits = sum(n for name, n in hits.items() if is_known(name, known))
    total = sum(hits.values())
    misses = Counter({name: n for name, n in hits.items() if not is_known(name, known)})
    return {
        "corpus": str(path), "documents": docs, "persons_known": len(known),
        "title_name_occurrences": total, "occurrences_known": known_hits,
        "coverage": round(known_hits / total, 4) if total else 0.0,
        "distinct_names": len(hits), "distinct_known": len(hits) - len(misses),
        "misses": misses,
    }


def iter_docs(path: Path) -> Iterator[tuple[str, date | None, str]]:
    """(normalised text, date, lang) from a jsonl.gz corpus or an eval set folder."""
    if path.is_dir():
        with (path / "docs.tsv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                text = (path / "texts" / row["file"]).read_text(encoding="utf-8")
                when = date.fromisoformat(row["doc_date"][:10]) if row.get("doc_date") else None
                yield normalize(text)[0], when, row.get("lang") or ""
        return
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            when = date.fromisoformat(doc["date"][:10]) if doc.get("date") else None
            yield normalize(f"{doc.get('title') or ''}\n{doc.get('text') or ''}")[0], when, ""


def measure_linker(path: Path, lang: str) -> dict[str, object]:
    from bluebook.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    bound: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    docs = titles = stateless = 0
    for text, when, doc_lang in iter_docs(path):
        docs += 1
        mentions = gaz.link(text, when, doc_lang or lang)
        persons = {(m.start, m.name): m for m in mentions if m.kind == "person"}
        for m in mentions:
            if m.kind != "title":
                continue
            titles += 1
            stateless += not m.state
            if m.resolved:
                bound["title"] += 1
        for m in persons.values():
            bound["person"] += 1
            if not m.id:
                unknown[m.text] += 1
    total = bound["person"]
    return {
        "corpus": str(path), "documents": docs, "titles": titles, "titles_without_state": stateless,
        "titles_resolved": bound["title"], "person_mentions": total,
        "person_mentions_known": total - sum(unknown.values()),
        "known_share": round((total - sum(unknown.values())) / total, 4) if total else 0.0,
        "misses": unknown,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--top", type=int, default=60, help="how many of the most frequent misses to list")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    ap.add_argument("--linker", action="store_true", help="measure the linker's person mentions")
    ap.add_argument("--lang", default="vi", help="language of a corpus without one (vi, en)")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    res = measure_linker(args.corpus, args.lang) if args.linker else measure(args.corpus)
    misses: Counter[str] = res.pop("misses")  # type: ignore[assignment]
    if args.json:
        print(json.dumps({**res, "top_misses": misses.most_common(args.top)}, ensure_ascii=False, indent=1))
        return 0
    for k, v in res.items():
        print(f"{k:24} {v}")
    what = "person names the linker found" if args.linker else "names after a title"
    print(f"\ntop {args.top} {what} that persons.tsv does not know:")
    for name, n in misses.most_common(args.top):
        print(f"{n:6d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
