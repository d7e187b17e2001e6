"""Vietnamese date expressions, resolved against a document date (table-driven)."""
from __future__ import annotations

from datetime import date

import pytest

from bluebook.dates import find_dates
from tests.dates.helpers import found

REF = "2020-11-22"  # a Sunday

# (sentence, document date, [(expression text, date, date_end), ...])
CASES = [
    # parts of the day + day/month, year taken from the document date
    ("Hội nghị diễn ra qua video vào tối 22/11 (giờ Hà Nội).", REF, [("tối 22/11", "2020-11-22", None)]),
    ("Sáng 5-3, đoàn bắt đầu chuyến thăm.", "2021-03-06", [("Sáng 5-3", "2021-03-05", None)]),
    ("Chiều 31/7, hai bên ký biên bản.", "2021-08-01", [("Chiều 31/7", "2021-07-31", None)]),
    ("Trưa 12/6, Đại sứ tiếp đoàn doanh nghiệp.", "2021-06-12", [("Trưa 12/6", "2021-06-12", None)]),
    ("Đêm 3/2, chuyên cơ hạ cánh xuống sân bay.", "2021-02-04", [("Đêm 3/2", "2021-02-03", None)]),
    ("Rạng sáng 5-4, tàu cập cảng.", "2024-04-05", [("Rạng sáng 5-4", "2024-04-05", None)]),
    ("Chiều tối 23/2, Thủ tướng tiếp Bộ trưởng.", "2025-02-24", [("Chiều tối 23/2", "2025-02-23", None)]),
    ("Tối 29.5, ca sĩ biểu diễn tại nhà hát.", "2024-05-30", [("Tối 29.5", "2024-05-29", None)]),
    ("Khuya 14/9 bão đổ bộ.", "2024-09-15", [("Khuya 14/9", "2024-09-14", None)]),
    # "ngày" + numbers
    ("Ngày 6/7, Bộ Ngoại giao ra thông cáo.", "2021-07-08", [("Ngày 6/7", "2021-07-06", None)]),
    ("Văn bản ký ngày 6-7-2021 tại Viêng Chăn.", REF, [("ngày 6-7-2021", "2021-07-06", None)]),
    ("Hiệp định ký ngày 12/11/2020 có hiệu lực.", REF, [("ngày 12/11/2020", "2020-11-12", None)]),
    ("Cập nhật 06/7/2024 lúc 10 giờ.", REF, [("06/7/2024", "2024-07-06", None)]),
    ("Phiên họp ngày 05.04.2024 kéo dài hai giờ.", REF, [("ngày 05.04.2024", "2024-04-05", None)]),
    ("Đoàn khởi hành ngày 4.4 và về nước sau đó.", "2024-04-02", [("ngày 4.4", "2024-04-04", None)]),
    ("Ngày 21-11, đại sứ quán tổ chức tiệc.", "2024-11-22", [("Ngày 21-11", "2024-11-21", None)]),
    ("hôm 6/4 đội tuyển đã tập luyện", "2024-04-08", [("hôm 6/4", "2024-04-06", None)]),
    ("Lễ kỷ niệm vào ngày mùng 2/9 hằng năm.", "2024-08-30", [("ngày mùng 2/9", "2024-09-02", None)]),
    ("Ngày 22, hai bộ trưởng hội đàm.", "2024-10-23", [("Ngày 22", "2024-10-22", None)]),
    ("Ngày 30, hai bên ra tuyên bố chung.", "2024-11-02", [("Ngày 30", "2024-10-30", None)]),
    # textual months
    ("ngày 22 tháng 11 hai nước ký thỏa thuận", REF, [("ngày 22 tháng 11", "2020-11-22", None)]),
    ("Lễ ký diễn ra ngày 22 tháng 11 năm 2020 tại Hà Nội.", REF,
     [("ngày 22 tháng 11 năm 2020", "2020-11-22", None)]),
    ("Ngày 2 tháng 9 năm 1945, Chủ tịch đọc Tuyên ngôn.", REF, [("Ngày 2 tháng 9 năm 1945", "1945-09-02", None)]),
    ("ngày 5 tháng Ba năm 2021", REF, [("ngày 5 tháng Ba năm 2021", "2021-03-05", None)]),
    ("Quốc khánh 2/9 năm 1945 là mốc son.", REF, [("2/9 năm 1945", "1945-09-02", None)]),
    # spans of days
    ("Từ ngày 26 đến 28/10, đoàn thăm Lào.", REF, [("Từ ngày 26 đến 28/10", "2020-10-26", "2020-10-28")]),
    ("Chuyến thăm từ 31/10 đến 5/11 có nhiều hoạt động.", REF,
     [("từ 31/10 đến 5/11", "2020-10-31", "2020-11-05")]),
    ("Diễn đàn diễn ra từ ngày 20-22/9 tại Bắc Kinh.", REF, [("từ ngày 20-22/9", "2020-09-20", "2020-09-22")]),
    ("Hội nghị họp ngày 20 và 21/9.", REF, [("ngày 20 và 21/9", "2020-09-20", "2020-09-21")]),
    ("Các phiên thảo luận ngày 20, 21 và 22/9.", REF, [("ngày 20, 21 và 22/9", "2020-09-20", "2020-09-22")]),
    ("Từ 12 - 16.8, đoàn đại biểu thăm Belarus.", "2024-08-18", [("Từ 12 - 16.8", "2024-08-12", "2024-08-16")]),
    ("Chuyến thăm chính thức Nga (8-10/9) thành công.", "2024-09-10", [("8-10/9", "2024-09-08", "2024-09-10")]),
    ("Hội nghị diễn ra vào các ngày 22-23/9.", "2024-09-20", [("các ngày 22-23/9", "2024-09-22", "2024-09-23")]),
    ("Lễ hội kéo dài từ ngày 26/4 đến ngày 2/5.", "2024-04-27",
     [("từ ngày 26/4 đến ngày 2/5", "2024-04-26", "2024-05-02")]),
    ("Kỳ nghỉ lễ 30/4 - 1/5 năm nay dài năm ngày.", "2024-04-20",
     [("30/4 - 1/5", "2024-04-30", "2024-05-01"), ("năm nay", "2024", None)]),
    ("Giai đoạn (21/3 – 19/4) là mùa khô.", "2024-03-01", [("21/3 – 19/4", "2024-03-21", "2024-04-19")]),
    ("từ 7.4 đến 17.4 cấm đường", "2024-04-01", [("từ 7.4 đến 17.4", "2024-04-07", "2024-04-17")]),
    ("Từ ngày 28/12/2020 đến ngày 3/1/2021 nghỉ lễ.", REF, [("Từ ngày 28/12/2020 đến ngày 3/1/2021",
                                                          "2020-12-28", "2021-01-03")]),
    ("từ 28/12 - 3/1/2021", REF, [("từ 28/12 - 3/1/2021", "2020-12-28", "2021-01-03")]),
    ("từ ngày 26 đến ngày 28 tháng 10 năm 2020", REF,
     [("từ ngày 26 đến ngày 28 tháng 10 năm 2020", "2020-10-26", "2020-10-28")]),
    ("từ ngày 26 tháng 10 đến ngày 2 tháng 11", REF,
     [("từ ngày 26 tháng 10 đến ngày 2 tháng 11", "2020-10-26", "2020-11-02")]),
    ("Từ ngày 26 đến ngày 28, đoàn làm việc tại Huế.", "2024-10-25",
     [("Từ ngày 26 đến ngày 28", "2024-10-26", "2024-10-28")]),
    # months
    ("Vào tháng 10/2021, hai bên đã ký kết.", REF, [("tháng 10/2021", "2021-10", None)]),
    ("Hội nghị dự kiến vào tháng 1/2022.", REF, [("tháng 1/2022", "2022-01", None)]),
    ("trong tháng 10 năm 2021", REF, [("tháng 10 năm 2021", "2021-10", None)]),
    ("Chính phủ họp phiên thường kỳ tháng 10-2021.", REF, [("tháng 10-2021", "2021-10", None)]),
    ("Tháng Tám năm 1945 là mùa thu lịch sử.", REF, [("Tháng Tám năm 1945", "1945-08", None)]),
    ("tháng 12 năm ngoái", "2021-03-01", [("tháng 12 năm ngoái", "2020-12", None)]),
    ("Tháng 10 năm nay kim ngạch tăng.", REF, [("Tháng 10 năm nay", "2020-10", None)]),
    ("Dự án khởi công trong tháng 10.", REF, [("tháng 10", "2020-10", None)]),
    ("Số liệu tháng 12 được công bố.", "2021-01-05", [("tháng 12", "2020-12", None)]),
    ("Dự kiến khánh thành vào tháng 3.", "2020-12-20", [("tháng 3", "2021-03", None)]),
    ("Hội chợ mở cửa trong tháng 10 tới.", "2024-08-01", [("tháng 10 tới", "2024-10", None)]),
    ("tháng 10 vừa qua", "2024-12-01", [("tháng 10 vừa qua", "2024-10", None)]),
    ("đầu tháng 12", REF, [("đầu tháng 12", "2020-12", None)]),
    ("Giữa tháng 12 sẽ có kết quả.", REF, [("Giữa tháng 12", "2020-12", None)]),
    ("cuối tháng 12 năm 2019", REF, [("cuối tháng 12 năm 2019", "2019-12", None)]),
    ("Trung tuần tháng 3, đoàn sẽ sang thăm.", "2021-01-10", [("Trung tuần tháng 3", "2021-03", None)]),
    ("thượng tuần tháng 3", "2021-02-10", [("thượng tuần tháng 3", "2021-03", None)]),
    ("hạ tuần tháng 3/2021", REF, [("hạ tuần tháng 3/2021", "2021-03", None)]),
    ("Từ tháng 3 đến tháng 5/2020, dịch bệnh lan rộng.", REF,
     [("Từ tháng 3 đến tháng 5/2020", "2020-03", "2020-05")]),
    ("tháng 12/2020 - tháng 2/2021", REF, [("tháng 12/2020 - tháng 2/2021", "2020-12", "2021-02")]),
    ("trong tháng 3-5/2020", REF, [("tháng 3-5/2020", "2020-03", "2020-05")]),
    # relative days, weeks, months, years
    ("Hôm nay (8-11), Tuần lễ cấp cao chính thức bắt đầu.", "2021-11-08", [("Hôm nay (8-11)", "2021-11-08", None)]),
    ("hôm nay 6-4 giá vàng tăng", "2024-04-06", [("hôm nay 6-4", "2024-04-06", None)]),
    ("Hôm nay, hai bên hội đàm.", REF, [("Hôm nay", "2020-11-22", None)]),
    ("hôm qua", REF, [("hôm qua", "2020-11-21", None)]),
    ("ngày mai", REF, [("ngày mai", "2020-11-23", None)]),
    ("hôm kia", REF, [("hôm kia", "2020-11-20", None)]),
    ("ngày kia đoàn sẽ tới", REF, [("ngày kia", "2020-11-24", None)]),
    ("Sáng nay, Chủ tịch nước tiếp Đại sứ.", REF, [("Sáng nay", "2020-11-22", None)]),
    ("Tối qua, hai bên điện đàm.", REF, [("Tối qua", "2020-11-21", None)]),
    ("sáng mai 17/4 sẽ khai mạc", "2021-04-16", [("sáng mai 17/4", "2021-04-17", None)]),
    ("tuần tới", REF, [("tuần tới", "2020-11-23", "2020-11-29")]),
    ("tuần trước", REF, [("tuần trước", "2020-11-09", "2020-11-15")]),
    ("tuần này", REF, [("tuần này", "2020-11-16", "2020-11-22")]),
    ("tháng tới", REF, [("tháng tới", "2020-12", None)]),
    ("tháng trước", REF, [("tháng trước", "2020-10", None)]),
    ("tháng trước", "2021-01-10", [("tháng trước", "2020-12", None)]),
    ("Năm ngoái, kim ngạch đạt kỷ lục.", REF, [("Năm ngoái", "2019", None)]),
    ("năm nay", REF, [("năm nay", "2020", None)]),
    ("năm tới", REF, [("năm tới", "2021", None)]),
    ("cuối tháng này", REF, [("cuối tháng này", "2020-11", None)]),
    ("đầu năm nay", REF, [("đầu năm nay", "2020", None)]),
    ("cách đây 2 năm", REF, [("cách đây 2 năm", "2018", None)]),
    ("3 năm trước, hai nước nâng cấp quan hệ.", REF, [("3 năm trước", "2017", None)]),
    ("hai năm trước", REF, [("hai năm trước", "2018", None)]),
    ("10 ngày trước", REF, [("10 ngày trước", "2020-11-12", None)]),
    # quarters and halves
    ("Trong quý III, xuất khẩu tăng.", REF, [("quý III", "2020-07", "2020-09")]),
    ("quý 3/2020", REF, [("quý 3/2020", "2020-07", "2020-09")]),
    ("Quý I/2024 tăng trưởng 5%.", REF, [("Quý I/2024", "2024-01", "2024-03")]),
    ("quý IV năm 2019", REF, [("quý IV năm 2019", "2019-10", "2019-12")]),
    ("quý II năm nay", REF, [("quý II năm nay", "2020-04", "2020-06")]),
    ("quý tới", REF, [("quý tới", "2021-01", "2021-03")]),
    ("6 tháng đầu năm", REF, [("6 tháng đầu năm", "2020-01", "2020-06")]),
    ("9 tháng đầu năm nay", REF, [("9 tháng đầu năm nay", "2020-01", "2020-09")]),
    ("sáu tháng cuối năm 2021", REF, [("sáu tháng cuối năm 2021", "2021-07", "2021-12")]),
    ("nửa đầu năm 2022", REF, [("nửa đầu năm 2022", "2022-01", "2022-06")]),
    ("nửa cuối năm", REF, [("nửa cuối năm", "2020-07", "2020-12")]),
    # years and year spans
    ("năm 2020", REF, [("năm 2020", "2020", None)]),
    ("Hai nước thiết lập quan hệ vào năm 1992.", REF, [("năm 1992", "1992", None)]),
    ("Đảng được thành lập năm 1930.", REF, [("năm 1930", "1930", None)]),
    ("đầu năm 2021", REF, [("đầu năm 2021", "2021", None)]),
    ("cuối 2021", REF, [("cuối 2021", "2021", None)]),
    ("Ông là Đại sứ giai đoạn 2014-2017.", REF, [("2014-2017", "2014", "2017")]),
    ("nhiệm kỳ 2021 - 2026", REF, [("2021 - 2026", "2021", "2026")]),
    ("từ năm 1992 đến nay", REF, [("từ năm 1992 đến nay", "1992", "2020")]),
    ("từ năm 2016 đến năm 2020", REF, [("từ năm 2016 đến năm 2020", "2016", "2020")]),
    ("năm 2024-2025", REF, [("năm 2024-2025", "2024", "2025")]),
    ("(1950-2020)", REF, [("1950-2020", "1950", "2020")]),
    ("từ 2015 các bên đã đàm phán", REF, [("2015", "2015", None)]),
    ("Kỷ niệm 70 năm (2020)", REF, [("2020", "2020", None)]),
    # weekdays
    ("Thứ Hai (22/11), hai bên hội đàm.", "2021-11-22", [("Thứ Hai (22/11)", "2021-11-22", None)]),
    ("Thứ năm, ngày 12/11/2020", REF, [("Thứ năm, ngày 12/11/2020", "2020-11-12", None)]),
    ("sáng thứ Sáu (5/4)", "2024-04-06", [("sáng thứ Sáu (5/4)", "2024-04-05", None)]),
    ("Chủ nhật, 12/05/2024 21:51", "2024-05-13", [("Chủ nhật, 12/05/2024", "2024-05-12", None)]),
    ("Trận đấu diễn ra vào thứ Hai.", REF, [("thứ Hai", "2020-11-16", None)]),
    ("sáng Chủ nhật đoàn về nước", REF, [("sáng Chủ nhật", "2020-11-22", None)]),
    ("thứ Sáu tuần trước", REF, [("thứ Sáu tuần trước", "2020-11-13", None)]),
    ("vào thứ Hai tới", REF, [("thứ Hai tới", "2020-11-23", None)]),
    ("thứ Ba tuần này", REF, [("thứ Ba tuần này", "2020-11-17", None)]),
    # Tết and festivals
    ("Nhân dịp Tết, Chủ tịch nước gửi thư chúc mừng.", "2024-02-01", [("Nhân dịp Tết", "2024-02-10", None)]),
    ("dịp Tết", REF, [("dịp Tết", "2021-02-12", None)]),
    ("Tết Nguyên đán 2024", REF, [("Tết Nguyên đán 2024", "2024-02-10", None)]),
    ("Tết Giáp Thìn", "2023-12-01", [("Tết Giáp Thìn", "2024-02-10", None)]),
    ("Tết Canh Tý", "2019-12-01", [("Tết Canh Tý", "2020-01-25", None)]),
    ("mùng 3 Tết", "2024-02-01", [("mùng 3 Tết", "2024-02-12", None)]),
    ("Tết Dương lịch 2021", REF, [("Tết Dương lịch 2021", "2021-01-01", None)]),
    ("Tết Dương lịch", REF, [("Tết Dương lịch", "2021-01-01", None)]),
    # English dates quoted in Vietnamese text (only with a year)
    ("(Hà Nội, 19 October 2020) - TTXVN", REF, [("19 October 2020", "2020-10-19", None)]),
    # ISO dates
    ("cập nhật 2020-11-22 10:00", REF, [("2020-11-22", "2020-11-22", None)]),
]


@pytest.mark.parametrize(("text", "ref", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_vietnamese_expression_is_found_and_resolved(text, ref, expected):
    assert found(text, ref, "vi") == expected


def test_relative_expressions_are_flagged_relative():
    got = {e.text: e.relative for e in find_dates(
        "Ngày 12/11/2020 và tối 22/11, năm 2019, hôm qua, tháng 10, quý III năm 2020", date(2020, 11, 22))}
    assert got == {"Ngày 12/11/2020": False, "tối 22/11": True, "năm 2019": False, "hôm qua": True,
                   "tháng 10": True, "quý III năm 2020": False}


def test_year_is_resolved_nearest_to_the_document_date():
    # a digest dated 2 January speaking of 28/12 means the previous year ...
    assert found("tối 28/12", "2021-01-02") == [("tối 28/12", "2020-12-28", None)]
    # ... and one dated 28 December speaking of 3/1 the next
    assert found("sáng 3/1", "2020-12-28") == [("sáng 3/1", "2021-01-03", None)]


def test_several_dates_in_one_sentence_come_in_order():
    text = "Sáng 22/11, Thủ tướng dự G20; chiều 23/11 tiếp Đại sứ; tháng 12/2020 sẽ thăm Nhật Bản."
    assert found(text, REF) == [("Sáng 22/11", "2020-11-22", None), ("chiều 23/11", "2020-11-23", None),
                                ("tháng 12/2020", "2020-12", None)]
