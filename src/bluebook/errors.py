"""Errors with stable codes. Ground floor: imports nothing of bluebook.

Every error names the file and the problem and, where it can, says what to do,
so the CLI can print one line instead of a traceback.
"""
from __future__ import annotations


class BluebookError(Exception):
    """Base error: ``code`` is stable (E001…), ``source`` the file concerned."""

    code = "E000"

    def __init__(self, message: str, source: str = "", hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.hint = hint

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.code}: {where}{self.message}{hint}"


class NotFoundError(BluebookError):
    code = "E001"


class UnreadableError(BluebookError):
    code = "E002"


class EmptyInputError(BluebookError):
    code = "E003"


class BinaryInputError(BluebookError):
    code = "E004"


class DecodeError(BluebookError):
    code = "E005"


class TooLargeError(BluebookError):
    code = "E006"


class UnsupportedFormatError(BluebookError):
    code = "E007"


class MalformedRecordError(BluebookError):
    code = "E008"


class ArchiveError(BluebookError):
    """Zip bombs, path traversal, corrupt archives."""
    code = "E009"


class BadDateError(BluebookError):
    code = "E010"


class ConfigError(BluebookError):
    code = "E011"


class StoreError(BluebookError):
    code = "E020"


class DataFileError(BluebookError):
    """A bundled language/gazetteer data file is malformed."""
    code = "E030"
