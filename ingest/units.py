"""Which body a unit belongs to, read from how it is named and from the document's governments.

Two shapes real documents leave implicit, both read after every sentence (stage 4, resolution):
- a name that begins with another body's short name and goes on with a unit's head ("KRG Ministry
  of Health", "EU Delegation", "UNDP Country Office"): a unit of that body;
- a federal ministry (a registry ministry of the national government) in a document that names the
  national government: a part of that government. A ministry of another government is named with
  it ("the KRG Ministry of ...", "the UAE Ministry of ...") and is read by the first shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.model import ActorKind, Level
from graph.names import normalize_name
from ingest.extraction import ActorRef, Extraction

# head words that make the rest of a name a unit of the body named before them
_UNIT_HEAD = re.compile(
    r"(?:Ministry|Ministries|Council|Office|Directorate|Department|Secretariat|Delegation|Mission|Commission|"
    r"Committee|Cabinet|Presidency|Parliament|Assembly|Agency|Authority|Board|Unit|Bureau|Forces?)"
)
NATIONAL_GOVERNMENT = "actor:government-of-iraq"


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
            # "KRG Ministry of ...", "UNDP Country Office": a unit's head first or second
            if rest and rest[0][:1].isupper() and any(_UNIT_HEAD.fullmatch(w) for w in rest[:2]):
                short = " ".join(words[:n]).removesuffix("'s").removesuffix("’s")
                owner = owners.get(normalize_name(short)) or (registry(short) if short.isupper() else "")
                if owner:
                    return owner
    return ""


def _federal_ministry(ref: ActorRef) -> bool:
    return bool(ref.registry_id) and ref.kind == ActorKind.ministry.value and ref.level == Level.national.value
