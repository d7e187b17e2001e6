"""The report's language data: labels per language and a few language-neutral tables.

All of it lives in TSV files under ``report/templates/`` (``en/labels.tsv``, ``vi/labels.tsv``,
``data/*.tsv``), next to the Jinja2 templates that use it, so wording changes never touch code.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from bluebook.errors import ConfigError, DataFileError
from bluebook.gazetteer.data import read_tsv

TEMPLATES = Path(__file__).resolve().parent / "templates"
DATA = TEMPLATES / "data"
LANGS = ("en", "vi")


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ConfigError(f"no report templates for language {lang!r}", hint="use --lang en or --lang vi")
    return lang


def _table(path: Path, key: str, value: str) -> dict[str, str]:
    rows = read_tsv(path)
    if rows and (key not in rows[0] or value not in rows[0]):
        raise DataFileError(f"needs columns {key!r} and {value!r}", source=str(path),
                            hint="keep the header row of the report's data files")
    return {r[key]: r[value] for r in rows if r.get(key)}


class Labels(dict[str, str]):
    """Label text by key; a missing key shows as itself, so a gap is visible, never a crash."""

    def __missing__(self, key: str) -> str:
        return key

    def fmt(self, key: str, **kw: object) -> str:
        return self[key].format(**kw)

    def number(self, n: int) -> str:
        """'three' / 'ba' for small counts, digits beyond ten (Bluebook house style)."""
        return self.get(f"num_{n}", str(n))


@lru_cache(maxsize=4)
def labels(lang: str) -> Labels:
    return Labels(_table(TEMPLATES / check_lang(lang) / "labels.tsv", "key", "text"))


def fold(s: str) -> str:
    """Lower case, no diacritics: the key for matching names and places."""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


@lru_cache(maxsize=1)
def places() -> dict[str, tuple[str, str, str]]:
    """Folded spelling of a place -> (ISO3 of its state, English name, Vietnamese name)."""
    return {fold(r["place"]): (r.get("state", ""), r.get("name_en", ""), r.get("name_vi", ""))
            for r in read_tsv(DATA / "places.tsv") if r.get("place")}


@lru_cache(maxsize=1)
def outlets() -> dict[str, str]:
    return _table(DATA / "outlets.tsv", "host", "outlet")


@lru_cache(maxsize=1)
def channels() -> dict[str, tuple[str, str, bool]]:
    """Org or office id -> (kind, channel, is Vietnamese): party, parliament or people's diplomacy."""
    return {r["id"]: (r.get("kind", ""), r.get("channel", ""), r.get("vn", "") == "1")
            for r in read_tsv(DATA / "channels.tsv") if r.get("id")}


@lru_cache(maxsize=1)
def high_offices() -> frozenset[str]:
    return frozenset(_table(DATA / "high_offices.tsv", "office", "source"))


@lru_cache(maxsize=1)
def bilateral_orgs() -> dict[str, str]:
    """Organisations the Bluebook treats as a bilateral partner (the EU), with their region."""
    return _table(DATA / "bilateral_orgs.tsv", "id", "region")


@lru_cache(maxsize=1)
def cues() -> tuple[tuple[str, str], ...]:
    """(folded cue, meaning) pairs: 'in' (towards Viet Nam), 'chair', 'host'; longest first."""
    pairs = {(unicodedata.normalize("NFC", k).lower(), v)
             for k, v in _table(DATA / "cues.tsv", "cue", "meaning").items()}
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def vn_surnames() -> frozenset[str]:
    return frozenset(fold(s) for s in _table(DATA / "surnames.tsv", "surname", "source"))


@lru_cache(maxsize=1)
def english_articles() -> tuple[str, ...]:
    """Lower-case name beginnings that take 'the' in English ('the Philippines', 'the United States')."""
    return tuple(r["prefix"].lower() for r in read_tsv(TEMPLATES / "en" / "articles.tsv") if r.get("prefix"))


@lru_cache(maxsize=1)
def anniversary_patterns() -> tuple[re.Pattern[str], ...]:
    """Regexes whose first group is the anniversary's number of years, in either language."""
    out = []
    for r in read_tsv(DATA / "anniversary.tsv"):
        try:
            out.append(re.compile(r["pattern"], re.IGNORECASE))
        except (re.error, KeyError) as e:
            raise DataFileError(f"bad pattern {r.get('pattern')!r}: {e}", source=str(DATA / "anniversary.tsv"),
                                hint="fix the regular expression") from e
    return tuple(out)


# Characters XML 1.0 forbids (python-docx and lxml refuse them) and lone surrogates.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean(s: str | None) -> str:
    """Text from documents made safe for every format: NFC, no control characters, one space."""
    if not s:
        return ""
    return " ".join(_BAD_CHARS.sub(" ", unicodedata.normalize("NFC", str(s))).split())


@lru_cache(maxsize=1)
def titles() -> dict[tuple[str, str], tuple[str, str]]:
    """(office, state or '*' for any foreign state) -> (English title, Vietnamese title)."""
    return {(r["office"], r.get("state", "")): (r.get("title_en", ""), r.get("title_vi", ""))
            for r in read_tsv(DATA / "titles.tsv") if r.get("office")}


_PARENS = re.compile(r"\s*\([^)]*\)")


def first_title(s: str) -> str:
    """The plain title from office_kinds' descriptive text: 'Minister of Foreign Affairs / Secretary
    of State' -> 'Minister of Foreign Affairs'; 'General Secretary (of a ruling party)' -> 'General Secretary'."""
    return _PARENS.sub("", s or "").split(" / ")[0].strip()


@lru_cache(maxsize=1)
def short_names() -> dict[str, tuple[str, str]]:
    """Organisations the Bluebook calls by their short name ('ASEAN', 'APEC'): id -> (English, Vietnamese)."""
    return {r["id"]: (r.get("name_en", ""), r.get("name_vi", "")) for r in read_tsv(DATA / "short_names.tsv")
            if r.get("id")}


@lru_cache(maxsize=1)
def frameworks() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(pattern, English name, Vietnamese name) of partnership frameworks, most specific first."""
    out = []
    for r in read_tsv(DATA / "frameworks.tsv"):
        try:
            out.append((re.compile(r["pattern"], re.IGNORECASE), r.get("name_en", ""), r.get("name_vi", "")))
        except (re.error, KeyError) as e:
            raise DataFileError(f"bad pattern {r.get('pattern')!r}: {e}", source=str(DATA / "frameworks.tsv"),
                                hint="fix the regular expression") from e
    return tuple(out)
