"""Typed loaders for the data in ``ontologies/``: concepts, places, the actor registry, the ontology.

Every package reads vocabularies, the gazetteer and the registry through this module, so that one
parse (cached) and one normalisation (graph.names) serve extraction, resolution, the stores and
the question router alike. Loaders return the pydantic classes of graph.model; the cached objects
are shared, so callers must treat them as read-only.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from graph.model import Actor, ActorKind, Concept, Level, Place, concept_id, place_id
from graph.names import name_key, normalize_name
from graph.settings import ONTOLOGIES
from graph.terms import TermIndex, one_name

__all__ = [
    "ALL_GOVERNORATES",
    "CONCEPT_NAMESPACES",
    "DALIL",
    "PLACE_LEVELS",
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

ONTOLOGY_FILE = ONTOLOGIES / "dalil.ttl"
VOCAB_DIR = ONTOLOGIES / "vocab"
GAZETTEER_DIR = ONTOLOGIES / "gazetteer"
REGISTRY_FILE = ONTOLOGIES / "registry" / "actors.yaml"

DALIL = Namespace("https://w3id.org/dalil/ontology#")

# scheme name (Concept.scheme, the prefix of Concept.id) -> (vocabulary file, concept IRI namespace)
CONCEPT_NAMESPACES: dict[str, tuple[str, str]] = {
    "theme": ("themes.ttl", "https://w3id.org/dalil/theme/"),
    "driver": ("drivers.ttl", "https://w3id.org/dalil/driver/"),
    "target_group": ("target_groups.ttl", "https://w3id.org/dalil/target/"),
}

PLACE_LEVELS: tuple[str, ...] = ("country", "governorate", "district", "subdistrict")
_LEVEL_RANK = {lvl: i for i, lvl in enumerate(PLACE_LEVELS)}

COUNTRY_PCODE = "IQ"

# --- concepts ---------------------------------------------------------------------------------


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


@lru_cache(maxsize=1)
def _vocab_graph() -> Graph:
    g = Graph()
    for file, _ in CONCEPT_NAMESPACES.values():
        g.parse(VOCAB_DIR / file, format="turtle")
    return g


def _labels(g: Graph, s: URIRef, prop: URIRef, lang: str) -> list[str]:
    return sorted(str(o) for o in g.objects(s, prop) if isinstance(o, Literal) and o.language == lang)


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
            alts = _labels(g, s, SKOS.altLabel, "en") + _labels(g, s, SKOS.altLabel, "ar")
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


# --- places -----------------------------------------------------------------------------------


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


class _PlaceDraft:
    """A place being assembled from several tables; names are appended, then deduplicated."""

    def __init__(self, pcode: str, name: str, name_ar: str, level: str, parent: str) -> None:
        self.pcode = pcode
        self.name = name
        self.name_ar = name_ar
        self.level = level
        self.parent = parent
        self.alt: list[str] = []

    def add(self, *names: str) -> None:
        self.alt.extend(n.strip() for n in names if n and n.strip())

    def official_names(self) -> list[str]:
        return [self.name, self.name_ar, *self.alt]

    def to_place(self) -> Place:
        seen = {normalize_name(self.name), normalize_name(self.name_ar)}
        alts: list[str] = []
        for n in self.alt:
            key = normalize_name(n)
            if key and key not in seen:
                seen.add(key)
                alts.append(n)
        return Place(
            id=place_id(self.pcode),
            name=self.name,
            name_ar=self.name_ar,
            alt_names=alts,
            level=self.level,
            parent=place_id(self.parent) if self.parent else "",
        )


class _GazetteerData(NamedTuple):
    places: tuple[Place, ...]
    crosswalk: dict[str, str]
    unmapped: tuple[tuple[str, str], ...]


_TRAILING_DIGITS = re.compile(r"\s*\d+$")


def _keys(names: Iterable[str], strip_digits: bool = False) -> set[str]:
    out = set()
    for n in names:
        k = name_key(n)
        if strip_digits:
            k = _TRAILING_DIGITS.sub("", k)
        if k:
            out.add(k)
    return out


def _match(names: list[str], candidates: list[_PlaceDraft]) -> _PlaceDraft | None:
    """The single candidate sharing a loose name key with ``names``; trailing numbers ignored
    as a last resort ("Thawra1" -> "Al-Thawra")."""
    for strip in (False, True):
        keys = _keys(names, strip)
        hits = [c for c in candidates if keys & _keys(c.official_names(), strip)]
        if len(hits) == 1:
            return hits[0]
    return None


@lru_cache(maxsize=1)
def _gazetteer_data() -> _GazetteerData:
    adm1 = _read_csv(GAZETTEER_DIR / "iraq_adm1_pcodes_cod-ab_20190603.csv")
    adm2 = _read_csv(GAZETTEER_DIR / "iraq_adm2_pcodes_cod-ab_20190603.csv")
    adm3 = _read_csv(GAZETTEER_DIR / "iraq_adm3_pcodes_cod-ab_20190603.csv")
    drafts: dict[str, _PlaceDraft] = {}
    first = adm1[0]
    drafts[COUNTRY_PCODE] = _PlaceDraft(
        first.get("ADM0_PCODE") or COUNTRY_PCODE,
        first.get("ADM0_EN") or "Iraq",
        first.get("ADM0_AR") or "العراق",
        "country",
        "",
    )
    for rows, adm, level, parent_col in (
        (adm1, "ADM1", "governorate", "ADM0_PCODE"),
        (adm2, "ADM2", "district", "ADM1_PCODE"),
        (adm3, "ADM3", "subdistrict", "ADM2_PCODE"),
    ):
        for r in rows:
            d = _PlaceDraft(r[f"{adm}_PCODE"], r[f"{adm}_EN"], r[f"{adm}_AR"], level, r[parent_col])
            d.add(*(r.get(f"{adm}{c}", "") for c in ("_REF", "ALT1EN", "ALT2EN", "ALT1AR", "ALT2AR")))
            drafts[d.pcode] = d

    def children(parent: str, level: str) -> list[_PlaceDraft]:
        return [d for d in drafts.values() if d.parent == parent and d.level == level]

    crosswalk: dict[str, str] = {}
    unmapped: list[tuple[str, str]] = []
    # 2014 governorates: joined by name (the 2014 numbering differs from COD-AB's).
    govs = [d for d in drafts.values() if d.level == "governorate"]
    gov_by_2014: dict[str, str] = {}
    for r in _read_csv(GAZETTEER_DIR / "iraq_adm1_governorates_ocha_2014_pcodes.csv"):
        names = [
            r[c]
            for c in ("A1NameEn", "A1NameAr", "A1NameAlt1", "A1NameAlt2", "A1NameAlt", "HRname")
            if r.get(c)
        ]
        hit = _match(names, govs)
        if hit is None:
            unmapped.append((r["A1Code"], r["A1NameEn"]))
            continue
        hit.add(*names)
        gov_by_2014[r["A1Code"]] = hit.pcode
        for c in ("A1CodeAlt1", "A1CodeAlt2", "A1Code", "HRpcode"):
            if r.get(c):
                crosswalk[r[c]] = place_id(hit.pcode)
    # 2014 districts: within the governorate, first by the main names, then by the second
    # alternates (A2NameAlt2 is sometimes another place's name); COD-AB districts before
    # sub-districts (several 2014 districts are sub-districts in 2019).
    alt1_codes: dict[str, str] = {}
    alt2_codes: dict[str, str] = {}
    for r in _read_csv(GAZETTEER_DIR / "iraq_adm2_districts_ocha_2014_pcodes.csv"):
        gov = gov_by_2014.get(r["A1Code"], "")
        main = [r[c] for c in ("A2NameEn", "A2NameAr", "A2NameAlt1", "A2NaArAlt1", "HRname") if r.get(c)]
        extra = [r[c] for c in ("A2NameAlt2", "A2NameAlt") if r.get(c)]
        districts = children(gov, "district")
        subdistricts = [s for d in districts for s in children(d.pcode, "subdistrict")]
        hit = None
        for names in (main, extra):
            hit = _match(names, districts) or _match(names, subdistricts)
            if hit is not None:
                break
        if hit is None:
            unmapped.append((r["A2Code"], r["A2NameEn"]))
            continue
        hit.add(*main, *extra)
        pid = place_id(hit.pcode)
        crosswalk[r["A2Code"]] = pid
        if r.get("HRpcode"):
            crosswalk[r["HRpcode"]] = pid
        if r.get("A2CodeAlt1"):
            alt1_codes[r["A2CodeAlt1"]] = pid
        if r.get("A2CodeAlt2"):
            alt2_codes[r["A2CodeAlt2"]] = pid
    # Some alternate codes are reused by two districts; the 3W tables join on A2CodeAlt2,
    # so a second alternate code wins over a first one.
    for code, pid in (alt1_codes | alt2_codes).items():
        crosswalk.setdefault(code, pid)
    # Hand-collected alternate spellings.
    for r in _read_csv(GAZETTEER_DIR / "alternate_names.csv"):
        if r["pcode"] not in drafts:
            raise ValueError(f"alternate_names.csv: unknown P-code {r['pcode']}")
        drafts[r["pcode"]].add(r["name"])
    places = tuple(
        d.to_place() for d in sorted(drafts.values(), key=lambda d: (_LEVEL_RANK[d.level], d.pcode))
    )
    return _GazetteerData(places, crosswalk, tuple(unmapped))


def load_places() -> list[Place]:
    """Iraq's COD-AB 2019 places: the country, 18 governorates, 101 districts, 294 sub-districts.

    Alternate names come from the COD-AB alternate columns, the 2014 OCHA tables (joined by
    name) and ``gazetteer/alternate_names.csv``.
    """
    return list(_gazetteer_data().places)


def district_crosswalk_2014() -> dict[str, str]:
    """2014 OCHA codes -> COD-AB place ids: districts (IQ-D091, IQ15101, IQ15100 -> place:IQG15Q09)
    and governorates (IQ-G15, IQ15 -> place:IQG15). The 3W tables use these codes."""
    return dict(_gazetteer_data().crosswalk)


def unmapped_2014_districts() -> list[tuple[str, str]]:
    """(2014 code, name) of the 2014 units with no COD-AB 2019 counterpart found by name."""
    return list(_gazetteer_data().unmapped)


# Words that say which level a place name means ("Nineveh Governorate", "قضاء تلكيف").
_LEVEL_WORDS: dict[str, str] = {
    "governorate": "governorate",
    "province": "governorate",
    "muhafaza": "governorate",
    "muhafazat": "governorate",
    "محافظه": "governorate",
    "district": "district",
    "qadha": "district",
    "qada": "district",
    "qadaa": "district",
    "qadhaa": "district",
    "kaza": "district",
    "قضاء": "district",
    "subdistrict": "subdistrict",
    "sub district": "subdistrict",
    "nahiya": "subdistrict",
    "nahia": "subdistrict",
    "nahiyah": "subdistrict",
    "ناحيه": "subdistrict",
    "city": "",
    "town": "",
    "مدينه": "",
}


def _strip_level_word(norm: str) -> tuple[str, str] | None:
    """("nineveh", "governorate") for "nineveh governorate"; None when no level word is present."""
    toks = norm.split(" ")
    for n in (2, 1):
        if len(toks) > n:
            head, tail = " ".join(toks[:n]), " ".join(toks[-n:])
            if head in _LEVEL_WORDS:
                return " ".join(toks[n:]), _LEVEL_WORDS[head]
            if tail in _LEVEL_WORDS:
                return " ".join(toks[:-n]), _LEVEL_WORDS[tail]
    return None


# "in all (18) governorates", "every province", "في جميع المحافظات": the whole country, not a list
# of places; one pattern for what the extractor reads and what a question asks
ALL_GOVERNORATES = (
    r"\b(?:all|every|each)\s+(?:the\s+|of\s+the\s+)?(?:\d+\s+|eighteen\s+)?(?:governorates?|provinces?)\b|\bnationwide\b"
    r"|(?:كل|جميع|كافة)\s+(?:ال)?محافظات|المحافظات كافة"
)


def without_level_words(name: str) -> str:
    """The normalised name without its level words ("Anbar Governorate CVE Subcommittee" ->
    "anbar cve subcommittee", "... في محافظة الأنبار" -> "... في انبار"), so a body is also found
    when a question leaves the word out; "" when the name has none, or nothing else is left."""
    toks = normalize_name(name).split(" ")
    kept = [t for t in toks if t not in _LEVEL_WORDS]
    return " ".join(kept) if len(kept) != len(toks) and len(kept) >= 2 else ""


_EN_ARTICLE = re.compile(r"^(al|el|an|ar|as|ash|at|ad|az)[\s-]+", re.IGNORECASE)


def _variants(place: Place) -> list[str]:
    names = [place.name, place.name_ar, *place.alt_names]
    # "Al-Mosul" is also written "Mosul": index the English names without the article too.
    names += [_EN_ARTICLE.sub("", n) for n in names if _EN_ARTICLE.match(n)]
    return names


# Latin renderings of one Arabic place name differ in vowels, doubled letters, a final h and the
# article: Mahmudiya = Mahmoudiya = Al-Mahmudiyah, Tarmia = Tarmiyah, Heet = Hit, El- = Al-;
# in longer words the short vowels between consonants vary too (Yusufiya = Yousifya).
_TRANSLIT_ARTICLES = frozenset({"el", "ad", "ar", "ash", "az"})
_TRANSLIT_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ou|oo"), "u"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"([a-z])\1+"), r"\1"),
    (re.compile(r"(?<=[aeiou])h$"), ""),
    (re.compile(r"iy?(?=[aeiou])"), "y"),
)
_SHORT_VOWEL = re.compile(r"(?<=[^aeiou])[aeiou](?=[^aeiou])")
_SHORT_VOWEL_MIN = 6  # shorter words keep their vowels: too many short names differ only there


def place_token_key(token: str) -> str:
    """The transliteration-insensitive form of one normalised token of a place name (Latin
    tokens only; Arabic is already folded by graph.names). Used by the gazetteer, by
    `place_index` (so by the extractor and the question router) and by the query alike."""
    if not token.isascii():
        t = "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))
        if not t.isascii():
            return token
        token = t
    if token in _TRANSLIT_ARTICLES:
        return "al"
    for pattern, repl in _TRANSLIT_RULES:
        token = pattern.sub(repl, token)
    return _SHORT_VOWEL.sub("", token) if len(token) >= _SHORT_VOWEL_MIN else token


def place_key(name: str) -> str:
    """The transliteration-insensitive key of a whole place name ("Al-Mahmoudiya" and
    "al Mahmudiyah" share one)."""
    return " ".join(place_token_key(t) for t in normalize_name(name).split(" ") if t)


class Gazetteer:
    """Place lookup by any name (English, Arabic, alternates) and the place hierarchy.

    ``lookup`` returns places whose normalised name equals the query first (ordered country,
    governorate, district, sub-district), then looser matches (generic words such as "al"
    dropped), then transliteration variants (`place_key`) when they name one place. A level word in the query ("Nineveh Governorate", "قضاء تلكيف") is stripped and
    puts places of that level first.
    """

    def __init__(self, places: Iterable[Place]) -> None:
        self._by_id: dict[str, Place] = {}
        self._children: dict[str, list[str]] = defaultdict(list)
        self._exact: dict[str, list[str]] = defaultdict(list)
        self._loose: dict[str, list[str]] = defaultdict(list)
        # place_key -> (place id, normalised name) of every name under it
        self._translit: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for p in places:
            self._by_id[p.id] = p
            if p.parent:
                self._children[p.parent].append(p.id)
            for n in _variants(p):
                for index, key in ((self._exact, normalize_name(n)), (self._loose, name_key(n))):
                    if key and p.id not in index[key]:
                        index[key].append(p.id)
                if place_key(n):
                    self._translit[place_key(n)].append((p.id, normalize_name(n)))

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._by_id.values())

    @staticmethod
    def _pid(place: str) -> str:
        return place if place.startswith("place:") else place_id(place)

    def get(self, place: str) -> Place | None:
        """The place with this id ("place:IQG15") or P-code ("IQG15")."""
        return self._by_id.get(self._pid(place))

    def by_level(self, level: str) -> list[Place]:
        return [p for p in self._by_id.values() if p.level == level]

    def _order(self, ids: Iterable[str], level: str) -> list[str]:
        def rank(pid: str) -> tuple[int, int, str]:
            lvl = self._by_id[pid].level
            return (0 if not level or lvl == level else 1, _LEVEL_RANK.get(lvl, 9), pid)

        return sorted(set(ids), key=rank)

    def lookup(self, name: str) -> list[Place]:
        """Places named ``name``: exact normalised matches first, then loose ones."""
        norm = normalize_name(name)
        if not norm:
            return []
        queries = [(norm, "")]
        stripped = _strip_level_word(norm)
        if stripped and stripped[0]:
            queries.append(stripped)
        ordered: list[str] = []
        for index, keyer in ((self._exact, normalize_name), (self._loose, name_key)):
            for q, level in queries:
                ids = index.get(keyer(q), [])
                ordered += [pid for pid in self._order(ids, level) if pid not in ordered]
        if not ordered:
            for q, level in queries:
                ids = one_name(self._translit.get(place_key(q), []))
                ordered += [pid for pid in self._order(ids, level) if pid not in ordered]
        return [self._by_id[pid] for pid in ordered]

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """Close spellings of an unknown place name, for the error message."""
        import difflib

        names = {normalize_name(v): v for p in self._by_id.values() for v in (p.name, p.name_ar, *p.alt_names) if v}
        return [names[k] for k in difflib.get_close_matches(normalize_name(name), list(names), n=n, cutoff=0.6)]

    def ancestors(self, place: str) -> list[str]:
        """Ids of the parent chain, nearest first, up to the country ("place:IQ")."""
        out: list[str] = []
        current = self._by_id.get(self._pid(place))
        while current is not None and current.parent and current.parent not in out:
            out.append(current.parent)
            current = self._by_id.get(current.parent)
        return out

    def descendants(self, place: str) -> list[str]:
        """Ids of every place inside ``place`` (children first, breadth-first)."""
        out: list[str] = []
        queue = list(self._children.get(self._pid(place), []))
        while queue:
            pid = queue.pop(0)
            out.append(pid)
            queue.extend(self._children.get(pid, []))
        return out

    def contains(self, outer: str, inner: str) -> bool:
        """True when ``inner`` is ``outer`` or lies inside it (the roll-up test of "who covers")."""
        o, i = self._pid(outer), self._pid(inner)
        return o == i or o in self.ancestors(i)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer over `load_places`, built once."""
    return Gazetteer(load_places())


# --- registry ---------------------------------------------------------------------------------


class RegistryEntry(BaseModel):
    """One well-known body of ``registry/actors.yaml``; a resolution aid, not a closed list."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    name_ar: str = ""
    aliases: list[str] = Field(default_factory=list)
    acronyms: list[str] = Field(default_factory=list)
    kind: ActorKind
    level: Level = Level.unknown
    themes: list[str] = Field(default_factory=list)
    parent: str = ""
    english_in_prose: bool = True  # False: the English name begins others' (see actors.yaml)

    @property
    def actor_id(self) -> str:
        return "actor:" + self.id

    def names(self) -> list[str]:
        """Every name the body goes by: canonical EN and AR, aliases, acronyms."""
        return [n for n in (self.name, self.name_ar, *self.aliases, *self.acronyms) if n]

    def theme_ids(self) -> list[str]:
        return [concept_id("theme", t) for t in self.themes]

    def to_actor(self) -> Actor:
        return Actor(
            id=self.actor_id,
            name=self.name,
            name_ar=self.name_ar,
            aliases=[*self.aliases, *self.acronyms],
            kind=self.kind.value,
            level=self.level.value,
            source="registry",
        )


@lru_cache(maxsize=1)
def _registry() -> tuple[RegistryEntry, ...]:
    raw = yaml.safe_load(REGISTRY_FILE.read_text(encoding="utf-8")) or []
    entries = tuple(RegistryEntry.model_validate(item) for item in raw)
    ids = [e.id for e in entries]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"actors.yaml: duplicate ids {dupes}")
    themes = {c.id for c in _concepts() if c.scheme == "theme"}
    for e in entries:
        if e.parent and e.parent not in ids:
            raise ValueError(f"actors.yaml: {e.id} has unknown parent {e.parent}")
        unknown = [t for t in e.theme_ids() if t not in themes]
        if unknown:
            raise ValueError(f"actors.yaml: {e.id} has unknown themes {unknown}")
    return entries


def load_registry() -> list[RegistryEntry]:
    """The actor registry, validated (kinds, levels, unique ids, parents and themes exist)."""
    return list(_registry())


# --- ontology ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY_FILE, format="turtle")
    for file, _ in CONCEPT_NAMESPACES.values():
        g.parse(VOCAB_DIR / file, format="turtle")
    return g


def ontology_graph() -> Graph:
    """A fresh copy of dalil.ttl plus the three vocabularies (for RDF export); safe to extend."""
    src = _ontology()
    g = Graph()
    for prefix, ns in src.namespaces():
        g.bind(prefix, ns, override=True)
    g += src
    return g


@lru_cache(maxsize=2)
def place_index(case: str = "any") -> TermIndex[str]:
    """Every place name (official, Arabic, alternates) as one term index, built once per process.

    ``case="title"`` is for running text (a capital is required on Latin names, so the common
    words among sub-district names do not match); questions use ``"any"``.
    """
    idx: TermIndex[str] = TermIndex(loose=place_token_key)
    for p in load_places():
        for n in _variants(p):
            if n and len(n) >= 3:
                idx.add(n, p.id, case)
    return idx
