"""Event extraction: trigger lexicons per language, parties, dates, one event per occurrence."""
from __future__ import annotations

from bluebook.events.extractor import extract_document

__all__ = ["extract_document"]
