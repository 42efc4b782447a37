"""The kind of a body the text says in so many words: "the Dutch NGO Sunrise", "Sunrise, an
Iraqi NGO, …". A name with no head noun ("Sunrise", "Blue Lantern") tells nothing of its kind
(rules/en/kinds.yaml reads names); the noun before it or in apposition after it does."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from graph.model import ActorKind
from ingest import rules
from ingest.extraction import ActorRef
from ingest.text import occurrences


@lru_cache(maxsize=1)
def _nouns() -> list[tuple[str, str]]:
    """(kind noun pattern, kind), longest nouns first ("international organisation" before
    "organisation"); a noun may end in a plural s."""
    table: dict[str, list[str]] = rules.load("en", "bodies")["kind_nouns"]
    pairs = [(n, ActorKind(k).value) for k, ns in table.items() for n in ns]
    return [(r"\s+".join(re.escape(w) for w in n.split()) + "s?", k) for n, k in sorted(pairs, key=lambda p: -len(p[0]))]


def said_kind(text: str, names: Iterable[str], nouns: list[tuple[str, str]] | None = None) -> str:
    """The kind the text gives a body known by these names: a kind noun right before a name
    ("the NGO X", "local charity X") or in apposition after it ("X, a local NGO"; "X (XY), an
    Iraqi organisation"); the first such place in the text decides. Empty if none. ``nouns``:
    those of _nouns() the text holds (nouns_in), when many bodies are asked about one text."""
    found: list[tuple[int, str]] = []
    for name in names:
        if len(name) < 3 or name not in text:
            continue
        for at in occurrences(text, name):  # each place the name stands, as written (case kept), a word of its own
            end = at + len(name)
            if not re.match(r"[\w-]", text[end : end + 1]) and not re.match(r"[\w-]", text[at - 1 : at] if at else ""):
                for noun, kind in _nouns() if nouns is None else nouns:
                    before, after = _noun_before(noun), _noun_after(noun)
                    if before.search(text, max(0, at - 80), at):
                        found.append((at - 1, kind))
                    m = after.match(text, end)
                    # ("X, the Lantern Network and Y": a list of names, no description of X)
                    if m and not (m.group(1).lower() == "the" and m.group(2).istitle()):
                        found.append((at, kind))
    return min(found)[1] if found else ""


@cache
def _noun_before(noun: str) -> re.Pattern[str]:
    """"the NGO X", "local charity called X": the noun right before a name."""
    return re.compile(rf"(?<![\w-]){noun}\s+(?:called\s+|named\s+)?$", re.I)


@cache
def _noun_after(noun: str) -> re.Pattern[str]:
    """"X, a local NGO", "X (XY), an Iraqi organisation": the noun in apposition after a name."""
    return re.compile(rf"(?:\s*\([^()]{{1,30}}\))?,\s+(a|an|the)\s+(?:[\w'’-]+\s+){{0,3}}?({noun})(?![\w-])", re.I)


def nouns_in(text: str) -> list[tuple[str, str]]:
    """The kind nouns of _nouns() the text holds at all (most texts hold few): each body's
    search then tries only these."""
    return [(noun, kind) for noun, kind in _nouns() if re.search(rf"(?<![\w-]){noun}(?![\w-])", text, re.I)]


def kinds_said(text: str, actors: dict[str, ActorRef]) -> None:
    """Give each body of unknown kind ("other", not in the registry) the kind the text says; a
    body a head noun only guessed a group of ("X Union", "X Forum": a network) is the civil
    society organisation the text says it is ("X Union, a local NGO")."""
    unknown = [r for r in actors.values() if r.kind in (ActorKind.other.value, ActorKind.network.value)
               and not r.registry_id and not r.is_class]
    nouns = nouns_in(text) if unknown else []
    ngo_nouns = [(noun, kind) for noun, kind in nouns if kind == ActorKind.ngo.value]
    for ref in unknown if nouns else []:
        asked = nouns if ref.kind == ActorKind.other.value else ngo_nouns  # a network may be said an NGO only
        kind = said_kind(text, [ref.name, *sorted(ref.aliases)], asked) if asked else ""
        if kind:
            ref.kind = kind


# a name with no head noun: capitalised words, joined by a few lower-case particles
# ("Bridges for Peace", "Uno Passo Per", "Blue Lantern")
_NAME = r"(?-i:[A-Z][\w'’-]+(?:\s+(?:for|of|and|per|di|la|de|al|el|the|[A-Z][\w'’-]+)){0,5}?)"
_ENDS = r"(?=\s*(?:[,.;:)]|\s+(?:and|which|that|who|with|in|from|based|working|founded)\b))"
# a name after its noun ends where the clause goes on ("the NGO X runs …")
_STOP = _ENDS[:-2] + r"|\s+(?:runs?|ran|has|is|was|implements?|implemented|trains?|trained|will)\b))"
_NOT_A_NAME = {"in", "on", "at", "for", "by", "with", "from", "during", "after", "before", "since", "as", "the", "this", "a", "an"}


def named_by_kind(text: str) -> list[tuple[str, str]]:
    """Bodies that only a kind noun marks as bodies (their names have no head noun): "the Dutch
    NGO Blue Lantern implements …", "Blue Lantern, an Iraqi NGO, …". (name, kind) pairs, in
    the text's order; a name that begins with a body's head noun ("the NGO Directorate") is the
    body's own name, not one the noun introduces."""
    heads = rules.words("en", "bodies", "org_heads")
    out: list[tuple[int, str, str]] = []
    for noun, kind in _nouns():
        if kind not in _INTRODUCING:
            continue
        for m in re.finditer(rf"(?<![\w-]){noun}\s+({_NAME}){_STOP}", text, re.I):
            out.append((m.start(1), m.group(1), kind))
        for m in re.finditer(rf"(?:^|(?<=[\s(]))({_NAME})(?:\s*\([^()]{{1,30}}\))?,\s+(?:a|an)\s+(?:[\w'’-]+\s+){{0,3}}?{noun}{_ENDS}",
                             text, re.I):
            out.append((m.start(1), m.group(1), kind))
    out += _listed(text)
    seen: set[str] = set()
    found: list[tuple[str, str]] = []
    for _, name, kind in sorted(out):
        words = name.split()
        if words[0].lower() in _NOT_A_NAME or any(w.lower() in heads for w in words) or name in seen or len(name) < 3:
            continue
        seen.add(name)
        found.append((name, kind))
    return found


# the kinds whose noun introduces a name that says nothing of its kind (a network or a donor is
# named by its head noun or is a state; "a platform" introduces software as often as a body)
_INTRODUCING = {"ngo", "armed_group"}


# "three partner organisations, A (AX), B and C", "NGOs such as A and B": a list of bodies after
# a plural noun that says they are organisations (rules/en/bodies.yaml list_nouns)
# (an item's name runs as far as it can and holds no "and": "and" joins the list's items)
_LISTED_NAME = r"(?-i:[A-Z][\w'’-]+(?:\s+(?:for|of|per|di|la|de|al|el|the|[A-Z][\w'’-]+)){0,5})"
_ITEM = rf"{_LISTED_NAME}(?:\s*\([^()]{{1,20}}\))?"
_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"


@lru_cache(maxsize=1)
def _list_pattern() -> re.Pattern[str]:
    nouns = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in rules.load("en", "bodies")["list_nouns"])
    return re.compile(rf"(?<![\w-])(?:{nouns})(?:\s*[,:](?:\s+(?:such\s+as|including|namely))?|\s+(?:such\s+as|including|namely))\s+"
                      rf"((?:the\s+)?{_ITEM}(?:{_SEP}(?:the\s+)?{_ITEM})+)", re.I)


def _listed(text: str) -> list[tuple[int, str, str]]:
    """(offset, name, "ngo") of each item of such a list; items that name their own kind (a head
    noun) are skipped by the caller, as are words that are no name."""
    out = []
    for m in _list_pattern().finditer(text):
        at = m.start(1)
        for item in re.finditer(rf"(?:the\s+)?({_LISTED_NAME})(?:\s*\([^()]{{1,20}}\))?", m.group(1)):
            out.append((at + item.start(1), item.group(1), ActorKind.ngo.value))
    return out
