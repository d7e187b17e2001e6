"""Date words of one language, read from ``lang/<lang>/dates.tsv``.

The TSV has the columns ``kind``, ``text``, ``value``, ``source``: month
names, weekday names, parts of the day, relative phrases, context words and so
on (see the KINDS table below). Adding a language means adding such a file
and a rule module, not editing the scanner.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from bluebook.errors import DataFileError

LANG_DIR = Path(__file__).resolve().parents[1] / "lang"
COLUMNS = ("kind", "text", "value", "source")

# kind -> how its value column is read: "int", "str", "date" or "" (unused, may be empty).
KINDS: dict[str, str] = {
    "month": "int",            # month name -> 1..12
    "month_abbr": "int",       # abbreviation, only next to a day or year
    "weekday": "int",          # weekday word -> 0 (Monday)..6
    "weekday_abbr": "int",
    "weekday_mod": "str",      # on/last/next/this, tới/trước -> past|before|after|week0|week1|week-1
    "daypart": "",             # sáng, chiều, tối ...: part of a dated expression
    "day_word": "",            # ngày, hôm, mùng: noun heading a day
    "relative": "str",         # phrase -> unit:offset (day, week, weekend, near_weekend, month, quarter, year)
    "part": "str",             # part of a month or year -> early|mid|late
    "direction": "int",        # "tháng 10 tới" -> +1, "vừa qua" -> -1
    "quarter": "int",          # quarter numeral or word -> 1..4
    "half": "int",             # first/second half -> 1..2
    "context": "",             # word before a date that makes "5-4" a date, not a score
    "not_before": "",          # word before a bare "3/5" that makes it a score or fraction
    "not_after": "",           # word after a bare "3/5" that makes it a fraction (measure noun)
    "not_bare": "",            # bare d/m strings that are idioms, e.g. 24/7
    "month_context": "",       # word before a lone month name that makes it a date
    "year_context": "",        # word before a bare 1945..2100 number that makes it a year
    "span_before": "",         # word before "2021-2025" that makes it a year span
    "span_after": "",          # word after "2021-2025" that makes it a year span
    "quantity": "",            # number words: "hai năm trước" is a duration, not a date
    "unit": "str",             # ngày/tuần/tháng/năm, days/weeks -> day|week|month|year ("2 năm trước")
    "ago": "",                 # word after "N units" that counts back from the document date
    "ago_before": "",          # word before "N units" that does the same ("cách đây 2 năm")
    "ago_stop": "",            # word after "N units trước" that counts from another event ("trước đó")
    "tet_before": "",          # word before "Tết" that makes it a date ("dịp Tết")
    "not_day_before": "",      # word before a number that makes it a month, year or ordinal
    "lunar": "",               # word after a day/month that makes it a lunar date ("âm lịch")
    "number": "int",           # number words 1..12: "sáu tháng đầu năm", "first six months"
    "tet": "date",             # lunar year -> Gregorian date of Tết (mùng 1 tháng Giêng)
    "tet_word": "",            # words naming Tết Nguyên đán
    "festival": "str",         # fixed-date festival -> MM-DD
    "festival_other": "",      # "Tết X" that is not Tết Nguyên đán (Trung thu ...)
    "can": "int",              # heavenly stem -> 0..9
    "chi": "int",              # earthly branch -> 0..11
}


@dataclass(frozen=True)
class Lexicon:
    lang: str
    path: str
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    tet: dict[int, date] = field(default_factory=dict)
    folded: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for kind, table in self.rows.items():
            self.folded[kind] = {" ".join(k.split()).casefold(): v for k, v in table.items()}

    def words(self, kind: str) -> list[str]:
        return list(self.rows.get(kind, {}))

    def value(self, kind: str, text: str) -> str:
        """Value of ``text`` under ``kind``, matched exactly, then case- and space-insensitively."""
        table = self.rows.get(kind, {})
        if text in table:
            return table[text]
        return self.folded.get(kind, {})[" ".join(text.split()).casefold()]

    def int_value(self, kind: str, text: str) -> int:
        return int(self.value(kind, text))


def load_lexicon(path: Path, lang: str = "") -> Lexicon:
    """Read and check one dates.tsv; every problem is a DataFileError naming the file and row."""
    src = str(path)
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader, None)
            if header is None or tuple(h.strip() for h in header) != COLUMNS:
                raise DataFileError(f"bad header {header!r}", source=src,
                                    hint="the first line must be: " + "\t".join(COLUMNS))
            rows: dict[str, dict[str, str]] = {}
            tet: dict[int, date] = {}
            for n, row in enumerate(reader, start=2):
                if not row or not "".join(row).strip() or row[0].startswith("#"):
                    continue
                _check_row(row, n, src)
                kind, text, value = row[0], row[1], row[2]
                if kind == "tet":
                    tet[int(text)] = date.fromisoformat(value)
                rows.setdefault(kind, {})[text] = value
    except OSError as exc:
        raise DataFileError(f"cannot read date words: {exc}", source=src,
                            hint="reinstall bluebook; the file ships with the package") from exc
    except UnicodeDecodeError as exc:
        raise DataFileError("not UTF-8", source=src, hint="save the file as UTF-8") from exc
    return Lexicon(lang=lang or path.parent.name, path=src, rows=rows, tet=tet)


def _check_row(row: list[str], n: int, src: str) -> None:
    def bad(msg: str) -> DataFileError:
        return DataFileError(f"line {n}: {msg}", source=src,
                             hint="columns are kind, text, value, source, separated by tabs")
    if len(row) != len(COLUMNS):
        raise bad(f"{len(row)} columns instead of {len(COLUMNS)}")
    kind, text, value, source = row
    if kind not in KINDS:
        raise bad(f"unknown kind {kind!r}")
    if not text.strip() or text != text.strip():
        raise bad("empty text or stray spaces around it")
    if not source.strip():
        raise bad("empty source: say where the word comes from")
    typ = KINDS[kind]
    try:
        if typ == "int":
            int(value)
        elif typ == "date":
            int(text)
            date.fromisoformat(value)
        elif typ == "str" and not value:
            raise ValueError("empty")
    except ValueError:
        raise bad(f"value {value!r} is not a valid {typ} for kind {kind}") from None


@lru_cache(maxsize=8)
def get_lexicon(lang: str) -> Lexicon:
    return load_lexicon(LANG_DIR / lang / "dates.tsv", lang)
