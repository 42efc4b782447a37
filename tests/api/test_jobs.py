"""Uploads (issue 18): never silently replace a document; an accepted upload survives the server.

Real stores and a real server process for the kill; the hash embedder (model quality is not the point).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from api.app import create_app
from api.auth import KeyStore
from api.jobs import JobStore
from api.service import open_dalil
from graph.settings import Settings
from tests.api.conftest import H, clear_error, ok_json
from tests.conftest import REPO

NOTE = b"# Plan\n\nUNDP funds the Dijla Peace Network in Sinjar.\n\nThe Dijla Peace Network trains teachers in Sinjar.\n"
EDITED = b"# Plan\n\nUNDP funds the Dijla Peace Network in Sinjar.\n"


def _keys(home: Path) -> dict[str, str]:
    ks = KeyStore(home)
    return {r: ks.create(r, r)[1] for r in ("reader", "editor", "admin")}  # type: ignore[arg-type]


def _wait(get: Any, job_id: str, key: str) -> dict[str, Any]:
    for _ in range(600):
        job: dict[str, Any] = get(f"/api/jobs/{job_id}", headers=H(key)).json()
        if job.get("status") in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} never finished")


def _statements(home: Path) -> dict[str, int]:
    with open_dalil(home=home) as d:
        out: dict[str, int] = {}
        for s in d.snapshot().statements.values():
            out[s.doc_id] = out.get(s.doc_id, 0) + 1
        return out


def test_an_upload_never_silently_replaces_a_document(tmp_path: Path, hash_env: None) -> None:
    home, docs = tmp_path / "home", tmp_path / "docs"
    docs.mkdir()
    (docs / "plan.md").write_bytes(NOTE)
    with open_dalil(home=home) as d:
        cli_doc = d.ingest([docs])[0].doc_id
    keys = _keys(home)
    with TestClient(create_app(Settings(home=home))) as client:
        # named like a document ingested from a folder: a document of its own, the other one intact
        job = ok_json(client.post("/api/documents", headers=H(keys["editor"]), files={"files": ("plan.md", EDITED)}), 202)
        first = _wait(client.get, job["id"], keys["editor"])["files"][0]
        assert first["status"] == "ingested" and first["doc_id"] != cli_doc
        # a changed file under the name of an earlier upload: refused unless replace is sent
        resp = client.post("/api/documents", headers=H(keys["editor"]), files={"files": ("plan.md", NOTE)})
        body = clear_error(resp, 409, "replace=true", first["doc_id"])
        assert "plan.md" in body["message"]
        job = ok_json(client.post("/api/documents", headers=H(keys["editor"]), files={"files": ("plan.md", NOTE)},
                                  data={"replace": "true"}), 202)
        again = _wait(client.get, job["id"], keys["editor"])["files"][0]
        assert again["status"] == "ingested" and again["doc_id"] == first["doc_id"]
        # the same file again is simply unchanged
        job = ok_json(client.post("/api/documents", headers=H(keys["editor"]), files={"files": ("plan.md", NOTE)}), 202)
        assert _wait(client.get, job["id"], keys["editor"])["files"][0]["status"] == "unchanged"
        docs_now = ok_json(client.get("/api/documents", headers=H(keys["reader"])))
        assert {d["id"] for d in docs_now} == {cli_doc, first["doc_id"]}
        # deleting one through the API takes it out of search too (its vectors go with it)
        hits = ok_json(client.get("/api/search", params={"q": "Dijla Peace Network teachers", "limit": 20},
                                  headers=H(keys["reader"])))["hits"]
        assert first["doc_id"] in {h["doc_id"] for h in hits}
        ok_json(client.delete(f"/api/documents/{first['doc_id']}", headers=H(keys["admin"])))
        hits = ok_json(client.get("/api/search", params={"q": "Dijla Peace Network teachers", "limit": 20},
                                  headers=H(keys["reader"])))["hits"]
        assert first["doc_id"] not in {h["doc_id"] for h in hits} and cli_doc in {h["doc_id"] for h in hits}
    assert set(_statements(home)) == {cli_doc}


def test_a_job_left_behind_is_resumed_or_reported_at_start(tmp_path: Path, hash_env: None) -> None:
    home = tmp_path / "home"
    home.mkdir()
    keys = _keys(home)
    store = JobStore(home)
    # a server stopped after its 202: the files and the job record are on disk, nothing ingested
    queued = store.create("a" * 32, {"plan.md": NOTE}, {"rejected": [], "uploaded": {"plan.md": "plan.md"}})
    lost = store.create("b" * 32, {"x.md": NOTE}, {"rejected": [], "uploaded": {}})
    lost["status"] = "running"
    store.save(lost)
    import shutil

    shutil.rmtree(store.folder(lost["id"]) / "files")
    with TestClient(create_app(Settings(home=home))) as client:
        done = _wait(client.get, queued["id"], keys["editor"])
        assert done["status"] == "done" and done["files"][0]["status"] == "ingested" and done.get("resumed")
        failed = ok_json(client.get(f"/api/jobs/{lost['id']}", headers=H(keys["editor"])))
        assert failed["status"] == "failed" and "upload them again" in failed["error"]
        assert [d["path"] for d in ok_json(client.get("/api/documents", headers=H(keys["reader"])))] == ["upload://plan.md"]
    assert not (store.folder(queued["id"]) / "files").exists()  # the files go once ingested


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(home: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DALIL_EMBEDDER": "hash", "PYTHONPATH": str(REPO)}
    p = subprocess.Popen([sys.executable, "-c", "from api.cli import main; main()", "serve", "--home", str(home),
                          "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(300):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1)
            return p
        except httpx.HTTPError:
            time.sleep(0.1)
    p.kill()
    raise AssertionError("server did not start")


def test_a_server_killed_after_the_202_finishes_the_job_after_restart(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    keys = _keys(home)
    port = _port()
    url = f"http://127.0.0.1:{port}"
    server = _serve(home, port)
    try:
        files = [("files", (f"note-{i}.md", NOTE + f"\nItem {i}.\n".encode())) for i in range(8)]
        resp = httpx.post(f"{url}/api/documents", files=files, headers=H(keys["editor"]), timeout=60)
        assert resp.status_code == 202, resp.text
        job_id = resp.json()["id"]
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)
    server = _serve(home, port)
    try:
        job = _wait(lambda path, headers: httpx.get(url + path, headers=headers, timeout=10), job_id, keys["editor"])
        assert job["status"] == "done" and job["done"] == 8, job
        assert {f["status"] for f in job["files"]} <= {"ingested", "unchanged"}
        docs = httpx.get(f"{url}/api/documents", headers=H(keys["reader"]), timeout=10).json()
        assert len(docs) == 8
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
