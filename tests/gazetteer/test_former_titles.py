"""'nguyên', 'cựu', 'cố', 'former', 'ex-', 'the late' before a title: someone who no longer holds it.

The title must not resolve to the holder at the document date; a name written after it still links.
"""
from __future__ import annotations

import pytest

from .helpers import first, link


@pytest.mark.parametrize("text,lang", [
    ("Nguyên Thủ tướng phát biểu tại hội thảo.", "vi"),
    ("Cựu Thủ tướng phát biểu tại hội thảo.", "vi"),
    ("nguyên Thủ tướng phát biểu tại hội thảo.", "vi"),
    ("The former Prime Minister spoke at the seminar.", "en"),
    ("The ex-Prime Minister spoke at the seminar.", "en"),
])
def test_a_former_title_does_not_resolve_to_the_current_holder(text, lang):
    title = first(link(text, lang), "title")
    assert title.id == "PM" and title.resolved == ""


def test_the_current_title_still_resolves():
    title = first(link("Thủ tướng phát biểu tại hội thảo.", "vi"), "title")
    assert title.resolved == "pham-minh-chinh"


def test_a_former_vietnamese_title_keeps_viet_nam_as_its_state():
    assert first(link("Nguyên Phó Thủ tướng thăm Lào.", "vi"), "title").state == "VNM"


def test_former_carries_along_a_chain_of_titles():
    ms = link("Nguyên Phó Thủ tướng, Bộ trưởng Ngoại giao phát biểu.", "vi")
    assert [m.resolved for m in ms if m.kind == "title"] == ["", ""]


def test_the_named_former_holder_is_still_linked_as_a_person():
    ms = link("Cựu Tổng thống Hoa Kỳ Barack Obama phát biểu.", "vi")
    person = first(ms, "person")
    assert person.id == "barack-obama" and person.state == "USA"
    assert first(ms, "title").resolved == "barack-obama"


def test_former_before_a_state_adjective_counts_in_english():
    ms = link("A former U.S. President spoke.", "en")
    assert first(ms, "title").resolved == ""
    assert first(ms, "title").state == "USA"


def test_a_late_leader_named_is_linked():
    ms = link("Lễ tưởng niệm cố Tổng Bí thư Nguyễn Phú Trọng.", "vi", "2024-08-01")
    assert first(ms, "person").id == "nguyen-phu-trong"
    assert first(ms, "title").resolved == "nguyen-phu-trong"
