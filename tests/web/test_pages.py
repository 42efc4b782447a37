"""The web pages in real headless Chromium (Debian's package) against a real `dalil serve`.

Screenshots land in tests/web/artifacts/ (gitignored) for a human to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import DEMO, REPO

ART = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = next((p for p in (os.environ.get("DALIL_CHROMIUM", ""), shutil.which("chromium"),
                             "/usr/bin/chromium", shutil.which("chromium-browser")) if p and Path(p).exists()), None)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt install chromium, or set DALIL_CHROMIUM)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("web-home")
    env = {**os.environ, "DALIL_HOME": str(home), "DALIL_API_OPEN_READS": "1", "DALIL_EMBEDDER": "hash"}
    dalil = [str(Path(sys.executable).parent / "dalil")]
    subprocess.run([*dalil, "ingest", str(DEMO), "--json"], cwd=REPO, env=env, check=True, capture_output=True, timeout=300)
    port = _free_port()
    log = (tmp_path_factory.mktemp("web-log") / "serve.log").open("w")
    proc = subprocess.Popen([*dalil, "serve", "--port", str(port)], cwd=REPO, env=env, stdout=log, stderr=log)
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
        # the server holds the folder: a CLI command says so and names the server
        held = subprocess.run([*dalil, "ingest", str(DEMO)], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
        said = " ".join(held.stderr.split())
        assert held.returncode != 0 and url in said and "stop it" in said, held.stderr
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    assert not (home / "server.lock").exists(), "the server left its lock behind"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    p = ctx.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    yield p
    ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def _shot(page: object, name: str) -> None:
    ART.mkdir(exist_ok=True)
    page.screenshot(path=str(ART / name), full_page=True)  # type: ignore[attr-defined]


QUESTIONS = [
    ("Which bodies cover youth in Nineveh?", "ask-youth-nineveh.png"),
    ("Who supervises the ministerial CVE subcommittees?", "ask-supervises.png"),
    ("Who funds the STRIVE Cities programme?", "ask-strive-funds.png"),
]


@pytest.mark.parametrize(("question", "shot"), QUESTIONS)
def test_ask_through_the_page(server: str, page: object, question: str, shot: str) -> None:
    p = page
    api = httpx.get(server + "/api/ask", params={"q": question}, timeout=60).json()
    assert api["actors"], f"the API has no rows for {question!r}"
    p.goto(server + "/")  # type: ignore[attr-defined]
    p.fill("#q", question)  # type: ignore[attr-defined]
    p.click("#ask-btn")  # type: ignore[attr-defined]
    p.wait_for_selector("table#answer tbody tr", timeout=30000)  # type: ignore[attr-defined]
    rows = p.locator("table#answer tbody tr")  # type: ignore[attr-defined]
    assert rows.count() == len(api["actors"])
    # the table shows the API's bodies, in order
    names = [rows.nth(i).locator("td").first.locator("a").inner_text() for i in range(rows.count())]
    assert names == [r["name"] for r in api["actors"]]
    cites = p.locator("table#answer a.citation")  # type: ignore[attr-defined]
    assert cites.count() == sum(len(r["why"]) for r in api["actors"]) > 0
    first = api["actors"][0]["why"][0]
    assert cites.first.inner_text() == f"{first['document']} p.{first['page']}"
    # a citation opens the passage in context, with its page and the quote marked
    cites.first.click()
    p.wait_for_selector("dialog#passage[open] .passage-text mark", timeout=15000)  # type: ignore[attr-defined]
    mark = p.locator("dialog#passage .passage-text mark").inner_text()  # type: ignore[attr-defined]
    assert " ".join(mark.split()) == " ".join(first["quote"].split())
    assert f"{first['page']}" in p.locator("dialog#passage .passage-meta").inner_text()  # type: ignore[attr-defined]
    _shot(p, shot)


def test_mandate_brief_tel_kaif(server: str, page: object) -> None:
    p = page
    p.goto(server + "/mandate.html?place=Tel%20Kaif")  # type: ignore[attr-defined]
    p.wait_for_selector("#brief-title", timeout=30000)  # type: ignore[attr-defined]
    api = httpx.get(server + "/api/mandate", params={"place": "Tel Kaif"}, timeout=60).json()
    assert "Tel Kaif" in p.locator("#brief-title").inner_text()  # type: ignore[attr-defined]
    n = len(api["must"]) + len(api["may"]) + len(api["recommended"]) + len(api["drivers"])
    assert n > 0
    assert p.locator(".brief-must li, .brief-may li, .brief-recommended li, .brief-drivers li").count() == n  # type: ignore[attr-defined]
    assert p.locator("#brief a.citation").count() >= n  # type: ignore[attr-defined]
    p.emulate_media(media="print")  # type: ignore[attr-defined]
    assert not p.locator("header").is_visible()  # type: ignore[attr-defined]
    _shot(p, "mandate-tel-kaif.png")


def test_graph_explorer_draws_and_expands(server: str, page: object) -> None:
    p = page
    p.goto(server + "/graph.html?actor=NCCVE")  # type: ignore[attr-defined]
    p.wait_for_selector("svg#graph g.node", timeout=30000)  # type: ignore[attr-defined]
    api = httpx.get(server + "/api/graph/neighbourhood", params={"actor": "NCCVE"}, timeout=60).json()
    nodes = p.locator("svg#graph g.node")  # type: ignore[attr-defined]
    assert nodes.count() == len(api["nodes"]) > 1
    assert p.locator("svg#graph line.edge").count() == len(api["edges"])  # type: ignore[attr-defined]
    # coloured by kind: as many fills as kinds
    fills = {nodes.nth(i).locator("circle").get_attribute("fill") for i in range(nodes.count())}
    assert len(fills) == len({n["kind"] for n in api["nodes"]})
    _shot(p, "graph-nccve.png")
    # expand on click: a neighbour's own neighbours get drawn
    before = nodes.count()
    other = next(n for n in api["nodes"] if n["id"] != api["center"] and
                 len(httpx.get(server + "/api/graph/neighbourhood", params={"actor": n["id"]}).json()["nodes"]) > 2)
    p.locator(f'svg#graph g.node[data-id="{other["id"]}"] circle').dispatch_event("click")  # type: ignore[attr-defined]
    p.wait_for_selector(f'svg#graph g.node.expanded[data-id="{other["id"]}"]', timeout=15000)  # type: ignore[attr-defined]
    assert nodes.count() >= before
    # filter by status hides edges of other statuses
    p.select_option("#f-status", "recommended")  # type: ignore[attr-defined]
    shown = p.locator("svg#graph line.edge").count()  # type: ignore[attr-defined]
    assert shown == p.locator("svg#graph line.edge.recommended").count()  # type: ignore[attr-defined]


def test_who_place_picker_knows_arabic(server: str, page: object) -> None:
    p = page
    p.goto(server + "/who.html")  # type: ignore[attr-defined]
    p.fill("#place", "نينوى")  # type: ignore[attr-defined]
    p.wait_for_function("document.querySelectorAll('#place-list option').length > 0 && "  # type: ignore[attr-defined]
                        "[...document.querySelectorAll('#place-list option')].some(o => o.value === 'Ninewa')", timeout=15000)
    p.fill("#place", "Ninewa")  # type: ignore[attr-defined]
    p.click("#who-form button[type=submit]")  # type: ignore[attr-defined]
    p.wait_for_selector("table#answer tbody tr", timeout=30000)  # type: ignore[attr-defined]
    api = httpx.get(server + "/api/who", params={"place": "Ninewa"}, timeout=60).json()
    assert p.locator("table#answer tbody tr").count() == len(api["actors"])  # type: ignore[attr-defined]


def test_overlap_matrix_drill_down_and_arabic_ui(server: str, page: object) -> None:
    p = page
    p.goto(server + "/overlaps.html")  # type: ignore[attr-defined]
    p.wait_for_selector("#overlap-matrix td.hit", timeout=30000)  # type: ignore[attr-defined]
    p.locator("#overlap-matrix td.hit").first.click()  # type: ignore[attr-defined]
    p.wait_for_selector("#drill table#answer a.citation")  # type: ignore[attr-defined]
    p.click("#lang")  # type: ignore[attr-defined]
    assert p.evaluate("document.documentElement.dir") == "rtl"  # type: ignore[attr-defined]
    assert p.locator("header nav a").first.inner_text() == "اسأل"  # type: ignore[attr-defined]
    _shot(p, "overlaps-ar.png")
