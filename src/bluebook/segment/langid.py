"""Vietnamese or English? A letter-and-word heuristic, py3langid when unsure.

Vietnamese writes nearly every syllable with ơ ư đ ă â ê ô or a tone mark;
English never does, except in Vietnamese names ("Prime Minister Phạm Minh
Chính met..."), which is why English function words weigh against them.
py3langid (restricted to vi/en) decides only what the heuristic cannot, such
as Vietnamese typed without diacritics or a line of proper names.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

_VI_LETTERS = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_WORD = re.compile(r"[^\W\d_]+")
_VI_SET = frozenset(_VI_LETTERS)
# Function words that are not also Vietnamese syllables written without marks
# ("to", "an" and "me" are, so they are left out).
_EN_WORDS = frozenset((
    "the of and with for was were is are has have had this that these which from by at on in "
    "will would its their his her said also between been be not it as we our they he she "
    "met held during after before into than who while"
).split())
# Frequent Vietnamese syllables as typed without diacritics; none is an English word.
_VI_ASCII = frozenset((
    "va cua cac nhung duoc trong voi nguoi cho nay da se ve khi theo ngay thang nuoc mot "
    "cung khong doi hop tac quan truong chu tich thu tuong"
).split())
# A text is decided when (Vietnamese evidence - 2 x English evidence) per word
# clears these shares; in between py3langid or the context decides.
VI_SHARE, EN_SHARE, MIN_WORDS = 0.25, -0.1, 4
# Only the first characters are read: a document's language shows in its opening.
SAMPLE_CHARS = 4000


class _Weights(dict[str, int]):
    """A word's evidence: +1 if it has a Vietnamese letter, +1 if an unmarked Vietnamese syllable, -2 if
    an English function word (the two lists share no word). Worked out once per word and remembered:
    news uses a few tens of thousands of words."""

    def __missing__(self, word: str) -> int:
        weight = (not _VI_SET.isdisjoint(word)) + (word in _VI_ASCII) - 2 * (word in _EN_WORDS)
        if len(self) >= _WEIGHTS_MAX:
            self.clear()
        self[word] = weight
        return weight


_WEIGHTS_MAX = 100_000     # about 10 MB at most; cleared when full
_WEIGHTS = _Weights()


def guess_lang(text: str) -> str | None:
    """'vi' or 'en' when the heuristic is sure, None when it is not (short text, names only)."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    n = len(words)
    if n == 0:
        return None
    if n < MIN_WORDS:
        # Too short to weigh: only a clean signal counts.
        en = sum(map(_EN_WORDS.__contains__, words))
        va = sum(map(_VI_ASCII.__contains__, words))
        vi = n - sum(map(_VI_SET.isdisjoint, words))
        if en and not vi and not va:
            return "en"
        return None
    # vi + va - 2 x en in one pass; map() keeps the per-word loop in C: this runs once per sentence.
    score = sum(map(_WEIGHTS.__getitem__, words)) / n
    if score >= VI_SHARE:
        return "vi"
    if score <= EN_SHARE:
        return "en"
    return None


def detect_lang(text: str, default: str = DEFAULT_LANG) -> str:
    """'vi' or 'en' for a document or a sentence; ``default`` when the text has no letters."""
    lang = guess_lang(text)
    if lang is not None:
        return lang
    if not _WORD.search(text):
        return default
    return _model_lang(text[:SAMPLE_CHARS])


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Our own instance, so restricting it to vi/en does not change py3langid's
    # module-level identifier that other code may use. Loading takes a second
    # or two, so it happens only when the heuristic is unsure.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGS))
    return identifier


def _model_lang(text: str) -> str:
    lang, _ = _identifier().classify(text)
    return lang if lang in LANGS else DEFAULT_LANG
