"""Line-break decisions: complete lines end sentences, wrapped and page-broken lines do not."""
from __future__ import annotations

import pytest

from bluebook.segment.lines import break_is_boundary, is_credit, is_heading, looks_page_broken

LONG = "Both sides agreed to deepen cooperation in trade, investment, energy, education and culture across"
PROSE = "In the year under review, the two countries held many exchanges of delegations at all levels, including"

BREAKS = [
    # prev, next, blank, width, is a boundary?
    ("The leaders discussed", "cooperation in energy.", False, 70, False),
    ("The leaders discussed", "cooperation in energy.", True, 0, False),
    ("Hai bên nhất trí:", "Tăng cường hợp tác.", False, 200, True),
    ("Nội dung chính", "- Thương mại", False, 200, True),
    ("Nội dung chính", "1. Thương mại", False, 200, True),
    ("Nội dung chính", "b) Thương mại", False, 200, True),
    ("Thủ tướng tiếp Đại sứ Nhật Bản", "Chiều 5/6, Thủ tướng đã tiếp Đại sứ.", False, 400, True),
    (LONG, "Mekong region.", False, 100, False),           # hard-wrapped text
    (LONG, "Mekong region.", False, 600, True),            # a long unwrapped line: complete
    ("Vice President Harris met with President Phuc of", "Vietnam today.", False, 72, False),
    ("the margins of the Asia-Pacific Economic Cooperation (APEC)", "Leaders Meeting in Bangkok.", False, 72, False),
    ("- Visit to Laos of the President of the National Assembly (May 2020)", "The visit was a success.", False, 72, True),
    ("[Thủ tướng dự hội nghị cấp cao](https://example.vn/tin.html)", "Thủ tướng đã đến.", False, 80, True),
    ("CHAPTER ONE", "THE INTERNATIONAL LANDSCAPE", True, 0, True),
    ("USD\tUnited States Dollar", "WTO\tWorld Trade Organization", False, 40, True),
    ("The pandemic caused many cases worldwide across the world and in every region of it", "³ Figures from WHO.", True, 0, True),
    (PROSE, "General Secretaries of the two Parties.", True, 0, False),   # long prose line, printed text
    ("Prime Minister meeting the President (Hanoi, 9 December 2020) - VNA", "Defense cooperation grew.", True, 0, True),
    ("Prime Minister meeting the President (Hanoi, 9 December 2020) - VNA", "development, the Ministry", True, 0, True),
    ("Prime Minister meeting the President - VNA", "development, the Ministry", False, 70, False),
    ("the number fell to 840,000, a decrease of 83.5% in comparison with", "2019.", True, 0, False),
    ("the number fell to 840,000, a decrease of 83.5% in comparison with the level of", "Japan.", False, 900, False),
    ("Thủ tướng tiếp Đại sứ và", "Chiều 5/6, Thủ tướng đã tiếp Đại sứ.", True, 0, True),  # short: a title
]


@pytest.mark.parametrize("prev,nxt,blank,width,expected", BREAKS)
def test_break_decisions(prev: str, nxt: str, blank: bool, width: int, expected: bool) -> None:
    assert break_is_boundary(prev, nxt, blank, width) is expected


def test_long_prose_line_runs_on_only_in_printed_text() -> None:
    assert break_is_boundary(PROSE, "General Secretaries met.", True, 0, page_broken=True) is False
    assert break_is_boundary(PROSE, "General Secretaries met.", True, 0, page_broken=False) is True
    assert break_is_boundary(PROSE, "General Secretaries met.", True, 0, page_broken=lambda: False) is True


def test_width_is_computed_only_when_needed() -> None:
    calls = []

    def width() -> int:
        calls.append(1)
        return 72

    assert break_is_boundary("Hai bên nhất trí:", "Tăng cường.", False, width) is True
    assert calls == []
    assert break_is_boundary(LONG, "Mekong region.", False, width) is False
    assert calls == [1]


@pytest.mark.parametrize("line", [
    "Thủ tướng hội đàm với Thủ tướng Malaysia - Ảnh: TTXVN",
    "Hai bên ký bản ghi nhớ. Ảnh: Nhật Bắc",
    "The President at the Summit (Hanoi, 12 November 2020) - The World and Viet Nam Report",
    "Leaders at the Summit (Hanoi, 12 November 2020)- VNA",
])
def test_credit_lines(line: str) -> None:
    assert is_credit(line)


@pytest.mark.parametrize("line", ["The talks covered the Viet Nam - Laos", "Ông nói rằng hai nước - cùng"])
def test_not_credit_lines(line: str) -> None:
    assert not is_credit(line)


def test_headings() -> None:
    assert is_heading("CHAPTER ONE") and is_heading("**FOREWORD**")
    assert not is_heading("Foreword") and not is_heading("EU")


def test_page_broken_needs_two_lower_case_continuations() -> None:
    one = "Trade grew in all\n\nsectors. Exports rose."
    assert not looks_page_broken(one)
    assert looks_page_broken(one + " Imports fell by a\n\nthird.")
    assert not looks_page_broken("Tiêu đề\n\nNội dung.\n\nĐoạn hai.")
