"""The shapes of the domain answers, declared once: the API's response models and their schema.

graph.domain builds these answers as plain dicts (cheap to build, identical on every store); the
API validates each against its model here (``response_model``), so /openapi.json documents
exactly what the CLI's ``--json`` prints and a shape change is caught where it is made.
Optional fields of a row are the ones only some questions add (a class it came through, an
effort's role, a brief line's instrument); extra keys a question adds are kept.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from graph.model import Status

# How the place of a row relates to the place asked about (graph.domain.snapshot.PLACE_MATCH_RANK),
# "any" when no place was asked, and in a mandate brief whose line it is ("self", "class").
PlaceMatch = Literal["", "place", "inside", "actor_place", "above", "nationwide", "class", "any", "self"]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Why(_Open):
    """One cited line of an answer: a statement (or an effort: kind "effort") with its quote."""

    statement: str
    kind: str
    status: Status
    place_match: PlaceMatch | str
    document: str
    page: int
    quote: str
    via: str | None = None
    via_id: str | None = None


class ActorRow(_Open):
    id: str
    name: str
    aliases: list[str]
    kind: str
    level: str
    score: float
    why: list[Why]


class WhoCovers(_Open):
    question: str
    intent: Literal["who_covers"]
    slots: dict[str, str | None]
    answer: str
    actors: list[ActorRow]
    empty_store: bool | None = None


class MandateBrief(_Open):
    actor: ActorRow | None
    holders: list[ActorRow]
    place: str | None
    place_name: str
    must: list[Why]
    may: list[Why]
    recommended: list[Why]
    above: list[ActorRow]
    beside: list[ActorRow]
    partners: list[ActorRow]
    efforts: list[Why]
    efforts_total: int
    drivers: list[Why]
    related: list[ActorRow]


class OverlapMatch(_Open):
    score: float
    shared: dict[str, Any]
    explanation: str
    sources: list[Why]
    differences: dict[str, dict[str, Any]]


class Overlap(_Open):
    """Two bodies whose work shares theme x place (x level, target group, period)."""

    actors: list[ActorRow]
    score: float
    shared: dict[str, Any]
    differences: dict[str, dict[str, Any]]
    levels: dict[str, list[str]]
    explanation: str
    matches: list[OverlapMatch]


class Overlaps(_Open):
    pairs: list[Overlap]


class Gap(_Open):
    """A driver reported, or a theme named, for a place that nobody covers there."""

    kind: Literal["driver", "theme"]
    id: str
    driver: str
    label: str
    reason: str
    reported: list[Why]


class Gaps(_Open):
    place: str | None
    gaps: list[Gap]
