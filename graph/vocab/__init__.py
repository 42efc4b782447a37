"""Typed loaders for the data in ``ontologies/``: concepts, places, the actor registry, the ontology.

Every package reads vocabularies, the gazetteer and the registry through this package, so that one
parse (cached) and one normalisation (graph.names) serve extraction, resolution, the stores and
the question router alike. Loaders return the pydantic classes of graph.model; the cached objects
are shared, so callers must treat them as read-only.

One module per kind of data (concepts, places, gazetteer, registry, ontology); this one names
what the other packages use, so they import ``graph.vocab`` and not its layout.
"""

from __future__ import annotations

from graph.vocab.concepts import (
    CONCEPT_NAMESPACES,
    VOCAB_DIR,
    concept_broader,
    concept_iri,
    concept_related,
    iri_to_concept_id,
    load_concepts,
)
from graph.vocab.gazetteer import (
    ALL_GOVERNORATES,
    Gazetteer,
    load_gazetteer,
    place_index,
    place_key,
    place_token_key,
    without_level_words,
)
from graph.vocab.ontology import DALIL, ONTOLOGY_FILE, ontology_graph
from graph.vocab.places import (
    COUNTRY_PCODE,
    GAZETTEER_DIR,
    PLACE_LEVELS,
    district_crosswalk_2014,
    load_places,
    unmapped_2014_districts,
)
from graph.vocab.registry import REGISTRY_FILE, RegistryEntry, load_registry

__all__ = [
    "ALL_GOVERNORATES",
    "CONCEPT_NAMESPACES",
    "COUNTRY_PCODE",
    "DALIL",
    "GAZETTEER_DIR",
    "ONTOLOGY_FILE",
    "PLACE_LEVELS",
    "REGISTRY_FILE",
    "VOCAB_DIR",
    "Gazetteer",
    "RegistryEntry",
    "concept_broader",
    "concept_iri",
    "concept_related",
    "district_crosswalk_2014",
    "iri_to_concept_id",
    "load_concepts",
    "load_gazetteer",
    "load_places",
    "load_registry",
    "ontology_graph",
    "place_index",
    "place_key",
    "place_token_key",
    "without_level_words",
    "unmapped_2014_districts",
]
