"""The workspace pages in real Chromium: the coverage map, the graph explorer, the empty store,
uploads of every format the CLI ingests, and the offline API docs."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import REPO
from tests.web.conftest import WIDTHS, Server, page_width, shot

DATA = REPO / "tests" / "ingest" / "data"


@pytest.mark.parametrize("width", WIDTHS)
def test_map_district_click_lists_the_bodies_the_api_returns(server: str, page_at: Any, width: int, tmp_path: Path) -> None:
    p = page_at(width)
    cov = httpx.get(server + "/api/coverage", params={"theme": "theme:youth"}, timeout=120).json()
    shaded = {k: v for k, v in cov["places"].items() if v["level"] == "district" and v["bodies"] > 0}
    assert shaded, "no district has a body working on youth in the demo corpus"
    pid = max(shaded, key=lambda k: shaded[k]["bodies"])
    p.goto(server + "/map.html?theme=theme:youth")
    p.wait_for_selector(f'path.area[data-place="{pid}"]', timeout=30000)
    assert p.locator("#theme").input_value() == "theme:youth"
    assert page_width(p) == width
    # shaded by count: the busiest district is not drawn in the "none" colour
    fill = p.locator(f'path.area[data-place="{pid}"]').first.get_attribute("fill")
    assert fill and fill.lower() != "#f1f4f7"
    p.locator(f'path.area[data-place="{pid}"]').first.dispatch_event("click")
    p.wait_for_selector(f'#district-title[data-place="{pid}"]', timeout=30000)
    p.wait_for_selector("#district article.card", timeout=30000)
    api = httpx.get(server + "/api/coverage/place", params={"place": pid, "theme": "theme:youth"}, timeout=60).json()
    ids = [c.get_attribute("data-id") for c in p.locator("#district article.card").all()]
    assert ids == [r["id"] for r in api["actors"]] and len(ids) == shaded[pid]["bodies"]
    assert p.locator("#district a.citation").count() >= len(ids)
    shot(p, f"map-{width}.png")
    # gaps and overlaps are layers of their own
    p.check("input[name=layer][value=overlaps]")
    assert "Overlaps" in p.locator("#map-legend").inner_text()
    p.check("input[name=layer][value=gaps]")
    assert "Gaps" in p.locator("#map-legend").inner_text()
    # a PNG for reports
    with p.expect_download() as dl:
        p.click("#png")
    out = tmp_path / "map.png"
    dl.value.save_as(out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000


def _wait(p: Any, expr: str, timeout: int = 30000) -> None:
    """Poll ``expr`` with ``evaluate`` (not ``wait_for_function``, whose string predicate the
    app's Content-Security-Policy refuses to eval, as it should)."""
    import time

    end = time.monotonic() + timeout / 1000
    while not p.evaluate(expr):
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {expr}")
        p.wait_for_timeout(100)


@pytest.mark.parametrize("width", WIDTHS)
def test_graph_explorer_zoom_expand_and_statements(server: str, page_at: Any, width: int) -> None:
    p = page_at(width)
    p.goto(server + "/graph.html?actor=NCCVE")
    _wait(p, "window.view && window.view.cy && window.view.cy.nodes().length > 1", timeout=30000)
    api = httpx.get(server + "/api/graph/neighbourhood", params={"actor": "NCCVE"}, timeout=60).json()
    assert p.evaluate("view.cy.nodes().length") == len(api["nodes"])
    assert p.evaluate("view.cy.edges().length") == len(api["edges"])
    assert page_width(p) == width
    # the same graph is laid out the same way on every load
    pos = p.evaluate("view.cy.nodes().map(n => [n.id(), Math.round(n.position('x')), Math.round(n.position('y'))])")
    p.reload()
    _wait(p, "window.view && window.view.cy && window.view.cy.nodes().length > 1", timeout=30000)
    assert p.evaluate("view.cy.nodes().map(n => [n.id(), Math.round(n.position('x')), Math.round(n.position('y'))])") == pos
    # labels do not overlap one another (bounding boxes of the drawn labels)
    overlaps = p.evaluate("""() => { const bs = view.cy.nodes().map(n => n.boundingBox({includeNodes: false, includeEdges: false}));
        let k = 0; for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) { const a = bs[i], b = bs[j];
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) k++; } return k; }""")
    assert overlaps == 0
    # zoom
    z0 = p.evaluate("view.cy.zoom()")
    p.click("#zoom-in")
    assert p.evaluate("view.cy.zoom()") > z0
    # filters by readable names
    assert all(not o.startswith(("theme:", "place:")) for o in p.locator("#f-theme option, #f-place option").all_inner_texts())
    # click to expand, and the body's cited statements beside the graph
    other = next(n for n in api["nodes"] if n["id"] != api["center"] and
                 len(httpx.get(server + "/api/graph/neighbourhood", params={"actor": n["id"]}).json()["nodes"]) > 2)
    before = p.evaluate("view.cy.nodes().length")
    p.evaluate(f"view.cy.$id({other['id']!r}).emit('tap')")
    _wait(p, f"view.cy.$id({other['id']!r}).hasClass('expanded')", timeout=15000)
    _wait(p, f"document.getElementById('info').dataset.actor === {other['id']!r} && "
                        "document.querySelector('#info ul.statements')", timeout=15000)
    assert p.evaluate("view.cy.nodes().length") > before
    body = httpx.get(server + f"/api/actors/{other['id']}", timeout=60).json()
    assert p.locator("#info-name").inner_text() == body["name"]
    assert p.locator("#info ul.statements a.citation").count() >= 1
    # a status filter hides the other statuses' edges
    p.select_option("#f-status", "recommended")
    assert p.evaluate("view.cy.edges().filter(e => e.data('status') !== 'recommended' && !e.hasClass('hidden')).length") == 0
    _wait(p, "view.cy.edges(':visible').filter(e => e.data('status') !== 'recommended').length === 0", timeout=10000)
    shot(p, f"graph-{width}.png")


def test_unknown_body_suggests_close_names(server: str, page: Any) -> None:
    p = page
    p.goto(server + "/graph.html?actor=NCCVX")
    p.wait_for_selector("#info .error", timeout=30000)
    chips = p.locator("#info .suggest button.chip").all_inner_texts()
    assert chips and len(chips) == len(set(chips))


def test_offline_api_docs(server: str, page: Any) -> None:
    p = page
    outside: list[str] = []
    p.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) and not r.url.startswith("data:") else None)
    p.goto(server + "/docs")
    p.wait_for_selector(".swagger-ui .opblock", timeout=30000)
    assert p.locator(".swagger-ui .opblock").count() > 10
    assert outside == [], f"/docs fetched from outside the app: {outside}"
    shot(p, "docs.png")


# --- an empty store, then uploads of every format into it (module order matters) -------------

def test_empty_store_guides(empty_server: Server, page_at: Any) -> None:
    for width in WIDTHS:
        p = page_at(width)
        for path in ("/", "/who.html?theme=youth&place=Nineveh", "/graph.html", "/map.html", "/documents.html"):
            p.goto(empty_server.url + path)
            p.wait_for_selector(".empty-state", timeout=30000)
            text = p.locator(".empty-state").inner_text()
            assert "dalil ingest" in text
            assert p.locator(".empty-state a[href='documents.html']").count() == 1
            assert page_width(p) == width
            shot(p, f"empty-{path.strip('/').split('.')[0].split('?')[0] or 'index'}-{width}.png")
    r = httpx.get(empty_server.url + "/api/who", params={"theme": "youth"}, timeout=60)
    assert r.status_code == 404 and "dalil ingest" in r.json()["message"]


def _docx(text: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.split("\n"))
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>",
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, xml in parts.items():
            z.writestr(name, xml)
    return buf.getvalue()


ROWS = [
    ["Organisation", "Sector", "Governorate code", "District", "Activity"],
    ["#org+impl", "#sector", "#adm1+code", "#adm2+name", "#activity"],
    ["Lantern Youth Association", "Education", "IQG15", "Sinjar", "Evening study circles"],
    ["Riverbank Relief Society", "WASH", "IQG15", "Tel Kaif", "Water point repair"],
]
PLAN = ("The Basra Provincial Peace Council shall coordinate youth dialogue programmes in Basra.\n"
        "The Council may ask civil society organisations to run sports leagues for young people.")


def _uploads(folder: Path) -> list[Path]:
    from openpyxl import Workbook

    files = {
        "peace-plan.md": PLAN.encode(), "peace-note.txt": PLAN.replace("Basra", "Najaf").encode(),
        "peace-page.html": f"<html><body><h1>Plan</h1><p>{PLAN.replace('Basra', 'Karbala')}</p></body></html>".encode(),
        "peace-plan.docx": _docx(PLAN.replace("Basra", "Wasit")),
    }
    buf = io.StringIO()
    csv.writer(buf).writerows(ROWS)
    files["threew-north.csv"] = buf.getvalue().encode()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for r in ROWS:
        ws.append(r)
    wb.save(folder / "threew-north.xlsx")
    shutil.copy(DATA / "iati-nineveh-small.xml", folder / "iati-activities.xml")
    shutil.copy(REPO / "data" / "demo-pdf" / "scn-iraq-roundtable-2023.pdf", folder / "roundtable.pdf")
    return sorted(folder.iterdir())


def test_upload_every_format(empty_server: Server, page_at: Any, tmp_path: Path) -> None:
    files = _uploads(tmp_path)
    assert {f.suffix for f in files} == {".md", ".txt", ".html", ".docx", ".csv", ".xlsx", ".xml", ".pdf"}
    p = page_at(1366)
    p.goto(empty_server.url + "/documents.html")
    p.evaluate(f"localStorage.setItem('dalil.key', {empty_server.editor!r})")
    p.reload()
    p.set_input_files("#files", [str(f) for f in files])
    p.click("#up-form button[type=submit]")
    p.wait_for_selector("#job[data-done='1']", timeout=300000)
    report = {r.get_attribute("data-file"): r.get_attribute("class") for r in p.locator("#job-report tbody tr").all()}
    assert report == {f.name: "ingested" for f in files}, report
    p.wait_for_selector("#doc-list tbody tr", timeout=30000)
    docs = httpx.get(empty_server.url + "/api/documents", timeout=60).json()
    assert p.locator("#doc-list tbody tr").count() == len(docs) > 0
    shot(p, "documents-uploaded-1366.png")
    # a refused file is named with its reason, the others go in
    bad = tmp_path / "notes.odt"
    bad.write_bytes(b"not supported")
    p.set_input_files("#files", [str(bad)])
    p.click("#up-form button[type=submit]")
    p.wait_for_selector("#job .error", timeout=30000)
    assert "notes.odt" in p.locator("#job .error").inner_text()
