"""SPARQL, network measures, export and RDF import over HTTP, on the demo corpus in a real store.

Every role, and bad input: malformed or updating SPARQL, unknown formats and places, hostile
uploads. A 4xx with a clear message, never a 5xx.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, Graph

from api.app import create_app
from graph.rdf import class_labels, iri, rel_preds
from graph.settings import Settings
from tests.api.conftest import H, clear_error, ok_json

UPLOAD_MB = 4
COUNT_ORGS = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a org:Organization }"


@pytest.fixture(scope="module")
def client(home: Path, keys: dict[str, str]) -> Iterator[TestClient]:
    app = create_app(Settings(home=home, api_open_reads=False, api_max_upload_mb=UPLOAD_MB, api_max_body_kb=64))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _dalil(client: TestClient) -> Any:
    return client.app.state.service.dalil  # type: ignore[attr-defined]


def _no_5xx(resp: Any) -> Any:
    assert resp.status_code < 500, (resp.status_code, resp.text)
    return resp


# --- SPARQL --------------------------------------------------------------------------------------


def test_sparql_get_and_post_give_the_cli_json(client: TestClient, keys: dict[str, str]) -> None:
    q = "SELECT ?a ?name WHERE { ?a a org:Organization ; dalil:name ?name } ORDER BY ?a LIMIT 20"
    direct = _dalil(client).sparql(q)  # what `dalil sparql --json` prints
    got = ok_json(client.post("/api/sparql", json={"query": q}, headers=H(keys["reader"])))
    assert got == json.loads(json.dumps(direct))
    assert got["kind"] == "select" and got["vars"] == ["a", "name"] and len(got["rows"]) == 20
    assert ok_json(client.get("/api/sparql", params={"query": q}, headers=H(keys["reader"]))) == got
    other = ok_json(client.post("/api/sparql", json={"query": q, "engine": "rdflib"}, headers=H(keys["reader"])))
    assert other["rows"] == got["rows"]


def test_sparql_ask_and_construct(client: TestClient, keys: dict[str, str]) -> None:
    yes = ok_json(client.get("/api/sparql", params={"query": "ASK { ?a a org:Organization }"}, headers=H(keys["reader"])))
    no = ok_json(client.get("/api/sparql", params={"query": "ASK { ?a a <urn:none> }"}, headers=H(keys["reader"])))
    assert yes == {"kind": "ask", "boolean": True} and no == {"kind": "ask", "boolean": False}
    g = ok_json(client.post("/api/sparql", json={"query": "CONSTRUCT { ?a a org:Organization } WHERE "
                                                          "{ ?a a org:Organization } LIMIT 3"}, headers=H(keys["reader"])))
    assert g["kind"] == "graph" and len(g["triples"]) == 3 and all(len(t) == 3 for t in g["triples"])


@pytest.mark.parametrize(("query", "status", "words"), [
    ("SELECT ?a WHERE { ?a a org:Organization ", 400, ("invalid SPARQL",)),
    ("SELEKT * WHERE { ?s ?p ?o }", 400, ("invalid SPARQL",)),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 400, ("INSERT", "read-only")),
    ("DELETE WHERE { ?s ?p ?o }", 400, ("DELETE",)),
    ("LOAD <http://example.org/x.ttl>", 400, ("LOAD",)),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 400, ("SERVICE",)),
    ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", 400, ("FROM",)),
])
def test_bad_sparql_is_a_clear_400(client: TestClient, keys: dict[str, str], query: str, status: int,
                                   words: tuple[str, ...]) -> None:
    clear_error(client.post("/api/sparql", json={"query": query}, headers=H(keys["reader"])), status, *words)
    clear_error(client.get("/api/sparql", params={"query": query}, headers=H(keys["reader"])), status, *words)


def test_sparql_bad_requests(client: TestClient, keys: dict[str, str]) -> None:
    r = H(keys["reader"])
    clear_error(client.post("/api/sparql", json={"query": ""}, headers=r), 422, "query")
    clear_error(client.post("/api/sparql", json={}, headers=r), 422, "query")
    clear_error(client.post("/api/sparql", json={"query": "ASK {}", "engine": "jena"}, headers=r), 422, "engine")
    clear_error(client.get("/api/sparql", headers=r), 422, "query")
    clear_error(client.post("/api/sparql", content=b"{not json", headers={**r, "Content-Type": "application/json"}),
                400, "malformed JSON")
    clear_error(client.post("/api/sparql", json={"query": "ASK {} #" + "x" * 70_000}, headers=r), 413)
    clear_error(client.post("/api/sparql", json={"query": "ASK {} #" + "x" * 30_000}, headers=r), 422, "query")


# --- network ---------------------------------------------------------------------------------------


def test_network_is_the_cli_json(client: TestClient, keys: dict[str, str]) -> None:
    got = ok_json(client.get("/api/network", headers=H(keys["reader"])))
    assert got == json.loads(json.dumps(_dalil(client).network(True)))
    assert got["nodes"] and got["edges"] and got["communities"] and got["components"] >= 1
    ids = {n["id"] for n in got["nodes"]}
    assert all(e["src"] in ids and e["dst"] in ids for e in got["edges"])
    without = ok_json(client.get("/api/network", params={"persons": "false"}, headers=H(keys["reader"])))
    assert all(n["kind"] != "person" for n in without["nodes"])
    assert len(without["nodes"]) <= len(got["nodes"])
    clear_error(client.get("/api/network", params={"persons": "maybe"}, headers=H(keys["reader"])), 422, "persons")


# --- export ------------------------------------------------------------------------------------------


def _get_export(client: TestClient, key: str, **params: str) -> Any:
    return _no_5xx(client.get("/api/export", params=params, headers=H(key)))


def test_export_every_format_with_its_media_type(client: TestClient, keys: dict[str, str]) -> None:
    whole: dict[str, Any] = {}
    for fmt, media in (("turtle", "text/turtle"), ("jsonld", "application/ld+json"),
                       ("ntriples", "application/n-triples"), ("graphml", "application/graphml+xml"),
                       ("csv", "application/zip"), ("hxl", "text/csv")):
        resp = _get_export(client, keys["reader"], format=fmt)
        assert resp.status_code == 200, (fmt, resp.text[:300])
        assert resp.headers["content-type"].split(";")[0] == media, fmt
        assert "attachment" in resp.headers["content-disposition"] and "dalil" in resp.headers["content-disposition"]
        whole[fmt] = resp.content
    ttl = Graph().parse(data=whole["turtle"].decode(), format="turtle")
    nt = Graph().parse(data=whole["ntriples"].decode(), format="nt")
    assert len(ttl) > 1000 and len(ttl) == len(nt)
    assert json.loads(whole["jsonld"])["@context"]["dalil"].startswith("https://")  # embedded
    gml = nx.read_graphml(io.BytesIO(whole["graphml"]))
    assert gml.number_of_nodes() > 100
    with zipfile.ZipFile(io.BytesIO(whole["csv"])) as z:
        assert sorted(z.namelist()) == ["edges.csv", "nodes.csv"]
        nodes = list(csv.reader(io.StringIO(z.read("nodes.csv").decode())))
        edges = list(csv.reader(io.StringIO(z.read("edges.csv").decode())))
    assert nodes[0][:3] == ["Id", "Label", "category"] and len(nodes) - 1 == gml.number_of_nodes()
    assert edges[0][:2] == ["Source", "Target"] and len(edges) > len(nodes)
    hxl = whole["hxl"].decode().splitlines()
    assert "#org+impl" in hxl[1]


def test_filtered_export_is_a_smaller_part(client: TestClient, keys: dict[str, str]) -> None:
    def triples(**kw: str) -> int:
        resp = _get_export(client, keys["reader"], format="ntriples", **kw)
        assert resp.status_code == 200, resp.text
        return len(Graph().parse(data=resp.content.decode(), format="nt"))

    everything = triples()
    for kw in ({"place": "Nineveh"}, {"theme": "youth"}, {"actor": "NCCVE"}, {"place": "نينوى", "theme": "youth"}):
        part = triples(**kw)
        assert 0 < part < everything, kw
    resp = _get_export(client, keys["reader"], format="turtle", place="Nineveh")
    assert "Nineveh" in resp.headers["content-disposition"]


def test_export_bad_input(client: TestClient, keys: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    r = keys["reader"]
    clear_error(_get_export(client, r, format="rdfxml"), 422, "format")
    clear_error(_get_export(client, r), 422, "format")
    body = clear_error(_get_export(client, r, format="turtle", place="Nineveeh"), 404, "place", "Nineveeh")
    assert "Nineveh" in body["suggestions"]
    clear_error(_get_export(client, r, format="csv", theme="yuth"), 404, "theme")
    clear_error(_get_export(client, r, format="graphml", actor="No Such Body At All"), 404, "body")
    clear_error(_get_export(client, r, format="hxl", place="Nineveh"), 422, "hxl")
    clear_error(_get_export(client, r, format="turtle", place="x" * 300), 422, "place")
    monkeypatch.setitem(sys.modules, "graph.hxl", None)  # a build without HXL export
    # the one documented 5xx: a build without the module says so, instead of failing later
    clear_error(client.get("/api/export", params={"format": "hxl"}, headers=H(r)), 501, "HXL export is not available")


# --- import ------------------------------------------------------------------------------------------


def _upload(client: TestClient, key: str, name: str, data: bytes, **form: str) -> Any:
    return _no_5xx(client.post("/api/import-rdf", files={"file": (name, data)}, data=form, headers=H(key)))


def test_import_of_an_export_changes_nothing(client: TestClient, keys: dict[str, str]) -> None:
    d = _dalil(client)
    before = d.stats()
    for fmt, name in (("turtle", "dalil.ttl"), ("jsonld", "dalil.jsonld"), ("ntriples", "export.nt")):
        data = _get_export(client, keys["reader"], format=fmt).content
        rep = ok_json(_upload(client, keys["editor"], name, data))
        assert rep["file"] == name and rep["triples"] > 1000 and rep["counts"]["Actor"] > 10, fmt
        after = d.stats()
        assert after["nodes"] == before["nodes"] and after["relationships"] == before["relationships"], fmt
    data = _get_export(client, keys["reader"], format="turtle").content
    rep = ok_json(_upload(client, keys["admin"], "any-name.txt", data, format="turtle"))
    assert rep["file"] == "any-name.txt"


def test_import_brings_in_new_nodes(client: TestClient, keys: dict[str, str]) -> None:
    d = _dalil(client)
    old, new = iri(d.actor_id("NCCVE")), iri("actor:imported-test-body")
    part = _get_export(client, keys["reader"], format="ntriples", actor="NCCVE").content.decode()
    assert f"<{old}>" in part
    count = lambda: ok_json(client.post("/api/sparql", json={"query": COUNT_ORGS},  # noqa: E731
                                        headers=H(keys["reader"])))["rows"][0]["n"]
    n_before = count()
    rep = ok_json(_upload(client, keys["editor"], "new.nt", part.replace(f"<{old}>", f"<{new}>").encode()))
    assert rep["counts"]["Actor"] >= 1
    assert "actor:imported-test-body" in d.snapshot().actors  # the cached snapshot saw the write
    assert count() == n_before + 1  # and so did the cached SPARQL dataset


@pytest.mark.parametrize(("name", "data", "status", "why"), [
    ("../../etc/x.ttl", b"<urn:a> <urn:b> <urn:c> .", 422, "path"),
    (".hidden.ttl", b"<urn:a> <urn:b> <urn:c> .", 422, "dot"),
    ("graph.exe", b"MZ\x90\x00", 422, "unsupported"),
    ("graph.rdf", b"<rdf:RDF/>", 422, "unsupported"),
    ("empty.ttl", b"  \n", 422, "empty"),
    ("bin.ttl", b"@prefix x: <urn:x> .\x00\x01", 422, "binary"),
    ("latin.ttl", "<urn:a> <urn:b> \"caf\xe9\" .".encode("latin-1"), 422, "UTF-8"),
    ("broken.ttl", b"@prefix dalil: <https://w3id.org/dalil/ontology#> .\n<urn:a> dalil:name ", 422, "broken.ttl"),
    ("broken.jsonld", b"{\"@id\": ", 422, "JSON-LD"),
    ("remote.jsonld", json.dumps({"@context": "http://169.254.169.254/ctx.jsonld", "@id": "urn:a"}).encode(), 422,
     "remote JSON-LD context"),
    ("import.jsonld", json.dumps({"@context": {"@import": "http://example.org/c"}, "@id": "urn:a"}).encode(), 422,
     "remote"),
])
def test_bad_rdf_uploads_are_refused(client: TestClient, keys: dict[str, str], name: str, data: bytes, status: int,
                                     why: str) -> None:
    before = _dalil(client).stats()["nodes"]
    clear_error(_upload(client, keys["editor"], name, data), status, why)
    assert _dalil(client).stats()["nodes"] == before


def test_import_bad_requests(client: TestClient, keys: dict[str, str]) -> None:
    e = H(keys["editor"])
    clear_error(_no_5xx(client.post("/api/import-rdf", headers=e)), 422, "file")
    clear_error(_upload(client, keys["editor"], "x.ttl", b"<urn:a> <urn:b> <urn:c> .", format="rdfxml"), 422, "format")
    # an edge to a node the file does not type: the message names the triple, nothing is written
    actor_cls = next(c for c, label in class_labels().items() if label == "Actor")
    rel = next(iter(rel_preds().values()))
    ghost, nobody = iri("actor:ghost-body"), iri("actor:nobody-body")
    dangling = f"<{ghost}> <{RDF.type}> <{actor_cls}> .\n<{ghost}> <{rel}> <{nobody}> .\n".encode()
    before = _dalil(client).stats()["nodes"]
    clear_error(_upload(client, keys["editor"], "dangling.nt", dangling), 422, "dangling.nt", "not a typed Dalil node")
    assert _dalil(client).stats()["nodes"] == before
    big = b"#" + b"x" * (UPLOAD_MB * 1024 * 1024 + 10)
    clear_error(_no_5xx(client.post("/api/import-rdf", files={"file": ("big.ttl", big)}, headers=e)), 413, "upload")


# --- roles ---------------------------------------------------------------------------------------------

READS = ["/api/sparql?query=ASK%20%7B%7D", "/api/network", "/api/export?format=ntriples&actor=NCCVE"]


@pytest.mark.parametrize("path", READS)
def test_reads_need_a_reader_key(client: TestClient, keys: dict[str, str], path: str) -> None:
    clear_error(_no_5xx(client.get(path)), 401, "API key")
    clear_error(_no_5xx(client.get(path, headers=H(keys["revoked"]))), 401, "revoked")
    clear_error(_no_5xx(client.get(path, headers=H("dalil_nope_nope"))), 401)
    for role in ("reader", "editor", "admin"):
        assert _no_5xx(client.get(path, headers=H(keys[role]))).status_code == 200, role
    clear_error(_no_5xx(client.post("/api/sparql", json={"query": "ASK {}"})), 401)


def test_import_needs_an_editor_key(client: TestClient, keys: dict[str, str]) -> None:
    data = b"<urn:a> <urn:b> <urn:c> ."
    clear_error(_upload(client, keys["reader"], "x.nt", data), 403, "editor")
    clear_error(_no_5xx(client.post("/api/import-rdf", files={"file": ("x.nt", data)})), 401, "editor")
    clear_error(_upload(client, keys["revoked"], "x.nt", data), 401, "revoked")
    for role in ("editor", "admin"):  # a file with no Dalil nodes imports nothing, and says so
        rep = ok_json(_upload(client, keys[role], "x.nt", data))
        assert rep["triples"] == 1 and not rep["counts"]


def test_open_reads_do_not_open_import(home: Path, client: TestClient) -> None:
    app = create_app(Settings(home=home, api_open_reads=True))
    app.state.service = client.app.state.service  # type: ignore[attr-defined]  # the store is open once
    c = TestClient(app, raise_server_exceptions=False)
    assert _no_5xx(c.get("/api/sparql", params={"query": "ASK {}"})).status_code == 200
    clear_error(_no_5xx(c.post("/api/import-rdf", files={"file": ("x.nt", b"<urn:a> <urn:b> <urn:c> .")})), 401)


def test_openapi_documents_the_exchange_routes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, method in (("/api/sparql", "get"), ("/api/sparql", "post"), ("/api/network", "get"),
                         ("/api/export", "get"), ("/api/import-rdf", "post")):
        op = spec["paths"][path][method]
        assert op["summary"], path
    exp = spec["paths"]["/api/export"]["get"]
    assert "application/zip" in exp["responses"]["200"]["content"]
    assert "nodes.csv" in exp["responses"]["200"]["description"]
