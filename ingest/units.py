"""Which body a unit belongs to, read from how it is named and from the document's governments.

Two shapes real documents leave implicit, both read after every sentence (stage 4, resolution):
- a name that begins with another body's short name and goes on with a unit's head ("KRG Ministry
  of Health", "EU Delegation", "UNDP Country Office"): a unit of that body;
- a federal ministry (a registry ministry of the national government) in a document that names the
  national government: a part of that government. A ministry of another government is named with
  it ("the KRG Ministry of ...", "the UAE Ministry of ...") and is read by the first shape.

A third shape is the field office of a ministry: "the Basra Directorate of Education" is the
Ministry of Education's branch in Basra, where the document names that ministry.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from graph.model import ActorKind, Level
from graph.names import normalize_name
from graph.terms import TermIndex
from ingest.extraction import ActorRef, Extraction

# head words that make the rest of a name a unit of the body named before them
_UNIT_HEAD = re.compile(
    r"(?:Ministry|Ministries|Council|Office|Directorate|Department|Secretariat|Delegation|Mission|Commission|"
    r"Committee|Cabinet|Presidency|Parliament|Assembly|Agency|Authority|Board|Unit|Bureau|Forces?|Institute|Centre|Center|Academy|Branch)"
)
NATIONAL_GOVERNMENT = "actor:government-of-iraq"
# "Basra Directorate of Education", "the General Directorate of Health in Basra", "Directorate of
# Education of Dohar": the ministry of the same field owns it
_DIRECTORATE_OF = re.compile(
    r"(?:[A-Z][\w'’\-]*\s+){0,3}(?:General\s+)?Directorate(?:\s+General)?\s+(?:of|for)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'’\-]*)(?:\s+(?:and\s+)?[A-Z][\w'’\-]*){0,3}?)(?:\s+(?:in|of|for)\s+[A-Z].*)?", re.I)


def assign_units(ex: Extraction, registry: Callable[[str], str]) -> None:
    """Set ``parent`` on bodies the two shapes above place under another body.

    ``registry``: a short name -> the key of the registry body it names (its ref added to ``ex``),
    or "": the owner of "KRG Ministry of ..." is a body even where the text names it only so."""
    owners: dict[str, str] = {}
    for key, ref in ex.actors.items():
        if ref.kind == ActorKind.person.value or ref.is_class:
            continue
        for n in (ref.name, *ref.aliases):
            if n and (n.isupper() or len(n.split()) == 1) and len(n) >= 2:
                owners.setdefault(normalize_name(n), key)
    for key, ref in ex.actors.items():
        if ref.parent or ref.kind == ActorKind.person.value or ref.is_class:
            continue
        # a registry body's parent, if any, is the registry's to say ("UN Office on ..." is no unit)
        owner = "" if ref.registry_id else _owner_by_name(ref, owners, registry)
        if owner and owner != key:
            ref.parent = owner
            up = ex.actors[owner]
            if up.level not in (Level.unknown.value, Level.national.value, Level.international.value):
                ref.level = up.level  # "KRG Ministry of ...": the region's ministry, not the federal one
            continue
        if _federal_ministry(ref) and NATIONAL_GOVERNMENT in ex.actors and key != NATIONAL_GOVERNMENT:
            ref.parent = NATIONAL_GOVERNMENT
            continue
        ministry = _ministry_of_directorate(ref, ex)
        if ministry and ministry != key:
            ref.parent = ministry


# "the National Team and its Secretariat", "by its Steering Committee": a unit of the body before
_ITS_UNIT = re.compile(
    r"\b[Ii]ts\s+((?:(?:Steering|Executive|Technical|Advisory|Coordination|Management)\s+)?"
    r"(?:Secretariat|Board(?:\s+of\s+Trustees)?|Committee|Council|Office|Unit|Task\s?[Ff]orce|Taskforce|Bureau))\b"
)


def possessed_units(pages: Sequence[tuple[int, str]], ex: Extraction, index: TermIndex[str],
                    folded: dict[str, str], make: Callable[[str], ActorRef]) -> list[tuple[str, str, str]]:
    """Units a text names only through their owner ("the National Team … and its Secretariat"):
    "Secretariat of the <owner>", a part of the last body named before it in the sentence, as
    terms ``(surface, key, case)``. ``index``: the document's names so far, ``folded``: the keys
    second names were folded into. The first owner a text gives "its Secretariat" keeps it."""
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for _, text in pages:
        for m in _ITS_UNIT.finditer(text):
            said = normalize_name(m.group(0))
            start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            owners = [k for h in index.find(text[start : m.start()]) if (k := folded.get(h.payload, h.payload)) in ex.actors]
            if said in seen or not owners or ex.actors[owners[-1]].kind == ActorKind.person.value:
                continue
            seen.add(said)
            owner = ex.actors[owners[-1]]
            unit = make(f"{' '.join(m.group(1).split())} of the {owner.name}")
            unit.parent = unit.parent or owner.key
            out.append((m.group(0), unit.key, "any"))
    return out


def assign_seats(ex: Extraction, find_places: Callable[[str], list[str]]) -> None:
    """"Alpha University in Kufa": a body the text names with "in <place>" is seated there (a
    body of the text, not of the registry, whose seat is not known otherwise)."""
    for ref in ex.actors.values():
        if ref.place or ref.registry_id or ref.is_class or ref.kind == ActorKind.person.value:
            continue
        for alias in sorted(ref.aliases):
            if alias.startswith(ref.name + " in "):
                seat = sorted(set(find_places(alias[len(ref.name) + 4:])), key=len)
                if seat and all(p.startswith(seat[0]) for p in seat):  # "Najaf": the governorate
                    ref.place = seat[0]
                    break


def _owner_by_name(ref: ActorRef, owners: dict[str, str], registry: Callable[[str], str]) -> str:
    """The body whose short name opens this body's name, followed by a unit's head word."""
    for name in (ref.name, *sorted(ref.aliases)):
        words = name.split()
        for n in (1, 2):
            rest = words[n:]
            # "KRG Ministry of ...", "UNDP Country Office", "EU Border Assistance Mission": a
            # unit's head among the next three capitalised words
            lead = list(itertools.takewhile(lambda w: w[:1].isupper(), rest[:3]))
            if any(_UNIT_HEAD.fullmatch(w) for w in lead):
                short = " ".join(words[:n]).removesuffix("'s").removesuffix("’s")
                owner = owners.get(normalize_name(short)) or (registry(short) if short.isupper() else "")
                if owner:
                    return owner
    return ""


def _ministry_of_directorate(ref: ActorRef, ex: Extraction) -> str:
    """The ministry of a directorate's field, when this document names it."""
    named = _DIRECTORATE_OF.fullmatch(ref.name)
    if not named or ref.kind == ActorKind.ministry.value:
        return ""
    want = normalize_name(f"Ministry of {named.group(1)}")
    return next((k for k, r in ex.actors.items() if r.kind == ActorKind.ministry.value and not r.is_class
                 and any(normalize_name(n) == want for n in (r.name, *r.aliases))), "")


def _federal_ministry(ref: ActorRef) -> bool:
    return bool(ref.registry_id) and ref.kind == ActorKind.ministry.value and ref.level == Level.national.value
