"""Defence in depth for every HTTP answer: security headers and an access log.

Headers: the pages' own inline scripts are allowed by hash (computed from the files at start,
so editing a page cannot silently break it), nothing else runs; no framing, no sniffing. The
generated API docs (/docs, /redoc) load their viewer from a CDN and so keep FastAPI's own rules.

Access log: one line per request on the ``dalil.access`` logger: method, route, status,
milliseconds and the caller's key id (set by api.deps.require), never the key or the query
string (both may carry secrets). `dalil serve` sends the logger to stderr or a file.
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import re
import time
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

access_log = logging.getLogger("dalil.access")

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_HANDLER = re.compile(r"""\son[a-z]+="([^"]*)\"""")
_DOCS = ("/docs", "/redoc")


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(web: Path) -> str:
    """A CSP allowing the pages' own files and exactly their inline scripts and handlers."""
    hashes: set[str] = set()
    handlers = False
    for page in sorted(web.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        hashes.update(_sha(s) for s in _INLINE_SCRIPT.findall(text))
        for h in _HANDLER.findall(text):
            hashes.add(_sha(html.unescape(h)))
            handlers = True
    script = " ".join(["'self'", *(["'unsafe-hashes'"] if handlers else []), *sorted(hashes)])
    return ("default-src 'self'; " f"script-src {script}; " "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'; form-action 'self'")


class SecurityHeaders:
    """Adds the security headers to every response (and logs it, see the module docstring)."""

    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.headers = [
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]
        self.csp = (b"content-security-policy", csp.encode("ascii"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        extra = self.headers if path.startswith(_DOCS) else [*self.headers, self.csp]
        start, status = time.monotonic(), [0]

        async def send_with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                status[0] = msg["status"]
                have = {k.lower() for k, _ in msg.get("headers", [])}
                msg["headers"] = [*msg.get("headers", []), *(h for h in extra if h[0] not in have)]
            await send(msg)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            state = scope.get("state") or {}
            key = state.get("key_id", "") if isinstance(state, dict) else getattr(state, "key_id", "")
            access_log.info("%s %s %s %.0fms key=%s", scope.get("method", ""), path, status[0] or "-",
                            (time.monotonic() - start) * 1000, key or "-")


def configure_access_log(where: str) -> None:
    """Send the access log to stderr ("-"), a file (opened 0600), or nowhere ("")."""
    access_log.handlers.clear()
    access_log.propagate = False
    if not where:
        access_log.disabled = True
        return
    access_log.disabled = False
    if where == "-":
        handler: logging.Handler = logging.StreamHandler()
    else:
        import os

        fd = os.open(where, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.close(fd)
        handler = logging.FileHandler(where, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%dT%H:%M:%S%z"))
    access_log.addHandler(handler)
    access_log.setLevel(logging.INFO)
