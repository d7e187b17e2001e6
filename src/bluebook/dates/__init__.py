"""dates stage: find date expressions in a text and resolve them against the document date.

``find_dates(text, ref, lang)`` returns :class:`~bluebook.models.DateExpr`
objects (offsets into ``text``, ISO partial dates, spans as date/date_end);
``has_date_hint(text, lang)`` says cheaply whether a text can hold one at all.
Language words live in ``lang/<lang>/dates.tsv``; the rules in ``rules_vi``
and ``rules_en``; calendar arithmetic in ``resolver``.
"""
from __future__ import annotations

from bluebook.dates.precision import compatible, interval, precision
from bluebook.dates.resolver import parse_iso_partial, resolve_day_month
from bluebook.dates.scan import find_dates, has_date_hint

__all__ = ["find_dates", "has_date_hint", "resolve_day_month", "parse_iso_partial", "precision",
           "compatible", "interval"]
