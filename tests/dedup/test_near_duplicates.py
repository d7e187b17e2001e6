"""MinHash near-duplicates: estimates track Jaccard; copies are found, different stories are not."""
from __future__ import annotations

import gzip
import itertools
import json
import random
from pathlib import Path

import pytest

from bluebook.dedup.documents import THRESHOLD, Signature, bands, best_original, shingles, signature

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "vi-news-2024.jsonl.gz"

WORDS = ("hợp tác kinh tế thương mại đầu tư giáo dục văn hóa quốc phòng an ninh du lịch nông nghiệp "
         "khoa học công nghệ y tế lao động năng lượng môi trường giao thông tài chính ngân hàng").split()


def story(rng: random.Random, n: int = 300) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_the_estimate_tracks_the_true_jaccard_similarity():
    rng = random.Random(3)
    base = story(rng).split()
    for cut in (5, 40, 120, 250):
        other = base[:cut] + story(rng, 300 - cut).split()
        a, b = " ".join(base), " ".join(other)
        assert abs(signature(a).similarity(signature(b)) - jaccard(a, b)) < 0.12


def test_signatures_survive_the_round_trip_through_bytes():
    s = signature("Thủ tướng hội đàm với Thủ tướng Lào tại Hà Nội")
    assert Signature.from_bytes(s.to_bytes()).similarity(s) == 1.0 and len(s.to_bytes()) == 512


def test_case_and_diacritics_do_not_make_a_copy_look_new():
    text = "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Lào tại Hà Nội về hợp tác kinh tế"
    assert signature(text).similarity(signature(text.upper())) == 1.0
    assert signature(text).similarity(signature("Thu tuong Pham Minh Chinh hoi dam voi Thu tuong Lao tai "
                                                "Ha Noi ve hop tac kinh te")) == 1.0


def test_nothing_to_sign_in_a_text_without_words():
    assert signature("") is None and signature(" ... !!! ") is None


def test_a_lightly_edited_copy_shares_a_band_and_passes_the_threshold():
    rng = random.Random(5)
    a = story(rng)
    words = a.split()
    words[100] = "khác"
    b = " ".join(words)
    sa, sb = signature(a), signature(b)
    assert set(bands(sa)) & set(bands(sb))
    assert best_original(sb, [(7, sa.to_bytes())]) == (7, sa.similarity(sb))
    assert best_original(signature(story(rng)), [(7, sa.to_bytes())]) is None


def _corpus_texts(n: int) -> list[str]:
    if not CORPUS.exists():
        pytest.skip("../shared/corpus not present")
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, 3000):
            t = json.loads(line).get("text") or ""
            if len(t) > 1500:
                out.append(t)
            if len(out) == n:
                break
    return out


def test_on_real_news_copies_are_found_and_different_articles_are_not():
    """Edited copies (a sentence cut, a byline added) of real articles vs. 150 distinct real articles."""
    texts = _corpus_texts(150)
    sigs = [signature(t) for t in texts]
    rng = random.Random(11)
    found = 0
    for t, s in zip(texts[:50], sigs[:50], strict=True):
        sentences = t.split(". ")
        del sentences[rng.randrange(len(sentences))]
        copy = "Nguồn: báo điện tử. " + ". ".join(sentences)
        found += signature(copy).similarity(s) >= THRESHOLD
    assert found >= 45
    false = sum(1 for a, b in itertools.combinations(range(len(texts)), 2)
                if sigs[a].similarity(sigs[b]) >= THRESHOLD and jaccard(texts[a], texts[b]) < 0.5)
    assert false == 0
