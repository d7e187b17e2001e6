"""Shared helpers for the gazetteer tests: link a text of our own and look at what came out."""
from __future__ import annotations

from datetime import date

from bluebook.clean.normalize import normalize
from bluebook.gazetteer import get_gazetteer
from bluebook.models import Mention


def link(text: str, lang: str = "vi", when: str | None = "2025-03-01") -> list[Mention]:
    norm = normalize(text)[0]
    return get_gazetteer().link(norm, date.fromisoformat(when) if when else None, lang)


def ids(text: str, lang: str = "vi", when: str | None = "2025-03-01") -> list[str]:
    return [m.id for m in link(text, lang, when)]


def first(mentions: list[Mention], kind: str, text: str | None = None) -> Mention:
    found = [m for m in mentions if m.kind == kind and (text is None or m.text == text)]
    assert found, f"no {kind} mention {text or ''} in {[(m.text, m.kind) for m in mentions]}"
    return found[0]
