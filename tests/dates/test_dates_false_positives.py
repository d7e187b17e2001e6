"""Numbers that look like dates but are not: scores, fractions, codes, times, phone numbers."""
from __future__ import annotations

import pytest

from tests.dates.helpers import found

REF = "2024-06-15"

VI_NOT_DATES = [
    "Đại dịch COVID-19 đã lan rộng.",
    "Hội nghị thượng đỉnh G20 và nhóm G7.",
    "Rừng chiếm 3/5 diện tích của tỉnh.",
    "Khoảng 2/3 dân số sống ở nông thôn.",
    "Đội chủ nhà thắng với tỉ số 4-3.",
    "Hai đội hòa 1-1 sau 90 phút.",
    "Chelsea dẫn 3-2 từ phút 80.",
    "Đội hình Tây Ban Nha (4-3-3): thủ môn Simon.",
    "Kinh tế tăng trưởng 7/10 trận gần nhất.",
    "Tỷ lệ tiêm chủng đạt 95%, 3/4 người đã tiêm đủ.",
    "Xổ số Mega 6/45 và Power 6/55 mở thưởng.",
    "Con số 2024-2027 là số hiệu văn bản.",
    "Gọi đường dây nóng 0912-345-678 hoặc 024.3825.1234.",
    "Phiên họp bắt đầu lúc 06:00 và kết thúc lúc 11:30.",
    "Nghị định 15/2020/NĐ-CP quy định xử phạt.",
    "Đây là lần thứ 26 hội nghị được tổ chức.",
    "Ngày 31/2 không có thật, cũng như 30/2, 32/1 và ngày 5/13.",
    "Cửa hàng phục vụ 24/7 suốt năm.",
    "Mức phạt từ 4-6 triệu đồng.",
    "Chỉ số đạt 24.18 (bs), 26.94 (tam) và 13.03 (eco).",
    "Tắc bóng 86% (6/7).",
    "Từ xa xưa, ngày 5/5 âm lịch đã là Tết Đoan ngọ.",
    "Kết quả khả quan vừa qua.",
    "dịp Tết Trung thu năm nay",
    "Quà Tết được trao tận tay.",
    "Phiên họp thứ hai bàn về kinh tế.",
    "Sau 3 tháng 10 ngày điều trị, bệnh nhân xuất viện.",
    "Dự án kéo dài 5 năm tới 2 năm nữa.",
    "Mùa giải 2023/24 khép lại.",
    "Giá 1.500 đồng, tăng 2,5% so với tháng trước đó là con số.",
    "Quý khách vui lòng chờ.",
    "Đội khách hòa 1 (1-1 trên sân khách).",
    "Sporting Lisbon (5-1, Champions League).",
    "Tỷ lệ châu Á (0:1 1/4), chấp 2 3/4 trái.",
    "Phát sóng lúc 16h mùng 1,2,3 Tết.",
]

EN_NOT_DATES = [
    "You may go now.",
    "May we ask a question?",
    "They march on the capital.",
    "The COVID-19 pandemic and the G20 summit.",
    "Resolution 2/2020 was adopted.",
    "A 4-3 win for the home side.",
    "Turnout was 3/5 of voters.",
    "The period 1500 to 1600 cases is odd.",
    "in 1500 cases",
    "Call 202-456-1111 at 06:00.",
    "A 24/7 hotline.",
    "He met the Junior Minister.",
    "The Mayor spoke.",
    "Decree 15/2020 on penalties.",
]


@pytest.mark.parametrize("text", VI_NOT_DATES)
def test_vietnamese_non_date_numbers_give_no_date(text):
    got = [g for g in found(text, REF, "vi") if g[0] not in ("năm nay", "tháng trước")]
    assert got == []


@pytest.mark.parametrize("text", EN_NOT_DATES)
def test_english_non_date_numbers_give_no_date(text):
    assert found(text, REF, "en") == []


def test_invalid_days_are_skipped_but_neighbours_kept():
    assert found("ngày 30/2 và ngày 28/2", REF) == [("ngày 28/2", "2024-02-28", None)]
    assert found("29 February 2021 and 29 February 2020", REF, "en") == [
        ("29 February 2020", "2020-02-29", None)]


def test_expressions_needing_the_document_date_are_left_out_without_it():
    assert found("tối 22/11 và hôm qua và ngày 12/11/2020, năm 2020", None) == [
        ("ngày 12/11/2020", "2020-11-12", None), ("năm 2020", "2020", None)]
    assert found("yesterday and on 8 July 2020", None, "en") == [("8 July 2020", "2020-07-08", None)]
