"""graph.vocab and the data in ontologies/: concepts, gazetteer, crosswalk, registry, ontology."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from graph.model import NODE_TYPES, REL_TYPES, ActorKind, Level, Status, slug
from graph.names import normalize_name
from graph.vocab import (
    DALIL,
    GAZETTEER_DIR,
    concept_broader,
    concept_iri,
    concept_related,
    district_crosswalk_2014,
    iri_to_concept_id,
    load_concepts,
    load_gazetteer,
    load_places,
    load_registry,
    ontology_graph,
    place_index,
    place_key,
    unmapped_2014_districts,
)
from graph.vocab.gazetteer import district_noun

# --- gazetteer --------------------------------------------------------------------------------


def test_place_counts() -> None:
    levels = Counter(p.level for p in load_places())
    assert levels == {"country": 1, "governorate": 18, "district": 101, "subdistrict": 294}


def test_place_ids_and_parents() -> None:
    places = {p.id: p for p in load_places()}
    assert places["place:IQ"].name == "Iraq" and places["place:IQ"].name_ar == "العراق"
    parent_level = {"governorate": "country", "district": "governorate", "subdistrict": "district"}
    for p in places.values():
        assert p.id.startswith("place:IQ")
        assert p.name and p.name_ar == p.name_ar.strip()
        if p.level == "country":
            assert p.parent == ""
        else:
            assert places[p.parent].level == parent_level[p.level]
            assert p.id.startswith(p.parent)


@pytest.mark.parametrize(
    "name", ["Nineveh", "Ninewa", "Ninawa", "نينوى", "Nineveh Governorate", "محافظة نينوى"]
)
def test_nineveh_resolves(name: str) -> None:
    hits = load_gazetteer().lookup(name)
    assert hits and hits[0].id == "place:IQG15"


@pytest.mark.parametrize(
    "name",
    [
        "Tel Kaif",
        "Tilkaif",
        "Tilkaef",
        "Tel Keppe",
        "Telkef",
        "تلكيف",
        "تل كيف",
        "Tel Kaif District",
        "قضاء تلكيف",
    ],
)
def test_tel_kaif_resolves(name: str) -> None:
    gaz = load_gazetteer()
    hits = gaz.lookup(name)
    assert hits and hits[0].id == "place:IQG15Q09"
    ancestors = gaz.ancestors(hits[0].id)
    assert ancestors == ["place:IQG15", "place:IQ"]


@pytest.mark.parametrize(
    ("name", "pcode"),
    [
        ("Mosul", "IQG15Q05"),
        ("الموصل", "IQG15Q05"),
        ("Anbar", "IQG01"),
        ("Al Anbar", "IQG01"),
        ("والأنبار", "IQG01"),
        ("Salahaddin", "IQG16"),
        ("Saladin", "IQG16"),
        ("Dhi Qar", "IQG17"),
        ("Thi-Qar", "IQG17"),
        ("Babylon", "IQG07"),
        ("Missan", "IQG14"),
        ("Basrah", "IQG02"),
        ("Hawler", "IQG11"),
        ("Dohuk", "IQG09"),
        ("Slemani", "IQG06"),
        ("Karbala", "IQG12"),
        ("Tameem", "IQG13"),
        ("Sinjar", "IQG15Q07"),
        ("Shingal", "IQG15Q07"),
        ("Tal Afar", "IQG15Q08"),
        ("Qaraqosh", "IQG15Q03"),
        ("Bakhdida", "IQG15Q03"),
        ("Sheikhan", "IQG15Q06"),
        ("Hawija", "IQG13Q01"),
        ("Fallujah", "IQG01Q01"),
        ("Ramadi", "IQG01Q03"),
        ("Iraq", "IQ"),
    ],
)
def test_alternate_names(name: str, pcode: str) -> None:
    hits = load_gazetteer().lookup(name)
    assert hits and hits[0].id == "place:" + pcode


def test_lookup_orders_and_filters() -> None:
    gaz = load_gazetteer()
    erbil = [p.id for p in gaz.lookup("Erbil")]
    assert erbil[:2] == ["place:IQG11", "place:IQG11Q02"]  # governorate before district
    assert gaz.lookup("Erbil district")[0].id == "place:IQG11Q02"
    assert gaz.lookup("") == []
    assert gaz.lookup("Atlantis") == []


@pytest.mark.parametrize("written,pcode", [
    ("Falloujah", "IQG01Q01"),  # ou = u, doubled letters, final h
    ("Al-Tarmiyya", "IQG08Q02N04"),  # iyya = iya
    ("Tarmiah", "IQG08Q02N04"),
    ("El-Faluja", "IQG01Q01"),  # El = Al
    ("Hit", "IQG01Q07"),  # ee = i
    ("Al-Yusifiyah", "IQG08Q05N04"),  # a short vowel between consonants in a long word
])
def test_transliteration_variants_resolve(written: str, pcode: str) -> None:
    assert [p.id for p in load_gazetteer().lookup(written)][:1] == [f"place:{pcode}"]
    hits = place_index("title").find(f"The project reached {written} in 2024.")
    assert [h.payload for h in hits] == [f"place:{pcode}"] and hits[0].text == written


def test_transliteration_ambiguity_is_left_unresolved() -> None:
    # "Rashid" is as close to Al-Rasheed (Baghdad) as to Al-Rashad (Kirkuk): neither is guessed
    assert place_key("Al-Rasheed") == place_key("Al-Rashad") == place_key("al Rashid")
    assert load_gazetteer().lookup("Rashid") == []
    assert place_index("title").find("Rashid said so.") == []
    # an exact name still wins, and one name for two places (governorate, district) keeps both
    assert [p.id for p in load_gazetteer().lookup("Al-Rasheed")] == ["place:IQG08Q05N02"]
    assert {h.payload for h in place_index("any").find("in Basrra")} == {"place:IQG02", "place:IQG02Q02"}
    # short words keep their vowels; running text needs the capital
    assert place_key("Hat") != place_key("Hit")
    assert place_index("title").find("we saw falloujah") == []


def test_hierarchy() -> None:
    gaz = load_gazetteer()
    assert gaz.get("IQG15Q09") is gaz.get("place:IQG15Q09")
    assert gaz.get("place:NOPE") is None
    assert gaz.ancestors("place:IQ") == []
    inside = gaz.descendants("place:IQG15")
    assert "place:IQG15Q09" in inside and "place:IQG15Q09N01" in inside
    assert all("place:IQG15" in gaz.ancestors(pid) for pid in inside)
    assert len(gaz.descendants("place:IQ")) == 18 + 101 + 294
    assert gaz.contains("place:IQG15", "place:IQG15Q09N01")
    assert gaz.contains("place:IQG15Q09", "place:IQG15Q09")
    assert not gaz.contains("place:IQG15Q09", "place:IQG15")


def test_crosswalk_2014() -> None:
    cw = district_crosswalk_2014()
    places = {p.id: p for p in load_places()}
    for code in ("IQ15100", "IQ15101", "IQ-D091"):
        assert cw[code] == "place:IQG15Q09"
        assert places[cw[code]].name == "Tilkaef"
    assert cw["IQ-G15"] == cw["IQ15"] == "place:IQG15"
    assert cw["IQ-G06"] == "place:IQG07"  # Babylon: 2014 and 2019 numbering differ
    assert cw["IQ-D069"] == "place:IQG11Q05"  # Soran = Rawanduz district
    assert cw["IQ-D045"] == "place:IQG08Q02N04"  # Tarmia became a sub-district
    assert cw["IQ01059"] == cw["IQ-D001"]  # reused code: the second alternate (3W join key) wins
    assert all(pid in places for pid in cw.values())
    with (GAZETTEER_DIR / "iraq_adm2_districts_ocha_2014_pcodes.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    mapped = [r for r in rows if r["A2Code"] in cw]
    assert len(mapped) >= 107
    assert {code for code, _ in unmapped_2014_districts()} == {r["A2Code"] for r in rows} - {
        r["A2Code"] for r in mapped
    }
    assert all(r["A2CodeAlt2"] in cw for r in mapped)
    for gov in ("IQ-G01", "IQ-G02", "IQ-G03", "IQ-G18"):
        assert places[cw[gov]].level == "governorate"


def test_crosswalk_names_reach_places() -> None:
    # 2014 spellings become alternate names of the COD-AB place.
    assert load_gazetteer().lookup("Baladrooz")[0].id == "place:IQG10Q03"
    assert load_gazetteer().lookup("Sumel")[0].id == "place:IQG09Q03"


def test_alternate_names_file() -> None:
    with (GAZETTEER_DIR / "alternate_names.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and set(rows[0]) == {"pcode", "name", "lang"}
    ids = {p.id for p in load_places()}
    for r in rows:
        assert "place:" + r["pcode"] in ids
        assert r["name"].strip() == r["name"] and r["lang"] in {"en", "ar", "ku", "fr", "de"}


# --- concepts ---------------------------------------------------------------------------------


def test_concept_schemes() -> None:
    concepts = load_concepts()
    counts = Counter(c.scheme for c in concepts)
    assert set(counts) == {"theme", "driver", "target_group"}
    assert 30 <= counts["theme"] <= 50
    assert counts["driver"] >= 18
    assert counts["target_group"] >= 10
    assert len({c.id for c in concepts}) == len(concepts)
    for c in concepts:
        assert c.id.startswith(c.scheme + ":")
        assert iri_to_concept_id(concept_iri(c.id)) == c.id


def test_every_concept_has_english_and_arabic_labels() -> None:
    for c in load_concepts():
        assert c.label_en and not any("\u0600" <= ch <= "\u06ff" for ch in c.label_en), c.id
        assert c.label_ar and any("\u0600" <= ch <= "\u06ff" for ch in c.label_ar), c.id
        arabic = [a for a in c.alt_labels if any("\u0600" <= ch <= "\u06ff" for ch in a)]
        assert len(arabic) >= 2 and len(c.alt_labels) - len(arabic) >= 3, c.id


def test_labels_are_unambiguous_within_a_scheme() -> None:
    owner: dict[tuple[str, str], str] = {}
    for c in load_concepts():
        for label in [c.label_en, c.label_ar, *c.alt_labels]:
            key = (c.scheme, normalize_name(label))
            assert owner.setdefault(key, c.id) == c.id, (label, owner[key], c.id)


def test_expected_concepts() -> None:
    ids = {c.id for c in load_concepts()}
    for cid in (
        "theme:pcve",
        "theme:youth",
        "theme:education",
        "theme:vocational_training",
        "theme:employment",
        "theme:psychosocial_support",
        "theme:reintegration",
        "theme:women",
        "theme:children",
        "theme:local_governance",
        "theme:monitoring_evaluation",
        "theme:public_private_partnership",
        "driver:unemployment",
        "driver:corruption",
        "driver:political_instability",
        "driver:school_dropout",
        "target_group:youth",
        "target_group:returnees",
        "target_group:idps",
        "target_group:religious_leaders",
    ):
        assert cid in ids


def test_broader_and_related() -> None:
    ids = {c.id for c in load_concepts()}
    broader = concept_broader()
    related = concept_related()
    assert ("theme:vocational_training", "theme:education") in broader
    assert ("driver:unemployment", "theme:employment") in related
    assert ("driver:unemployment", "theme:vocational_training") in related
    for a, b in broader + related:
        assert a in ids and b in ids and a != b
    for child, parent in broader:
        assert child.split(":")[0] == parent.split(":")[0]  # broader stays inside a scheme
    assert len(set(related)) == len(related) and all(a < b for a, b in related)
    # every driver points to at least one theme that addresses it
    addressed = {a for a, b in related if b.startswith("theme:")} | {
        b for a, b in related if a.startswith("theme:")
    }
    assert {c.id for c in load_concepts() if c.scheme == "driver"} <= addressed
    # no cycles in broader
    parents = dict(broader)
    for start in parents:
        seen, cur = set(), start
        while cur in parents:
            assert cur not in seen
            seen.add(cur)
            cur = parents[cur]


# --- registry ---------------------------------------------------------------------------------


def test_registry_entries_are_valid() -> None:
    entries = load_registry()
    assert len(entries) >= 40
    themes = {c.id for c in load_concepts() if c.scheme == "theme"}
    ids = {e.id for e in entries}
    for e in entries:
        assert e.kind in set(ActorKind) and e.level in set(Level)
        assert e.id == slug(e.name)
        assert e.name_ar and any("\u0600" <= ch <= "\u06ff" for ch in e.name_ar)
        # an armed group has no remit, so no theme
        assert (e.themes or e.kind == ActorKind.armed_group) and set(e.theme_ids()) <= themes
        assert not e.parent or e.parent in ids
        actor = e.to_actor()
        assert actor.id == "actor:" + e.id and actor.source == "registry"


def test_registry_names_identify_one_body() -> None:
    owner: dict[str, str] = {}
    for e in load_registry():
        for n in e.names():
            key = normalize_name(n)
            assert owner.setdefault(key, e.id) == e.id, (n, owner[key], e.id)


def test_registry_resolution_aids() -> None:
    by_name: dict[str, set[str]] = defaultdict(set)
    for e in load_registry():
        for n in e.names():
            by_name[normalize_name(n)].add(e.id)
    assert by_name[normalize_name("Ministry of Labour")] == {"ministry-of-labour-and-social-affairs"}
    assert by_name[normalize_name("NCCVE")] == {"national-committee-for-countering-violent-extremism"}
    assert by_name[normalize_name("International Organisation for Migration")] == {
        "international-organization-for-migration"
    }
    assert by_name[normalize_name("المنظمة الدولية للهجرة")] == {"international-organization-for-migration"}
    nccve = next(e for e in load_registry() if e.id == "national-committee-for-countering-violent-extremism")
    assert nccve.parent == "national-security-advisory" and nccve.kind == ActorKind.committee
    for acr in (
        "UNDP",
        "IOM",
        "UNICEF",
        "UNESCO",
        "UNHCR",
        "UNFPA",
        "UNOCT",
        "UNODC",
        "UNAMI",
        "OCHA",
        "WFP",
        "WHO",
        "USAID",
        "GIZ",
        "FCDO",
        "JICA",
        "GCTF",
        "GCERF",
        "SCN",
        "KRG",
        "EU",
    ):
        assert len(by_name[normalize_name(acr)]) == 1, acr


# --- ontology ---------------------------------------------------------------------------------


def _labels(g: object, s: URIRef) -> set[str | None]:
    from rdflib import Graph

    assert isinstance(g, Graph)
    return {o.language for o in g.objects(s, RDFS.label) if isinstance(o, Literal)}


def test_ontology_classes_and_properties() -> None:
    g = ontology_graph()
    for name in (
        "Actor",
        "Person",
        "ActorClass",
        "Place",
        "Concept",
        "Statement",
        "Mandate",
        "Effort",
        "Instrument",
        "Document",
        "Chunk",
        "Status",
    ):
        cls = DALIL[name]
        assert (cls, RDF.type, OWL.Class) in g, name
        assert {"en", "ar"} <= _labels(g, cls), name
    props = set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(g.subjects(RDF.type, OWL.DatatypeProperty))
    for p in props:
        assert isinstance(p, URIRef) and str(p).startswith(str(DALIL))
        assert {"en", "ar"} <= _labels(g, p), p


def test_ontology_mirrors_the_model() -> None:
    g = ontology_graph()
    rels = {str(o) for o in g.objects(None, DALIL.graphRel)}
    assert rels == {r.name for r in REL_TYPES}
    fields = {cls.label: set(cls.model_fields) for cls in NODE_TYPES}
    fields |= {r.name: set(r.props) for r in REL_TYPES}
    for value in g.objects(None, DALIL.graphProperty):
        label, _, field = str(value).partition(".")
        assert field in fields[label], value
    labels = {str(o) for o in g.objects(None, DALIL.graphLabel)}
    assert labels <= set(fields)
    statuses = {
        str(o)
        for s in g.subjects(RDF.type, DALIL.Status)
        for o in g.objects(s, URIRef("http://www.w3.org/2004/02/skos/core#notation"))
    }
    assert statuses == {s.value for s in Status}


def test_ontology_graph_is_a_fresh_copy() -> None:
    g = ontology_graph()
    n = len(g)
    g.add((DALIL.Scratch, RDF.type, OWL.Class))
    assert len(ontology_graph()) == n
    assert n > 2000


def test_registry_aliases_are_whole_names() -> None:
    """A comma inside an unquoted YAML flow list splits a name into fragments ("UN Educational")."""
    from graph.vocab import load_registry

    for e in load_registry():
        for a in e.aliases:
            for part in e.name.split(", ")[1:]:  # "Scientific and Cultural Organization"
                fragment = a.split(" ")[0] == part.split(" ")[0] and a.count(" ") <= part.count(" ")
                assert not fragment, f"{e.id}: alias {a!r} is a piece of {e.name!r}; quote it in actors.yaml"
            assert not a.endswith((" Foreign", " Educational")), (e.id, a)


def test_the_arabic_district_noun_is_not_the_judiciary() -> None:
    def said(text: str, word: str) -> bool:
        at = text.index(word)
        return district_noun(text, at, at + len(word))

    assert said("من يعمل على التعليم في قضاء سنجار؟", "قضاء")
    assert said("وقال قائممقام القضاء إن المدارس فتحت", "القضاء")
    assert not said("ما دور القضاء العراقي في مكافحة الإرهاب؟", "القضاء")
    assert not said("مجلس القضاء الأعلى", "القضاء")
