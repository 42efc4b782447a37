"""The routes behind the workspace pages: coverage for the map, place names, offline /docs,
uploads of every format the CLI ingests, and what an empty store answers."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph import domain
from graph.settings import Settings
from tests.api.conftest import H, ok_json
from tests.conftest import REPO


@pytest.fixture(scope="module")
def client(home: Path, keys: dict[str, str]) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(home=home, api_open_reads=True)), raise_server_exceptions=False) as c:
        yield c


def test_coverage_counts_the_bodies_the_place_lists(client: TestClient) -> None:
    cov = ok_json(client.get("/api/coverage", params={"theme": "youth"}))
    assert cov["theme"] and cov["sources"]
    places = cov["places"]
    assert {p["level"] for p in places.values()} == {"governorate", "district"} and len(places) == 18 + 101
    busy = [p for p in places.values() if p["bodies"]]
    # an overlap cell is a theme with more than one body in the place
    assert any(p["overlaps"] for p in places.values())
    assert all(p["bodies"] >= 2 for p in places.values() if p["overlaps"])
    assert busy and cov["max"] == max(p["bodies"] for p in places.values())
    for p in busy[:5]:
        rows = ok_json(client.get("/api/coverage/place", params={"place": p["place"], "theme": "youth"}))["actors"]
        assert len(rows) == p["bodies"]
        # every row cites a statement or effort placed in the place or inside it
        assert all(w["place_match"] in ("place", "inside") for r in rows for w in r["why"])
    # the status filter keeps only rows of that status; a body with none left drops out
    est = ok_json(client.get("/api/coverage", params={"theme": "youth", "status": "recommended"}))
    assert all(est["places"][k]["bodies"] <= v["bodies"] for k, v in places.items())
    rows = ok_json(client.get("/api/coverage/place", params={"place": busy[0]["place"], "theme": "youth",
                                                              "status": "recommended"}))["actors"]
    assert all(w["status"] == "recommended" for r in rows for w in r["why"])


def test_coverage_matches_who_covers_within(client: TestClient) -> None:
    cov = ok_json(client.get("/api/coverage"))
    pid = max(cov["places"], key=lambda k: cov["places"][k]["bodies"])
    snap = client.app.state.service.snapshot()  # type: ignore[attr-defined]
    within = domain.who_covers(snap, None, pid, within=True)
    placed = [r for r in within if any(w["place_match"] in ("place", "inside") for w in r["why"])]
    assert cov["places"][pid]["bodies"] == len(placed) > 0


def test_place_names_and_unknown_place(client: TestClient) -> None:
    names = ok_json(client.get("/api/place-names"))
    assert names["place:IQG15Q09"]["name"] == "Tilkaef" and names["place:IQG15Q09"]["name_ar"]
    r = client.get("/api/coverage/place", params={"place": "Atlantis"})
    assert r.status_code == 404 and "unknown place" in r.json()["message"]


def test_docs_are_served_offline(client: TestClient) -> None:
    r = client.get("/docs")
    assert r.status_code == 200 and "/vendor/swagger-ui-dist/swagger-ui-bundle.js" in r.text
    assert "cdn" not in r.text.lower() and "https://" not in r.text
    for asset in ("/vendor/swagger-ui-dist/swagger-ui-bundle.js", "/vendor/swagger-ui-dist/swagger-ui.css",
                  "/swagger-init.js", "/vendor/leaflet/leaflet.js", "/vendor/cytoscape/cytoscape.min.js",
                  "/map/districts.geojson"):
        assert client.get(asset).status_code == 200, asset
    versions = (REPO / "api" / "web" / "static" / "vendor" / "VERSIONS.txt").read_text()
    assert all(f"{p}@" in versions for p in ("swagger-ui-dist", "leaflet", "cytoscape"))


def test_map_boundaries_carry_2019_codes_and_attribution() -> None:
    import json

    dis = json.loads((REPO / "api" / "web" / "static" / "map" / "districts.geojson").read_text(encoding="utf-8"))
    assert "OCHA / Central Statistical Organization of Iraq" in dis["attribution"]
    props = [f["properties"] for f in dis["features"]]
    assert len(props) == 109 and sum(1 for p in props if p["district"].startswith("place:IQG")) >= 105
    tel = next(p for p in props if p["code2014"] == "IQ-D091")
    assert tel["district"] == "place:IQG15Q09"


def _wait(client: TestClient, job: dict[str, object], key: str) -> dict[str, object]:
    for _ in range(600):
        if job["status"] not in ("queued", "running"):
            return job
        time.sleep(0.2)
        job = ok_json(client.get(f"/api/jobs/{job['id']}", headers=H(key)))
    raise AssertionError(job)


def test_uploads_take_tables_and_iati(client: TestClient, keys: dict[str, str]) -> None:
    from openpyxl import Workbook

    rows = [["Organisation", "Sector", "Governorate code", "District", "Activity"],
            ["#org+impl", "#sector", "#adm1+code", "#adm2+name", "#activity"],
            ["Cedar Learning Trust", "Education", "IQG15", "Sinjar", "Reading rooms"]]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    xb = io.BytesIO()
    wb.save(xb)
    iati = (REPO / "tests" / "ingest" / "data" / "iati-nineveh-small.xml").read_bytes()
    files = [("files", ("reading-3w.csv", buf.getvalue().encode(), "text/csv")),
             ("files", ("reading-3w.xlsx", xb.getvalue(), "application/octet-stream")),
             ("files", ("activities.xml", iati, "application/xml")),
             ("files", ("sheet.xlsx", b"not a zip at all", "application/octet-stream"))]
    job = ok_json(client.post("/api/documents", headers=H(keys["editor"]), files=files), 202)
    assert [r["path"] for r in job["rejected"]] == ["sheet.xlsx"] and "not a XLSX" in job["rejected"][0]["reason"]
    done = _wait(client, job, keys["editor"])
    got = {f["path"]: f for f in done["files"]}  # type: ignore[attr-defined]
    assert set(got) == {"reading-3w.csv", "reading-3w.xlsx", "activities.xml"}
    assert all(f["status"] == "ingested" and f["efforts"] >= 1 for f in got.values()), got


def test_empty_store_says_how_to_fill_it(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(home=tmp_path, api_open_reads=True)), raise_server_exceptions=False) as c:
        r = c.get("/api/who", params={"theme": "youth"})
        assert r.status_code == 404 and "dalil ingest" in r.json()["message"]
        ans = ok_json(c.get("/api/ask", params={"q": "Which bodies cover youth in Nineveh?"}))
        assert ans["empty_store"] and "dalil ingest" in ans["answer"]


def test_suggestions_are_unique_and_include_aliases(client: TestClient) -> None:
    from api.service import UnknownName

    with pytest.raises(UnknownName) as e:
        client.app.state.service.actor_id("NCCVX")  # type: ignore[attr-defined]
    assert e.value.suggestions and len(e.value.suggestions) == len(set(e.value.suggestions))
    assert "National Committee for Countering Violent Extremism" in e.value.suggestions
