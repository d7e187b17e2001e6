"""web: the browser face and JSON API of the store (``bluebook serve``).

    app = create_app("bluebook.db", token=None)     # read-only; a token enables uploads
    serve("bluebook.db", host="127.0.0.1", port=8000)
"""
from __future__ import annotations

from bluebook.web.app import create_app
from bluebook.web.server import serve

__all__ = ["create_app", "serve"]
