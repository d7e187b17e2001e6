"""bluebook: diplomatic events of Viet Nam from Vietnamese and English news."""
from __future__ import annotations

__version__ = "0.1.0"
