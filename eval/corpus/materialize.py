"""Rebuild the corpus-backed evaluation sets: python eval/corpus/materialize.py [--check]

Each set folder ``eval/corpus/<name>/`` holds only what may be committed:
``docs.tsv`` (file, doc_date, lang, corpus, record_id), ``split.tsv`` (stem, split) and
``gold/<stem>.jsonl`` whose events point at their evidence by character offsets
(``evidence_start``, ``evidence_end``) into the record's ``text``. The texts stay in
``../shared/corpus`` because the corpus licence forbids copying them into the project.

This script writes, for every set:
  * ``<name>/texts/<stem>.txt``: the record's ``text`` field, exactly;
  * ``<name>_<split>/`` for every split named in ``split.tsv``: ``docs.tsv``, ``texts/`` and
    ``gold/`` (with ``evidence`` restored from the offsets), ready for ``eval/run.py``.
It is idempotent: generated split folders are rebuilt from scratch on each run.
With ``--check`` it only validates (offsets fit, evidence is not blank) and writes nothing.
"""
from __future__ import annotations

import csv
import gzip
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from bluebook.errors import BluebookError, MalformedRecordError, NotFoundError

HERE = Path(__file__).resolve().parent
CORPUS_DIR = HERE.parents[1].parent / "shared" / "corpus"
DOCS_FIELDS = ("file", "doc_date", "lang", "corpus", "record_id")


def read_tsv(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.exists():
        raise NotFoundError("missing", source=str(path), hint="every set needs docs.tsv and split.tsv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    if rows and not set(required) <= set(rows[0]):
        raise MalformedRecordError(f"header lacks {sorted(set(required) - set(rows[0]))}", source=str(path),
                                   hint="header must be " + "\\t".join(required))
    return rows


def load_records(corpus: str, ids: set[str]) -> dict[str, str]:
    """The ``text`` of each wanted record id, read from one corpus file."""
    path = CORPUS_DIR / corpus
    if not path.exists():
        raise NotFoundError("corpus file not found", source=str(path),
                            hint="the shared corpus must sit at ../shared/corpus beside the repo")
    out: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("id") in ids:
                out[rec["id"]] = rec["text"]
    missing = ids - set(out)
    if missing:
        raise NotFoundError(f"record ids not in corpus: {sorted(missing)[:3]}", source=str(path),
                            hint="docs.tsv record_id must be a corpus id")
    return out


def restore_gold(path: Path, text: str) -> list[dict[str, Any]]:
    """Gold events of one document with ``evidence`` cut from ``text`` by their offsets."""
    events = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            ev = json.loads(line)
            start, end = int(ev["evidence_start"]), int(ev["evidence_end"])
        except (ValueError, KeyError, TypeError) as exc:
            raise MalformedRecordError(f"bad gold line ({exc})", source=where,
                                       hint="each event needs integer evidence_start and evidence_end") from None
        if not 0 <= start < end <= len(text):
            raise MalformedRecordError(f"offsets {start}:{end} do not fit a text of {len(text)} characters",
                                       source=where, hint="the corpus record changed or the offsets are wrong")
        evidence = text[start:end]
        if evidence != evidence.strip() or not evidence.strip():
            raise MalformedRecordError(f"evidence {evidence!r} has blank edges", source=where,
                                       hint="offsets must cover the evidence words exactly")
        if "evidence" in ev and ev["evidence"] != evidence:
            raise MalformedRecordError("stored evidence differs from the text at its offsets", source=where)
        ev["evidence"] = evidence
        events.append(ev)
    return events


def write_docs(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(DOCS_FIELDS), delimiter="\t", lineterminator="\n",
                           extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def materialize(set_dir: Path, check_only: bool = False) -> dict[str, int]:
    """Write texts and split folders for one set; return documents per split."""
    docs = read_tsv(set_dir / "docs.tsv", DOCS_FIELDS)
    splits = {r["stem"]: r["split"] for r in read_tsv(set_dir / "split.tsv", ("stem", "split"))}
    texts: dict[str, str] = {}
    for corpus in sorted({r["corpus"] for r in docs}):
        rows = [r for r in docs if r["corpus"] == corpus]
        records = load_records(corpus, {r["record_id"] for r in rows})
        texts.update({Path(r["file"]).stem: records[r["record_id"]] for r in rows})
    gold = {}
    for stem, text in texts.items():
        path = set_dir / "gold" / f"{stem}.jsonl"
        if not path.exists():
            raise NotFoundError("gold file missing", source=str(path), hint="an empty file means no events")
        if stem not in splits:
            raise MalformedRecordError(f"{stem} has no split", source=str(set_dir / "split.tsv"))
        gold[stem] = restore_gold(path, text)
    counts: dict[str, int] = {}
    for split in sorted(set(splits.values())):
        counts[split] = sum(1 for s in texts if splits.get(s) == split)
    if check_only:
        return counts
    (set_dir / "texts").mkdir(exist_ok=True)
    for stem, text in texts.items():
        # newline="" keeps the record's line endings byte for byte, so offsets stay valid.
        (set_dir / "texts" / f"{stem}.txt").write_text(text, encoding="utf-8", newline="")
    for split in counts:
        rows = [r for r in docs if splits.get(Path(r["file"]).stem) == split]
        write_split(set_dir.parent / f"{set_dir.name}_{split}", rows, texts, gold)
    return counts


def write_split(out: Path, rows: list[dict[str, str]], texts: dict[str, str],
                gold: dict[str, list[dict[str, Any]]]) -> None:
    """A scorable set folder made anew: docs.tsv, texts/ and gold/ (evidence restored) for ``rows``."""
    if out.exists():
        shutil.rmtree(out)
    (out / "texts").mkdir(parents=True)
    (out / "gold").mkdir()
    write_docs(out / "docs.tsv", rows)
    for r in rows:
        stem = Path(r["file"]).stem
        (out / "texts" / f"{stem}.txt").write_text(texts[stem], encoding="utf-8", newline="")
        with (out / "gold" / f"{stem}.jsonl").open("w", encoding="utf-8") as fh:
            for ev in gold[stem]:
                fh.write(json.dumps(ev, ensure_ascii=False) + "\n")


def set_dirs() -> list[Path]:
    """Committed set folders: those with a split.tsv (generated split folders have none)."""
    return sorted(p.parent for p in HERE.glob("*/split.tsv"))


def main(argv: list[str]) -> int:
    check_only = "--check" in argv
    try:
        for set_dir in set_dirs():
            counts = materialize(set_dir, check_only)
            done = "checked" if check_only else "written"
            print(f"{set_dir.name}: " + ", ".join(f"{k}={v}" for k, v in counts.items()) + f" docs {done}")
    except BluebookError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
