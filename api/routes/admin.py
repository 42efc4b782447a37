"""Keys (admin), evaluation against an uploaded gold file (editor), and health."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

import yaml
from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from api.auth import KeyStore, Role
from api.deps import Admin, Editor, Reader
from api.routes.documents import safe_name, screen

router = APIRouter()


class KeyIn(BaseModel):
    role: Role = Field(examples=["reader"])
    name: str = Field(default="", max_length=80, examples=["dashboard"])


@router.get("/health", tags=["admin"], summary="Liveness, and whether reads are open")
def health(request: Request) -> dict[str, Any]:
    return {"ok": True, "open_reads": request.app.state.settings.api_open_reads}


@router.get("/whoami", tags=["admin"], summary="The role of the key sent (or anonymous)")
def whoami(caller: Reader) -> dict[str, str]:
    return {"role": caller.role, "key": caller.key_id}


@router.get("/keys", tags=["admin"], summary="API keys (ids and roles, never the keys)")
def keys(request: Request, _: Admin) -> list[dict[str, object]]:
    store: KeyStore = request.app.state.keys
    return [k.public() for k in store.list()]


@router.post("/keys", tags=["admin"], status_code=201, summary="Create a key; the key is shown only in this response")
def create_key(request: Request, _: Admin, body: KeyIn) -> dict[str, object]:
    store: KeyStore = request.app.state.keys
    rec, token = store.create(body.role, body.name)
    return {**rec.public(), "key": token}


@router.delete("/keys/{key_id}", tags=["admin"], summary="Revoke a key", responses={404: {"description": "No such key."}})
def revoke_key(request: Request, _: Admin, key_id: Annotated[str, PathParam(max_length=32)]) -> dict[str, object]:
    store: KeyStore = request.app.state.keys
    try:
        return store.revoke(key_id).public()
    except KeyError as e:
        raise HTTPException(404, str(e.args[0])) from None


@router.post("/eval", tags=["admin"], summary="Score extraction and answers against a gold YAML and its document (editor)",
             responses={422: {"description": "Gold file or document refused, with the reason."}})
async def evaluate(
    _: Editor,
    gold: Annotated[UploadFile, File(description="Gold annotations (YAML) naming `document`.")],
    document: Annotated[UploadFile, File(description="The document the gold file annotates.")],
) -> dict[str, Any]:
    from api.evaluation import evaluate as run_eval

    raw = await gold.read()
    try:
        spec = yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as e:
        raise HTTPException(422, f"gold file {gold.filename!r} is not valid YAML: {e}") from None
    if not isinstance(spec, dict) or not isinstance(spec.get("document"), str):
        raise HTTPException(422, f"gold file {gold.filename!r} has no `document` field")
    data = await document.read()
    reason = screen(document.filename, data)
    if reason:
        raise HTTPException(422, f"document {document.filename!r}: {reason}")
    with tempfile.TemporaryDirectory(prefix="dalil-eval-") as tmp:
        g, d = Path(tmp) / "gold.yaml", Path(tmp) / safe_name(str(document.filename))
        g.write_bytes(raw)
        d.write_bytes(data)
        try:
            result: dict[str, Any] = await run_in_threadpool(run_eval, g, Path(tmp), d)
        except (KeyError, TypeError, AttributeError) as e:
            raise HTTPException(422, f"gold file {gold.filename!r} is missing or misshapes a field: {e}") from None
        result["document"] = document.filename
        return result
