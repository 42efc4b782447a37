"""Two `dalil serve` processes over one Neo4j: a write through one is an answer through the other.

Each process keeps only the bounded Directory of the graph (graph.domain.scoped) and fetches the
facts of each question, so a statement written through one server is in the next answer of the
other, and a body's new name is resolved there as soon as the Directory's fingerprint changes.
Each server has its own data folder (keys, local vectors); no search index is built here (a
Qdrant server would be shared the same way: docs/deploy.md). Real Neo4j from
DALIL_TEST_NEO4J_URI (tests/graph/conftest.py); without it the test skips.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.auth import KeyStore
from ingest.pipeline import Ingestor
from tests.conftest import DEMO
from tests.graph.conftest import neo4j_password, open_test_neo4j

REPO = Path(__file__).resolve().parents[2]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(base: str, path: str, **params: Any) -> Any:
    url = f"{base}{path}?{urllib.parse.urlencode(params, doseq=True)}"
    with urllib.request.urlopen(url, timeout=60) as r:
        return json.loads(r.read())


def _post(base: str, path: str, body: dict[str, Any], key: str) -> Any:
    req = urllib.request.Request(f"{base}{path}", data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "X-API-Key": key})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    uri = os.environ.get("DALIL_TEST_NEO4J_URI", "")
    neo = open_test_neo4j()  # skips without a test Neo4j; wiped
    try:
        reports = Ingestor(neo, 900).ingest_paths([DEMO])
        assert reports and all(r.status == "ingested" for r in reports), reports
    finally:
        neo.close()
    procs, bases = [], []
    editor = ""
    for n in (1, 2):
        home = tmp_path / f"home{n}"
        home.mkdir()
        if n == 1:
            editor = KeyStore(home).create("editor", "test editor")[1]
        port = _port()
        env = dict(os.environ, PYTHONPATH=str(REPO), DALIL_HOME=str(home), DALIL_GRAPH_URI=uri,
                   DALIL_GRAPH_PASSWORD=neo4j_password(), DALIL_API_OPEN_READS="true",
                   DALIL_INDEX_ON_INGEST="false", DALIL_API_ACCESS_LOG="-")
        log = (tmp_path / f"serve{n}.log").open("w")
        procs.append(subprocess.Popen([sys.executable, "-c", "from api.cli import main; main()", "serve", "--port", str(port)],
                                      env=env, stdout=log, stderr=subprocess.STDOUT))
        bases.append(f"http://127.0.0.1:{port}")
    try:
        for p, base in zip(procs, bases, strict=True):
            deadline = time.monotonic() + 120
            while True:
                assert p.poll() is None, f"a server exited: {(tmp_path / 'serve1.log').read_text()[-2000:]}"
                try:
                    _get(base, "/api/stats")
                    break
                except (urllib.error.URLError, OSError):
                    assert time.monotonic() < deadline, "a server did not come up"
                    time.sleep(0.3)
        yield bases[0], bases[1], editor
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=60)


@pytest.mark.neo4j
def test_a_write_through_one_server_is_read_through_the_other(two_servers: tuple[str, str, str]) -> None:
    one, two, editor = two_servers
    # both answer from the same graph
    bodies = _get(two, "/api/actors")
    assert _get(one, "/api/actors") == bodies
    body = next(a for a in bodies if a.get("kind") not in ("person", None))
    brief = _get(two, "/api/mandate", body=body["id"])
    assert brief["actor"]["id"] == body["id"]
    # a name nobody has used yet: unknown to server two
    new = f"Zq Body {os.getpid()}"
    assert not [m for m in _get(two, "/api/resolve", name=new)["matches"] if m["id"] == body["id"]]
    _post(one, f"/api/actors/{urllib.parse.quote(body['id'], safe='')}/alias", {"name": new}, editor)
    t0 = time.monotonic()
    while True:
        found = [m for m in _get(two, "/api/resolve", name=new)["matches"] if m["id"] == body["id"]]
        if found or time.monotonic() - t0 > 1.0:
            break
        time.sleep(0.05)
    assert found, "server two did not see the alias written through server one within a second"
    # and answers the question asked by that name
    assert _get(two, "/api/mandate", body=new)["actor"]["id"] == body["id"]
