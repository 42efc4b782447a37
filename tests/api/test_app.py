"""The HTTP API over the demo corpus in a real embedded store: every endpoint, every role, bad input.

Bad input must give a 4xx with a clear message, never a 5xx or a stack trace.
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from tests.api.conftest import H, clear_error, ok_json


@pytest.fixture(scope="module")
def client(home: Path, keys: dict[str, str]) -> Iterator[TestClient]:
    app = create_app(Settings(home=home, api_open_reads=False, api_max_upload_mb=1, api_max_body_kb=64))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


READS = [
    "/api/ask?q=Which bodies cover youth in Nineveh?",
    "/api/who?theme=youth&place=Nineveh",
    "/api/mandate?place=Tel Kaif",
    "/api/overlaps",
    "/api/gaps?place=Nineveh",
    "/api/search?q=youth centres",
    "/api/resolve?name=NCCVE",
    "/api/places?q=Tilkaef",
    "/api/themes",
    "/api/stats",
    "/api/actors",
    "/api/actors/NCCVE",
    "/api/graph/neighbourhood?actor=NCCVE&depth=2",
    "/api/graph/path?a=NCCVE&b=UNDP",
    "/api/documents",
    "/api/whoami",
]


# --- JSON identical to the CLI's --json (both call the same Dalil methods) ------------------


def test_answers_are_the_service_json(client: TestClient, keys: dict[str, str]) -> None:
    d = client.app.state.service.dalil  # type: ignore[attr-defined]
    same = [
        ("/api/ask", {"q": "Who funds the STRIVE Cities programme?"}, lambda: d.ask("Who funds the STRIVE Cities programme?")),
        ("/api/who", {"theme": "youth", "place": "Ninewa"}, lambda: d.who("youth", "Ninewa")),
        ("/api/mandate", {"place": "Tel Kaif"}, lambda: d.mandate("", "Tel Kaif")),
        ("/api/gaps", {"place": "Nineveh"}, lambda: d.gaps("Nineveh")),
        ("/api/resolve", {"name": "نينوى"}, lambda: d.resolve("نينوى")),
        ("/api/actors", {}, d.actors),
        ("/api/graph/neighbourhood", {"actor": "NCCVE"}, lambda: d.neighbourhood("NCCVE")),
    ]
    for path, params, direct in same:
        got = ok_json(client.get(path, params=params, headers=H(keys["reader"])))
        assert got == json.loads(json.dumps(direct(), default=str)), path
    who = ok_json(client.get("/api/who", params={"theme": "youth", "place": "Nineveh"}, headers=H(keys["reader"])))
    assert who["actors"] and all(r["why"] and r["why"][0]["quote"] for r in who["actors"])
    assert {"id", "name", "aliases", "kind", "level", "score", "why"} <= set(who["actors"][0])


def test_post_ask_equals_get(client: TestClient, keys: dict[str, str]) -> None:
    q = "Who supervises the ministerial CVE subcommittees?"
    a = ok_json(client.post("/api/ask", json={"question": q}, headers=H(keys["reader"])))
    b = ok_json(client.get("/api/ask", params={"q": q}, headers=H(keys["reader"])))
    assert a == b and a["actors"]


def test_passage_puts_the_quote_in_context(client: TestClient, keys: dict[str, str]) -> None:
    ans = ok_json(client.get("/api/ask", params={"q": "Which bodies cover youth in Nineveh?"}, headers=H(keys["reader"])))
    w = ans["actors"][0]["why"][0]
    p = ok_json(client.get(f"/api/passage/{w['statement']}", headers=H(keys["reader"])))
    assert " ".join(p["match"].split()) == " ".join(w["quote"].split())
    assert p["page"] == w["page"] and p["document"] == w["document"]
    assert p["before"] or p["after"]
    clear_error(client.get("/api/passage/st:nope", headers=H(keys["reader"])), 404, "statement")


def test_graph_path_and_actor_detail(client: TestClient, keys: dict[str, str]) -> None:
    p = ok_json(client.get("/api/graph/path", params={"a": "NCCVE", "b": "UNDP"}, headers=H(keys["reader"])))
    assert p["found"] and p["nodes"][0]["id"] == p["src"] and p["nodes"][-1]["id"] == p["dst"]
    assert len(p["edges"]) == len(p["nodes"]) - 1
    a = ok_json(client.get("/api/actors/NCCVE", headers=H(keys["reader"])))
    assert a["why"] and a["neighbours"] and "NCCVE" in a["aliases"]


def test_places_know_arabic_and_alternate_names(client: TestClient, keys: dict[str, str]) -> None:
    for q in ("نينوى", "Nineveh", "Ninewa"):
        rows = ok_json(client.get("/api/places", params={"q": q}, headers=H(keys["reader"])))
        assert rows[0]["id"] == "place:IQG15", q


# --- roles --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", READS)
def test_reads_need_a_key_when_closed(client: TestClient, keys: dict[str, str], path: str) -> None:
    clear_error(client.get(path), 401, "api key")
    clear_error(client.get(path, headers=H("dalil_nope_nope")), 401, "unknown or revoked")
    clear_error(client.get(path, headers=H(keys["revoked"])), 401, "revoked")
    for role in ("reader", "editor", "admin"):
        assert client.get(path, headers=H(keys[role])).status_code == 200, (path, role)
    assert client.get(path, headers={"Authorization": f"Bearer {keys['reader']}"}).status_code == 200


WRITES: list[tuple[str, str, dict[str, Any]]] = [
    ("post", "/api/actors/merge", {"json": {"a": "NCCVE", "b": "NCCVE"}}),
    ("post", "/api/actors/NCCVE/alias", {"json": {"name": "x"}}),
    ("post", "/api/actors/NCCVE/split", {"json": {"name": "x"}}),
    ("post", "/api/statements/st:x/review", {"json": {"decision": "accept"}}),
    ("post", "/api/documents", {"files": {"files": ("a.md", b"# A\n\nText.")}}),
    ("get", "/api/jobs/nope", {}),
]
ADMIN: list[tuple[str, str, dict[str, Any]]] = [
    ("get", "/api/keys", {}),
    ("post", "/api/keys", {"json": {"role": "reader"}}),
    ("delete", "/api/keys/nope", {}),
    ("delete", "/api/documents/doc:nope", {}),
]


@pytest.mark.parametrize(("method", "path", "kw"), WRITES + ADMIN)
def test_writes_need_the_right_role(client: TestClient, keys: dict[str, str], method: str, path: str, kw: dict[str, Any]) -> None:
    needed = "admin" if (method, path, kw) in ADMIN else "editor"
    call = getattr(client, method)
    clear_error(call(path, **kw), 401, "api key")
    clear_error(call(path, headers=H(keys["reader"]), **kw), 403, needed)
    if needed == "admin":
        clear_error(call(path, headers=H(keys["editor"]), **kw), 403, "admin")
    allowed = call(path, headers=H(keys[needed]), **kw)
    assert allowed.status_code not in (401, 403) and allowed.status_code < 500, allowed.text


def test_open_reads_never_open_writes(home: Path, client: TestClient) -> None:
    # a second app over the same store is not possible (one process owns it): flip the setting
    s = client.app.state.settings  # type: ignore[attr-defined]
    s.api_open_reads = True
    try:
        assert client.get("/api/who", params={"place": "Nineveh"}).status_code == 200
        assert client.get("/api/whoami").json()["role"] == "anonymous"
        clear_error(client.post("/api/actors/NCCVE/alias", json={"name": "x"}), 401, "editor")
        clear_error(client.get("/api/keys"), 401, "admin")
        clear_error(client.get("/api/who", headers=H("dalil_bad_key")), 401, "unknown")
    finally:
        s.api_open_reads = False


def test_keys_lifecycle_and_never_exposed(client: TestClient, keys: dict[str, str], home: Path) -> None:
    made = ok_json(client.post("/api/keys", json={"role": "editor", "name": "web"}, headers=H(keys["admin"])), 201)
    assert made["key"].startswith("dalil_") and made["role"] == "editor"
    assert client.post("/api/actors/NCCVE/alias", json={"name": "N.C.C.V.E."}, headers=H(made["key"])).status_code == 200
    listed = ok_json(client.get("/api/keys", headers=H(keys["admin"])))
    assert made["id"] in {k["id"] for k in listed}
    stored = (home / "keys.json").read_text()
    for token in [*keys.values(), made["key"]]:
        assert token.split("_", 2)[2] not in stored and token not in json.dumps(listed)
    ok_json(client.delete(f"/api/keys/{made['id']}", headers=H(keys["admin"])))
    clear_error(client.get("/api/who", headers=H(made["key"])), 401, "revoked")
    clear_error(client.post("/api/keys", json={"role": "god"}, headers=H(keys["admin"])), 422, "role")


# --- curation ------------------------------------------------------------------------------


def test_curation_through_the_api(client: TestClient, keys: dict[str, str]) -> None:
    ed = H(keys["editor"])
    ok_json(client.post("/api/actors/UNDP/alias", json={"name": "U.N.D.P. Iraq"}, headers=ed))
    assert "U.N.D.P. Iraq" in ok_json(client.get("/api/actors/UNDP", headers=ed))["aliases"]
    split = ok_json(client.post("/api/actors/UNDP/split", json={"name": "U.N.D.P. Iraq"}, headers=ed))
    assert split["new_id"] != split["id"]
    clear_error(client.post("/api/actors/UNDP/split", json={"name": "Not An Alias"}, headers=ed), 422, "not an alias")
    ans = ok_json(client.get("/api/who", params={"theme": "youth", "place": "Nineveh"}, headers=ed))
    target = ans["actors"][0]["why"][0]["statement"]
    rev = ok_json(client.post(f"/api/statements/{target}/review", json={"decision": "reject"}, headers=ed))
    assert rev["review"] == "rejected"
    after = ok_json(client.get("/api/who", params={"theme": "youth", "place": "Nineveh"}, headers=ed))
    assert target not in {w["statement"] for r in after["actors"] for w in r["why"]}
    ok_json(client.post(f"/api/statements/{target}/review", json={"decision": "accept"}, headers=ed))
    clear_error(client.post("/api/statements/st:none/review", json={"decision": "accept"}, headers=ed), 422, "no statement")
    clear_error(client.post("/api/statements/st:x/review", json={"decision": "maybe"}, headers=ed), 422, "decision")
    clear_error(client.post("/api/actors/merge", json={"a": "NCCVE", "b": "Atlantis Council"}, headers=ed), 404, "unknown body")


# --- bad input -----------------------------------------------------------------------------


def test_bad_requests_are_clear_4xx(client: TestClient, keys: dict[str, str]) -> None:
    r = H(keys["reader"])
    clear_error(client.post("/api/ask", content=b'{"question": ', headers={**r, "content-type": "application/json"}), 400, "malformed json")
    clear_error(client.post("/api/ask", json={"question": 42}, headers=r), 422, "question")
    clear_error(client.post("/api/ask", json={"q": "wrong field"}, headers=r), 422, "question")
    clear_error(client.post("/api/ask", json=["a", "list"], headers=r), 422)
    clear_error(client.post("/api/ask", json={"question": "   "}, headers=r), 422, "empty")
    clear_error(client.post("/api/ask", content=b"x" * (65 * 1024), headers={**r, "content-type": "application/json"}), 413, "limit")
    clear_error(client.get("/api/ask", params={"q": "x" * 3000}, headers=r), 422, "q")
    clear_error(client.get("/api/graph/neighbourhood", params={"actor": "NCCVE", "depth": "deep"}, headers=r), 422, "depth")
    clear_error(client.get("/api/graph/neighbourhood", params={"actor": "NCCVE", "depth": 99}, headers=r), 422, "depth")
    clear_error(client.get("/api/search", params={"q": "x", "limit": -1}, headers=r), 422, "limit")
    body = clear_error(client.get("/api/who", params={"place": "Ninevah Province X"}, headers=r), 404, "unknown place")
    assert isinstance(body["suggestions"], list)
    clear_error(client.get("/api/who", params={"theme": "astrology"}, headers=r), 404, "unknown theme")
    clear_error(client.get("/api/actors/Atlantis Council", headers=r), 404, "unknown body")
    clear_error(client.get("/api/graph/path", params={"a": "NCCVE"}, headers=r), 422, "b")
    clear_error(client.get("/api/nowhere", headers=r), 404)
    clear_error(client.put("/api/ask", headers=r), 405)


def _docx(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


BAD_UPLOADS = [
    ("../../etc/passwd.md", b"# x\n\ntext", "path"),
    ("..\\evil.md", b"# x\n\ntext", "path"),
    (".hidden.md", b"# x\n\ntext", "dot"),
    ("tool.exe", b"MZ\x90\x00", "unsupported"),
    ("archive.zip", _docx({"a.txt": b"a"}), "unsupported"),
    ("bomb.docx", _docx({"word/document.xml": b"<" + b"A" * (8 * 2**20)}), "zip bomb"),
    ("fake.pdf", b"hello, not a pdf", "not a pdf"),
    ("js.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF", "javascript"),
    ("empty.md", b"   \n", "empty"),
    ("binary.txt", b"abc\x00\x01\x02", "binary"),
]


@pytest.mark.parametrize(("name", "data", "why"), BAD_UPLOADS)
def test_malicious_or_unsupported_uploads_are_refused(client: TestClient, keys: dict[str, str], name: str, data: bytes, why: str) -> None:
    resp = client.post("/api/documents", files={"files": (name, data)}, headers=H(keys["editor"]))
    clear_error(resp, 422, why)
    assert name in resp.json()["message"]


def test_upload_over_the_limit_is_413(client: TestClient, keys: dict[str, str]) -> None:
    big = b"# big\n\n" + b"word " * (300 * 1024)
    clear_error(client.post("/api/documents", files={"files": ("big.md", big)}, headers=H(keys["editor"])), 413, "upload")


def _wait(client: TestClient, job: dict[str, Any], key: str) -> dict[str, Any]:
    for _ in range(600):
        job = ok_json(client.get(f"/api/jobs/{job['id']}", headers=H(key)))
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"ingest job never finished: {job}")


def test_upload_ingests_good_files_and_reports_bad_ones(client: TestClient, keys: dict[str, str]) -> None:
    text = (b"# Basra youth note\n\nThe Basra Youth Council (BYC) supports youth centres in Basra, "
            b"and the Ministry of Youth and Sports funds the Basra Youth Council.\n")
    job = ok_json(client.post("/api/documents", headers=H(keys["editor"]), files=[
        ("files", ("basra-youth-note.md", text)), ("files", ("../x.md", text)),
    ]), 202)
    assert [r["path"] for r in job["rejected"]] == ["../x.md"] and job["total"] == 1
    done = _wait(client, job, keys["editor"])
    assert done["status"] == "done" and done["done"] == 1, done
    assert done["files"][0]["status"] == "ingested" and done["files"][0]["path"] == "basra-youth-note.md"
    docs = ok_json(client.get("/api/documents", headers=H(keys["reader"])))
    doc = next(d for d in docs if d["id"] == done["files"][0]["doc_id"])
    # the same upload again changes nothing
    again = _wait(client, ok_json(client.post("/api/documents", headers=H(keys["editor"]),
                                               files={"files": ("basra-youth-note.md", text)}), 202), keys["editor"])
    assert again["files"][0]["status"] == "unchanged"
    # admin deletes it, and exactly it
    before = ok_json(client.get("/api/stats", headers=H(keys["reader"])))["nodes"].get("Document")
    ok_json(client.delete(f"/api/documents/{doc['id']}", headers=H(keys["admin"])))
    after = ok_json(client.get("/api/stats", headers=H(keys["reader"])))["nodes"].get("Document")
    assert after == before - 1
    clear_error(client.delete(f"/api/documents/{doc['id']}", headers=H(keys["admin"])), 404, "unknown document")


def test_eval_endpoint(client: TestClient, keys: dict[str, str]) -> None:
    clear_error(client.post("/api/eval", headers=H(keys["editor"]), files={
        "gold": ("g.yaml", b"a: [unclosed"), "document": ("d.md", b"# x\n\ny")}), 422, "yaml")
    clear_error(client.post("/api/eval", headers=H(keys["editor"]), files={
        "gold": ("g.yaml", b"questions: []"), "document": ("d.md", b"# x\n\ny")}), 422, "document")
    clear_error(client.post("/api/eval", headers=H(keys["editor"]), files={
        "gold": ("g.yaml", b"document: d.md"), "document": ("../d.md", b"# x\n\ny")}), 422, "path")


def test_openapi_documents_every_route_with_examples(client: TestClient) -> None:
    spec = ok_json(client.get("/openapi.json"))
    paths = set(spec["paths"])
    for p in ("/api/ask", "/api/who", "/api/mandate", "/api/overlaps", "/api/gaps", "/api/search", "/api/resolve",
              "/api/actors", "/api/actors/{actor}", "/api/actors/merge", "/api/actors/{actor}/split",
              "/api/actors/{actor}/alias", "/api/statements/{statement}/review", "/api/documents",
              "/api/jobs/{job_id}", "/api/graph/neighbourhood", "/api/graph/path", "/api/eval", "/api/keys",
              "/api/passage/{statement}"):
        assert p in paths, p
    assert "example" in json.dumps(spec["paths"]["/api/ask"]).lower()


def test_cors_is_off_by_default(client: TestClient, keys: dict[str, str]) -> None:
    r = client.get("/api/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_web_pages_are_served(client: TestClient) -> None:
    for page in ("/", "/who.html", "/mandate.html", "/overlaps.html", "/graph.html", "/documents.html", "/app.js", "/graph.js"):
        r = client.get(page)
        assert r.status_code == 200, page
        assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//|fetch\([\"']https?:", r.text), f"{page} loads from the network"
