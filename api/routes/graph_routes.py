"""The network of bodies: a neighbourhood to draw, and the path between two bodies."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import Reader, Svc

router = APIRouter(tags=["graph"], prefix="/graph")

HOOD_EXAMPLE = {"center": "actor:nccve", "nodes": [{"id": "actor:nccve", "name": "National Committee for Countering Violent Extremism",
                                                     "kind": "committee", "level": "national"}],
                "edges": [{"src": "actor:iom", "dst": "actor:nccve", "kind": "partnership", "statement": "st:d1cfaf0de8f4",
                           "status": "established", "themes": ["theme:pcve"], "places": ["place:IQ"]}]}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "Unknown body; `suggestions` lists close names."}}


@router.get("/neighbourhood", summary="Bodies linked to a body by statements, up to depth 3",
            responses={200: {"content": {"application/json": {"example": HOOD_EXAMPLE}}}, **NOT_FOUND})
def neighbourhood(
    _: Reader, svc: Svc,
    actor: Annotated[str, Query(min_length=1, max_length=200, examples=["NCCVE"])],
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
) -> dict[str, Any]:
    result: dict[str, Any] = svc.neighbourhood(actor, depth)
    return result


@router.get("/path", summary="The shortest chain of statements between two bodies", responses=NOT_FOUND)
def path(
    _: Reader, svc: Svc,
    a: Annotated[str, Query(min_length=1, max_length=200, examples=["NCCVE"])],
    b: Annotated[str, Query(min_length=1, max_length=200, examples=["UNDP"])],
) -> dict[str, Any]:
    result: dict[str, Any] = svc.path(a, b)
    return result
