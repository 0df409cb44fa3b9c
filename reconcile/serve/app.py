"""The web app of `reconcile serve`: Starlette, one Jinja2 page, static files from the package.

Routes:
    GET  /             the page (templates/index.html; static/app.js draws the draft and findings)
    GET  /static/...   app.js, app.css (shipped in the wheel; nothing from a CDN)
    POST /api/check    {"text", "name"} -> the draft checked (checker.page_data, plus "seconds")
    POST /api/upload   the file's bytes (?name=FILE) -> the same, with the decoded text
    POST /api/apply    {"text", "name", "edits"} -> {"text", "applied", "name"}: accepted fixes
                       written in, for the download

Safe by default: the CLI binds 127.0.0.1; requests whose Host is not this machine's are refused
(no DNS rebinding onto the archive); a body over the size limit is refused with a 413 and a
message that says the limit; every response forbids scripts other than /static/app.js (a
Content-Security-Policy without 'unsafe-inline'), and the page puts the draft in the document
only as text (textContent, never HTML), so a draft holding <script> runs nothing; no route takes a
path: the server reads its corpus or ledger, its own package files, and nothing else.
"""
from __future__ import annotations

import json
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from reconcile.errors import InputError
from reconcile.serve.checker import Desk, apply, decode_upload, draft_name

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_BYTES = 2_000_000
LOCAL_HOSTS = ["127.0.0.1", "localhost"]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
                    "Cross-Origin-Resource-Policy": "same-origin"}


class TooLarge(Exception):
    pass


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} kB"


async def _body(request: Request, limit: int) -> bytes:
    """The request's body, refused past `limit` bytes (by its Content-Length, or as it streams)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(int(declared))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(size)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: int) -> JSONResponse:
    return JSONResponse({"error": f"The draft is too large: {_mb(size)} or more, and this server takes at most "
                                  f"{_mb(limit)} (reconcile serve --max-upload-mb). Check a shorter piece of copy."},
                        status_code=413)


def create_app(desk: Desk, max_bytes: int = DEFAULT_MAX_BYTES, allowed_hosts: list[str] | None = None) -> Starlette:
    templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescapes .html

    async def index(request: Request):
        ref = desk.reference
        return templates.TemplateResponse(request, "index.html", {
            "reference": ref.label, "kind": ref.kind, "documents": ref.documents, "figures": ref.figures,
            "plausibility": desk.plausibility, "max_bytes": max_bytes, "limit": _mb(max_bytes),
            "rules": [r for r in desk.rules if r.enabled]})

    async def _draft(request: Request) -> tuple[dict, str]:
        """The JSON object of the request and its draft text."""
        try:
            data = json.loads(await _body(request, max_bytes))
        except (ValueError, UnicodeDecodeError):
            raise InputError("request", "not JSON") from None
        if not isinstance(data, dict):
            raise InputError("request", "expected a JSON object")
        if not isinstance(data.get("text"), str):
            raise InputError("request", "no draft text")
        return data, data["text"]

    def _failure(e: Exception) -> JSONResponse:
        if isinstance(e, TooLarge):
            return _too_large(e.args[0], max_bytes)
        if isinstance(e, InputError):
            return JSONResponse({"error": str(e)}, status_code=400)
        raise e

    async def check(request: Request):
        try:
            data, text = await _draft(request)
            page = await _run(desk.check, text, draft_name(data.get("name")))
        except (TooLarge, InputError) as e:
            return _failure(e)
        return JSONResponse(page)

    async def upload(request: Request):
        name = draft_name(request.query_params.get("name"))
        try:
            text = decode_upload(name, await _body(request, max_bytes))
            page = await _run(desk.check, text, name)
        except (TooLarge, InputError) as e:
            return _failure(e)
        return JSONResponse(page)

    async def apply_fixes(request: Request):
        try:
            data, text = await _draft(request)
        except (TooLarge, InputError) as e:
            return _failure(e)
        new, applied = apply(text, data.get("edits") or [])
        name = draft_name(data.get("name"))
        stem, dot, ext = name.rpartition(".")
        return JSONResponse({"text": new, "applied": applied, "name": f"{stem}.corrected.{ext}" if dot else name})

    async def headers(request: Request, call_next):
        response: Response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        if request.url.path.startswith("/api/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    from starlette.middleware.base import BaseHTTPMiddleware

    app = Starlette(
        routes=[Route("/", index), Route("/api/check", check, methods=["POST"]),
                Route("/api/upload", upload, methods=["POST"]), Route("/api/apply", apply_fixes, methods=["POST"]),
                Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOCAL_HOSTS),
                    Middleware(BaseHTTPMiddleware, dispatch=headers)])
    app.state.desk = desk
    return app


async def _run(fn, *args):
    """A check in a worker thread (it is CPU work), so the server keeps answering."""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, *args)
