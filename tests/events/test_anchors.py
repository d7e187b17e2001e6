"""A trigger's literal anchors never skip a sentence, nor a place in it, where its regex would match."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bluebook.events.anchors import anchors
from bluebook.events.candidates import _matches, find_candidates
from bluebook.events.lexicon import CAP, lower_ok, trigger_index, triggers
from bluebook.models import Sentence
from tests.events.news import news_paragraphs

WORDS = ["thăm", "Chuyến", "hội đàm", "Hội Đàm", "điện đàm", "talks", "Visit", "visited", "met with", "ký",
         "Hiệp định", "kỷ niệm", "anniversary", "donated", "kêu gọi", "called on", "Thủ tướng", "Lào", "the",
         "Summit", "Diễn đàn", "lên án", "phản đối", "nâng cấp quan hệ", "tiếp", "Đối tác", "(2008)", " ", ", ",
         "cuộc gặp", "gặp gỡ", "Gặp", "đã đón", "70th", "anniversary of the", "paid a visit", "İstanbul", "ı"]


def _spans(pattern: re.Pattern[str], text: str, spots: list[int] | None) -> list[tuple[int, int]]:
    return [m.span() for m in _matches(pattern, text, spots)]


def _assert_consistent(text: str) -> None:
    low = text.lower()
    if not lower_ok(text, low):
        return          # "İ", "ı": find_candidates tries every trigger everywhere (see the test below)
    for lang in ("vi", "en"):
        spots = dict((id(t), s) for t, s in trigger_index(lang).spots(low))
        for trig in triggers(lang):
            full = [m.span() for m in trig.pattern.finditer(text)]
            if not trig.may_match(low) or id(trig) not in spots:
                assert full == [], ("index skipped", trig.pattern.pattern, text)
            elif len(low) == len(text):
                # trying only where an anchor starts finds what a scan of the whole sentence finds
                assert _spans(trig.pattern, text, spots[id(trig)]) == full, (trig.pattern.pattern, text)


def test_anchors_of_simple_patterns():
    assert anchors("(?:hội đàm|Hội kiến)") == ("hội kiến", "hội đàm")
    assert anchors("visit(?:ed|s)? to") == ("visit to", "visited to", "visits to")
    assert anchors(r"\d+th anniversary") is None


def test_optional_words_and_alternatives_are_followed():
    assert anchors("(?:cuộc )?gặp") == ("cuộc gặp", "gặp")
    assert anchors("(?:đã |sẽ )đón(?= Tổng)") == ("sẽ đón", "đã đón")
    assert anchors("[Đđ]ối tác") == ("đối tác",)
    assert anchors("(?<!chuyến )thăm(?! hỏi)") == ("thăm",)     # look-arounds consume nothing
    assert anchors("(?P<verb>hội|gặp) đàm") == ("gặp đàm", "hội đàm")
    assert anchors("(?>ký|ký kết) với") == ("ký kết với", "ký với")


def test_a_pattern_that_may_start_with_anything_has_no_anchor():
    assert anchors("(?:cuộc )?.gặp") is None
    assert anchors("(?:xin )?" + CAP) is None       # a capital: too many letters to list
    assert anchors("a|bc") is None          # one alternative is too short to filter anything


def test_every_bundled_trigger_but_the_numbered_anniversaries_has_anchors():
    for lang in ("vi", "en"):
        for trig in triggers(lang):
            assert trig.anchors is not None or trig.pattern.pattern.startswith(r"(?<![\w])(?:\d+"), trig.pattern.pattern


def test_the_index_gives_each_trigger_the_sorted_offsets_of_its_anchors():
    text = "thủ tướng có cuộc gặp với bộ trưởng, rồi gặp gỡ đại sứ"
    spots = {t.pattern.pattern: s for t, s in trigger_index("vi").spots(text)}
    meet = next(p for p in spots if "gặp(?: gỡ" in p)
    assert spots[meet] == [text.index("cuộc gặp"), text.index("gặp với"), text.index("gặp gỡ")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join))
def test_anchor_skip_never_loses_a_match_on_generated_text(text):
    _assert_consistent(text)


def test_anchor_skip_never_loses_a_match_on_real_news():
    for para in news_paragraphs(150, 40, 600):
        _assert_consistent(para)


def test_a_dotless_i_is_read_as_re_reads_it():
    # re's IGNORECASE takes "ı" for "i"; the lower-case anchors would not, so such text is scanned whole
    text = "President Erdoğan paid an official vısıt to Viet Nam."
    found = find_candidates(Sentence(0, len(text), text, "en"))
    assert [(c.type, text[c.start:c.end]) for c in found] == [("visit", "paid an official vısıt")]
