"""Metadata shared by the record readers (json, jsonl, csv): dates to ISO, fields to a RawDoc."""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from bluebook.config import Settings
from bluebook.errors import BluebookError, EmptyInputError, MalformedRecordError, TooLargeError
from bluebook.models import RawDoc

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]|\b)")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_YMD_SLASH = re.compile(r"(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")
_COMPACT = re.compile(r"(?:D:)?(\d{4})(\d{2})(\d{2})(?:\d{0,6})(?:[Zz+\-].*)?")
# English month-name forms, C locale; metadata rarely has anything else.
_TEXT_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%b. %d, %Y", "%A, %B %d, %Y")


def _ymd(y: str | int, m: str | int, d: str | int) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def normalize_date(value: str) -> str | None:
    """ISO ``YYYY-MM-DD`` for a metadata date, or None when it cannot be read with confidence.

    A timestamp keeps the calendar date as written (``2020-11-12T23:00-05:00``
    -> ``2020-11-12``): the publisher's local date is the one the text means.
    Numeric dates are day-first (Vietnamese usage) unless only month-first is valid.
    """
    s = value.strip()
    if not s:
        return None
    m = _ISO.match(s)
    if m:
        return _ymd(*m.groups())
    m = _YMD_SLASH.match(s)
    if m:
        return _ymd(*m.groups())
    m = _COMPACT.fullmatch(s)
    if m:
        return _ymd(*m.groups())
    m = _NUMERIC.search(s)  # also inside "Thứ năm, 12/11/2020 06:00 (GMT+7)"
    if m:
        a, b, y = m.groups()
        return _ymd(y, b, a) or _ymd(y, a, b)
    try:
        return parsedate_to_datetime(s).date().isoformat()  # RFC 2822, as in RSS feeds
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _TEXT_FORMATS:
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    m = _ISO.search(s)
    return _ymd(*m.groups()) if m else None


def date_fields(value: str) -> tuple[str, dict[str, Any]]:
    """The ISO date and, when unreadable, the raw value kept in meta for a human to see."""
    iso = normalize_date(value)
    if iso:
        return iso, {}
    return "", ({"date_raw": value} if value.strip() else {})


def longest_line_over(text: str, limit: int) -> int:
    """Length of the first line longer than ``limit`` characters, or 0."""
    if len(text) <= limit:
        return 0
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        if end - start > limit:
            return end - start
        start = end + 1
    return 0


def _str_field(rec: dict[str, Any], name: str, source: str) -> str:
    value = rec.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise MalformedRecordError(f"field '{name}' is {type(value).__name__}, not a string", source,
                                   hint="fix the record, or map another field with the field-name settings")
    return value


def record_to_raw(rec: Any, source: str, settings: Settings, fmt: str,
                  meta: dict[str, Any] | None = None) -> RawDoc | BluebookError:
    """One json/csv record as a RawDoc, or the error that says what is wrong with it."""
    if not isinstance(rec, dict):
        return MalformedRecordError(f"expected an object with a '{settings.text_field}' field, "
                                    f"got {type(rec).__name__}", source)
    tf = settings.text_field
    if tf not in rec:
        fields = ", ".join(str(k) for k in list(rec)[:12])
        return MalformedRecordError(f"no '{tf}' field", source,
                                    hint=f"fields are: {fields}; name the text field with --text-field")
    try:
        text = rec[tf]
        if not isinstance(text, str):
            raise MalformedRecordError(f"field '{tf}' is {type(text).__name__}, not a string", source,
                                       hint="the text must be a string")
        raw_date = _str_field(rec, settings.date_field, source)
        title = _str_field(rec, settings.title_field, source)
        url = _str_field(rec, settings.url_field, source)
    except MalformedRecordError as e:
        return e
    if not text.strip():
        return EmptyInputError(f"field '{tf}' is empty", source)
    over = longest_line_over(text, settings.max_line_chars)
    if over:
        return TooLargeError(f"one line of {over:,} characters in '{tf}' (max_line_chars {settings.max_line_chars:,}); "
                            "not a news text", source,
                             hint="raise max_line_chars if this really is one text")
    iso, date_meta = date_fields(raw_date)
    own = {tf, settings.date_field, settings.title_field, settings.url_field}
    extra = {str(k): v for k, v in rec.items()
             if k not in own and (v is None or isinstance(v, (str, int, float, bool)))}
    full_meta: dict[str, Any] = {**(meta or {}), **date_meta}
    if extra:
        full_meta["fields"] = extra
    return RawDoc(source=source, text=text, title=title.strip(), url=url.strip(), date=iso,
                  format=fmt, meta=full_meta)
