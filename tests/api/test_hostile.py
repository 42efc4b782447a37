"""Hostile requests and inputs over HTTP and the command line (issue 17): bounded SPARQL with a
4xx naming the limit, SIGTERM during a query, security headers, the access log, screened
uploads, readers answering during an ingest job, and CLI messages without tracebacks.

Real stores, a real `dalil serve` process where signals matter; the demo corpus as the graph.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from tests.api.conftest import H, clear_error, ok_json
from tests.ingest.hostile import DOCX_MANY_PARTS, GOOD_CSV, GOOD_TEXT, PDF_ACTIVE

CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
COUNT_CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
SORTED_CROSS = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d"
DALIL = [str(Path(sys.executable).parent / "dalil")]


@pytest.fixture(scope="module")
def client(home: Path, keys: dict[str, str]) -> Iterator[TestClient]:
    s = Settings(home=home, api_open_reads=False, sparql_timeout_s=3, sparql_max_rows=1000,
                 sparql_max_memory_mb=300, index_on_ingest=True)
    with TestClient(create_app(s), raise_server_exceptions=False) as c:
        yield c


# --- every query bounded ----------------------------------------------------------------------

@pytest.mark.parametrize(("query", "limit", "words"), [
    (CROSS, "rows", ("row limit of 1,000", "DALIL_SPARQL_MAX_ROWS")),
    (COUNT_CROSS, "time", ("time limit of 3 s", "DALIL_SPARQL_TIMEOUT_S")),
    ("SELECT ?s WHERE { ?s ?p ?o . ?s (<urn:x:p>|!<urn:x:q>)* ?z . ?z (!<urn:x:r>)* ?w }", None, ()),
])
def test_sparql_limits_answer_a_clear_422(client: TestClient, keys: dict[str, str], query: str, limit: str | None,
                                          words: tuple[str, ...]) -> None:
    t = time.monotonic()
    resp = client.post("/api/sparql", json={"query": query}, headers=H(keys["reader"]))
    assert time.monotonic() - t < 30
    if limit is None:  # a property-path query: either an answer or a limit, never a hang or a 5xx
        assert resp.status_code in (200, 422), resp.text
        return
    body = clear_error(resp, 422, *words)
    assert body["error"] == "query_limit" and body["limit"] == limit


def test_sparql_memory_limit(client: TestClient) -> None:
    from graph.sparql import Limits, SparqlLimit, run_bounded

    eng = client.app.state.service.sparql_engine()  # type: ignore[attr-defined]
    with pytest.raises(SparqlLimit, match="memory limit of 300 MB") as info:
        run_bounded(eng, SORTED_CROSS, Limits(seconds=120, rows=1000, memory_mb=300))
    assert info.value.limit == "memory"


def test_sparql_cancelled_when_the_caller_goes(client: TestClient) -> None:
    from graph.sparql import Limits, SparqlCancelled, run_bounded

    eng = client.app.state.service.sparql_engine()  # type: ignore[attr-defined]
    t = time.monotonic()
    with pytest.raises(SparqlCancelled, match="went away"):
        run_bounded(eng, COUNT_CROSS, Limits(seconds=120, rows=1000, memory_mb=300),
                    cancelled=lambda: time.monotonic() - t > 0.5)
    assert time.monotonic() - t < 10


def test_sparql_get_is_bounded_too(client: TestClient, keys: dict[str, str]) -> None:
    body = clear_error(client.get("/api/sparql", params={"query": CROSS}, headers=H(keys["reader"])), 422, "row limit")
    assert body["limit"] == "rows"


def test_sparql_nan_is_valid_json(client: TestClient, keys: dict[str, str]) -> None:
    q = "SELECT ?x ?y WHERE { BIND(xsd:double('NaN') AS ?x) BIND(xsd:double('-INF') AS ?y) }"
    resp = client.post("/api/sparql", json={"query": q}, headers=H(keys["reader"]))
    rows = json.loads(resp.text, parse_constant=lambda c: pytest.fail(f"bare {c}"))["rows"]
    assert rows == [{"x": "NaN", "y": "-INF"}]


def test_sparql_updates_still_refused_before_any_limit(client: TestClient, keys: dict[str, str]) -> None:
    clear_error(client.post("/api/sparql", json={"query": "DELETE WHERE { ?s ?p ?o }"}, headers=H(keys["reader"])),
                400, "read-only")


# --- defence in depth ------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/who.html", "/api/health", "/api/nowhere", "/openapi.json"])
def test_security_headers(client: TestClient, path: str) -> None:
    resp = client.get(path)
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["x-frame-options"] == "DENY"
    csp = resp.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp.split(";")[1]


def test_api_docs_keep_their_own_rules(client: TestClient) -> None:
    resp = client.get("/docs")
    assert resp.status_code == 200 and "content-security-policy" not in resp.headers
    assert resp.headers["x-content-type-options"] == "nosniff"


def test_jsonld_context_is_served_locally(client: TestClient) -> None:
    resp = client.get("/api/context.jsonld")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("application/ld+json")
    assert "dalil" in resp.json()["@context"]


def test_access_log_names_the_key_id_never_the_key(client: TestClient, keys: dict[str, str],
                                                   caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="dalil.access"):
        ok_json(client.get("/api/stats", headers=H(keys["reader"])))
        client.get("/api/stats", headers=H("not-a-key"))
    lines = [r.getMessage() for r in caplog.records if r.name == "dalil.access"]
    assert any(line.startswith("GET /api/stats 200 ") and "key=" in line and "key=-" not in line for line in lines)
    assert any(line.startswith("GET /api/stats 401 ") for line in lines)
    assert not any(keys["reader"] in line or "not-a-key" in line for line in lines)


@pytest.mark.parametrize(("name", "data", "why"), [
    ("escaped.pdf", PDF_ACTIVE["js-name-escaped"], "javascript"),
    ("launch.pdf", PDF_ACTIVE["launch-indirect"], "launch"),
    ("tree.pdf", PDF_ACTIVE["js-names-tree"], "javascript"),
    ("parts.docx", DOCX_MANY_PARTS, "parts"),
])
def test_hostile_uploads_refused(client: TestClient, keys: dict[str, str], name: str, data: bytes, why: str) -> None:
    resp = client.post("/api/documents", files={"files": (name, data)}, headers=H(keys["editor"]))
    clear_error(resp, 422, why, name)


@pytest.mark.parametrize("alias", ["Nul\x00Name", "Bell\x07Name", "Unassigned \u0378", "Zero\u200bWidth"])
def test_alias_with_bad_characters_is_a_422(client: TestClient, keys: dict[str, str], alias: str) -> None:
    clear_error(client.post("/api/actors/NCCVE/alias", json={"name": alias}, headers=H(keys["editor"])),
                422, "alias refused")


def test_readers_answer_while_an_ingest_job_runs(client: TestClient, keys: dict[str, str]) -> None:
    """Reads are served between the job's store calls, not after the whole job."""
    files = [("files", (f"note{i}.md", (GOOD_TEXT * 60 + f"\nNote {i}.\n").encode())) for i in range(6)]
    job = client.post("/api/documents", files=files, headers=H(keys["editor"]))
    assert job.status_code == 202, job.text
    jid = job.json()["id"]
    answered_during = 0
    deadline = time.monotonic() + 600  # a bound on the job, not a timing: reads are fast, the job's workers start
    while time.monotonic() < deadline:
        ok_json(client.get("/api/who", params={"theme": "youth"}, headers=H(keys["reader"])))
        state = ok_json(client.get(f"/api/jobs/{jid}", headers=H(keys["editor"])))
        if state["status"] in ("done", "failed"):
            break
        answered_during += 1
        time.sleep(0.05)
    assert state["status"] == "done" and all(f["status"] == "ingested" for f in state["files"])
    assert answered_during > 0


# --- a real server: SIGTERM during a long query -----------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "DALIL_EMBEDDER": "hash", "DALIL_INDEX_ON_INGEST": "0", "PYTHONPATH": os.pathsep.join(sys.path),
            **extra}


def test_sigterm_stops_the_server_during_a_query(home: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    shutil.copytree(home, served, ignore=shutil.ignore_patterns("server.lock", "jobs"))  # jobs: other tests' uploads
    port = _free_port()
    env = _env(DALIL_API_OPEN_READS="1", DALIL_SPARQL_TIMEOUT_S="120")
    proc = subprocess.Popen([*DALIL, "serve", "--home", str(served), "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        answer: dict[str, Any] = {}

        def ask() -> None:
            url = base + "/api/sparql?" + urllib.parse.urlencode({"query": COUNT_CROSS})
            try:
                urllib.request.urlopen(url, timeout=60).read()
            except urllib.error.HTTPError as e:
                answer["status"], answer["body"] = e.code, json.loads(e.read())
            except OSError as e:
                answer["error"] = str(e)

        t = threading.Thread(target=ask)
        t.start()
        time.sleep(2)
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        stopped = time.monotonic() - sent
        t.join(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    err = proc.stderr.read() if proc.stderr else ""
    assert stopped < 10, stopped
    assert "Traceback" not in err, err
    assert answer.get("status") == 409 and "shutting down" in answer["body"]["message"], answer


# --- the command line --------------------------------------------------------------------------

def _dalil(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*DALIL, *args], env=_env(**env), capture_output=True, text=True, timeout=timeout)


def _clean(res: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    out = res.stdout + res.stderr
    assert res.returncode == code, out
    assert "Traceback" not in out, out
    flat = " ".join(out.split())
    for w in words:
        assert w.lower() in flat.lower(), out


def test_cli_ingest_fifo_does_not_hang_and_good_files_go_in(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "good.md").write_text(GOOD_TEXT, encoding="utf-8")
    res = _dalil("ingest", str(tmp_path / "pipe.md"), str(tmp_path / "good.md"), "--home", str(tmp_path / "h"),
                 "--json", timeout=120)
    _clean(res, 1)
    files = {Path(f["path"]).name: f for f in json.loads(res.stdout)["files"]}
    assert files["pipe.md"]["status"] == "failed" and "FIFO" in files["pipe.md"]["reason"]
    assert files["good.md"]["status"] == "ingested"


def test_cli_malformed_csv_fails_alone_with_json(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text('Organisation,District P-code,Sector\n"Open,IQG15Q09,Water\n' + "y" * 1_100_000,
                                      encoding="utf-8")
    (tmp_path / "good.csv").write_text(GOOD_CSV, encoding="utf-8")
    res = _dalil("ingest", str(tmp_path / "bad.csv"), str(tmp_path / "good.csv"), "--home", str(tmp_path / "h"), "--json")
    _clean(res, 1)
    files = {Path(f["path"]).name: f for f in json.loads(res.stdout)["files"]}
    assert "malformed CSV" in files["bad.csv"]["reason"] and files["good.csv"]["status"] == "ingested"


def test_cli_home_that_is_a_file(tmp_path: Path) -> None:
    f = tmp_path / "afile"
    f.write_text("x")
    _clean(_dalil("stats", "--home", str(f)), 2, "is a file, not a folder")
    _clean(_dalil("serve", "--home", str(f), "--port", str(_free_port())), 2, "is a file, not a folder")


def test_cli_import_rdf_of_a_binary(home: Path, tmp_path: Path) -> None:
    b = tmp_path / "x.ttl"
    b.write_bytes(bytes(range(256)) * 4)
    _clean(_dalil("import-rdf", str(b), "--home", str(tmp_path / "h")), 1, "not UTF-8")


def test_cli_truncated_graph(home: Path, tmp_path: Path) -> None:
    h = tmp_path / "h"
    h.mkdir()
    data = (home / "graph.lbug").read_bytes()
    (h / "graph.lbug").write_bytes(data[: max(4096, len(data) // 50)])
    res = _dalil("stats", "--home", str(h))
    _clean(res, 2)
    assert "retry later" not in res.stderr


def test_cli_sparql_is_bounded(home: Path, tmp_path: Path) -> None:
    h = tmp_path / "h"
    shutil.copytree(home, h, ignore=shutil.ignore_patterns("server.lock"))
    _clean(_dalil("sparql", CROSS, "--home", str(h), DALIL_SPARQL_MAX_ROWS="500"), 2, "row limit of 500")


def test_cli_folder_held_by_another_process(tmp_path: Path) -> None:
    h = tmp_path / "h"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from graph.store import open_store; s = open_store('', sys.argv[1]); "
        "print('open', flush=True); time.sleep(60)"), str(h / "graph.lbug")], env=_env(), stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        _clean(_dalil("stats", "--home", str(h), "--json"), 0)  # reads go on, read-only (issue 17)
        (tmp_path / "n.md").write_text(GOOD_TEXT, encoding="utf-8")
        res = _dalil("ingest", str(tmp_path / "n.md"), "--home", str(h))
        _clean(res, 2, "being written by another process")
        assert "--api" not in res.stderr
        _clean(_dalil("serve", "--home", str(h), "--port", str(_free_port())), 2, "held by another process")
    finally:
        holder.kill()
        holder.wait()


def test_cli_serve_on_a_port_in_use(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        _clean(_dalil("serve", "--home", str(tmp_path / "h"), "--port", str(s.getsockname()[1])), 2, "port")


def test_cli_data_files_are_private(tmp_path: Path) -> None:
    (tmp_path / "n.md").write_text(GOOD_TEXT, encoding="utf-8")
    h = tmp_path / "h"
    _clean(_dalil("ingest", str(tmp_path / "n.md"), "--home", str(h)), 0)
    assert (h.stat().st_mode & 0o777) == 0o700
    assert all((p.stat().st_mode & 0o077) == 0 for p in h.rglob("*") if not p.is_symlink())
