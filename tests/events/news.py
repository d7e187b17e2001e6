"""Paragraphs of the shared Vietnamese news corpus, for tests that compare a fast path with its reference."""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "corpus" / "vi-news-2024.jsonl.gz"


def news_paragraphs(posts: int, per_post: int, max_chars: int) -> Iterator[str]:
    """The first ``per_post`` paragraphs (cut to ``max_chars``) of the first ``posts`` posts; skips the
    test when the corpus is not beside the project."""
    if not CORPUS.exists():
        pytest.skip("shared corpus not present")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= posts:
                break
            for para in json.loads(line)["text"].split("\n")[:per_post]:
                yield para[:max_chars]
