"""/docs: the OpenAPI description as a plain page (Swagger UI needs a CDN and inline script)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from bluebook.web.pages import page

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "delete", "patch")


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            params = [{"name": p.get("name", ""), "in": p.get("in", ""), "required": p.get("required", False),
                       "type": (p.get("schema") or {}).get("type") or "/".join(
                           str(s.get("type")) for s in (p.get("schema") or {}).get("anyOf", []) if s.get("type")),
                       "description": p.get("description", "")} for p in op.get("parameters", [])]
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "tags": op.get("tags", []), "params": params})
    return out


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    return page(request, "apidocs.html", {"ops": operations(spec), "title": spec.get("info", {}).get("title", "")})
