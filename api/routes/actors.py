"""Bodies and persons: list, detail, and curation (merge, split, alias, review a statement).

Curation needs an editor key; the decisions are recorded by the service and survive re-ingest.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from api.deps import Editor, Reader, Svc

router = APIRouter(tags=["actors"])

NameField = Field(min_length=1, max_length=200)
ActorPath = Annotated[str, Path(min_length=1, max_length=200, examples=["actor:national-committee-for-countering-violent-extremism"])]
CURATION: dict[int | str, dict[str, Any]] = {404: {"description": "Unknown body or statement."}, 501: {"description": "Curation not built yet."}}


class MergeIn(BaseModel):
    a: str = Field(min_length=1, max_length=200, examples=["NCCVE"], description="The body that stays.")
    b: str = Field(min_length=1, max_length=200, examples=["National CVE Committee"], description="The body merged into it.")


class NameIn(BaseModel):
    name: str = Field(min_length=1, max_length=200, examples=["اللجنة الوطنية لمكافحة التطرف العنيف"])


class ReviewIn(BaseModel):
    decision: Literal["accept", "reject"] = Field(examples=["reject"])


@router.get("/actors", summary="Every body and person in the graph")
def actors(_: Reader, svc: Svc) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = svc.actors()
    return result


@router.get("/actors/{actor}", summary="One body: statements, places, themes, neighbours",
            responses={404: {"description": "Unknown body; `suggestions` lists close names."}})
def actor(_: Reader, svc: Svc, actor: ActorPath) -> dict[str, Any]:
    result: dict[str, Any] = svc.actor(actor)
    return result


@router.post("/actors/merge", summary="Merge body b into body a (editor)", responses=CURATION)
def merge(_: Editor, svc: Svc, body: MergeIn) -> dict[str, Any]:
    result: dict[str, Any] = svc.merge(body.a, body.b)
    return result


@router.post("/actors/{actor}/split", summary="Split a name off a body into its own node (editor)", responses=CURATION)
def split(_: Editor, svc: Svc, actor: ActorPath, body: NameIn) -> dict[str, Any]:
    result: dict[str, Any] = svc.split(actor, body.name)
    return result


@router.post("/actors/{actor}/alias", summary="Add an alias to a body (editor)", responses=CURATION)
def alias(_: Editor, svc: Svc, actor: ActorPath, body: NameIn) -> dict[str, Any]:
    result: dict[str, Any] = svc.alias(actor, body.name)
    return result


@router.post("/statements/{statement}/review", summary="Accept or reject an extracted statement (editor)",
             responses=CURATION)
def review(
    _: Editor, svc: Svc, statement: Annotated[str, Path(min_length=1, max_length=100, examples=["st:85de760b2ef2"])],
    body: ReviewIn,
) -> dict[str, Any]:
    result: dict[str, Any] = svc.review_statement(statement, body.decision == "accept")
    return result
