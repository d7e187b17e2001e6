"""Context rules: ambiguous short names, titles bound to states and people, unknown names after titles."""
from __future__ import annotations

import re

from bluebook.models import Mention

# Words that, right before an ambiguous country name, show it is the country
# ("Vương quốc Anh", "nước Anh", "thăm Đức") rather than part of a person's name.
_COUNTRY_CUE = re.compile(
    r"(?:vương quốc|nước|thăm|tại|tới|đến|sang|với|và|của|giữa|hai nước|quốc|phía|chính phủ|"
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
}


def ambiguous_ok(text: str, start: int, end: int) -> bool:
    """Keep an ambiguous country name only where the words around it say it is the country."""
    before = text[max(0, start - 40):start]
    after = text[end:end + 12]
    # part of a person's name: a capitalised word right before or after ("Nguyễn Đức", "Anh Tuấn")
    prev = re.search(r"([\wÀ-ỹĐđ]+)\s*$", before)
    nxt = re.match(r"\s+([\wÀ-ỹĐđ]+)", after)
    if nxt and nxt.group(1)[:1].isupper() and not _COUNTRY_CUE.search(before):
        return False
    if prev and prev.group(1)[:1].isupper() and not _COUNTRY_CUE.search(before):
        return False
    return bool(_COUNTRY_CUE.search(before)) or text[end:end + 1] in (",", ".", ";", ")", " ") and bool(prev)


def name_after(text: str, pos: int, limit: int = 60) -> tuple[int, int] | None:
    """Span of a capitalised name starting right after ``pos`` (after a title), if any."""
    m = _NAME_AFTER.match(text, pos, min(len(text), pos + limit))
    if not m:
        return None
    words = m.group(1).split()
    # stop at words that start a new phrase rather than continue a name
    kept: list[str] = []
    for w in words:
        if w.rstrip(",.") in _NOT_NAME and kept:
            break
        if w in _NOT_NAME:
            return None
        kept.append(w)
    if not kept:
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
