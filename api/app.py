"""The HTTP API and the web pages: `create_app(settings)`; `dalil serve` runs it.

The server owns the stores: it opens them once at startup and shares one Dalil (behind a lock)
between requests. Every error is a JSON ``{"error", "message"}`` with a 4xx status saying what
was wrong with the request; a 5xx means a bug, and never carries a stack trace.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.auth import KeyStore
from api.deps import Service
from api.jobs import JobStore
from api.maintenance import startup_repair
from api.routes import (
    actors,
    admin,
    answers,
    coverage,
    docs_ui,
    documents,
    exchange,
    graph_routes,
    maintenance,
)
from api.routes.documents import resume_jobs
from api.security import ASGIApp, Message, Receive, Scope, SecurityHeaders, Send, content_security_policy
from api.server_lock import remove_lock, write_lock
from api.service import UnknownName, open_dalil
from graph.settings import Settings, get_settings
from graph.store import GraphStoreError

log = logging.getLogger("dalil.api")
WEB = Path(__file__).resolve().parent / "web"
UPLOAD_PATHS = ("/api/documents", "/api/eval", "/api/import-rdf")


def _err(status: int, error: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": error, "message": message, **extra}, status_code=status)


class BodyLimit:
    """Refuses bodies over the limit with 413 before the app reads them (chunked ones too)."""

    def __init__(self, app: ASGIApp, json_limit: int, upload_limit: int) -> None:
        self.app, self.json_limit, self.upload_limit = app, json_limit, upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.upload_limit if scope["path"].startswith(UPLOAD_PATHS) else self.json_limit

        async def too_big() -> None:
            what = "upload" if limit == self.upload_limit else "request body"
            await _err(413, "too_large", f"the {what} is larger than the limit of {limit // 1024} KiB")(scope, receive, send)

        headers = dict(scope.get("headers") or [])
        try:
            declared = int(headers.get(b"content-length", b"-1"))
        except ValueError:
            await _err(400, "bad_request", "Content-Length is not a number")(scope, receive, send)
            return
        if declared > limit:
            await too_big()
            return
        chunks, size, more = [], 0, True
        while more:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            body = msg.get("body", b"")
            size += len(body)
            if size > limit:
                await too_big()
                return
            chunks.append(body)
            more = msg.get("more_body", False)
        replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def receive_again() -> Message:
            return replay.pop() if replay else await receive()

        await self.app(scope, receive_again, send)


def _validation_message(exc: RequestValidationError) -> tuple[int, str]:
    errs = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errs):
        return 400, "malformed JSON body: " + "; ".join(str(e.get("ctx", {}).get("error", e["msg"])) for e in errs)
    parts = []
    for e in errs[:5]:
        loc = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "body"
        parts.append(f"{loc}: {e.get('msg', 'invalid')}")
    return 422, "; ".join(parts)


def create_app(settings: Settings | None = None, lock_url: str | None = None) -> FastAPI:
    """The app over ``settings.home``; ``lock_url`` (given by `dalil serve`) writes server.lock."""
    s = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with ExitStack() as stack:
            dalil = stack.enter_context(open_dalil(s.home, s.graph_uri or None))
            app.state.service = Service(dalil, threading.RLock())
            if lock_url:
                write_lock(s.home, lock_url)
                stack.callback(remove_lock, s.home)
            startup_repair(dalil)  # the search index back in step with the graph before any request
            resume_jobs(app.state.service, app.state.jobs)  # uploads a stopped server had accepted
            from graph.sparql import cancel_all

            stack.callback(cancel_all)  # on shutdown (SIGTERM), running queries stop at once
            yield

    app = FastAPI(
        title="Dalil API",
        version="0.1.0",
        summary="Who does what, where, in P/CVE in Iraq — every answer with its source.",
        description=(
            "Answers are the same JSON as the CLI's `--json`. Reads need a key with role "
            "`reader` (or none, when the server opens reads); ingest and curation need `editor`; "
            "keys and deletion need `admin`. Send the key as `X-API-Key` or `Authorization: Bearer`."
        ),
        lifespan=lifespan,
        docs_url=None,  # served offline by api/routes/docs_ui.py
        redoc_url=None,
    )
    app.state.settings = s
    app.state.keys = KeyStore(s.home)
    app.state.jobs = JobStore(s.home)

    @app.exception_handler(UnknownName)
    async def unknown(_: Request, e: UnknownName) -> JSONResponse:
        return _err(404, "not_found", str(e), what=e.what, name=e.name, suggestions=e.suggestions)

    @app.exception_handler(NotImplementedError)
    async def not_impl(_: Request, e: NotImplementedError) -> JSONResponse:
        return _err(501, "not_implemented", str(e) or "this operation is not available yet")

    @app.exception_handler(GraphStoreError)
    async def store_err(_: Request, e: GraphStoreError) -> JSONResponse:
        return _err(503, "store_unavailable", str(e))

    from search.embed import EmbedderError
    from search.vectors import VectorStoreError

    @app.exception_handler(EmbedderError)
    @app.exception_handler(VectorStoreError)
    async def search_err(_: Request, e: Exception) -> JSONResponse:
        return _err(503, "search_unavailable", str(e))

    @app.exception_handler(ValueError)
    async def value_err(_: Request, e: ValueError) -> JSONResponse:
        return _err(422, "invalid_value", str(e))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, e: RequestValidationError) -> JSONResponse:
        status, msg = _validation_message(e)
        return _err(status, "invalid_request", msg)

    @app.exception_handler(StarletteHTTPException)
    async def http_err(_: Request, e: StarletteHTTPException) -> JSONResponse:
        names = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported", 422: "invalid_request"}
        resp = _err(e.status_code, names.get(e.status_code, "error"), str(e.detail))
        if e.headers:
            resp.headers.update(e.headers)
        return resp

    @app.exception_handler(Exception)
    async def crash(request: Request, e: Exception) -> JSONResponse:
        # the path only: query strings and headers may carry keys
        log.error("internal error on %s %s: %s", request.method, request.url.path, type(e).__name__, exc_info=e)
        return _err(500, "internal", "internal error; the server log has the details")

    for module in (answers, actors, graph_routes, documents, exchange, admin, maintenance, coverage):
        app.include_router(module.router, prefix="/api")
    app.include_router(docs_ui.router)

    @app.get("/api/context.jsonld", tags=["open standards"], summary="Dalil's JSON-LD @context",
             response_class=FileResponse)
    def context() -> FileResponse:
        from graph.rdf import CONTEXT_FILE

        return FileResponse(CONTEXT_FILE, media_type="application/ld+json")

    if s.api_cors_origins.strip():
        origins = [o.strip() for o in s.api_cors_origins.split(",") if o.strip()]
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["X-API-Key", "Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, json_limit=s.api_max_body_kb * 1024, upload_limit=s.api_max_upload_mb * 1024 * 1024)
    app.add_middleware(SecurityHeaders, csp=content_security_policy(WEB / "static"))
    app.mount("/", StaticFiles(directory=WEB / "static", html=True), name="web")
    return app


def openapi_json(settings: Settings | None = None) -> str:
    """The OpenAPI document without starting the stores (for docs and fuzzing)."""
    return json.dumps(create_app(settings).openapi(), ensure_ascii=False, indent=1)
