"""The answer pages in real headless Chromium against a real `dalil serve` (fixtures: conftest.py)."""

from __future__ import annotations

import subprocess
from typing import Any

import httpx
import pytest

from tests.conftest import DEMO, REPO
from tests.web.conftest import DALIL, WIDTHS, Server, page_width, shot


def _why(rows: list[dict[str, Any]]) -> int:
    """Citations a page shows for these rows: one per distinct (document, page, quote)."""
    return sum(len({(w["document"], w["page"], " ".join(w["quote"].split())) for w in r["why"]}) for r in rows)


def test_the_server_holds_its_folder(demo_server: Server) -> None:
    held = subprocess.run([*DALIL, "ingest", str(DEMO)], cwd=REPO, env=demo_server.env, capture_output=True, text=True, timeout=120)
    said = " ".join(held.stderr.split())
    assert held.returncode != 0 and demo_server.url in said and "stop it" in said, held.stderr


QUESTIONS = [
    ("Which bodies cover youth in Nineveh?", "ask-youth-nineveh"),
    ("Who supervises the ministerial CVE subcommittees?", "ask-supervises"),
    ("Who funds the STRIVE Cities programme?", "ask-strive-funds"),
]


@pytest.mark.parametrize(("question", "name"), QUESTIONS)
def test_ask_through_the_page(server: str, page: Any, question: str, name: str) -> None:
    p = page
    api = httpx.get(server + "/api/ask", params={"q": question}, timeout=60).json()
    assert api["actors"], f"the API has no rows for {question!r}"
    p.goto(server + "/")
    p.fill("#q", question)
    p.click("#ask-btn")
    p.wait_for_selector("#answer article.card", timeout=30000)
    cards = p.locator("#answer article.card")
    assert cards.count() == len(api["actors"])
    # one card per body, in the API's order
    assert [cards.nth(i).get_attribute("data-id") for i in range(cards.count())] == [r["id"] for r in api["actors"]]
    assert cards.first.locator("h3").inner_text() == api["actors"][0]["name"]
    # every distinct source once (a sentence carrying several statements is not repeated)
    cites = p.locator("#answer a.citation")
    assert cites.count() == _why(api["actors"]) > 0
    first = api["actors"][0]["why"][0]
    assert cites.first.inner_text() == f"{first['document']} p.{first['page']}"
    # a citation opens the passage in context, with its page and the quote marked
    cites.first.click()
    p.wait_for_selector("dialog#passage[open] .passage-text mark", timeout=15000)
    mark = p.locator("dialog#passage .passage-text mark").inner_text()
    assert " ".join(mark.split()) == " ".join(first["quote"].split())
    assert f"{first['page']}" in p.locator("dialog#passage .passage-meta").inner_text()
    shot(p, f"{name}.png")


@pytest.mark.parametrize("width", WIDTHS)
def test_answer_cards_fit_the_screen(server: str, page_at: Any, width: int) -> None:
    """Phone and desktop: no page wider than the viewport; the cards show the API's bodies."""
    p = page_at(width)
    api = httpx.get(server + "/api/who", params={"place": "Nineveh", "theme": "theme:youth"}, timeout=60).json()
    for path, ready in (("/index.html?q=Which%20bodies%20cover%20youth%20in%20Nineveh%3F", "#answer article.card"),
                        ("/who.html?place=Nineveh&theme=theme:youth", "#answer article.card"),
                        ("/overlaps.html", "#pair-list article.pair"),
                        ("/mandate.html?place=Tel%20Kaif", "#brief-title"),
                        ("/documents.html", "#doc-list tbody tr"),
                        ("/docs", ".swagger-ui .opblock")):
        p.goto(server + path)
        p.wait_for_selector(ready, timeout=30000)
        assert page_width(p) == width, f"{path} is {page_width(p)} px wide at a {width} px viewport"
        shot(p, f"{path.strip('/').split('.')[0].split('?')[0] or 'index'}-{width}.png")
    p.goto(server + "/who.html?place=Nineveh&theme=theme:youth")
    p.wait_for_selector("#answer article.card", timeout=30000)
    assert p.locator("#answer article.card").count() == len(api["actors"])


def test_theme_in_the_url_is_honoured_on_load(server: str, page: Any) -> None:
    """The theme list loads before the request goes out: youth, not every body."""
    p = page
    youth = httpx.get(server + "/api/who", params={"place": "Nineveh", "theme": "theme:youth"}, timeout=60).json()
    every = httpx.get(server + "/api/who", params={"place": "Nineveh"}, timeout=60).json()
    assert len(every["actors"]) > len(youth["actors"]) > 0
    p.goto(server + "/who.html?place=Nineveh&theme=theme:youth")
    p.wait_for_selector("#answer article.card", timeout=30000)
    assert p.locator("#theme").input_value() == "theme:youth"
    assert p.locator("#answer article.card").count() == len(youth["actors"])
    # a plain label in the URL works too
    p.goto(server + "/overlaps.html?theme=youth")
    p.wait_for_selector("#pair-list, #pairs .empty", timeout=30000)
    assert p.locator("#theme").input_value() == "youth"
    api = httpx.get(server + "/api/overlaps", params={"theme": "youth"}, timeout=60).json()
    assert p.locator("#pair-list article.pair").count() == len(api["pairs"])


def test_mandate_brief_tel_kaif(server: str, page: Any) -> None:
    p = page
    p.goto(server + "/mandate.html?place=Tel%20Kaif")
    p.wait_for_selector("#brief-title", timeout=30000)
    api = httpx.get(server + "/api/mandate", params={"place": "Tel Kaif"}, timeout=60).json()
    assert "Tel Kaif" in p.locator("#brief-title").inner_text()
    n = len(api["must"]) + len(api["may"]) + len(api["recommended"]) + len(api["drivers"])
    assert n > 0
    assert p.locator(".brief-must li, .brief-may li, .brief-recommended li, .brief-drivers li").count() == n
    assert p.locator("#brief a.citation").count() >= n
    # partners and bodies above are listed; no raw place id shows
    assert p.locator(".brief-partners article.card").count() == len(api["partners"])
    assert p.locator(".brief-above article.card").count() == len(api["above"])
    assert "place:" not in p.locator("#brief").inner_text()
    p.emulate_media(media="print")
    assert not p.locator("header").is_visible()
    shot(p, "mandate-tel-kaif.png")


def test_who_place_picker_knows_arabic(server: str, page: Any) -> None:
    p = page
    p.goto(server + "/who.html")
    p.fill("#place", "نينوى")
    p.wait_for_function("document.querySelectorAll('#place-list option').length > 0 && "
                        "[...document.querySelectorAll('#place-list option')].some(o => o.value === 'Ninewa')", timeout=15000)
    p.fill("#place", "Ninewa")
    p.click("#who-form button[type=submit]")
    p.wait_for_selector("#answer article.card", timeout=30000)
    api = httpx.get(server + "/api/who", params={"place": "Ninewa"}, timeout=60).json()
    assert p.locator("#answer article.card").count() == len(api["actors"])


def test_overlaps_ranked_pairs_matrix_and_arabic_ui(server: str, page: Any) -> None:
    p = page
    api = httpx.get(server + "/api/overlaps", timeout=60).json()
    p.goto(server + "/overlaps.html")
    p.wait_for_selector("#pair-list article.pair", timeout=30000)
    pairs = p.locator("#pair-list article.pair")
    # the best pairs a page at a time: every page the "more" button opens adds the next ones
    while p.locator("#more-pairs").count() and p.locator("#more-pairs").is_visible():
        before = pairs.count()
        p.click("#more-pairs")
        pairs.nth(before).wait_for(timeout=15000)
    assert pairs.count() == len(api["pairs"])
    top = max(api["pairs"], key=lambda x: x["score"])
    assert pairs.first.get_attribute("data-a") == top["actors"][0]["id"]
    # shared themes by their labels, not ids
    assert "theme:" not in pairs.first.inner_text()
    # the matrix is an option; a cell drills down to the pair with its sources
    p.check("#as-matrix")
    p.wait_for_selector("#overlap-matrix td.hit", timeout=30000)
    p.locator("#overlap-matrix td.hit").first.click()
    p.wait_for_selector("#drill article.pair a.citation", state="attached")
    p.click("#lang")
    assert p.evaluate("document.documentElement.dir") == "rtl"
    assert p.locator("header nav a").first.inner_text() == "اسأل"
    shot(p, "overlaps-ar.png")


def test_arabic_summary_isolates_names(server: str, page: Any) -> None:
    p = page
    p.goto(server + "/")
    p.click("#lang")
    p.goto(server + "/who.html?place=Nineveh&theme=theme:youth")
    p.wait_for_selector("#answer article.card", timeout=30000)
    summary = p.locator("p.summary")
    assert summary.get_attribute("dir") == "rtl" and summary.locator("bdi").count() >= 1
    shot(p, "who-ar.png")
