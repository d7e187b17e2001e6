"""The linker over real news (read from ../shared at run time; skipped when it is absent)."""
from __future__ import annotations

import gzip
import json
import re
from datetime import date
from itertools import islice
from pathlib import Path

import pytest

from bluebook.clean.normalize import normalize
from bluebook.gazetteer import get_gazetteer

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
_CITY = re.compile(r"(?<!\w)(?:thành phố|tp)\.?\s*$", re.IGNORECASE)


def _docs(name: str, n: int):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in islice(fh, n):
            d = json.loads(line)
            yield normalize(f"{d.get('title') or ''}\n{d.get('text') or ''}")[0], date.fromisoformat(d["date"][:10])


@pytest.mark.parametrize("name,lang", [("vi-news-2024.jsonl.gz", "vi"), ("en-whitehouse-vietnam.jsonl.gz", "en")])
def test_mentions_are_exact_spans_in_order(name, lang):
    gaz = get_gazetteer()
    for text, when in _docs(name, 150):
        ms = gaz.link(text, when, lang)
        assert [m.start for m in ms] == sorted(m.start for m in ms)
        for m in ms:
            assert text[m.start:m.end] == m.text and m.id or m.kind == "person"


def test_the_city_named_after_the_president_is_never_a_person():
    gaz = get_gazetteer()
    for text, when in _docs("vi-news-2024.jsonl.gz", 600):
        for m in gaz.link(text, when, "vi"):
            if m.id == "ho-chi-minh":
                before = text[max(0, m.start - 12):m.start]
                assert not _CITY.search(before), text[m.start - 20:m.end + 5]
