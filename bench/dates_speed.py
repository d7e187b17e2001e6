"""How fast is find_dates on about 1 MB of real news? (target: well under a second per MB)

Reads ../shared/corpus/*.jsonl.gz when present, otherwise repeats a small
text of our own. Two ways: sentence by sentence, as the extractor calls it
(lines cut at sentence stops; the gate skips rules a sentence cannot meet),
and the whole megabyte in one call. Prints MB, CPU seconds, MB/s and the
number of expressions found, and how many sentences has_date_hint lets through.
Usage: python bench/dates_speed.py [--mb 1.0] [--lang vi|en]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from datetime import date
from pathlib import Path

from bluebook.dates import find_dates, has_date_hint

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
CORPUS = {"vi": "vi-news-2024.jsonl.gz", "en": "en-whitehouse-vietnam.jsonl.gz"}
FALLBACK = {
    "vi": "Sáng 5/3, Thủ tướng tiếp Đại sứ. Từ ngày 26 đến 28/10, đoàn thăm Lào; quý III năm nay, "
          "tỉ số 2-1, chiếm 3/5 diện tích. Hôm nay (8-11) hội nghị khai mạc.\n",
    "en": "On 8 July 2020 the ministers met; from 26 to 28 October they held talks (March, May and "
          "August 2020). Last week, 4-3 win, COVID-19.\n",
}


def sample(lang: str, mb: float) -> str:
    want = int(mb * 1_000_000)
    path = SHARED / CORPUS[lang]
    parts: list[str] = []
    size = 0
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                parts.append(text)
                size += len(text.encode("utf-8"))
                if size >= want:
                    break
    while size < want:
        parts.append(FALLBACK[lang])
        size += len(FALLBACK[lang].encode("utf-8"))
    return "\n\n".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--lang", choices=("vi", "en"), default=None)
    args = ap.parse_args()
    ref = date(2024, 6, 1)
    for lang in ([args.lang] if args.lang else ["vi", "en"]):
        text = sample(lang, args.mb)
        mb = len(text.encode("utf-8")) / 1e6
        find_dates("ngày 1/1", date(2024, 1, 1), lang)  # compile the rules outside the timing
        sents = [s for s in _SENT.split(text) if s.strip()]
        t0 = time.process_time()
        n = sum(len(find_dates(s, ref, lang)) for s in sents)
        dt = time.process_time() - t0
        hinted = sum(has_date_hint(s, lang) for s in sents)
        print(f"{lang} by sentence: {mb:.2f} MB, {len(sents):,} sentences, {dt:.3f} s, {mb / dt:.2f} MB/s, "
              f"{n:,} dates, {dt / len(sents) * 1e6:.1f} us/sentence, hint on {hinted / len(sents):.0%}")
        t0 = time.process_time()
        found = find_dates(text, ref, lang)
        dt = time.process_time() - t0
        print(f"{lang} one text:    {mb:.2f} MB, {len(text):,} chars, {dt:.3f} s, {mb / dt:.2f} MB/s, "
              f"{len(found):,} dates")


_SENT = re.compile(r"(?<=[.!?])\s+|\n+")


if __name__ == "__main__":
    main()
