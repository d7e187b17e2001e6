"""Forms mined from real news that the first rules missed or resolved wrongly."""
from __future__ import annotations

import pytest

from tests.dates.helpers import found

MONDAY = "2024-04-08"

CASES = [
    # weekends: Saturday and Sunday
    ("Cuối tuần qua, đội tuyển giành chiến thắng.", MONDAY, "vi", [("Cuối tuần qua", "2024-04-06", "2024-04-07")]),
    ("giá vàng tăng so với cuối tuần trước", MONDAY, "vi", [("cuối tuần trước", "2024-04-06", "2024-04-07")]),
    ("trận đấu vào cuối tuần này", "2024-04-10", "vi", [("cuối tuần này", "2024-04-13", "2024-04-14")]),
    ("trận derby cuối tuần tới", MONDAY, "vi", [("cuối tuần tới", "2024-04-20", "2024-04-21")]),
    ("the rally last weekend", MONDAY, "en", [("last weekend", "2024-04-06", "2024-04-07")]),
    # "this weekend" on a Monday is the one just past, on a Thursday the coming one
    ("what we saw this weekend", MONDAY, "en", [("this weekend", "2024-04-06", "2024-04-07")]),
    ("the summit this weekend", "2024-04-11", "en", [("this weekend", "2024-04-13", "2024-04-14")]),
    ("their trip this past May", "2024-09-20", "en", [("this past May", "2024-05", None)]),
    # "trong" before a relative phrase is "in", not a count
    ("số việc làm tăng trong tháng trước", "2024-04-05", "vi", [("tháng trước", "2024-03", None)]),
    ("kế hoạch trong năm nay", "2024-04-05", "vi", [("năm nay", "2024", None)]),
    # month and year in brackets or after a context word, without "tháng"
    ("đối tác chiến lược toàn diện: Ấn Độ (2016), Mỹ (9/2019), Nhật Bản (11/2019)", MONDAY, "vi",
     [("2016", "2016", None), ("9/2019", "2019-09", None), ("11/2019", "2019-11", None)]),
    ("từ 12/2019, hai bên nối lại đàm phán", MONDAY, "vi", [("12/2019", "2019-12", None)]),
    # forms that already worked, kept working
    ("vào ngày 15, đoàn tới Viêng Chăn", "2024-10-20", "vi", [("ngày 15", "2024-10-15", None)]),
    ("ngày 15 tháng 10 năm 2024", MONDAY, "vi", [("ngày 15 tháng 10 năm 2024", "2024-10-15", None)]),
    ("văn bản ký 15.10.2024", MONDAY, "vi", [("15.10.2024", "2024-10-15", None)]),
    ("chiều qua hai bên hội đàm", MONDAY, "vi", [("chiều qua", "2024-04-07", None)]),
    ("thứ Hai (21/10) Thủ tướng tiếp", "2024-10-22", "vi", [("thứ Hai (21/10)", "2024-10-21", None)]),
    ("Chủ nhật vừa qua", MONDAY, "vi", [("Chủ nhật vừa qua", "2024-04-07", None)]),
    ("They met on 8th July.", MONDAY, "en", [("8th July", "2024-07-08", None)]),
    ("signed Jul. 8", "2024-07-20", "en", [("Jul. 8", "2024-07-08", None)]),
]

NOT_DATES = [
    ("Dịp này, hai bên trao đổi quà.", "vi"),
    ("Kết quả đạt được vừa qua rất đáng khích lệ.", "vi"),
    ("Nghị định số 08/2019/NĐ-CP có hiệu lực.", "vi"),
    ("Tỷ lệ 3/2020 không phải ngày.", "vi"),
]


@pytest.mark.parametrize(("text", "ref", "lang", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_real_news_form_is_found_and_resolved(text, ref, lang, expected):
    assert found(text, ref, lang) == expected


@pytest.mark.parametrize(("text", "lang"), NOT_DATES, ids=[c[0][:40] for c in NOT_DATES])
def test_phrase_that_names_no_date_gives_nothing(text, lang):
    assert found(text, MONDAY, lang) == []
