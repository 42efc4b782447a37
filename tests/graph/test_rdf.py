"""RDF export / import, SHACL shapes, SPARQL and GraphML / CSV, on real embedded stores.

The round trip is checked three ways: node and edge counts per label and type, every node's
fields and every edge (lists compared as sets: RDF has no order), and the answers of every
domain question (who covers, mandate brief, overlaps, gaps, related to) on the demo corpus.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from graph import domain, rdf, sparql, tabular_export
from graph.ladybug_store import LadybugStore
from graph.model import NODE_TYPES, REL_TYPES
from graph.store import GraphStore, node_ops
from tests.graph.test_store_congruence import EDGES, NODES

FORMATS = ["turtle", "jsonld", "ntriples"]
SUFFIX = {"turtle": ".ttl", "jsonld": ".jsonld", "ntriples": ".nt"}


def _canon(dump: rdf.GraphDump) -> tuple[dict[str, Any], dict[str, Any]]:
    nodes = {
        lbl: {k: {f: sorted(v) if isinstance(v, list) else v for f, v in row.items()} for k, row in rows.items()}
        for lbl, rows in dump.nodes.items()
    }
    edges = {rel: sorted(json.dumps(r, sort_keys=True) for r in rows) for rel, rows in dump.edges.items()}
    return nodes, edges


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[GraphStore]:
    s = LadybugStore(tmp_path / "imported.lbug")
    yield s
    s.close()


@pytest.fixture(scope="module")
def demo_dump(demo_dalil: Any) -> rdf.GraphDump:
    return rdf.dump_store(demo_dalil.graph)


@pytest.fixture(scope="module")
def demo_graph(demo_dump: rdf.GraphDump) -> Graph:
    return rdf.to_graph(demo_dump)


# --- the mapping ---------------------------------------------------------------------------------


def test_every_model_field_and_relationship_has_an_rdf_term() -> None:
    maps = rdf.field_maps()
    for m in NODE_TYPES:
        mapped = {fm.field for fm in maps[m.label]} | {f for (lbl, f) in rdf.SPECIAL if lbl == m.label}
        assert mapped == set(m.model_fields) - {"id"}, m.label
    assert set(rdf.rel_preds()) == {r.name for r in REL_TYPES}
    assert len(set(rdf.rel_preds().values())) == len(REL_TYPES)


@pytest.mark.parametrize("nid", [
    "actor:undp", "place:IQG15Q09", "theme:youth", "target_group:youth", "driver:poverty",
    "doc:scn-iraq-roundtable-2023#p1-0", "st:abc", "actor:أوبراين-x", "no-prefix", "a:b/c d?e#f",
])
def test_iris_are_stable_and_invertible(nid: str) -> None:
    u = rdf.iri(nid)
    assert rdf.node_id(str(u)) == nid
    assert " " not in u and "#" not in u.removeprefix(rdf.BASE)


def test_places_use_pcodes_and_concepts_their_vocabulary_iris() -> None:
    assert str(rdf.iri("place:IQG15")) == "https://w3id.org/dalil/place/IQG15"
    assert str(rdf.iri("target_group:youth")) == "https://w3id.org/dalil/target/youth"


# --- round trip -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_demo_round_trip_is_lossless(demo_dalil: Any, demo_dump: rdf.GraphDump, fmt: str,
                                     tmp_path: Path, empty: GraphStore) -> None:
    out = tmp_path / f"demo{SUFFIX[fmt]}"
    rep = rdf.export(demo_dalil.graph, fmt, out)
    assert rep["counts"]["Statement"] > 50 and out.stat().st_size > 10_000
    rdf.import_file(empty, out)
    back = rdf.dump_store(empty)
    assert back.counts() == demo_dump.counts()
    assert _canon(back) == _canon(demo_dump)
    a, b = domain.Snapshot(demo_dalil.graph), domain.Snapshot(empty)
    for theme in (None, "target_group:youth", "theme:education", "theme:pcve"):
        for place in (None, "place:IQ", "place:IQG15", "place:IQG15Q09"):
            assert domain.who_covers(a, theme, place) == domain.who_covers(b, theme, place)
    for place in (None, "place:IQG15", "place:IQG15Q09"):
        assert domain.gaps(a, place) == domain.gaps(b, place)
        assert domain.overlaps(a, place=place) == domain.overlaps(b, place=place)
        assert domain.mandate_brief(a, None, place) == domain.mandate_brief(b, None, place)
    for actor in sorted(a.actors)[:12]:
        assert domain.mandate_brief(a, actor, None) == domain.mandate_brief(b, actor, None)
        assert domain.related_to(a, actor, direction="any") == domain.related_to(b, actor, direction="any")
    assert any(domain.who_covers(a, "target_group:youth", "place:IQG15"))


def test_rich_fixture_round_trips(tmp_path: Path, empty: GraphStore) -> None:
    """Efforts with roles, decisions, classes, units, persons, odd characters: all come back."""
    src = LadybugStore(tmp_path / "src.lbug")
    try:
        rdf.write_graph(src, NODES, EDGES)
        before = rdf.dump_store(src)
        assert before.counts()["ROLE"] == 4 and before.counts()["Decision"] >= 1
        for fmt in FORMATS:
            out = tmp_path / f"rich{SUFFIX[fmt]}"
            rdf.export(src, fmt, out)
            dst = LadybugStore(tmp_path / f"dst-{fmt}.lbug")
            try:
                rdf.import_file(dst, out)
                assert _canon(rdf.dump_store(dst)) == _canon(before), fmt
            finally:
                dst.close()
    finally:
        src.close()


def test_import_is_idempotent(demo_dalil: Any, tmp_path: Path, empty: GraphStore) -> None:
    out = tmp_path / "demo.nt"
    rdf.export(demo_dalil.graph, "ntriples", out)
    rdf.import_file(empty, out)
    once = rdf.dump_store(empty).counts()
    rdf.import_file(empty, out)
    assert rdf.dump_store(empty).counts() == once


def test_jsonld_embeds_the_published_context(demo_dalil: Any, tmp_path: Path) -> None:
    out = tmp_path / "demo.jsonld"
    rdf.export(demo_dalil.graph, "jsonld", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    ctx = json.loads(rdf.CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    assert doc["@context"] == ctx  # embedded: an offline JSON-LD parser needs nothing else (issue 17)
    assert ctx["dalil"] == str(rdf.DALIL) and ctx["org"] == str(rdf.ORG)
    assert any(n.get("name") for n in doc["@graph"])  # compacted with the context's terms


# --- standard vocabularies ----------------------------------------------------------------------------


def test_alignments_to_org_prov_oa_skos_dcterms(demo_graph: Graph) -> None:
    g = demo_graph
    assert set(g.subjects(RDF.type, rdf.ORG.Organization))
    assert set(g.subjects(RDF.type, rdf.CPOV.PublicOrganisation))
    assert set(g.subjects(RDF.type, URIRef("http://www.w3.org/2004/02/skos/core#Concept")))
    # every statement is derived from a span of its document, with both selectors
    for st in g.subjects(RDF.type, rdf.DALIL.Statement):
        span = g.value(st, rdf.DALIL.span)
        assert (st, rdf.PROV.wasDerivedFrom, span) in g
        assert g.value(span, rdf.OA.hasSource) == g.value(st, rdf.DALIL.inDocument)
        sels = set(g.objects(span, rdf.OA.hasSelector))
        kinds = {g.value(s, RDF.type) for s in sels}
        assert kinds == {rdf.OA.TextQuoteSelector, rdf.OA.TextPositionSelector}
        exact = next(g.value(s, rdf.OA.exact) for s in sels if g.value(s, rdf.OA.exact) is not None)
        assert isinstance(exact, Literal) and len(str(exact)) > 10
    members = set(g.subjects(RDF.type, rdf.ORG.Membership)) | set(g.subjects(RDF.type, rdf.ORG.Post))
    for m in members:
        assert g.value(m, rdf.ORG.organization) or g.value(m, rdf.ORG.postIn)


# --- SHACL ------------------------------------------------------------------------------------------------


def test_demo_export_conforms_to_the_shapes(demo_graph: Graph) -> None:
    v = rdf.validate(demo_graph)
    assert v.conforms, v.text[:2000]


def _copy(g: Graph) -> Graph:
    out = Graph()
    for t in g:
        out.add(t)
    return out


def test_broken_graph_is_rejected_naming_the_nodes(demo_graph: Graph) -> None:
    g = _copy(demo_graph)
    st = sorted(g.subjects(RDF.type, rdf.DALIL.Statement))[0]
    span = g.value(st, rdf.DALIL.span)
    for sel in list(g.objects(span, rdf.OA.hasSelector)):
        g.remove((sel, rdf.OA.exact, None))
    g.remove((st, rdf.DALIL.inDocument, None))
    actor = sorted(g.subjects(RDF.type, rdf.DALIL.Actor))[0]
    g.remove((actor, rdf.DALIL.name, None))
    v = rdf.validate(g)
    assert not v.conforms
    assert str(st) in v.focus_nodes and str(actor) in v.focus_nodes
    assert str(st) in v.text and str(actor) in v.text
    assert "quoted source text" in v.text and "dalil:name" in v.text


def test_filtered_exports_conform_and_keep_their_part(demo_dump: rdf.GraphDump) -> None:
    nineveh = rdf.select(demo_dump, place="place:IQG15")
    assert rdf.validate(rdf.to_graph(nineveh)).conforms
    scopes: dict[str, set[str]] = {}
    for r in demo_dump.edges["SCOPE"]:
        scopes.setdefault(r["src"], set()).add(r["dst"])
    kept = set(nineveh.nodes["Statement"])
    baghdad_only = {s for s, ps in scopes.items() if ps and all(p.startswith("place:IQG07") for p in ps)}
    in_nineveh = {s for s, ps in scopes.items() if any(p.startswith("place:IQG15") for p in ps)}
    assert in_nineveh and in_nineveh <= kept
    assert not (baghdad_only & kept)
    national = {s for s, ps in scopes.items() if ps == {"place:IQ"}}
    assert national <= kept  # roll-up: a nationwide statement covers Nineveh
    youth = rdf.select(demo_dump, theme="target_group:youth")
    assert youth.nodes["Statement"] and len(youth.nodes["Statement"]) < len(demo_dump.nodes["Statement"])
    about = {(r["src"], r["dst"]) for r in demo_dump.edges["ABOUT"]}
    assert all((s, "target_group:youth") in about for s in youth.nodes["Statement"])
    body = "actor:united-nations-development-programme"
    near = rdf.select(demo_dump, actor=body)
    assert body in near.nodes["Actor"] and rdf.validate(rdf.to_graph(near)).conforms
    with pytest.raises(rdf.RdfError, match="no such place"):
        rdf.select(demo_dump, place="place:IQG99")


# --- bad input ------------------------------------------------------------------------------------------


def test_bad_rdf_names_the_file_and_the_node(tmp_path: Path, empty: GraphStore) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle .", encoding="utf-8")
    with pytest.raises(rdf.RdfError, match="bad.ttl"):
        rdf.import_file(empty, bad)
    two = tmp_path / "two.ttl"
    two.write_text(
        "@prefix dalil: <https://w3id.org/dalil/ontology#> .\n"
        "<https://w3id.org/dalil/actor/x> a dalil:Actor ; dalil:name \"X\", \"Y\" ; dalil:kind \"ngo\" .\n",
        encoding="utf-8",
    )
    with pytest.raises(rdf.RdfError, match="actor/x"):
        rdf.import_file(empty, two)
    assert rdf.dump_store(empty).counts() == {}  # nothing half-written


# --- SPARQL ------------------------------------------------------------------------------------------------


QUERIES = [
    "SELECT ?name (COUNT(?st) AS ?n) WHERE { ?a dalil:subjectOf ?st ; dalil:name ?name . "
    "?st dalil:status dalil:established } GROUP BY ?name ORDER BY DESC(?n) ?name",
    "SELECT ?p ?name WHERE { ?p dalil:partOf+ place:IQG15 ; dalil:name ?name } ORDER BY ?p",
    "SELECT ?label (COUNT(?s) AS ?n) WHERE { ?s a dalil:Statement ; dalil:about ?c . ?c skos:prefLabel ?label "
    "FILTER(lang(?label) = 'en') } GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 10",
]


def test_sparql_engines_agree_and_match_cypher(demo_dalil: Any) -> None:
    engines = {e: sparql.engine_for(demo_dalil.graph, e) for e in sparql.ENGINES}
    for q in QUERIES:
        answers = {e: eng.query(q).as_json() for e, eng in engines.items()}
        assert answers["oxigraph"] == answers["rdflib"], q
        assert answers["oxigraph"]["rows"], q
    cy = demo_dalil.graph.cypher(
        "MATCH (a:Actor)-[:SUBJECT]->(s:Statement) WHERE s.status = 'established' "
        "RETURN a.name AS name, count(s) AS n"
    )
    sp = engines["oxigraph"].query(QUERIES[0]).rows
    assert sorted((r["name"], r["n"]) for r in cy) == sorted((r["name"], r["n"]) for r in sp)
    assert engines["oxigraph"].query("ASK { place:IQG15Q09 dalil:partOf place:IQG15 }").boolean is True


@pytest.mark.parametrize("q", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/x.ttl>",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://example.org/x.ttl> WHERE { ?s ?p ?o }",
    "SELEKT nonsense",
    "",
])
def test_sparql_is_read_only_and_offline(demo_dalil: Any, q: str) -> None:
    before = rdf.dump_store(demo_dalil.graph).counts()
    with pytest.raises(sparql.SparqlError):
        sparql.run(demo_dalil.graph, q)
    assert rdf.dump_store(demo_dalil.graph).counts() == before


def test_sparql_keywords_inside_strings_and_variables_are_fine(demo_dalil: Any) -> None:
    res = sparql.run(demo_dalil.graph, 'SELECT ?from WHERE { BIND("INSERT FROM SERVICE" AS ?from) }')
    assert res.rows == [{"from": "INSERT FROM SERVICE"}]


# --- GraphML and CSV -------------------------------------------------------------------------------------


def test_graphml_and_csv(demo_dalil: Any, demo_dump: rdf.GraphDump, tmp_path: Path) -> None:
    n_nodes = sum(len(r) for r in demo_dump.nodes.values())
    n_edges = sum(len(r) for r in demo_dump.edges.values())
    rdf.export(demo_dalil.graph, "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert (g.number_of_nodes(), g.number_of_edges()) == (n_nodes, n_edges)
    some = next(iter(demo_dump.nodes["Actor"].values()))
    assert g.nodes[some["id"]]["Label"] == some["name"] and g.nodes[some["id"]]["category"] == "Actor"
    rep = rdf.export(demo_dalil.graph, "csv", tmp_path / "g.csv")
    nodes_csv, edges_csv = (Path(p) for p in rep["files"])
    with nodes_csv.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == n_nodes and {"Id", "Label", "category"} <= set(rows[0])
    with edges_csv.open(encoding="utf-8") as f:
        erows = list(csv.DictReader(f))
    assert len(erows) == n_edges and {"Source", "Target", "Type", "Label"} <= set(erows[0])
    assert tabular_export.csv_paths(tmp_path / "dir") == (tmp_path / "dir" / "nodes.csv", tmp_path / "dir" / "edges.csv")


def test_write_graph_uses_the_public_write_path(tmp_path: Path) -> None:
    s = LadybugStore(tmp_path / "w.lbug")
    try:
        s.write(node_ops(NODES[:3]))
        assert sum(rdf.dump_store(s).counts().values()) == 3
    finally:
        s.close()


def test_a_remote_jsonld_context_is_refused_not_fetched(tmp_path: Path) -> None:
    """rdflib would fetch a remote @context: Dalil refuses the file instead (offline, and no
    request to wherever a file points)."""
    from graph.rdf import RdfError, parse

    f = tmp_path / "evil.jsonld"
    f.write_text('{"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "x:a", "x:p": "v"}', encoding="utf-8")
    with pytest.raises(RdfError, match="remote JSON-LD context"):
        parse(f)
