"""The questions users come for: ask, who, mandate, overlaps, gaps, search, resolve.

Each returns exactly what the CLI's ``--json`` prints for the same command.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from api.deps import Reader, Svc
from graph.answers import Gaps, MandateBrief, Overlaps, WhoCovers
from graph.vocab import load_gazetteer

router = APIRouter(tags=["answers"])

Name = Annotated[str, Query(max_length=200)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "A place, theme or body that is not in the graph; `suggestions` lists close names."}}

WHY_EXAMPLE = {"statement": "st:85de760b2ef2", "kind": "mandate", "status": "established", "place_match": "nationwide",
               "document": "scn-iraq-roundtable-2023.md", "page": 1,
               "quote": "This approach also applies to ministries such as the Ministry of Youth ..."}
ANSWER_EXAMPLE = {
    "question": "Which bodies cover youth in Nineveh?", "intent": "who_covers",
    "slots": {"theme": "target_group:youth", "place": "place:IQG15"}, "answer": "14 bodies: ...",
    "actors": [{"id": "actor:ministry-of-youth-and-sports", "name": "Ministry of Youth and Sports", "aliases": [],
                "kind": "ministry", "level": "national", "score": 0.7, "why": [WHY_EXAMPLE]}],
}
ANSWER: dict[int | str, dict[str, Any]] = {200: {"description": "An answer table with citations.", "content": {"application/json": {"example": ANSWER_EXAMPLE}}}}


class AskIn(BaseModel):
    question: str = Field(min_length=1, max_length=2000, examples=["Which bodies cover youth in Nineveh?"])


def _ask(svc: Svc, question: str) -> dict[str, Any]:
    if not question.strip():
        raise ValueError("the question is empty")
    result: dict[str, Any] = svc.ask(question)
    return result


@router.get("/ask", summary="Ask a question in plain English or Arabic", responses=ANSWER)
def ask_get(
    _: Reader, svc: Svc,
    q: Annotated[str, Query(min_length=1, max_length=2000, examples=["Who funds the STRIVE Cities programme?"])],
) -> dict[str, Any]:
    return _ask(svc, q)


@router.post("/ask", summary="Ask a question (JSON body)", responses=ANSWER)
def ask_post(_: Reader, svc: Svc, body: AskIn) -> dict[str, Any]:
    return _ask(svc, body.question)


@router.get("/who", summary="Which bodies cover THEME in PLACE (with place roll-up)", responses={**ANSWER, **NOT_FOUND},
            response_model=WhoCovers, response_model_exclude_unset=True)
def who(
    _: Reader, svc: Svc,
    theme: Annotated[str, Query(max_length=200, examples=["youth"])] = "",
    place: Annotated[str, Query(max_length=200, examples=["Nineveh", "نينوى"])] = "",
) -> dict[str, Any]:
    result: dict[str, Any] = svc.who(theme, place)
    return result


@router.get("/mandate", summary="The mandate brief of a body or of a place's local government", responses=NOT_FOUND,
            response_model=MandateBrief, response_model_exclude_unset=True)
def mandate(
    _: Reader, svc: Svc,
    body: Annotated[str, Query(max_length=200, examples=["Tel Kaif district government"])] = "",
    place: Annotated[str, Query(max_length=200, examples=["Tel Kaif", "تلكيف"])] = "",
) -> dict[str, Any]:
    result: dict[str, Any] = svc.mandate(body, place)
    return result


@router.get("/overlaps", summary="Pairs of bodies sharing theme x place x level", responses=NOT_FOUND,
            response_model=Overlaps, response_model_exclude_unset=True)
def overlaps(
    _: Reader, svc: Svc,
    actor: Annotated[list[str], Query(max_length=2, description="Zero, one or two bodies.", examples=[["UNDP", "IOM"]])] = [],  # noqa: B006
    place: Name = "", theme: Name = "",
) -> dict[str, Any]:
    if any(len(a) > 200 for a in actor):
        raise ValueError("actor: a name is longer than 200 characters")
    result: dict[str, Any] = svc.overlaps(actor, place, theme)
    return result


@router.get("/gaps", summary="Drivers reported for a place that no body covers", responses=NOT_FOUND,
            response_model=Gaps, response_model_exclude_unset=True)
def gaps(_: Reader, svc: Svc, place: Annotated[str, Query(max_length=200, examples=["Nineveh"])] = "") -> dict[str, Any]:
    result: dict[str, Any] = svc.gaps(place)
    return result


@router.get("/search", summary="Hybrid passage search with filters", responses={501: {"description": "Search not built yet."}})
def search(
    _: Reader, svc: Svc,
    q: Annotated[str, Query(min_length=1, max_length=2000, examples=["youth unemployment"])],
    place: Name = "", theme: Name = "", actor: Name = "", document: Name = "",
    language: Annotated[str, Query(max_length=8)] = "",
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    if not q.strip():
        raise ValueError("q: the search text is empty")
    result: dict[str, Any] = svc.search(q, place=place, theme=theme, actor=actor, document=document,
                                        language=language, limit=limit)
    return result


@router.get("/resolve", summary="The nodes a name stands for (bodies, persons, places, concepts)")
def resolve(_: Reader, svc: Svc, name: Annotated[str, Query(min_length=1, max_length=200, examples=["NCCVE"])]) -> dict[str, Any]:
    result: dict[str, Any] = svc.resolve(name)
    return result


@router.get("/passage/{statement}", summary="A cited statement's quote in its context, with page", responses=NOT_FOUND)
def passage(
    _: Reader, svc: Svc,
    statement: Annotated[str, Path(max_length=100, examples=["st:85de760b2ef2"])],
    context: Annotated[int, Query(ge=0, le=5000)] = 600,
) -> dict[str, Any]:
    result: dict[str, Any] = svc.passage(statement, context)
    return result


@router.get("/places", summary="Places from the gazetteer by any name (English, Arabic, alternates)")
def places(
    _: Reader,
    q: Annotated[str, Query(max_length=100, examples=["Ninewa", "نينوى", "Tilkaef"])] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[dict[str, Any]]:
    gaz = load_gazetteer()
    hits = list(gaz.lookup(q)) if q else []
    if q:
        low = q.casefold()
        hits += [p for p in gaz if p not in hits and any(low in (n or "").casefold() for n in (p.name, p.name_ar, *p.alt_names))]
    else:
        hits = [p for p in gaz if p.level in ("country", "governorate")]
    out = []
    for p in hits[:limit]:
        parent = gaz.get(p.parent) if p.parent else None
        out.append({"id": p.id, "name": p.name, "name_ar": p.name_ar, "alt_names": p.alt_names, "level": p.level,
                    "parent": p.parent, "parent_name": parent.name if parent else ""})
    return out


@router.get("/themes", summary="Themes, drivers and target groups in the graph")
def themes(_: Reader, svc: Svc) -> list[dict[str, Any]]:
    snap = svc.snapshot()
    return [{"id": c["id"], "scheme": c["scheme"], "label_en": c["label_en"], "label_ar": c["label_ar"],
             "alt_labels": c["alt_labels"]} for c in snap.concepts.values()]


@router.get("/stats", summary="Node and relationship counts, and the documents ingested")
def stats(_: Reader, svc: Svc) -> dict[str, Any]:
    result: dict[str, Any] = svc.stats()
    return result
