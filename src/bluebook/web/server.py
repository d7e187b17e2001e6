"""``bluebook serve``: the app under uvicorn."""
from __future__ import annotations

import logging

from bluebook.web.app import create_app


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the web app until interrupted. ``token`` (or $BLUEBOOK_TOKEN) enables uploads and deletes."""
    import uvicorn

    app = create_app(db_url, token)
    mode = "editor token set: uploads enabled" if app.state.bluebook.token else "read-only (no token)"
    logging.getLogger("bluebook.web").warning("bluebook on http://%s:%d/ — %s", host, port, mode)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
