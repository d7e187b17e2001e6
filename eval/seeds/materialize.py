"""Rebuild the seed-backed evaluation sets: python eval/seeds/materialize.py [--check]

``eval/seeds/bluebook/`` holds only what may be committed: ``docs.tsv`` (file, doc_date, lang,
seed, start_line, end_line, split) naming a section of a seed file in ``../shared/seeds`` by its
1-based inclusive line range, and ``gold/<stem>.jsonl`` whose events point at their evidence by
character offsets (``evidence_start``, ``evidence_end``) into that section. A section's text is
its lines joined exactly as in the seed file, each with its newline.

This script writes:
  * ``bluebook/texts/<file>``: the section text, exactly;
  * ``bb_<split>/`` for every split in docs.tsv: ``docs.tsv`` (file, doc_date, lang), ``texts/``
    and ``gold/`` (with ``evidence`` restored from the offsets), ready for ``eval/run.py``.
It is idempotent: the split folders are rebuilt from scratch on each run. With ``--check`` it
only validates (line ranges and offsets fit, evidence has no blank edges) and writes nothing.
"""
from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from typing import Any

from bluebook.errors import BluebookError, MalformedRecordError, NotFoundError

HERE = Path(__file__).resolve().parent
SEEDS_DIR = HERE.parents[1].parent / "shared" / "seeds"
SET_DIR = HERE / "bluebook"
DOCS_FIELDS = ("file", "doc_date", "lang", "seed", "start_line", "end_line", "split")


def read_docs(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise NotFoundError("missing", source=str(path), hint="the set needs docs.tsv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    if not rows or not set(DOCS_FIELDS) <= set(rows[0]):
        raise MalformedRecordError("empty, or header is not " + "\\t".join(DOCS_FIELDS), source=str(path),
                                   hint="one row per section: " + ", ".join(DOCS_FIELDS))
    return rows


def _corpus_materialize() -> Any:
    """eval/corpus/materialize.py, whose gold reader this set shares (offsets into a text not stored here)."""
    spec = importlib.util.spec_from_file_location("corpus_materialize", Path(__file__).parents[1] / "corpus" / "materialize.py")
    if spec is None or spec.loader is None:
        raise NotFoundError("eval/corpus/materialize.py not found", source=str(Path(__file__).parents[1] / "corpus"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def restore_gold(path: Path, text: str) -> list[dict[str, Any]]:
    """Gold events of one section with ``evidence`` cut from ``text`` by their offsets."""
    return _corpus_materialize().restore_gold(path, text)


def seed_lines(name: str) -> list[str]:
    """The seed file's lines, each with its newline (the last one only if the file has it)."""
    path = SEEDS_DIR / name
    if not path.is_file():
        raise NotFoundError("seed file not found", source=str(path),
                            hint="the shared seeds must sit at ../shared/seeds beside the repo")
    # newline="" and split on "\n" only: str.splitlines would also cut at \x0c, \u2028 and the
    # like, and the offsets count characters of the text as the file holds it.
    raw = path.read_text(encoding="utf-8", errors="strict")
    parts = raw.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def section_text(row: dict[str, str], where: str) -> str:
    try:
        start, end = int(row["start_line"]), int(row["end_line"])
    except (TypeError, ValueError):
        raise MalformedRecordError(f"bad line range {row.get('start_line')!r}-{row.get('end_line')!r}",
                                   source=where, hint="start_line and end_line are 1-based integers") from None
    lines = seed_lines(row["seed"])
    if not 1 <= start <= end <= len(lines):
        raise MalformedRecordError(f"lines {start}-{end} do not fit {row['seed']} ({len(lines)} lines)",
                                   source=where, hint="the seed file changed or the range is wrong")
    return "".join(lines[start - 1:end])


def materialize(set_dir: Path = SET_DIR, check_only: bool = False) -> dict[str, int]:
    """Write texts and split folders for the set; return documents per split."""
    docs_path = set_dir / "docs.tsv"
    docs = read_docs(docs_path)
    texts: dict[str, str] = {}
    gold: dict[str, list[dict[str, Any]]] = {}
    for n, row in enumerate(docs, 2):
        stem = Path(row["file"]).stem
        texts[stem] = section_text(row, f"{docs_path}:{n}")
        path = set_dir / "gold" / f"{stem}.jsonl"
        if not path.exists():
            raise NotFoundError("gold file missing", source=str(path), hint="an empty file means no events")
        gold[stem] = restore_gold(path, texts[stem])
    counts: dict[str, int] = {}
    for row in docs:
        counts[row["split"]] = counts.get(row["split"], 0) + 1
    if check_only:
        return counts
    (set_dir / "texts").mkdir(exist_ok=True)
    for row in docs:
        # newline="" writes the section byte for byte, so the offsets stay valid.
        (set_dir / "texts" / row["file"]).write_text(texts[Path(row["file"]).stem], encoding="utf-8", newline="")
    for split in sorted(counts):
        rows = [r for r in docs if r["split"] == split]
        _corpus_materialize().write_split(set_dir.parent / f"bb_{split}", rows, texts, gold)
    return counts


def main(argv: list[str]) -> int:
    check_only = "--check" in argv
    try:
        counts = materialize(SET_DIR, check_only)
    except BluebookError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except (OSError, UnicodeDecodeError) as exc:
        print(f"E002: {exc} (check that ../shared/seeds is readable UTF-8)", file=sys.stderr)
        return 1
    done = "checked" if check_only else "written"
    print(f"{SET_DIR.name}: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())) + f" docs {done}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
