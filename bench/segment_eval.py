"""Compare sentence splitters: boundary precision/recall on our test set, speed in MB/s.

    .venv/bin/python bench/segment_eval.py [--mb 20] [--no-libs]

Test set: tests/segment/data/boundaries.txt (hand-written, vi and en, hard
cases). Candidates: bluebook's splitter and, where installed, underthesea's
sent_tokenize, pysbd (English rules; it has no Vietnamese), NLTK punkt
(untrained, and trained on a corpus sample). Libraries that ignore line
breaks are also run line by line ("+lines"), the best case for lists and
the worst for wrapped text. Also reported: on the dev set (../shared/eval),
the share of gold evidence strings that fall inside one sentence.
Speed, in MB of UTF-8 per CPU second, on plain text (the seeds and dev
texts) and on the markdown corpus (../shared/corpus), if present.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
sys.path.insert(0, str(ROOT / "tests" / "segment"))

from goldset import GOLD_PATH, load_cases, score  # noqa: E402

from bluebook.segment.splitter import split_sentences  # noqa: E402

Splitter = Callable[[str, str], list[tuple[int, int]]]


def _spans_from_strings(text: str, sents: list[str]) -> list[tuple[int, int]]:
    """Offsets of sentences a library returned as strings (it may alter spacing)."""
    spans, pos = [], 0
    for s in sents:
        s = s.strip()
        if not s:
            continue
        i = text.find(s, pos)
        if i < 0:
            i = text.find(s[:20], pos)
        if i < 0:
            continue
        spans.append((i, i + len(s)))
        pos = i + 1
    return spans


def _by_lines(split: Splitter) -> Splitter:
    def run(text: str, lang: str) -> list[tuple[int, int]]:
        out = []
        for m in re.finditer(r"[^\n]+", text):
            out.extend((m.start() + a, m.start() + b) for a, b in split(m.group(), lang))
        return out
    return run


def candidates(corpus_sample: str) -> dict[str, Splitter]:
    c: dict[str, Splitter] = {"bluebook": lambda t, lang: split_sentences(t, lang=lang)}
    try:
        from underthesea import sent_tokenize
        c["underthesea"] = lambda t, lang: _spans_from_strings(t, sent_tokenize(t))
    except ImportError:
        print("underthesea: not installed")
    try:
        import pysbd
        seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
        c["pysbd(en)"] = lambda t, lang: [(s.start, s.end) for s in seg.segment(t)]
    except ImportError:
        print("pysbd: not installed")
    try:
        from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer
        plain = PunktSentenceTokenizer()
        c["punkt(untrained)"] = lambda t, lang: list(plain.span_tokenize(t))
        if corpus_sample:
            trainer = PunktTrainer()
            trainer.INCLUDE_ALL_COLLOCS = True
            trainer.train(corpus_sample, finalize=True)
            trained = PunktSentenceTokenizer(trainer.get_params())
            c["punkt(corpus-trained)"] = lambda t, lang: list(trained.span_tokenize(t))
    except ImportError:
        print("nltk: not installed")
    for name in [n for n in c if n != "bluebook"]:
        c[name + "+lines"] = _by_lines(c[name])
    return c


def corpus_texts(limit_chars: int) -> list[str]:
    out, n = [], 0
    for name in ("vi-news-2024.jsonl.gz", "en-whitehouse-vietnam.jsonl.gz"):
        path = SHARED / "corpus" / name
        if not path.exists():
            continue
        with gzip.open(path, "rt", encoding="utf-8") as f:
            got = 0
            for line in f:
                t = json.loads(line).get("text") or ""
                out.append(t)
                got += len(t)
                if got >= limit_chars // 2:
                    break
        n += got
    return out


def evidence_containment(split: Splitter) -> tuple[int, int]:
    """Gold evidence strings of the dev set lying inside one sentence / found in the text."""
    dev = SHARED / "eval" / "dev"
    inside = found = 0
    if not dev.exists():
        return 0, 0
    for gold in sorted((dev / "gold").glob("*.jsonl")):
        text_path = dev / "texts" / (gold.stem + ".txt")
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        lang = "en" if gold.stem.endswith("_en") or gold.stem.startswith("004") else "vi"
        spans = split(text, lang)
        for line in gold.read_text(encoding="utf-8").splitlines():
            ev = json.loads(line).get("evidence", "")
            i = text.find(ev) if ev else -1
            if i < 0:
                continue
            found += 1
            inside += any(a <= i and i + len(ev) <= b for a, b in spans)
    return inside, found


def plain_texts(copies: int) -> list[str]:
    """The seeds and dev texts (plain text, no markdown), ``copies`` times over."""
    paths = sorted((SHARED / "seeds").glob("*")) + sorted((SHARED / "eval" / "dev" / "texts").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths if p.is_file()] * copies


def speed(split: Splitter, texts: list[str], repeat: int = 3) -> float:
    """MB (UTF-8) per CPU second, best of ``repeat`` runs (CPU time: other work on a shared machine
    would distort wall time)."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    if not size:
        return float("nan")
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for t in texts:
            split(t, None)
        best = min(best, time.process_time() - t0)
    return size / 1e6 / max(best, 1e-9)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=8.0, help="corpus MB for bluebook's speed test")
    ap.add_argument("--lib-kb", type=float, default=300.0, help="corpus KB for the libraries' speed test")
    ap.add_argument("--no-libs", action="store_true", help="only bluebook's splitter")
    ap.add_argument("--errors", action="store_true", help="print bluebook's mistakes on the test set")
    args = ap.parse_args()

    cases = load_cases()
    held = load_cases(GOLD_PATH.with_name("boundaries_heldout.txt"))
    texts = corpus_texts(int(args.mb * 1e6))
    lib_texts = corpus_texts(int(args.lib_kb * 1e3))
    plain = plain_texts(8)
    lib_plain = plain_texts(1)[:6]
    train = "\n\n".join(corpus_texts(3_000_000)) if not args.no_libs else ""
    splitters = {"bluebook": candidates("")["bluebook"]} if args.no_libs else candidates(train)
    print(f"test set: {len(cases)} cases, {sum(len(c.boundaries) for c in cases)} boundaries "
          f"({sum(len(c.boundaries) for c in cases if c.lang == 'vi')} vi); held-out: {len(held)} cases, "
          f"{sum(len(c.boundaries) for c in held)} boundaries")
    print(f"{'splitter':28} {'P':>6} {'R':>6} {'F1':>6} {'P vi':>6} {'R vi':>6} {'P en':>6} {'R en':>6} "
          f"{'P held':>6} {'R held':>6} {'evid.':>9} {'MB/s':>6} {'MB/s md':>7}")
    for name, split in splitters.items():
        errs: list[str] = []
        s = score(cases, split, errs if name == "bluebook" else None)
        sv = score([c for c in cases if c.lang == "vi"], split)
        se = score([c for c in cases if c.lang == "en"], split)
        sh = score(held, split, errs if name == "bluebook" else None)
        inside, found = evidence_containment(split)
        mine = name == "bluebook"
        print(f"{name:28} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {sv.precision:6.3f} {sv.recall:6.3f} "
              f"{se.precision:6.3f} {se.recall:6.3f} {sh.precision:6.3f} {sh.recall:6.3f} {inside:>4}/{found:<4} "
              f"{speed(split, plain if mine else lib_plain):6.2f} {speed(split, texts if mine else lib_texts):7.2f}")
        if args.errors and errs:
            print("\n".join("   " + e for e in errs))
    print(f"speed (CPU time): plain = seeds + dev texts ({sum(map(len, plain)) / 1e6:.1f}M chars for bluebook, "
          f"{sum(map(len, lib_plain)) / 1e3:.0f}k for libraries); md = corpus markdown "
          f"({sum(map(len, texts)) / 1e6:.1f}M chars for bluebook, {sum(map(len, lib_texts)) / 1e3:.0f}k for libraries)")


if __name__ == "__main__":
    main()
