"""Is this word a well-formed Vietnamese syllable?

Used to tell a right decoding from a wrong one: text decoded with the right
table is made of valid syllables, the wrong tables give letter salad
("Viêịt", "B¶o"). The check is structural (onset + rhyme + one tone, with the
rule that stop codas take only the acute or dot-below tone), not a dictionary.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TONES = "\u0300\u0301\u0303\u0309\u0323"    # grave, acute, tilde, hook, dot below
_SHAPES = {"\u0302", "\u0306", "\u031b"}      # circumflex, breve, horn


def _letters() -> tuple[str, ...]:
    bases = "aăâeêioôơuưy"
    out = ["đ"]
    for b in bases:
        for t in ("",) + tuple(TONES):
            ch = unicodedata.normalize("NFC", b + t)
            if not ch.isascii():
                out.append(ch)
    return tuple(out)


#: the 67 lowercase non-ASCII Vietnamese letters; with their capitals, 134
LOWER_LETTERS: tuple[str, ...] = _letters()
VIETNAMESE_LETTERS: tuple[str, ...] = LOWER_LETTERS + tuple(c.upper() for c in LOWER_LETTERS)

_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
_NUCLEUS = (
    r"(?:uyê|uya|uyu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|iêu|yêu|"
    r"ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ui|ưi|ưu|ua|uô|ưa|ươ|iê|yê|oa|oă|oe|uâ|uê|uy|uơ|"
    r"a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)"
)
_CODA = r"(?:ch|ng|nh|c|m|n|p|t)?"
_SHAPE_RE = re.compile(f"^{_ONSET}{_NUCLEUS}({_CODA})$")


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable (any case, NFC or NFD)."""
    if not word or len(word) > 8:
        return False
    if not (word.islower() or word.isupper() or word[1:].islower()):
        return False
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in nfd if c in TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
    m = _SHAPE_RE.match(bare)
    if not m:
        return False
    if m.group(1) in ("c", "ch", "p", "t") and tones and tones[0] not in ("\u0301", "\u0323"):
        return False
    return True
