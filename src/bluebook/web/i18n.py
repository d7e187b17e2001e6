"""UI wording in Vietnamese and English, read from ``i18n/{vi,en}.tsv``, and the choice of language.

The language comes from ``?lang=`` (which also sets a cookie), else the cookie, else the
browser's Accept-Language, else Vietnamese: the Bluebook's first readers.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from starlette.requests import Request

from bluebook.errors import DataFileError
from bluebook.gazetteer.data import load_data, read_tsv

I18N = Path(__file__).resolve().parent / "i18n"
LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
COOKIE = "bb_lang"


class Strings(dict[str, str]):
    """Text by key; a missing key shows as itself so a gap is visible on the page, never a crash."""

    lang: str = DEFAULT_LANG

    def __missing__(self, key: str) -> str:
        return key

    def __call__(self, key: str, **kw: object) -> str:
        text = self[key]
        return text.format(**kw) if kw else text


@lru_cache(maxsize=len(LANGS))
def strings(lang: str) -> Strings:
    path = I18N / f"{lang}.tsv"
    rows = read_tsv(path)
    if not rows or not {"key", "text", "source"} <= set(rows[0]):
        raise DataFileError("UI strings need the columns key, text, source", source=str(path),
                            hint="restore the header row of the file")
    out = Strings({r["key"]: r["text"].replace("\\n", "\n") for r in rows if r["key"]})
    out.lang = lang
    return out


def pick_lang(request: Request) -> str:
    q = request.query_params.get("lang", "")
    if q in LANGS:
        return q
    c = request.cookies.get(COOKIE, "")
    if c in LANGS:
        return c
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGS:
            return tag
    return DEFAULT_LANG


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, str]]:
    return {k: (e.name_en, e.name_vi) for k, e in load_data().entities.items()}


def party_name(code: str, lang: str) -> str:
    """'LAO' -> 'Laos' / 'Lào'; an unknown code is shown as itself."""
    en_vi = _names().get(code)
    if not en_vi:
        return code
    return (en_vi[1] if lang == "vi" else en_vi[0]) or en_vi[0] or code


def type_name(event_type: str, lang: str) -> str:
    return strings(lang)[f"type_{event_type}"]
