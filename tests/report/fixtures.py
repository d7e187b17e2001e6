"""A small fixed world for the report tests: a gazetteer of a dozen states, a few forums and
leaders, and 2020 events with their sources. All texts here are written for these tests."""
from __future__ import annotations

from bluebook.gazetteer.data import Entity, GazetteerData, Person, Tenure
from bluebook.report.model import ReportEvent, SourceRef

STATES = [  # id, name_en, name_vi, region
    ("VNM", "Viet Nam", "Việt Nam", "SEA"), ("LAO", "Laos", "Lào", "SEA"), ("KHM", "Cambodia", "Campuchia", "SEA"),
    ("JPN", "Japan", "Nhật Bản", "NEA"), ("CHN", "China", "Trung Quốc", "NEA"), ("IND", "India", "Ấn Độ", "SA"),
    ("FRA", "France", "Pháp", "EUR"), ("AUS", "Australia", "Australia", "OCE"), ("BRA", "Brazil", "Brazil", "AME"),
    ("USA", "United States", "Hoa Kỳ", "AME"), ("EGY", "Egypt", "Ai Cập", "MEA"),
    ("ZAF", "South Africa", "Nam Phi", "AFR"),
]
ORGS = [  # id, name_en, name_vi, parent, kind
    ("UN", "United Nations", "Liên hợp quốc", "", "intergovernmental"),
    ("UNSC", "United Nations Security Council", "Hội đồng Bảo an Liên hợp quốc", "UN", "intergovernmental"),
    ("ASEAN", "ASEAN", "ASEAN", "", "intergovernmental"),
    ("APEC", "APEC", "APEC", "", "forum"),
    ("EU", "European Union", "Liên minh châu Âu", "", "intergovernmental"),
    ("CPV", "Communist Party of Viet Nam", "Đảng Cộng sản Việt Nam", "VNM", "party"),
    ("LPRP", "Lao People's Revolutionary Party", "Đảng Nhân dân Cách mạng Lào", "", "party"),
    ("NA", "National Assembly of Viet Nam", "Quốc hội Việt Nam", "VNM", "parliament"),
    ("AIPA", "ASEAN Inter-Parliamentary Assembly", "Đại hội đồng Liên Nghị viện ASEAN", "", "parliament"),
]
PERSONS = [  # id, name, name_ascii, state
    ("nxp", "Nguyễn Xuân Phúc", "Nguyen Xuan Phuc", "VNM"), ("pbm", "Phạm Bình Minh", "Pham Binh Minh", "VNM"),
    ("npt", "Nguyễn Phú Trọng", "Nguyen Phu Trong", "VNM"),
    ("ntkn", "Nguyễn Thị Kim Ngân", "Nguyen Thi Kim Ngan", "VNM"),
    ("abe", "Shinzo Abe", "Shinzo Abe", "JPN"), ("ts", "Thongloun Sisoulith", "Thongloun Sisoulith", "LAO"),
    ("hs", "Hun Sen", "Hun Sen", "KHM"), ("modi", "Narendra Modi", "Narendra Modi", "IND"),
]
TENURES = [  # person, office, state, start, end
    ("nxp", "PM", "VNM", "2016-04-07", "2021-04-05"), ("pbm", "DPM", "VNM", "2013-11-13", "2021-07-26"),
    ("pbm", "FM", "VNM", "2011-08-03", "2021-04-08"), ("npt", "GS", "VNM", "2011-01-19", ""),
    ("npt", "PRES", "VNM", "2018-10-23", "2021-04-05"), ("ntkn", "NA_CHAIR", "VNM", "2016-03-31", "2021-03-30"),
    ("abe", "PM", "JPN", "2012-12-26", "2020-09-16"), ("ts", "PM", "LAO", "2016-04-20", "2021-03-22"),
    ("hs", "PM", "KHM", "1985-01-14", "2023-08-22"), ("modi", "PM", "IND", "2014-05-26", ""),
]
OFFICES = {
    "PM": ("Prime Minister", "Thủ tướng"), "DPM": ("Deputy Prime Minister", "Phó Thủ tướng"),
    "FM": ("Minister of Foreign Affairs", "Bộ trưởng Ngoại giao"), "GS": ("General Secretary", "Tổng Bí thư"),
    "PRES": ("President", "Chủ tịch nước"), "NA_CHAIR": ("Chairwoman of the National Assembly", "Chủ tịch Quốc hội"),
}


def gazetteer() -> GazetteerData:
    entities = {i: Entity(i, "state", en, vi, region=r) for i, en, vi, r in STATES}
    entities.update({i: Entity(i, "org", en, vi, parent=p, subkind=k) for i, en, vi, p, k in ORGS})
    persons = {i: Person(i, n, a, s) for i, n, a, s in PERSONS}
    tenures = [Tenure(*t) for t in TENURES]
    kinds = {o: {"office": o, "name_en": en, "name_vi": vi} for o, (en, vi) in OFFICES.items()}
    return GazetteerData(entities, persons, tenures, kinds, [])


def _src(n: int, evidence: str, lang: str = "en", date: str = "", url: bool = True) -> SourceRef:
    return SourceRef(title=f"Test dispatch number {n}", outlet="Example Wire" if url else "",
                     date=date or "2020-12-01", url=f"https://news.example.org/item/{n}" if url else "",
                     file="" if url else f"/data/inbox/note-{n}.txt", evidence=evidence, lang=lang)


def ev(i: int, type_: str, date: str, parties: list[str], persons: list[str] | None = None,
       location: str | None = None, evidence: str = "", sources: list[SourceRef] | None = None,
       date_end: str | None = None, planned: bool = False) -> ReportEvent:
    return ReportEvent(id=f"e{i:02d}", type=type_, date=date, date_end=date_end, parties=parties,
                       persons=persons or [], location=location, planned=planned,
                       sources=sources if sources is not None else [_src(i, evidence or f"Event {i} happened.")])


def events() -> list[ReportEvent]:
    """27 events of 2020 covering every chapter, merging, both visit directions and a one-event partner."""
    return [
        ev(1, "visit", "2020-05", ["VNM", "LAO"], ["Nguyen Xuan Phuc"], evidence="The head of government flew to Vientiane."),
        ev(2, "visit", "2020-01-08", ["VNM", "LAO"], ["Thongloun Sisoulith"], "Hanoi",
           evidence="The Lao premier arrived in Hanoi for the annual committee meeting."),
        ev(3, "visit", "2020-07", ["VNM", "LAO"], ["Thongloun Sisoulith"], "Hanoi",
           evidence="The Lao premier came again for a working trip."),
        ev(4, "phone_call", "2020-03", ["VNM", "JPN"], ["Nguyen Xuan Phuc", "Shinzo Abe"],
           sources=[_src(4, "The two prime ministers spoke by phone about the epidemic."),
                    _src(40, "Hai Thủ tướng trao đổi qua điện thoại về dịch bệnh.", "vi")]),
        ev(5, "phone_call", "2020-05", ["VNM", "JPN"], ["Nguyen Xuan Phuc", "Shinzo Abe"]),
        ev(6, "phone_call", "2020-08", ["VNM", "JPN"], ["Nguyen Xuan Phuc", "Shinzo Abe"]),
        ev(7, "phone_call", "2020-06", ["VNM", "JPN"], ["Pham Binh Minh"]),
        ev(8, "talks", "2020-11-10", ["VNM", "KHM"], ["Nguyen Xuan Phuc", "Hun Sen"], "Phnom Penh"),
        ev(9, "message", "2020-01-16", ["VNM", "CHN"], ["Nguyen Phu Trong"]),
        ev(10, "agreement", "2020-12-21", ["VNM", "IND"], ["Nguyen Xuan Phuc", "Narendra Modi"]),
        ev(11, "aid", "2020-04", ["VNM", "LAO"], evidence="Medical supplies were handed over to the Lao side."),
        ev(12, "aid", "2020-04-20", ["VNM", "JPN"], evidence="Tokyo donated masks to Viet Nam this week."),
        ev(13, "anniversary", "2020-04-12", ["VNM", "FRA"],
           evidence="Both countries marked the 47th anniversary of their diplomatic ties."),
        ev(14, "upgrade", "2020-11", ["VNM", "AUS"]),
        ev(15, "conference", "2020-06-26", ["VNM", "ASEAN"], ["Nguyen Xuan Phuc"], "Hanoi",
           evidence="The prime minister chaired the summit online."),
        ev(16, "conference", "2020-01-09", ["VNM", "UNSC"], ["Pham Binh Minh"], "New York"),
        ev(17, "conference", "2020-11-20", ["VNM", "APEC"], ["Nguyen Xuan Phuc"]),
        ev(18, "conference", "2020-05-12", ["VNM", "UNSC"], ["Pham Binh Minh"], "New York"),
        ev(19, "conference", "2020-09-08", ["NA", "AIPA"], ["Nguyen Thi Kim Ngan"], "Hanoi",
           evidence="The Assembly leader chaired the general assembly by video link."),
        ev(20, "talks", "2020-08-14", ["CPV", "LPRP", "VNM", "LAO"], ["Nguyen Phu Trong"]),
        ev(21, "visit", "2020-02-20", ["VNM", "EGY"], ["Pham Binh Minh"], "Cairo",
           sources=[_src(21, "The minister travelled to Cairo.", url=False)]),
        ev(22, "phone_call", "2020-10-06", ["VNM", "BRA"], ["Pham Binh Minh"]),
        ev(23, "visit", "2020-02-03", ["VNM", "ZAF"], [], "Hanoi", evidence="A delegation from Pretoria arrived."),
        ev(24, "message", "2020-09-02", ["VNM", "USA"], evidence="Washington sent a message to Viet Nam for its national day."),
        ev(25, "talks", "2020-07-15", ["VNM", "EU"], ["Pham Binh Minh"]),
        ev(26, "accusation", "2020-04-04", ["VNM", "CHN"], evidence="The spokesperson protested the sinking of a boat."),
        ev(27, "visit", "2020-12", ["VNM", "JPN"], ["Nguyen Xuan Phuc"], planned=True),
    ]
