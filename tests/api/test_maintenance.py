"""`dalil doctor` on a healthy folder and on each broken state (issue 18), and a write error mid-ingest.

Real stores; the hash embedder; broken states made the way they happen (a SIGKILL, a damaged log,
a server holding the folder, a store that refuses a write).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from api.cli import app
from api.maintenance import DiskFull
from api.service import open_dalil
from graph.settings import get_settings
from search.vectors import VectorStore
from tests.conftest import REPO
from tests.search.conftest import write_mini

runner = CliRunner()


@pytest.fixture()
def hash_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DALIL_EMBEDDER", "hash")
    monkeypatch.setenv("DALIL_MIN_FREE_MB", "1")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _doctor(home: Path, *extra: str) -> tuple[int, dict[str, dict[str, Any]]]:
    res = runner.invoke(app, ["doctor", "--home", str(home), "--json", *extra])
    body = json.loads(res.output)
    found: dict[str, dict[str, Any]] = {}
    for f in body["findings"]:
        found.setdefault(f["check"], f) if f["state"] == "ok" else found.__setitem__(f["check"], f)
    return res.exit_code, found


def _ingest(home: Path, corpus: Path) -> None:
    with open_dalil(home=home) as d:
        assert {r.status for r in d.ingest([corpus])} <= {"ingested", "unchanged"}


def test_doctor_on_a_healthy_folder(tmp_path: Path, hash_env: None) -> None:
    home = tmp_path / "home"
    _ingest(home, write_mini(tmp_path / "mini"))
    code, found = _doctor(home)
    assert code == 0
    assert {k: v["state"] for k, v in found.items()} == {
        "disk": "ok", "graph log": "ok", "graph": "ok", "decisions": "ok", "vectors": "ok", "upload jobs": "ok"}
    assert "3 document(s)" in found["graph"]["detail"] and "in step" in found["vectors"]["detail"]


def test_doctor_on_a_damaged_graph_log(tmp_path: Path, hash_env: None) -> None:
    corpus = write_mini(tmp_path / "mini")
    home = tmp_path / "home"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    res = subprocess.run([sys.executable, "-m", "tests.e2e.kill_ingest", "after-graph-commit", str(home), str(corpus)],
                         env=env, capture_output=True, text=True, timeout=600, cwd=REPO)
    assert res.returncode == -9, res.stderr
    wal = home / "graph.lbug.wal"
    data = bytearray(wal.read_bytes())
    data[len(data) // 3 : len(data) // 3 + 4096] = b"\xab" * 4096
    wal.write_bytes(bytes(data))
    # with --no-repair: what is wrong, in words, and nothing touched
    code, found = _doctor(home, "--no-repair")
    assert code == 1 and found["graph"]["state"] == "error"
    assert "cannot be replayed" in found["graph"]["detail"] and wal.exists()
    # repair: the log is kept aside, the graph opens as last checkpointed, the index follows it
    code, found = _doctor(home)
    assert code == 0, found
    assert found["graph log"]["state"] == "repaired" and "last checkpointed state" in found["graph log"]["detail"]
    assert not wal.exists() and list(home.glob("graph.lbug.wal.broken-*"))
    assert found["vectors"]["state"] in ("ok", "repaired")
    # a plain re-run of the ingest brings back what the log held
    _ingest(home, corpus)
    with open_dalil(home=home) as d:
        assert len(d.graph.run("documents")) == 3 and not d.check_index()


def test_doctor_names_the_server_holding_the_folder(tmp_path: Path, hash_env: None) -> None:
    home = tmp_path / "home"
    home.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (home / "server.lock").write_text(json.dumps({"pid": holder.pid, "host": socket.gethostname(),
                                                      "url": "http://127.0.0.1:9"}), encoding="utf-8")
        code, found = _doctor(home)
        assert code == 1 and "http://127.0.0.1:9" in found["server"]["detail"]
    finally:
        holder.kill()
        holder.wait()


def test_doctor_on_missing_vectors_and_a_wiped_graph(tmp_path: Path, hash_env: None) -> None:
    corpus = write_mini(tmp_path / "mini")
    home = tmp_path / "home"
    _ingest(home, corpus)
    shutil.rmtree(home / "qdrant")
    code, found = _doctor(home, "--no-repair")
    assert code == 1 and "3 missing" in found["vectors"]["detail"]
    code, found = _doctor(home)
    assert code == 0 and found["vectors"]["state"] == "repaired"
    for f in home.glob("graph.lbug*"):
        f.unlink()
    code, found = _doctor(home)
    assert code == 0 and "3 of deleted documents" in found["vectors"]["detail"]
    assert "0 document(s)" in found["graph"]["detail"]


def test_a_write_error_mid_ingest_is_clear_and_a_rerun_completes(
        tmp_path: Path, hash_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no tmpfs can be mounted (tests/e2e/test_faults.py uses one), the same path by a store
    write that fails as a full disk makes it fail."""
    corpus = write_mini(tmp_path / "mini")
    home = tmp_path / "home"
    real = VectorStore.upsert

    def full(self: VectorStore, points: Any, batch: int = 256) -> None:
        real(self, points[:1], batch)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(VectorStore, "upsert", full)
    with open_dalil(home=home) as d, pytest.raises(DiskFull, match="filled up during the write"):
        d.ingest([corpus])
    monkeypatch.setattr(VectorStore, "upsert", real)
    res = runner.invoke(app, ["ingest", str(corpus), "--home", str(home), "--json"])
    assert res.exit_code == 0, res.output
    with open_dalil(home=home) as d:
        assert not d.check_index() and d.vectors().count() == sum(
            len(d.graph.run("chunks_of_doc", doc_id=x["id"])) for x in d.graph.run("documents"))


def test_backup_while_a_server_holds_the_folder(tmp_path: Path, hash_env: None) -> None:
    """The CLI cannot open a served folder; the backup is taken through the server, under its
    store lock, and restores to the same graph and vectors."""
    from api.auth import KeyStore
    from tests.api.test_jobs import _port, _serve

    home = tmp_path / "home"
    _ingest(home, write_mini(tmp_path / "mini"))
    admin = KeyStore(home).create("admin", "backup")[1]
    with open_dalil(home=home) as d:
        before = (d.graph.run("document_sources"), sorted(s.id for s in d.snapshot().statements.values()),
                  sorted(d.vectors().mirror().ids))
    server = _serve(home, _port())
    try:
        archive = tmp_path / "b.tar.gz"
        refused = runner.invoke(app, ["backup", str(archive), "--home", str(home)])
        assert refused.exit_code == 2 and "admin key" in " ".join(refused.output.split())
        res = runner.invoke(app, ["backup", str(archive), "--home", str(home), "--key", admin, "--json"])
        assert res.exit_code == 0, res.output
        assert json.loads(res.output)["through"].startswith("http://127.0.0.1:")
    finally:
        server.terminate()
        server.wait(timeout=30)
    res = runner.invoke(app, ["restore", str(archive), "--home", str(tmp_path / "restored"), "--json"])
    assert res.exit_code == 0 and json.loads(res.output)["in_step"], res.output
    with open_dalil(home=tmp_path / "restored") as d:
        after = (d.graph.run("document_sources"), sorted(s.id for s in d.snapshot().statements.values()),
                 sorted(d.vectors().mirror().ids))
    assert after == before
