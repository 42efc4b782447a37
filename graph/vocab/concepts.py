"""The SKOS concept schemes of ``ontologies/vocab/`` (themes, drivers, target groups) as typed
concepts and their broader / related links.

Parsed once per process (cached): extraction, the stores, search filters and the RDF export all
read the same concepts, so an id means one thing everywhere.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from graph.model import Concept, concept_id
from graph.settings import ONTOLOGIES

VOCAB_DIR = ONTOLOGIES / "vocab"

# scheme name (Concept.scheme, the prefix of Concept.id) -> (vocabulary file, concept IRI namespace)
CONCEPT_NAMESPACES: dict[str, tuple[str, str]] = {
    "theme": ("themes.ttl", "https://w3id.org/dalil/theme/"),
    "driver": ("drivers.ttl", "https://w3id.org/dalil/driver/"),
    "target_group": ("target_groups.ttl", "https://w3id.org/dalil/target/"),
}


def concept_iri(cid: str) -> str:
    """The IRI of a concept id ("theme:youth" -> "https://w3id.org/dalil/theme/youth")."""
    scheme, _, key = cid.partition(":")
    return CONCEPT_NAMESPACES[scheme][1] + key


def iri_to_concept_id(iri: str) -> str | None:
    """The concept id of a Dalil concept IRI, or None for any other IRI."""
    for scheme, (_, ns) in CONCEPT_NAMESPACES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return concept_id(scheme, iri[len(ns) :])
    return None


def parse_vocabularies(g: Graph) -> Graph:
    """``g`` with the three scheme files parsed into it: the concepts and the ontology graph read
    the same files."""
    for file, _ in CONCEPT_NAMESPACES.values():
        g.parse(VOCAB_DIR / file, format="turtle")
    return g


@lru_cache(maxsize=1)
def _vocab_graph() -> Graph:
    return parse_vocabularies(Graph())


def _labels(g: Graph, s: URIRef, prop: URIRef, lang: str) -> list[str]:
    return sorted(str(o) for o in g.objects(s, prop) if isinstance(o, Literal) and o.language == lang)


def verb_forms(label: str) -> list[str]:
    """The phrase of an English gerund label with its verb in other forms: reports name the work
    as an aim or an act ("to prevent violent extremism", "it counters …", "they rebuilt …") as
    often as by the gerund the vocabulary is written in. Only labels of two words or more: a lone
    "-ing" word is as often a noun ("training", "building") as a verb. The stem's spellings that
    are no English word ("prevente") match nothing and cost an index entry."""
    first, sep, rest = label.partition(" ")
    if not sep or not first.isascii() or not first.isalpha() or not first.islower() or not first.endswith("ing") or len(first) < 7:
        return []
    stem = first[:-3]
    stems = {stem, stem + "e"}
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiousl":
        stems.add(stem[:-1])  # "combatting" -> "combat"
    forms = {f for b in stems for f in (b, b + "s", b + "d" if b.endswith("e") else b + "ed")}
    return sorted(f"{f} {rest}" for f in forms if f != first)


def _match_labels(g: Graph, s: URIRef) -> list[str]:
    """Every label a text may name the concept by, after its prefLabels: SKOS altLabels and
    hiddenLabels and the verb forms of the English gerund labels among them."""
    alts = _labels(g, s, SKOS.altLabel, "en") + _labels(g, s, SKOS.hiddenLabel, "en")
    alts += [v for lab in _labels(g, s, SKOS.prefLabel, "en") + alts for v in verb_forms(lab.lower()) if v not in alts]
    alts += _labels(g, s, SKOS.altLabel, "ar") + _labels(g, s, SKOS.hiddenLabel, "ar")
    return list(dict.fromkeys(alts))


@lru_cache(maxsize=1)
def _concepts() -> tuple[Concept, ...]:
    g = _vocab_graph()
    out: list[Concept] = []
    for scheme, (_, ns) in CONCEPT_NAMESPACES.items():
        subjects = sorted(
            str(s)
            for s in g.subjects(RDF.type, SKOS.Concept)
            if isinstance(s, URIRef) and str(s).startswith(ns)
        )
        for iri in subjects:
            s = URIRef(iri)
            en = _labels(g, s, SKOS.prefLabel, "en")
            ar = _labels(g, s, SKOS.prefLabel, "ar")
            if not en:
                raise ValueError(f"concept {iri} has no English prefLabel")
            alts = _match_labels(g, s)
            out.append(
                Concept(
                    id=concept_id(scheme, iri[len(ns) :]),
                    scheme=scheme,
                    label_en=en[0],
                    label_ar=ar[0] if ar else "",
                    alt_labels=alts,
                )
            )
    return tuple(out)


def load_concepts() -> list[Concept]:
    """All concepts of the three schemes (theme, driver, target_group), ordered by scheme and key."""
    return list(_concepts())


def _concept_pairs(prop: URIRef) -> list[tuple[str, str]]:
    known = {c.id for c in _concepts()}
    pairs: set[tuple[str, str]] = set()
    for s, o in _vocab_graph().subject_objects(prop):
        a, b = iri_to_concept_id(str(s)), iri_to_concept_id(str(o))
        if a in known and b in known and a is not None and b is not None and a != b:
            pairs.add((a, b))
    return sorted(pairs)


@lru_cache(maxsize=1)
def _broader() -> tuple[tuple[str, str], ...]:
    pairs = set(_concept_pairs(SKOS.broader))
    pairs |= {(child, parent) for parent, child in _concept_pairs(SKOS.narrower)}
    return tuple(sorted(pairs))


def concept_broader() -> list[tuple[str, str]]:
    """(child id, parent id) for every skos:broader (or inverse skos:narrower) link."""
    return list(_broader())


@lru_cache(maxsize=1)
def _related() -> tuple[tuple[str, str], ...]:
    # skos:related is symmetric: each pair once, in sorted order, whichever file states it.
    return tuple(sorted({(min(a, b), max(a, b)) for a, b in _concept_pairs(SKOS.related)}))


def concept_related() -> list[tuple[str, str]]:
    """Symmetric skos:related pairs (also across schemes: driver <-> theme), each once, sorted."""
    return list(_related())
