"""Fixtures for the pages in real headless Chromium (Debian's package) against a real `dalil serve`.

One server over the demo corpus for the whole session (ingesting it is the slow part), a fresh
empty one for the empty-store and upload tests. Screenshots land in tests/web/screenshots/
(gitignored), each page at a phone width (390 px) and a desktop width (1366 px).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import DEMO, REPO

SHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = next((p for p in (os.environ.get("DALIL_CHROMIUM", ""), shutil.which("chromium"),
                             "/usr/bin/chromium", shutil.which("chromium-browser")) if p and Path(p).exists()), None)
DALIL = [str(Path(sys.executable).parent / "dalil")]
WIDTHS = (390, 1366)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A `dalil serve` over ``home``; ``editor`` is an API key with role editor."""

    def __init__(self, home: Path, env: dict[str, str], url: str, proc: subprocess.Popen[bytes], editor: str) -> None:
        self.home, self.env, self.url, self.proc, self.editor = home, env, url, proc, editor

    def api(self, path: str, **params: Any) -> Any:
        r = httpx.get(self.url + path, params=params, timeout=120)
        return r.json()


def start_server(home: Path, log_dir: Path, ingest: bool) -> Iterator[Server]:
    env = {**os.environ, "DALIL_HOME": str(home), "DALIL_API_OPEN_READS": "1", "DALIL_EMBEDDER": "hash"}
    if ingest:
        subprocess.run([*DALIL, "ingest", str(DEMO), "--json"], cwd=REPO, env=env, check=True, capture_output=True, timeout=600)
    key = subprocess.run([*DALIL, "keys", "create", "--role", "editor", "--json"], cwd=REPO, env=env,
                         check=True, capture_output=True, text=True, timeout=120)
    editor = json.loads(key.stdout)["key"]
    port = _free_port()
    log = (log_dir / "serve.log").open("w")
    proc = subprocess.Popen([*DALIL, "serve", "--port", str(port)], cwd=REPO, env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                pytest.fail(f"dalil serve exited: {Path(log.name).read_text()}")
            try:
                if httpx.get(url + "/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield Server(home, env, url, proc, editor)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    assert not (home / "server.lock").exists(), "the server left its lock behind"


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from start_server(tmp_path_factory.mktemp("web-home"), tmp_path_factory.mktemp("web-log"), ingest=True)


@pytest.fixture(scope="session")
def server(demo_server: Server) -> str:
    return demo_server.url


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from start_server(tmp_path_factory.mktemp("empty-home"), tmp_path_factory.mktemp("empty-log"), ingest=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("no chromium binary (apt install chromium, or set DALIL_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield b
        b.close()


def _new_page(browser: Any, width: int) -> tuple[Any, Any, list[str]]:
    ctx = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    p = ctx.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    return ctx, p, errors


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    ctx, p, errors = _new_page(browser, 1280)
    yield p
    ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture()
def page_at(browser: Any) -> Iterator[Callable[[int], Any]]:
    """page_at(width): a fresh page at that viewport width (closed after the test)."""
    opened: list[tuple[Any, list[str]]] = []

    def make(width: int) -> Any:
        ctx, p, errors = _new_page(browser, width)
        opened.append((ctx, errors))
        return p

    yield make
    for ctx, errors in opened:
        ctx.close()
        assert not errors, f"JavaScript errors on the page: {errors}"


def shot(page: Any, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def page_width(page: Any) -> int:
    """The page's laid-out width: wider than the viewport means sideways scrolling."""
    return int(page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"))
