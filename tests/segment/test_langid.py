"""Language of documents and sentences: 'vi' or 'en', the heuristic first, py3langid when unsure."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bluebook.segment.langid import detect_lang, guess_lang

SHARED = Path(__file__).parents[2] / ".." / "shared"

SURE = [
    ("Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản tại Hà Nội.", "vi"),
    ("Hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư.", "vi"),
    ("Prime Minister Phạm Minh Chính met Chancellor Olaf Scholz in Berlin.", "en"),
    ("Deputy Prime Minister Trần Hồng Hà attended the meeting with his counterpart.", "en"),
    ("The two sides agreed to deepen the Comprehensive Strategic Partnership.", "en"),
    ("Ông John Smith cho biết U.S. sẽ hỗ trợ 5 triệu USD.", "vi"),
    ("Thu tuong tiep Dai su va cac doanh nghiep cua Nhat Ban trong ngay hom qua", "vi"),
    ("THỦ TƯỚNG TIẾP ĐẠI SỨ NHẬT BẢN", "vi"),
    ("THE PRESIDENT MET THE PRIME MINISTER OF VIETNAM", "en"),
]


@pytest.mark.parametrize("text,lang", SURE)
def test_heuristic_is_sure_and_right(text: str, lang: str) -> None:
    assert guess_lang(text) == lang
    assert detect_lang(text) == lang


@pytest.mark.parametrize("text", ["Nguyễn Phú Trọng", "ASEAN", "Hà Nội", "---", "", "2020"])
def test_heuristic_abstains_on_names_and_symbols(text: str) -> None:
    assert guess_lang(text) is None


def test_no_letters_gives_the_default() -> None:
    assert detect_lang("--- 2020 ---") == "vi"
    assert detect_lang("", default="en") == "en"


def test_model_decides_what_the_heuristic_cannot() -> None:
    # Vietnamese place names alone: the heuristic abstains, py3langid knows them.
    assert guess_lang("Hà Nội") is None
    assert detect_lang("Hà Nội") == "vi"
    assert detect_lang("Washington, Hanoi") in ("vi", "en")


def test_only_vi_or_en_ever_come_back() -> None:
    for text in ("Das ist ein deutscher Satz über die Wirtschaft.", "这是中文句子。", "Привет, мир", "¿Qué tal?"):
        assert detect_lang(text) in ("vi", "en")


def test_real_english_releases_are_english() -> None:
    path = SHARED / "corpus" / "en-whitehouse-vietnam.jsonl.gz"
    if not path.exists():
        pytest.skip("no ../shared/corpus")
    wrong = total = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 40:
                break
            for para in json.loads(line)["text"].split("\n\n"):
                if len(para.split()) >= 8:
                    total += 1
                    wrong += guess_lang(para) == "vi"
    assert total > 200 and wrong / total < 0.01


def test_real_vietnamese_news_is_vietnamese() -> None:
    texts = sorted((SHARED / "eval" / "dev" / "texts").glob("d*_vi.txt")) if SHARED.exists() else []
    if not texts:
        pytest.skip("no ../shared/eval/dev")
    wrong = total = 0
    for path in texts:
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            if len(para.split()) >= 8:
                total += 1
                wrong += guess_lang(para) == "en"
    assert total > 50 and wrong / total < 0.03


def _guess_by_counts(text: str) -> str | None:
    """The heuristic spelled out with its three counts (what guess_lang sums in one pass)."""
    from bluebook.segment import langid as L

    words = L._WORD.findall(text[:L.SAMPLE_CHARS].lower())
    n = len(words)
    if n == 0:
        return None
    en = sum(w in L._EN_WORDS for w in words)
    va = sum(w in L._VI_ASCII for w in words)
    vi = sum(not L._VI_SET.isdisjoint(w) for w in words)
    if n < L.MIN_WORDS:
        return "en" if en and not vi and not va else None
    score = (vi + va - 2 * en) / n
    return "vi" if score >= L.VI_SHARE else "en" if score <= L.EN_SHARE else None


def test_remembered_word_weights_give_the_counts_answer() -> None:
    from bluebook.segment.langid import _EN_WORDS, _VI_ASCII

    assert not _EN_WORDS & _VI_ASCII     # a word is English evidence or Vietnamese evidence, never both
    texts = [t for t, _ in SURE] + ["va the cua and", "the of và", "Nguyễn met the", "x", "1 2 3", "Đà Nẵng"]
    for text in texts:
        assert guess_lang(text) == _guess_by_counts(text), text
