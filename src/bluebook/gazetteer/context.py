"""Context rules: ambiguous short names, titles bound to states and people, unknown names after titles."""
from __future__ import annotations

import re

from bluebook.models import Mention

# Words that, right before an ambiguous country name, show it is the country
# ("Vương quốc Anh", "nước Anh", "thăm Đức") rather than part of a person's name.
_COUNTRY_CUE = re.compile(
    r"(?:vương quốc|nước|thăm|tại|tới|đến|sang|với|và|của|giữa|hai nước|phía|chính phủ|"
    r"thủ tướng|tổng thống|bộ trưởng|ngoại trưởng|đại sứ|đại sứ quán|quốc hội|hoàng gia|người|"
    r"cộng hòa|liên bang|nhà nước|bên|đoàn|ngoại giao|quốc phòng|kinh tế|doanh nghiệp|in|to|of|and|"
    r"the|visit|with|from)\s*[,]?\s*$",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-ZÀ-ỸĐ][\wÀ-ỹđĐ'’\-]*"
# A capitalised word sequence: a name (2–5 words) possibly written with initials ("V. Putin").
_NAME_AFTER = re.compile(
    rf"\s*(?:ông|bà|ngài|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Samdech|Sheikh|đồng chí)?\s*"
    rf"((?:{_NAME_WORD}|[A-Z]\.)(?:[ \u00a0-](?:{_NAME_WORD}|[A-Z]\.)){{0,4}})"
)
_GAP_RIGHT = re.compile(r"^[\s,]*(?:(?:của|nước|of|of the|the)\s+)?$", re.IGNORECASE)
_GAP_CHAIN = re.compile(r"^\s*(?:,|kiêm|and|và)?\s*$", re.IGNORECASE)
_GAP_LEFT = re.compile(r"^\s*$")
# Words that follow a title but are not names.
_NOT_NAME = {
    "Chính", "Bộ", "Ủy", "Hội", "Ban", "Đảng", "Quốc", "Tòa", "Viện", "Văn", "Nhà", "Cơ", "Các", "Hai",
    "The", "His", "Her", "Cộng", "Liên", "Thành", "Tỉnh", "Trung", "Nước", "Người", "Tập", "Tổng", "Thủ",
    "Phó", "Chủ", "Đại", "Thường", "Việt", "Ngày", "Sáng", "Chiều", "Tối", "Trưa", "Đêm", "Hôm", "Tại",
    "Trong", "Theo", "Trước", "Sau", "Của", "Và", "Với", "Cũng", "Đã", "Sẽ", "Trên", "Dưới",
    # heads of Vietnamese institution names ("Chủ tịch Công ty", "Chủ tịch Ngân hàng", "Chủ tịch Sở")
    "Công", "Ngân", "Ngoại", "Cục", "Sở", "Đài", "Báo", "Trường", "Học", "Khoa", "Hiệp", "Phòng", "Quận",
    "Huyện", "Xã", "Phường", "Tp", "TP", "Câu", "Đoàn", "Sư", "Lữ", "Hải", "Quân", "Tổ", "Nhóm", "Quỹ",
    # "Ambassador Extraordinary and Plenipotentiary", "Minister Counselor"
    "Extraordinary", "Counselor", "Counsellor", "A",
}
# A family name alone after a title is a name cut short, not a person ("Bộ trưởng Nguyễn").
_SURNAMES = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
             "Ngô", "Dương", "Lý"}


_WORD_AT_END = re.compile(r"([\wÀ-ỹĐđ]+)\s*$")
_WORD_AT_START = re.compile(r"\s+([\wÀ-ỹĐđ]+)")


def ambiguous_ok(text: str, start: int, end: int) -> bool:
    """Keep an ambiguous country name only where the words around it say it is the country."""
    before = text[max(0, start - 40):start]
    after = text[end:end + 12]
    cue = _COUNTRY_CUE.search(before) is not None
    # part of a person's name: a capitalised word right before or after ("Nguyễn Đức", "Anh Tuấn")
    prev = _WORD_AT_END.search(before)
    nxt = _WORD_AT_START.match(after)
    if not cue and ((nxt and nxt.group(1)[:1].isupper()) or (prev and prev.group(1)[:1].isupper())):
        return False
    return cue or text[end:end + 1] in (",", ".", ";", ")", " ") and bool(prev)


# "nguyên Thủ tướng", "cựu Tổng thống", "cố Chủ tịch", "former President", "ex-Premier", "the late King":
# the title names someone who no longer holds the office.
_FORMER = re.compile(r"(?<!\w)(?:nguyên|cựu|cố|former|ex|late)\s*-?\s*$", re.IGNORECASE)
# A person's name after these is a street, a school or an honour named after them ("đường Võ Nguyên Giáp").
# Not "cầu" ("yêu cầu Putin ...") nor a lower-case "trường" ("Bộ Tài nguyên và Môi trường Đặng Quốc Khánh").
_NAMED_AFTER = re.compile(
    r"(?<!\w)(?:đường|phố|đại lộ|ngõ|quảng trường|(?-i:Trường)|THPT|THCS|tiểu học|huân chương|giải thưởng)\s+$",
    re.IGNORECASE)
# A state's name after these is a sports team ("U23 Việt Nam", "ĐT Thái Lan", "đội tuyển Nhật Bản").
_TEAM = re.compile(r"(?:(?<!\w)U\.?\s?\d{2}|(?<!\w)ĐT|(?<!\w)đội tuyển|(?<!\w)tuyển|(?<!\w)futsal|(?<!\w)CLB)\s+$",
                   re.IGNORECASE)
_PREV_WORD = re.compile(r"([\wÀ-ỹĐđ]+)[ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]+([\wÀ-ỹĐđ]+)")


_CAPITALISED_NEXT = re.compile(r"[ \t]+(\w)")


def capitalised_after(text: str, pos: int) -> bool:
    """A capitalised word follows ``pos`` directly: after a title, the body the title heads
    ("Chủ tịch UBND tỉnh", "Chủ tịch Công ty") when it is no name."""
    m = _CAPITALISED_NEXT.match(text, pos, min(len(text), pos + 8))
    return bool(m) and m.group(1).isupper()


def former_before(text: str, start: int) -> bool:
    """The words right before ``start`` say "former" ("nguyên", "cựu", "former", "ex-")."""
    return bool(_FORMER.search(text, max(0, start - 12), start))


def named_after(text: str, start: int) -> bool:
    """A person's name at ``start`` names a street, school or honour rather than the person."""
    return bool(_NAMED_AFTER.search(text, max(0, start - 20), start))


def sports_team(text: str, start: int) -> bool:
    return bool(_TEAM.search(text, max(0, start - 12), start))


def part_of_name(text: str, start: int, end: int, prev_end: int, next_start: int, after_title: bool) -> bool:
    """A short country name inside a Vietnamese personal or place name ("Trương Mỹ Lan", "Thúy Nga").

    ``prev_end``/``next_start`` are where the neighbouring mentions end and start (-1 when none), so a
    name next to another entity ("Nga Ukraine", "Mỹ Joe Biden") is kept; so is one right after a title.
    """
    if after_title:
        return False
    prev = _PREV_WORD.search(text, max(0, start - 30), start)
    if prev and prev.group(1)[:1].isupper() and prev.end(1) != prev_end:
        return True
    nxt = _NEXT_WORD.match(text, end, min(len(text), end + 30))
    if nxt and nxt.group(1)[:1].isupper() and nxt.start(1) != next_start:
        return not _COUNTRY_CUE.search(text[max(0, start - 40):start])
    return False


def name_after(text: str, pos: int, limit: int = 60) -> tuple[int, int] | None:
    """Span of a capitalised name starting right after ``pos`` (after a title), if any."""
    m = _NAME_AFTER.match(text, pos, min(len(text), pos + limit))
    if not m:
        return None
    words = m.group(1).split()
    # stop at words that start a new phrase rather than continue a name
    kept: list[str] = []
    for w in words:
        if not w[:1].isupper():
            # the character class runs À-Ỹ, which takes in lower-case letters too ("đánh")
            break
        if w.rstrip(",.") in _NOT_NAME and kept:
            break
        if w in _NOT_NAME:
            return None
        kept.append(w)
    if not kept:
        return None
    if len(kept[0]) > 1 and kept[0].isupper() and not kept[0].endswith("."):
        return None                     # an acronym: "Chủ tịch UBND", "Chủ tịch HĐQT", "Chủ tịch FLC"
    if len(kept) == 1 and kept[0].rstrip(",.") in _SURNAMES:
        return None
    s = m.start(1)
    e = s + len(" ".join(kept))
    if text[s:e] != " ".join(kept):
        e = m.end(1)
    name = text[s:e].rstrip(",.")
    if len(name) < 3:
        return None
    return s, s + len(name)


def gap_right(text: str, a: Mention, b: Mention) -> bool:
    return b.start >= a.end and bool(_GAP_RIGHT.match(text[a.end:b.start]))


def gap_chain(text: str, a: Mention, b: Mention) -> bool:
    return b.start >= a.end and bool(_GAP_CHAIN.match(text[a.end:b.start]))


def adjacent_left(text: str, a: Mention, b: Mention) -> bool:
    """``a`` stands right before ``b`` ("Japanese Prime Minister")."""
    return a.end <= b.start and bool(_GAP_LEFT.match(text[a.end:b.start]))
