"""The Dalil ontology (``ontologies/dalil.ttl``) with the three concept vocabularies, as one
rdflib graph: what the RDF export maps the property graph onto and what SPARQL queries run over.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, Namespace

from graph.settings import ONTOLOGIES
from graph.vocab.concepts import parse_vocabularies

ONTOLOGY_FILE = ONTOLOGIES / "dalil.ttl"

DALIL = Namespace("https://w3id.org/dalil/ontology#")


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY_FILE, format="turtle")
    return parse_vocabularies(g)


def ontology_graph() -> Graph:
    """A fresh copy of dalil.ttl plus the three vocabularies (for RDF export); safe to extend."""
    src = _ontology()
    g = Graph()
    for prefix, ns in src.namespaces():
        g.bind(prefix, ns, override=True)
    g += src
    return g
