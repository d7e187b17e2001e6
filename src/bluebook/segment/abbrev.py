"""Abbreviation tables: which words ending in a dot do not end a sentence.

The tables live in ``lang/<lang>/abbreviations.tsv`` (columns ``abbreviation``,
``note``, ``source``). The first word of ``note`` is the class the splitter
acts on:

- ``title``: precedes a name (TS., Mr., TP.); never ends a sentence.
- ``number``: precedes a number (No., Tr., Sept.); no break before a digit.
- ``inner``: lives inside a sentence (e.g., i.e., vs.); never ends one.
- ``final``: usually closes a list (etc., v.v.); a capital after it starts a sentence.
- ``ambiguous``: may close a sentence (U.S., Inc., p.m.); a break only before
  a word that typically starts one (The, He, Ông, Theo...).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bluebook.errors import DataFileError

CLASSES = ("title", "number", "inner", "final", "ambiguous")
LANG_DIR = Path(__file__).resolve().parents[1] / "lang"
HEADER = ["abbreviation", "note", "source"]

# U.S., e.g., a.m.: letters each followed by a dot (the final dot excluded here).
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def read_table(path: Path) -> dict[str, str]:
    """Abbreviation -> class from one TSV file; malformed files raise DataFileError."""
    hint = "fix the file: a header 'abbreviation<TAB>note<TAB>source', a class word first in note"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise DataFileError(f"cannot read abbreviation table: {e}", source=str(path), hint=hint) from e
    if not lines or lines[0].split("\t") != HEADER:
        raise DataFileError("bad or missing header", source=str(path), hint=hint)
    table: dict[str, str] = {}
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0] or not fields[2]:
            raise DataFileError(f"line {n}: expected 3 non-empty fields", source=str(path), hint=hint)
        kind = fields[1].split(":", 1)[0].strip()
        if kind not in CLASSES:
            raise DataFileError(f"line {n}: unknown class {kind!r} (one of {', '.join(CLASSES)})",
                                source=str(path), hint=hint)
        table[fields[0]] = kind
    return table


@lru_cache(maxsize=4)
def load_abbreviations(langs: tuple[str, ...] = ("vi", "en")) -> dict[str, str]:
    """Union of the tables of ``langs``: news in one language quotes the other's titles."""
    merged: dict[str, str] = {}
    for lang in langs:
        merged.update(read_table(LANG_DIR / lang / "abbreviations.tsv"))
    return merged


def classify(token: str, table: dict[str, str]) -> str | None:
    """Class of ``token`` (a word ending in '.'), or None when it is an ordinary word.

    Uppercase single letters are initials (V. Putin) and count as titles.
    """
    kind = table.get(token)
    if kind is not None:
        return kind
    body = token[:-1]
    if not body:
        return None
    if len(body) > 1 and body.isupper() and "." not in body:
        # Transcripts write titles in capitals: "MS. PSAKI", "MR. KIRBY".
        kind = table.get(body.capitalize() + ".")
        if kind is not None:
            return kind
    if len(body) == 1:
        return "title" if body.isupper() else None
    # "Mekong-U.S." and "Viet-U.S." end in the acronym.
    body = body.rsplit("-", 1)[-1].rsplit("/", 1)[-1]
    if "." in body:
        # PGS.TS. and GS.TSKH. take the class of their last part; U.S. and
        # e.g. spelled with dots are acronyms.
        kind = table.get(body.rsplit(".", 1)[1] + ".")
        if kind is not None:
            return kind
        if _DOTTED.fullmatch(body):
            return "ambiguous" if body.isupper() else "inner"
    return None
