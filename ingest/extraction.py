"""What extraction hands from stage to stage: ActorRefs, Mentions, StatementDrafts and the
Extraction that holds them, and the Knowledge (registry, gazetteer, vocabularies) as indexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.bilingual import gazetteer_place, signature
from graph.model import ActorKind, Concept, Level, actor_id
from graph.names import is_arabic
from graph.terms import TermIndex, token_key
from graph.vocab import Gazetteer, load_concepts, load_gazetteer, load_registry, place_index
from ingest.cues import _is_acronym


@dataclass
class ActorRef:
    """What the text says about one body; the resolver turns it into a node id."""

    name: str
    kind: str = ActorKind.other.value
    level: str = Level.unknown.value
    is_class: bool = False
    aliases: set[str] = field(default_factory=set)
    place: str = ""
    registry_id: str = ""
    themes: set[str] = field(default_factory=set)
    parent: str = ""  # key of the organisation a unit belongs to
    fixed_key: str = ""  # classes: keyed by what they reach, not by their name
    reasons: dict[str, str] = field(default_factory=dict)  # alias -> why it names this body

    def note(self, alias: str, reason: str) -> None:
        """An alias with the reason it was merged here: the merge log of this body."""
        if alias and alias not in self.aliases:
            self.aliases.add(alias)
            self.reasons.setdefault(alias, reason)

    @property
    def key(self) -> str:
        if self.fixed_key:
            return self.fixed_key
        return "actor:" + self.registry_id if self.registry_id else actor_id(self.name)


@dataclass
class Mention:
    start: int
    end: int
    text: str
    ref: str  # ActorRef key


@dataclass
class StatementDraft:
    kind: str
    status: str
    subjects: list[str]
    objects: list[str]
    quote: str
    page: int
    char_start: int
    char_end: int
    concepts: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    nationwide: bool = False
    level: str = ""
    post: str = ""
    summary: str = ""
    rule: str = ""  # the id of the rule that produced it (ingest/rules)


@dataclass
class Extraction:
    actors: dict[str, ActorRef] = field(default_factory=dict)
    statements: list[StatementDraft] = field(default_factory=list)
    # per (page, sentence start): mentions, for chunk payloads
    mentions: list[tuple[int, Mention]] = field(default_factory=list)
    place_mentions: list[tuple[int, int, str]] = field(default_factory=list)  # page, offset, place id
    place_names: dict[str, str] = field(default_factory=dict)  # place id -> as the text last wrote it
    named_people: list[str] = field(default_factory=list)  # persons the text has named, latest last
    concept_mentions: list[tuple[int, int, str]] = field(default_factory=list)
    default_place: str = "place:IQ"
    recent: list[str] = field(default_factory=list)  # actor keys, latest mentioned last
    class_surfaces: dict[str, list[str]] = field(default_factory=dict)  # class key -> surface forms
    # the post statements among ``statements``, so each sentence's repeat check reads these
    # few, not every statement of the document (that was quadratic on long documents, issue 17)
    posts: list[StatementDraft] = field(default_factory=list)
    # statements about the body the document is about, known only at its end (a donor table with
    # no lead column: each row's donor funds that body); their object is OWNER until then
    owed: list[StatementDraft] = field(default_factory=list)


OWNER = "actor:?document-owner"  # the body a document is about, until extract.finish names it


class Knowledge:
    """The registry, gazetteer and vocabularies as term indexes."""

    def __init__(self) -> None:
        self.gazetteer: Gazetteer = load_gazetteer()
        self.concepts = {c.id: c for c in load_concepts()}
        self.concept_index: TermIndex[str] = TermIndex()
        for c in self.concepts.values():
            for lab in [c.label_en, c.label_ar, *c.alt_labels]:
                if lab:
                    self.concept_index.add(lab, c.id, "upper" if _is_acronym(lab) else "any")
        self.place_index: TermIndex[str] = place_index("title")
        self.driver_bags = ConceptBags([c for c in self.concepts.values() if c.scheme == "driver"])
        self.registry = {e.id: e for e in load_registry()}
        self.actor_index: TermIndex[str] = TermIndex()
        for e in self.registry.values():
            for n in [e.name, e.name_ar, *e.aliases]:
                if n and (e.english_in_prose or is_arabic(n)):
                    self.actor_index.add(n, e.id, "upper" if _is_acronym(n) else "any")
            for a in e.acronyms:
                self.actor_index.add(a, e.id, "upper")
        self._by_signature: dict[frozenset[str], str] | None = None

    def registry_by_signature(self, name: str) -> str:
        """The registry body whose names are made of the same institutional words and places as
        ``name`` (graph.bilingual.signature), when one body alone is: "اللجنة الوطنية لمكافحة التطرف"
        is the body registered as "اللجنة الوطنية لمكافحة التطرف العنيف", "National Committee to
        Combat X" the one registered "National Committee for Countering X". An
        English name needs three such words or places (two say too little: "National Council")."""
        if self._by_signature is None:
            found: dict[frozenset[str], set[str]] = {}
            for e in self.registry.values():
                for n in [e.name, e.name_ar, *e.aliases]:
                    if n and (sig := signature(n, gazetteer_place)):
                        found.setdefault(sig, set()).add(e.id)
            self._by_signature = {sig: next(iter(ids)) for sig, ids in found.items() if len(ids) == 1}
        sig = signature(name, gazetteer_place)
        return self._by_signature.get(sig, "") if sig and (is_arabic(name) or len(sig) >= 3) else ""


# Words that say something is lacking are one word for the driver matcher ("weak basic
# services" is "lack of basic services"; "ضعف الخدمات" is "نقص الخدمات").
_DEFICIT = {
    "lack", "lacking", "weak", "weakness", "weaknesses", "poor", "missing", "absence", "absent", "limited",
    "insufficient", "inadequate",
    "shortage", "loss", "no", "without", "دون", "بدون", "نقص", "ضعف", "فقدان", "غياب", "انعدام", "قله", "عدم", "تردي",
}


_BAG_STOP = {"of", "the", "and", "in", "to", "a", "an", "for", "on", "with", "by", "من", "في", "على", "ب", "ل", "و"}


def _bag_tokens(text: str) -> list[tuple[int, str]]:
    out = []
    for m in re.finditer(r"[^\W_]+", text):
        k = token_key(m.group(0))
        if not k or k in _BAG_STOP:
            continue
        out.append((m.start(), "<deficit>" if k in _DEFICIT or m.group(0).lower() in _DEFICIT else k[:7]))
    return out


class ConceptBags:
    """Finds a concept when every content word of one of its labels occurs within a short
    window, in any order ("distrust between communities and the security forces" has the
    words of "distrust of security forces"). Labels of one content word are left to the
    exact index, so a lone common word never triggers a concept."""

    WINDOW = 10

    def __init__(self, concepts: list[Concept]) -> None:
        # each word's bags (a label's content words), in label order: a sentence's token looks
        # only at the bags it is in
        self.by_word: dict[str, list[tuple[frozenset[str], str]]] = {}
        for c in concepts:
            for lab in [c.label_en, c.label_ar, *c.alt_labels]:
                words = frozenset(t for _, t in _bag_tokens(lab or ""))
                if len(words) >= 2:
                    for w in words:
                        self.by_word.setdefault(w, []).append((words, c.id))

    def find(self, sent: str) -> list[tuple[int, str]]:
        toks = _bag_tokens(sent)
        out: dict[str, int] = {}
        matched: list[tuple[frozenset[str], str]] = []
        for i in range(len(toks)):
            candidates = self.by_word.get(toks[i][1])
            if not candidates:
                continue
            window = {t for _, t in toks[i : i + self.WINDOW]}
            for words, cid in candidates:
                if words <= window:
                    out.setdefault(cid, toks[i][0])
                    matched.append((words, cid))
        # the more specific concept absorbs the general one its words contain: "displaced
        # populations lacking … services" is displacement without services, not also a lack of services
        absorbed = {b for wb, b in matched for wa, a in matched if a != b and wb < wa}
        return [(pos, cid) for cid, pos in out.items() if cid not in absorbed]


_KNOWLEDGE: Knowledge | None = None


def knowledge() -> Knowledge:
    global _KNOWLEDGE
    if _KNOWLEDGE is None:
        _KNOWLEDGE = Knowledge()
    return _KNOWLEDGE
