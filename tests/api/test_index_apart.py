"""`dalil serve` checks the search index at start without holding Qdrant's local points: a child
process reads them and saves the search mirror, which the server's first search then maps (real
LadybugDB, Qdrant local mode, the hash embedder)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from api.auth import KeyStore
from graph.settings import Settings
from search.mirror_cache import CACHE
from tests.search.conftest import open_hash_dalil, write_mini

QUERY = "salinity farmers water"


def _indexed(tmp_path: Path) -> tuple[Path, str]:
    """A folder ingested and indexed, and the hits of QUERY from a process that opened Qdrant."""
    home = tmp_path / "home"
    cm, d = open_hash_dalil(home)
    try:
        d.ingest([write_mini(tmp_path / "mini")])
        want = json.dumps(d.search(QUERY, limit=5)["hits"], sort_keys=True)
    finally:
        cm.__exit__(None, None, None)
    shutil.rmtree(home / "qdrant" / CACHE, ignore_errors=True)  # as after an ingest: no saved mirror
    return home, want


def test_a_server_start_does_not_hold_the_points_and_searches_alike(tmp_path: Path, hash_env: None) -> None:
    home, want = _indexed(tmp_path)
    _, key = KeyStore(home).create("reader", "t")
    with TestClient(create_app(Settings(home=home, embedder="hash"))) as client:
        vectors = client.app.state.service.dalil.vectors()  # type: ignore[attr-defined]
        assert not vectors.opened  # checked in a child, which saved the mirror
        assert (home / "qdrant" / CACHE).is_dir()
        r = client.get("/api/search", params={"q": QUERY, "limit": 5}, headers={"X-API-Key": key})
        assert r.status_code == 200 and r.json()["hits"]
        assert json.dumps(r.json()["hits"], sort_keys=True) == want
        assert "search_warning" not in r.json()
        assert not vectors.opened  # answered from the saved mirror


def test_a_server_start_still_repairs_what_the_child_found(tmp_path: Path, hash_env: None) -> None:
    home, want = _indexed(tmp_path)
    cm, d = open_hash_dalil(home)
    try:
        m = d.vectors().mirror()
        doc = m.payloads[0]["doc_id"]
        d.vectors().delete_chunks([cid for cid, p in zip(m.ids, m.payloads, strict=True) if p["doc_id"] == doc][:1])
    finally:
        cm.__exit__(None, None, None)
    _, key = KeyStore(home).create("reader", "t")
    with TestClient(create_app(Settings(home=home, embedder="hash"))) as client:
        r = client.get("/api/search", params={"q": QUERY, "limit": 5}, headers={"X-API-Key": key})
        assert r.status_code == 200 and "search_warning" not in r.json()
        assert json.dumps(r.json()["hits"], sort_keys=True) == want
