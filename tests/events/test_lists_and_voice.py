"""Lists of named items, per-item dates, "both sides" and the publisher's voice (texts of our own)."""
from __future__ import annotations

from bluebook import extract
from bluebook.events.items import named_items
from bluebook.events.voice import publisher_state


def _of(text: str, date: str, type_: str, lang: str | None = None):
    return [e for e in extract(text, doc_date=date, lang=lang) if e.type == type_]


def test_named_forums_after_one_verb_are_one_conference_each():
    text = ("The Vietnamese delegation attended the ASEAN Green Growth Forum, the 3rd ASEAN Rural Youth Summit "
            "and the virtual International Seminar on River Cities.")
    evs = _of(text, "2021-12-31", "conference", "en")
    assert len(evs) == 3
    assert {e.evidence for e in evs} == {"the ASEAN Green Growth Forum", "the 3rd ASEAN Rural Youth Summit",
                                         "the virtual International Seminar on River Cities."}
    assert all("ASEAN" in e.parties for e in evs[:2])


def test_a_names_own_and_stays_inside_the_item():
    text = "Viet Nam hosted the ASEAN Green Growth Forum and the ASEAN Trade and Investment Summit 2021."
    spans = named_items(text, text.index("hosted") + 6, "en", "conference")
    assert [text[a:b] for a, b in spans] == ["the ASEAN Green Growth Forum", "the ASEAN Trade and Investment Summit 2021."]


def test_one_forum_is_not_a_list():
    text = "Viet Nam attended the Mekong Water Forum in Vientiane."
    assert named_items(text, text.index("attended") + 8, "en", "conference") == []


def test_vietnamese_list_of_agreements_is_one_agreement_each():
    text = ("Hai bên đã ký Bản ghi nhớ về hợp tác giáo dục, Hiệp định về vận tải đường bộ và "
            "Kế hoạch hành động giai đoạn 2024-2026 giữa Việt Nam và Lào.")
    evs = _of(text, "2024-05-02", "agreement", "vi")
    assert len(evs) == 3
    assert all("LAO" in e.parties for e in evs)


def test_each_partner_takes_its_own_year_in_a_list():
    text = ("Việt Nam đã thiết lập quan hệ Đối tác chiến lược toàn diện với Ấn Độ năm 2016, "
            "với Hàn Quốc năm 2022 và với Nhật Bản năm 2023.")
    evs = _of(text, "2024-06-01", "upgrade", "vi")
    got = {next(p for p in e.parties if p != "VNM"): e.date for e in evs}
    assert got == {"IND": "2016", "KOR": "2022", "JPN": "2023"}


def test_dated_items_of_one_type_stay_apart():
    text = ("Quan hệ hai nước được thúc đẩy qua chuyến thăm Việt Nam của Tổng thống Mông Cổ (12/3/2024) "
            "và chuyến thăm Mông Cổ của Chủ tịch Quốc hội Trần Thanh Mẫn (20-22/9/2024).")
    evs = _of(text, "2024-10-01", "visit", "vi")
    assert sorted(e.date for e in evs) == ["2024-03-12", "2024-09-20"]


def test_both_sides_brings_in_the_story_partner():
    text = ("Chiều 4/6, Thủ tướng Phạm Minh Chính tiếp Bộ trưởng Ngoại giao Thái Lan. "
            "Bộ trưởng Thái Lan cho biết nhiều doanh nghiệp Thái Lan muốn mở rộng đầu tư.\n\n"
            "Thủ tướng Phạm Minh Chính đề nghị hai bên sớm hoàn tất các thủ tục mở đường bay mới.")
    evs = _of(text, "2024-06-04", "appeal", "vi")
    assert evs and set(evs[0].parties) >= {"VNM", "THA"}


def test_a_year_inside_a_treaty_name_is_not_the_events_date():
    text = ("Ngày 3/7, Bộ trưởng Bùi Thanh Sơn đề nghị các bên tôn trọng Công ước Liên hợp quốc về Luật Biển "
            "năm 1982 và kiềm chế.")
    evs = _of(text, "2024-07-04", "appeal", "vi")
    assert evs and evs[0].date == "2024-07-03"


def test_publisher_state_from_url():
    assert publisher_state("source_url: https://www.whitehouse.gov/briefing-room/x/") == "USA"
    assert publisher_state("https://baochinhphu.vn/abc.htm") == "VNM"
    assert publisher_state("https://example.org/") is None


def test_first_person_in_a_publishers_statement_is_the_publisher():
    text = ("source_url: https://www.whitehouse.gov/briefing-room/statements/2024/05/01/x/\n\n"
            "Statement on Viet Nam\n\n"
            "I congratulate Prime Minister Pham Minh Chinh on the opening of the new terminal in Hanoi.")
    evs = _of(text, "2024-05-01", "message", "en")
    assert evs and {"USA", "VNM"} <= set(evs[0].parties)


def test_each_bracketed_date_closes_one_occurrence():
    text = ("The two countries kept in touch through telephone conversations between President Nguyen Xuan Phuc "
            "and President Gurbanguly Berdimuhamedov (March 2021), between Prime Minister Pham Minh Chinh and "
            "Prime Minister of Turkmenistan (May 2021), and between the two Foreign Ministers (July 2021).")
    evs = _of(text, "2021-12-31", "phone_call", "en")
    assert sorted(e.date for e in evs) == ["2021-03", "2021-05", "2021-07"]
    first = next(e for e in evs if e.date == "2021-03")
    assert "Pham Minh Chinh" not in first.persons


def test_a_practice_is_not_an_occurrence_unless_examples_follow():
    general = "The two sides maintained regular telephone conversations and exchanges of delegations with Mongolia."
    assert _of(general, "2021-12-31", "phone_call", "en") == []
    example = ("Contacts with Mongolia were maintained, including the telephone conversation between the two "
               "Prime Ministers (June 2021).")
    assert [e.date for e in _of(example, "2021-12-31", "phone_call", "en")] == ["2021-06"]


def test_calls_with_the_same_country_by_other_leaders_stay_apart():
    text = ("Prime Minister Pham Minh Chinh had a telephone conversation with Prime Minister of Mongolia "
            "Oyun-Erdene Luvsannamsrai (April 2022). Foreign Minister Bui Thanh Son had a telephone conversation "
            "with Foreign Minister of Mongolia Battsetseg Batmunkh (April 2022).")
    evs = _of(text, "2022-12-31", "phone_call", "en")
    assert len(evs) == 2


def test_a_match_between_national_teams_is_not_a_meeting():
    text = "Tối 15/12, đội tuyển Việt Nam gặp Indonesia ở lượt trận thứ hai vòng bảng ASEAN Cup."
    assert extract(text, doc_date="2024-12-16", lang="vi") == []


def test_statements_by_different_speakers_are_different_protests():
    text = ("Ngày 18/6, Bộ Ngoại giao Philippines lên án hành động của tàu hải cảnh Trung Quốc. "
            "Cùng ngày, Đại sứ Nhật Bản tại Manila lên án các hành động nguy hiểm của Trung Quốc trên biển.")
    evs = [e for e in extract(text, doc_date="2024-06-19", lang="vi") if e.type == "accusation"]
    assert sorted(next(p for p in e.parties if p != "CHN") for e in evs) == ["JPN", "PHL"]


def test_anniversary_of_relations_is_dated_from_the_year_relations_began():
    text = "Hai bên nhất trí phối hợp tổ chức các hoạt động kỷ niệm 50 năm thiết lập quan hệ ngoại giao Việt Nam - Nhật Bản."
    evs = _of(text, "2022-06-10", "anniversary", "vi")
    assert evs and evs[0].date == "2023" and evs[0].planned
    en = "Both sides held events to mark the 30th anniversary of diplomatic relations between Viet Nam and the ROK (1992-2022)."
    evs = _of(en, "2022-12-31", "anniversary", "en")
    assert evs and evs[0].date.startswith("2022")


def test_an_invitation_to_visit_is_not_a_visit_but_a_visit_at_the_invitation_is():
    invite = "Thủ tướng Phạm Minh Chính mời Thủ tướng Thái Lan sớm thăm chính thức Việt Nam."
    assert _of(invite, "2024-09-10", "visit", "vi") == []
    visit = "Theo lời mời của Thủ tướng Phạm Minh Chính, Thủ tướng Thái Lan thăm chính thức Việt Nam từ ngày 15 đến 16/5."
    assert [e.date for e in _of(visit, "2024-05-17", "visit", "vi")] == ["2024-05-15"]


def test_withdrawing_a_country_from_an_organisation_and_an_order_is_not_an_agreement():
    text = "Ngày 20/1, Tổng thống Mỹ đã ký sắc lệnh rút Mỹ khỏi Tổ chức Y tế Thế giới (WHO)."
    evs = extract(text, doc_date="2025-01-21", lang="vi")
    assert [e.type for e in evs] == ["withdrawal"]
    assert {"USA", "WHO"} <= set(evs[0].parties)


def test_ratified_and_in_force_on_different_dates_are_two_events():
    text = ("Hiệp định Thương mại tự do Việt Nam - EU (EVFTA) được Quốc hội phê chuẩn (8/6/2020) và chính thức "
            "có hiệu lực (1/8/2020).")
    evs = _of(text, "2020-12-31", "agreement", "vi")
    assert sorted(e.date for e in evs) == ["2020-06-08", "2020-08-01"]
    assert all("EU" in e.parties for e in evs)


def test_match_reports_and_price_tables_give_no_events():
    sport = ("Đội tuyển Thái Lan gặp Campuchia ở vòng bảng. HLV của đội khách cho biết các cầu thủ đã sẵn sàng. "
             "Trận đấu diễn ra tối 10/12; đội chủ nhà được đề nghị thay sân tập.")
    assert extract(sport, doc_date="2024-12-11", lang="vi") == []
    prices = ("Giá vàng hôm nay tăng nhẹ. Tỷ giá USD ổn định, VN-Index giảm 3 điểm. "
              "Ngân hàng cung cấp 2 triệu USD tín dụng cho doanh nghiệp xuất khẩu.")
    assert extract(prices, doc_date="2024-12-11", lang="vi") == []


def test_stopping_supplies_is_not_aid():
    text = "Ngày 8/5, Tổng thống Mỹ tuyên bố sẽ ngừng cung cấp 3.500 quả bom cho Israel."
    assert [e for e in extract(text, doc_date="2024-05-09", lang="vi") if e.type == "aid"] == []


def test_messages_from_two_foreign_leaders_are_two_messages():
    text = ("Ngày 2/9, Tổng thống Indonesia Joko Widodo và Thủ tướng Singapore Lý Hiển Long gửi điện chúc mừng "
            "Chủ tịch nước Võ Văn Thưởng nhân dịp Quốc khánh Việt Nam.")
    evs = _of(text, "2023-09-03", "message", "vi")
    assert sorted(e.parties[0] for e in evs) == ["IDN", "SGP"]
    assert all("VNM" in e.parties for e in evs)


def test_a_source_named_before_the_sender_is_not_a_second_sender():
    text = "Hãng thông tấn Nhật Bản đưa tin, Tổng thống Hàn Quốc đã gửi điện chia buồn tới Thủ tướng Việt Nam."
    evs = _of(text, "2023-09-03", "message", "vi")
    assert len(evs) == 1 and {"KOR", "VNM"} <= set(evs[0].parties)


def test_a_foreign_story_in_vietnamese_does_not_make_viet_nam_a_party():
    text = ("Ngày 10/7, Tổng thống Pháp Emmanuel Macron điện đàm với Thủ tướng Israel Benjamin Netanyahu về "
            "tình hình khu vực.")
    evs = _of(text, "2024-07-11", "phone_call", "vi")
    assert len(evs) == 1 and set(evs[0].parties) == {"FRA", "ISR"}


def test_a_province_receiving_a_consul_is_viet_nams_side():
    text = ("Sáng 16/9, Phó Chủ tịch UBND tỉnh Nguyễn Văn An đã tiếp xã giao ông Lý Minh, Tổng lãnh sự "
            "Trung Quốc tại Đà Nẵng.")
    evs = _of(text, "2024-09-17", "talks", "vi")
    assert len(evs) == 1 and set(evs[0].parties) == {"VNM", "CHN"}


def test_a_meeting_between_two_ministers_is_one_meeting_of_both():
    text = "Ngày 24/7, cuộc gặp giữa Bộ trưởng Quốc phòng Mỹ và người đồng cấp Iraq diễn ra tại Washington."
    evs = _of(text, "2024-07-25", "talks", "vi")
    assert len(evs) == 1 and set(evs[0].parties) == {"USA", "IRQ"}


def test_a_call_with_a_word_between_is_still_a_call():
    text = 'Hôm 3/2, Thủ tướng Canada viết: "Tôi vừa có một cuộc gọi tốt đẹp với Tổng thống Trump".'
    evs = _of(text, "2025-02-04", "phone_call", "vi")
    assert len(evs) == 1 and set(evs[0].parties) == {"CAN", "USA"} and evs[0].date == "2025-02-03"


def test_abbreviations_with_periods_do_not_hide_a_trigger():
    text = "On 11 September 2023 the leaders announced the upgrade of the Vietnam-U.S. ties to a Comprehensive Strategic Partnership."
    evs = _of(text, "2023-09-12", "upgrade", "en")
    assert len(evs) == 1 and set(evs[0].parties) == {"VNM", "USA"}


def test_meeting_on_the_sidelines_of_a_forum_means_both_attended_it():
    text = ("On November 17, 2022, Vice President Harris met with President Nguyen Xuan Phuc of Vietnam on the "
            "margins of the APEC Leaders Meeting in Bangkok.")
    evs = extract(text, doc_date="2022-11-18", lang="en")
    talks = [e for e in evs if e.type == "talks"]
    conf = [e for e in evs if e.type == "conference"]
    assert len(talks) == 1 and set(talks[0].parties) == {"USA", "VNM"}    # neither the forum nor the city
    assert len(conf) == 1 and "APEC" in conf[0].parties


def test_sidelines_of_an_unnamed_meeting_is_no_conference():
    text = "Bên lề hội nghị, Đại tướng Phan Văn Giang có cuộc gặp với người đồng cấp Nga ngày 20/11."
    assert [e.type for e in extract(text, doc_date="2024-11-21", lang="vi")] == ["talks"]


def test_troops_leaving_a_country_is_no_withdrawal_but_leaving_an_initiative_is():
    assert [e for e in extract("Ngày 5/9, Mỹ tuyên bố rút quân ra khỏi Iraq vào năm 2026.", doc_date="2024-09-06",
                               lang="vi") if e.type == "withdrawal"] == []
    assert [e for e in extract("The U.S. withdrew from Afghanistan in August 2021.", doc_date="2021-09-01",
                               lang="en") if e.type == "withdrawal"] == []
    evs = _of("In July 2023 Russia withdrew from the Black Sea Grain Initiative.", "2023-12-31", "withdrawal", "en")
    assert len(evs) == 1 and evs[0].parties[0] == "RUS" and evs[0].date == "2023-07"


def test_a_planned_meeting_on_a_weekday_is_the_coming_one():
    # the story is dated Sunday 10 September 2023: "on Monday" is the 11th when the meeting is still to come
    planned = _of("On Monday, President Biden will meet with Prime Minister Pham Minh Chinh of Vietnam.",
                  "2023-09-10", "talks", "en")
    assert [e.date for e in planned] == ["2023-09-11"] and planned[0].planned
    past = _of("On Monday, President Biden met with Prime Minister Pham Minh Chinh of Vietnam.", "2023-09-10", "talks", "en")
    assert [e.date for e in past] == ["2023-09-04"]


def test_the_dated_item_of_a_list_is_the_visit_not_the_general_mention_before_it():
    text = ("Hai bên nhất trí thúc đẩy kết quả các chuyến thăm cấp cao thời gian qua, nhất là chuyến thăm chính "
            "thức Nhật Bản của Thủ tướng (25-27/5/2023) và cuộc điện đàm giữa hai Thủ tướng (8/8/2023).")
    visits = _of(text, "2023-10-01", "visit", "vi")
    assert [(e.date, e.date_end) for e in visits] == [("2023-05-25", "2023-05-27")]
    assert [e.date for e in _of(text, "2023-10-01", "phone_call", "vi")] == ["2023-08-08"]


def test_a_treaty_signed_n_years_ago_is_dated_by_its_anniversary():
    text = "Năm nay, hai nước kỷ niệm 30 năm ngày ký Hiệp ước hữu nghị Việt Nam - Liên bang Nga."
    assert [e.date for e in _of(text, "2024-10-23", "agreement", "vi")] == ["1994"]
    text_en = "In 2024 the two countries marked the 30th anniversary of the signing of the Treaty between Viet Nam and Russia."
    assert [e.date for e in _of(text_en, "2024-12-31", "agreement", "en")] == ["1994"]


def test_an_appeal_keeps_the_storys_day_and_a_protest_its_month():
    text = ("Hà Nội, ngày 12/6/2024\n\nNgười phát ngôn Bộ Ngoại giao Việt Nam phản đối việc Trung Quốc cho tàu "
            "xâm phạm vùng biển của Việt Nam và yêu cầu Trung Quốc rút tàu.")
    evs = extract(text, doc_date="2024-06-12", lang="vi")
    assert {e.type: e.date for e in evs if e.type in ("accusation", "appeal")} == {
        "accusation": "2024-06", "appeal": "2024-06-12"}


def test_souvenirs_are_not_aid_and_vague_times_are_not_events():
    gift = "Sáng 16/9, Phó Chủ tịch UBND tỉnh tặng quà lưu niệm cho Tổng lãnh sự Trung Quốc tại Đà Nẵng."
    assert _of(gift, "2024-09-17", "aid", "vi") == []
    relief = "Sáng 16/9, Đại sứ Nhật Bản trao tặng 500 phần quà cho người dân vùng lũ Việt Nam."
    assert len(_of(relief, "2024-09-17", "aid", "vi")) == 1
    vague = "Hai bên nhất trí tăng cường tiếp xúc cấp cao giữa Việt Nam và Trung Quốc trong thời gian tới."
    assert _of(vague, "2024-11-05", "talks", "vi") == []
    summary = "The two countries have exchanged many visits between Viet Nam and Japan over the years."
    assert _of(summary, "2024-11-05", "visit", "en") == []


def test_a_bracketed_date_closing_the_paragraph_dates_its_events():
    text = ("In 2021, relations between the two legislatures grew. A delegation of the Foreign Affairs Committee of the "
            "Japanese House of Representatives visited Viet Nam. The visit deepened ties between the two "
            "parliaments (March 2021).\n\nOther work continued through the year.")
    visits = _of(text, "2021-12-31", "visit", "en")
    assert [e.date for e in visits] == ["2021-03"]


def test_a_memory_in_a_speechs_lead_is_not_the_storys_date():
    text = ("Thank you all. We are thankful to Viet Nam for the masks it sent us in April of 2020.\n\n"
            "Today the United States donated 1 million doses of vaccine to Viet Nam.")
    aid = [e for e in _of(text, "2021-08-26", "aid", "en") if "doses" in e.evidence]
    assert [e.date[:7] for e in aid] == ["2021-08"]


def test_meeting_verbs_need_someone_to_meet():
    assert _of("Together we can meet the challenges of the century, said President Biden in Hanoi.",
               "2023-09-11", "talks", "en") == []
    assert _of("Ngày 12/10, Kim Jong Un gặp binh sĩ, nêu thông điệp cứng rắn với Hàn Quốc.", "2024-10-13",
               "talks", "vi") == []
    met = _of("On 10 January 2020, Secretary-General Nikai Toshihiro of Japan met with Mr. Pham Minh Chinh.",
              "2020-12-31", "talks", "en")
    assert len(met) == 1 and {"JPN", "VNM"} <= set(met[0].parties)
    unknown = _of("Chiều 12/8, Bộ trưởng Bộ Công an Việt Nam đã tiếp đồng chí Alberto Lora, đại diện Bộ Nội vụ Cuba.",
                  "2024-08-13", "talks", "vi")
    assert len(unknown) == 1 and "CUB" in unknown[0].parties
    caption = "Thủ tướng Phạm Minh Chính và Thủ tướng New Zealand tại cuộc gặp ngày 10/10."
    assert len(_of(caption, "2024-10-11", "talks", "vi")) == 1


def test_the_actors_own_state_and_the_place_are_not_partners_of_a_meeting():
    text = "Tổng thống Vladimir Putin gặp gỡ Chủ tịch Triều Tiên Kim Jong-un tại Nga vào tháng 9/2023."
    evs = _of(text, "2024-06-18", "talks", "vi")
    assert [set(e.parties) for e in evs] == [{"RUS", "PRK"}]


def test_a_since_date_describes_a_state_not_the_event():
    text = ("Ngày 12/8, Phó Chủ tịch Tổng LĐLĐVN gửi lời chúc mừng tới ông Ivan Petrov, được bầu làm Chủ tịch "
            "Công đoàn Belarus từ tháng 3.2024.")
    evs = _of(text, "2024-08-18", "message", "vi")
    assert [e.date[:7] for e in evs] == ["2024-08"]


def test_a_press_secretary_is_not_a_signing():
    text = "Ngày 22/11, Thư ký báo chí của Tổng thống Nga cho biết Nga sẽ đáp trả."
    assert _of(text, "2020-11-22", "agreement", "vi") == []


def test_a_treatys_signing_year_does_not_date_a_protest_told_after_it():
    text = ("Hiệp ước được ký kết vào năm 1992 và có hiệu lực vào năm 2002. Tuy nhiên, cả Nga và Mỹ đều cáo buộc "
            "nhau vi phạm hiệp ước.")
    evs = _of(text, "2020-11-22", "accusation", "vi")
    assert evs and all(e.date.startswith("2020") for e in evs)


def test_a_summit_of_two_states_is_their_meeting_and_of_three_a_conference():
    two = _of("Hội nghị thượng đỉnh Mỹ - Triều Tiên lần thứ hai diễn ra tại Hà Nội ngày 27/2/2019.", "2019-03-01",
              "talks", "vi")
    assert [set(e.parties) for e in two] == [{"USA", "PRK"}]
    three = extract("In August 2023 the U.S.-Japan-ROK summit was held at Camp David.", doc_date="2023-12-31",
                    lang="en")
    assert [e.type for e in three] == ["conference"]


def test_the_two_ministers_signing_are_both_sides():
    text = ("Ngày 4/12, Bộ trưởng Ngoại giao Pháp thăm chính thức Việt Nam. Sau hội đàm, hai Bộ trưởng đã ký Kế "
            "hoạch hành động giai đoạn 2024 - 2029.")
    evs = _of(text, "2024-12-05", "agreement", "vi")
    assert evs and {"VNM", "FRA"} <= set(evs[0].parties)
