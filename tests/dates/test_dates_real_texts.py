"""find_dates on real news from ../shared (read at run time, skipped when absent)."""
from __future__ import annotations

import csv
import gzip
import json
from datetime import date
from itertools import islice

import pytest

from bluebook.dates import find_dates, parse_iso_partial
from tests.dates.helpers import SHARED

DEV = SHARED / "eval" / "dev"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"


def _need(path):
    if not path.exists():
        pytest.skip(f"{path} not available")


def _well_formed(text, out):
    last = 0
    for e in out:
        assert text[e.start:e.end] == e.text and e.start >= last
        parse_iso_partial(e.date)
        if e.date_end:
            parse_iso_partial(e.date_end)
        last = e.end


def test_dev_set_gold_event_dates_are_mostly_among_the_dates_found():
    """Most gold dates are written in the text (the rest are inferred from the document date)."""
    _need(DEV / "docs.tsv")
    total = hit = 0
    with open(DEV / "docs.tsv", encoding="utf-8") as fh:
        docs = list(csv.DictReader(fh, delimiter="\t"))
    for row in docs:
        text = (DEV / "texts" / row["file"]).read_text(encoding="utf-8")
        out = find_dates(text, date.fromisoformat(row["doc_date"]), row["lang"])
        _well_formed(text, out)
        have = {e.date for e in out}
        gold_path = DEV / "gold" / (row["file"].rsplit(".", 1)[0] + ".jsonl")
        for line in gold_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                total += 1
                hit += json.loads(line)["date"] in have
    assert total > 50
    assert hit / total >= 0.75, f"{hit}/{total} gold dates found"


def test_seed_texts_yield_their_headline_dates():
    _need(SEEDS / "000_861afc026a1f6e33.txt")
    g20 = (SEEDS / "000_861afc026a1f6e33.txt").read_text(encoding="utf-8")
    assert ("tối 22/11", "2020-11-22") in {(e.text, e.date) for e in find_dates(g20, date(2020, 11, 22))}
    apec = (SEEDS / "001_71f28d91dc206ae9.txt").read_text(encoding="utf-8")
    assert ("Hôm nay (8-11)", "2021-11-08") in {
        (e.text, e.date) for e in find_dates(apec, date(2021, 11, 10))}
    book = (SEEDS / "004_11283fcd58105fed.txt").read_text(encoding="utf-8")
    out = find_dates(book, date(2020, 12, 31), "en")
    _well_formed(book, out)
    dates = [e.date for e in out]
    # "(March, May and August 2020)": one expression for each month
    i = next(i for i, e in enumerate(out) if e.text == "March" and e.date == "2020-03"
             and out[i + 1].text == "May" and out[i + 2].text == "August")
    assert dates[i:i + 3] == ["2020-03", "2020-05", "2020-08"]
    assert "2020-08-01" in dates  # "on 1st August 2020"


@pytest.mark.parametrize(("name", "lang", "n"), [("vi-news-2024.jsonl.gz", "vi", 300),
                                                 ("en-whitehouse-vietnam.jsonl.gz", "en", 60)])
def test_corpus_documents_give_well_formed_dates(name, lang, n):
    _need(CORPUS / name)
    count = 0
    with gzip.open(CORPUS / name, "rt", encoding="utf-8") as fh:
        for line in islice(fh, n):
            doc = json.loads(line)
            text = doc.get("text") or ""
            out = find_dates(text, date.fromisoformat(doc["date"][:10]), lang)
            _well_formed(text, out)
            count += len(out)
    assert count > n  # real news is full of dates
