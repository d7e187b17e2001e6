"""The Aho-Corasick matcher: word boundaries, longest match, blocks, one automaton per language."""
from __future__ import annotations

from bluebook.gazetteer.data import Alias
from bluebook.gazetteer.matcher import Matcher, lower_same_length


def _alias(text: str, kind: str = "state", id_: str = "X", lang: str = "vi", flags: str = "") -> Alias:
    return Alias(text, id_, kind, frozenset(filter(None, flags.split(","))), lang)


def test_the_longest_match_wins_and_a_block_then_yields_nothing():
    m = Matcher([_alias("Ấn Độ", id_="IND"), _alias("Ấn Độ Dương", kind="block")])
    assert [(h.alias.id, h.start) for h in m.find("Ấn Độ và Ấn Độ Dương", "vi")] == [("IND", 0)]


def test_a_block_outranks_a_person_alias_of_the_same_span():
    m = Matcher([_alias("Chủ tịch Hồ Chí Minh", kind="person", lang="*"),
                 _alias("Chủ tịch Hồ Chí Minh", kind="block", lang="*")])
    assert m.find("Chủ tịch Hồ Chí Minh", "vi") == []


def test_blocks_are_left_out_of_overlapping_hits():
    m = Matcher([_alias("Mexico", id_="MEX", lang="en"), _alias("New Mexico", kind="block", lang="*")])
    assert [h.alias.id for h in m.find("New Mexico", "en", overlapping=True)] == ["MEX"]


def test_matches_stop_at_word_boundaries():
    m = Matcher([_alias("UN", kind="org", lang="en", flags="case")])
    assert m.find("the FUND and UNDP", "en") == []
    assert len(m.find("the UN and", "en")) == 1


def test_each_language_sees_its_own_aliases_and_shared_ones():
    m = Matcher([_alias("Anh", id_="GBR", lang="vi"), _alias("Anh", id_="EN", lang="en"),
                 _alias("Tô Lâm", kind="person", id_="to-lam", lang="*")])
    assert [h.alias.id for h in m.find("Anh và Tô Lâm", "vi")] == ["GBR", "to-lam"]
    assert [h.alias.id for h in m.find("Anh và Tô Lâm", "en")] == ["EN", "to-lam"]


def test_dashes_and_apostrophes_fold_without_moving_offsets():
    text = "Ấn Độ – Thái Bình Dương, People’s"
    low = lower_same_length(text)
    assert len(low) == len(text) and "-" in low and "people's" in low


def test_an_empty_alias_list_finds_nothing():
    assert Matcher([]).find("Việt Nam", "vi") == []


def test_odd_input_never_raises_and_spans_stay_exact():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from bluebook.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    alphabet = st.sampled_from(list("İıẞßaA –—’'-.,\n Việt Nam Mỹ Anh UN U.S.") + ["\u0301", "\u00a0"])

    @settings(max_examples=150, deadline=None)
    @given(st.text(alphabet, max_size=80), st.sampled_from(["vi", "en", None]))
    def check(text, lang):
        for m in gaz.link(text, None, lang):
            assert text[m.start:m.end] == m.text

    check()
    assert gaz.link("", None, "vi") == []
