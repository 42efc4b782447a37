"""The search index in step with the graph (issue 18): each way they drift apart is found by the
check, repaired by the next ingest / serve start / `dalil doctor`, and deletion removes vectors.

Real stores (LadybugDB, Qdrant local mode) and the hash embedder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.auth import KeyStore
from api.cli import app
from graph.settings import Settings
from search.consistency import check
from tests.search.conftest import open_hash_dalil, write_mini

runner = CliRunner()


def _state(d: Any) -> dict[str, tuple[str, str, tuple[float, ...]]]:
    """chunk id -> (doc id, content hash, vector): what search answers from."""
    m = d.vectors().mirror()
    return {cid: (p["doc_id"], p.get("doc_hash", ""), tuple(np.round(m.matrix[i], 5)))
            for i, (cid, p) in enumerate(zip(m.ids, m.payloads, strict=True))}


def _home(tmp_path: Path) -> tuple[Any, Any, Path]:
    corpus = write_mini(tmp_path / "mini")
    cm, d = open_hash_dalil(tmp_path / "home")
    d.ingest([corpus])
    return cm, d, corpus


def test_an_interrupted_upsert_is_repaired_by_the_next_ingest(tmp_path: Path) -> None:
    cm, d, corpus = _home(tmp_path)
    try:
        clean = _state(d)
        assert not check(d.graph, d.vectors())
        # the points of one document cut short (as a kill during the upsert leaves them)
        doc = next(iter(clean.values()))[0]
        lost = [c for c, v in clean.items() if v[0] == doc][:1]
        d.vectors().delete_chunks(lost)
        drift = check(d.graph, d.vectors())
        assert drift.missing == [doc] and not drift.stale and not drift.deleted
        assert "missing" in d.ask("Who trains young people in Tel Kaif?").get("search_warning", "")
        reports = d.ingest([corpus])
        assert {r.status for r in reports} == {"unchanged"}  # the graph had them all ...
        assert _state(d) == clean  # ... and the index is whole again
        assert d.last_repair and d.last_repair["drift"]["missing"] == [doc]
        assert "search_warning" not in d.ask("Who trains young people in Tel Kaif?")
    finally:
        cm.__exit__(None, None, None)


def test_a_changed_document_whose_vectors_did_not_follow_is_stale(tmp_path: Path) -> None:
    cm, d, corpus = _home(tmp_path)
    try:
        f = corpus / "basra-water.md"
        f.write_text(f.read_text(encoding="utf-8") + "\nThe directorate also repairs pumping stations.\n", encoding="utf-8")
        d.settings.index_on_ingest = False  # the graph commits the new version, the vectors stay behind
        d.ingest([corpus])
        drift = check(d.graph, d.vectors())
        assert drift.stale == ["doc:basra-water"]
        d.settings.index_on_ingest = True
        d.ingest([corpus])
        assert not check(d.graph, d.vectors())
        assert any("pumping stations" in h["text"] for h in d.search("pumping stations", limit=3)["hits"])
    finally:
        cm.__exit__(None, None, None)


def test_vectors_missing_are_reported_then_rebuilt(tmp_path: Path, hash_env: None) -> None:
    cm, d, corpus = _home(tmp_path)
    clean = _state(d)
    cm.__exit__(None, None, None)
    shutil.rmtree(tmp_path / "home" / "qdrant")
    cm, d = open_hash_dalil(tmp_path / "home")
    try:
        drift = check(d.graph, d.vectors())
        assert len(drift.missing) == 3
        ans = d.ask("Which bodies work on water in Basra?")
        assert not ans.get("evidence") and "missing" in ans["search_warning"]
    finally:
        cm.__exit__(None, None, None)
    res = runner.invoke(app, ["doctor", "--home", str(tmp_path / "home"), "--json"])
    assert res.exit_code == 0, res.output
    found = {f["check"]: f for f in json.loads(res.output)["findings"]}
    assert found["vectors"]["state"] == "repaired" and "3 missing" in found["vectors"]["detail"]
    cm, d = open_hash_dalil(tmp_path / "home")
    try:
        assert _state(d) == clean
    finally:
        cm.__exit__(None, None, None)


def test_a_wiped_graph_stops_search_quoting_its_documents(tmp_path: Path, hash_env: None) -> None:
    cm, d, _ = _home(tmp_path)
    cm.__exit__(None, None, None)
    for f in (tmp_path / "home").glob("graph.lbug*"):
        f.unlink()
    # the server's start runs the check: vectors of documents the graph lacks are removed
    home = tmp_path / "home"
    _, key = KeyStore(home).create("reader", "t")
    with TestClient(create_app(Settings(home=home, embedder="hash"))) as client:
        r = client.get("/api/search", params={"q": "salinity farmers water"}, headers={"X-API-Key": key})
        assert r.status_code == 200 and r.json()["hits"] == []
    cm, d = open_hash_dalil(home)
    try:
        assert d.vectors().count() == 0 and not check(d.graph, d.vectors())
    finally:
        cm.__exit__(None, None, None)


def test_delete_removes_the_document_from_search(tmp_path: Path, hash_env: None) -> None:
    cm, d, _ = _home(tmp_path)
    cm.__exit__(None, None, None)
    home = str(tmp_path / "home")
    found = json.loads(runner.invoke(app, ["search", "salinity farmers", "--home", home, "--json"]).output)
    assert "doc:basra-water" in {h["doc_id"] for h in found["hits"]}
    res = runner.invoke(app, ["documents", "delete", "basra-water.md", "--home", home, "--json"])
    assert res.exit_code == 0 and json.loads(res.output) == {"deleted": "doc:basra-water"}, res.output
    found = json.loads(runner.invoke(app, ["search", "salinity farmers", "--home", home, "--json"]).output)
    assert "doc:basra-water" not in {h["doc_id"] for h in found["hits"]}
    res = runner.invoke(app, ["documents", "delete", "doc:nope", "--home", home])
    assert res.exit_code == 2 and "unknown document" in res.output and "Traceback" not in res.output
    cm, d = open_hash_dalil(tmp_path / "home")
    try:
        assert "doc:basra-water" not in d.vectors().doc_ids() and not check(d.graph, d.vectors())
        assert not d.graph.run("chunks_of_doc", doc_id="doc:basra-water")
    finally:
        cm.__exit__(None, None, None)
