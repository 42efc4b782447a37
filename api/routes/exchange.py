"""Open standards over HTTP: read-only SPARQL, network measures, export, and RDF import.

Same JSON as the CLI's ``dalil sparql --json`` / ``dalil network --json`` / ``dalil import-rdf
--json``. Exports stream the file `dalil export` writes. SPARQL runs on a dataset loaded once
per write of the graph, and the query itself runs outside the store lock, so one slow query
does not hold up every other request; it runs within the time, row and memory limits of
graph.sparql.run_bounded and is stopped when the client disconnects.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import zipfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from api.deps import Editor, Reader, Svc
from api.routes.answers import NOT_FOUND
from api.routes.documents import safe_name, screen_name

router = APIRouter(tags=["open standards"])

Engine = Literal["oxigraph", "rdflib"]
Format = Literal["turtle", "jsonld", "ntriples", "graphml", "csv", "hxl"]
MAX_QUERY = 20_000
# A GET query travels in the URL: 1,200 characters stay under the HTTP server's 16 KB request-line
# limit even when every character needs 9 bytes of percent-encoding; longer queries use POST.
MAX_GET_QUERY = 1_200

# format -> (media type, file suffix)
MEDIA: dict[str, tuple[str, str]] = {
    "turtle": ("text/turtle", ".ttl"),
    "jsonld": ("application/ld+json", ".jsonld"),
    "ntriples": ("application/n-triples", ".nt"),
    "graphml": ("application/graphml+xml", ".graphml"),
    "csv": ("application/zip", ".zip"),
    "hxl": ("text/csv", ".hxl.csv"),
}
IMPORT_SUFFIX = {".ttl": "turtle", ".jsonld": "jsonld", ".json": "jsonld", ".nt": "ntriples"}

SPARQL_EXAMPLE = {"kind": "select", "vars": ["name"], "rows": [{"name": "Ministry of Youth and Sports"}]}
SPARQL_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "`kind` is select (`vars`, `rows`), ask (`boolean`) or graph (`triples`: "
                         "[subject, predicate, object]) for CONSTRUCT / DESCRIBE.",
          "content": {"application/json": {"example": SPARQL_EXAMPLE}}},
    400: {"description": "Malformed SPARQL (the parser's message), or an update / LOAD / SERVICE / FROM "
                         "query: only SELECT, ASK, CONSTRUCT and DESCRIBE run here."},
    422: {"description": "`error: query_limit`: the query passed a limit, named in `limit` (time, rows or "
                         "memory) and in the message with its setting (DALIL_SPARQL_TIMEOUT_S, "
                         "DALIL_SPARQL_MAX_ROWS, DALIL_SPARQL_MAX_MEMORY_MB)."},
}
QUERY_EXAMPLE = "SELECT ?name WHERE { ?a a org:Organization ; dalil:name ?name } LIMIT 5"


class SparqlIn(BaseModel):
    query: str = Field(min_length=1, max_length=MAX_QUERY, examples=[QUERY_EXAMPLE],
                       description="Prefixes dalil:, org:, prov:, skos:, dcterms:, actor:, place: ... are predefined.")
    engine: Engine = "oxigraph"


async def _sparql(request: Request, svc: Svc, query: str, engine: str) -> Any:
    import asyncio

    import anyio
    from fastapi.responses import JSONResponse

    from graph.sparql import Limits, SparqlCancelled, SparqlError, SparqlLimit, check_read_only, run_bounded

    gone = threading.Event()

    async def watch() -> None:  # the client leaving stops the query
        while not gone.is_set():
            if await request.is_disconnected():
                gone.set()
                return
            await asyncio.sleep(0.25)

    try:
        check_read_only(query)  # before loading anything
        # under the store lock: reads the graph (once per write)
        eng = await anyio.to_thread.run_sync(svc.sparql_engine, engine)
        watcher = asyncio.create_task(watch())
        try:  # outside it: the dataset is an in-memory copy; abandoned on cancel, it sees `gone`
            limits = Limits.from_settings(request.app.state.settings)
            res = await anyio.to_thread.run_sync(run_bounded, eng, query, limits, gone.is_set,
                                                 abandon_on_cancel=True)
        finally:
            gone.set()
            watcher.cancel()
        return res.as_json()
    except SparqlLimit as e:
        return JSONResponse({"error": "query_limit", "limit": e.limit, "message": str(e)}, status_code=422)
    except SparqlCancelled as e:
        return JSONResponse({"error": "cancelled", "message": str(e)}, status_code=409)
    except SparqlError as e:
        raise HTTPException(400, str(e)) from e


@router.post("/sparql", summary="Read-only SPARQL over the graph's RDF export (JSON body)", responses=SPARQL_RESPONSES)
async def sparql_post(request: Request, _: Reader, svc: Svc, body: SparqlIn) -> dict[str, Any]:
    result: dict[str, Any] = await _sparql(request, svc, body.query, body.engine)
    return result


@router.get("/sparql", summary="Read-only SPARQL over the graph's RDF export", responses=SPARQL_RESPONSES)
async def sparql_get(
    request: Request, _: Reader, svc: Svc,
    query: Annotated[str, Query(min_length=1, max_length=MAX_GET_QUERY, examples=["ASK { ?a a org:Organization }"],
                                description="Up to 1,200 characters; POST /api/sparql takes longer queries.")],
    engine: Engine = "oxigraph",
) -> dict[str, Any]:
    result: dict[str, Any] = await _sparql(request, svc, query, engine)
    return result


NETWORK_EXAMPLE = {
    "nodes": [{"id": "actor:nccve", "name": "National Committee for Countering Violent Extremism", "kind": "committee",
               "level": "national", "degree": 12, "strength": 20, "betweenness": 0.31, "community": 0,
               "articulation": True}],
    "edges": [{"src": "actor:nccve", "dst": "actor:undp", "weight": 2, "kinds": ["partnership"],
               "statements": ["st:85de760b2ef2"], "bridge": False}],
    "communities": [["actor:nccve", "actor:undp"]], "bridges": [], "components": 1, "density": 0.12,
}


@router.get("/network", summary="Network measures of the actor network: degree, betweenness, bridges, communities",
            responses={200: {"content": {"application/json": {"example": NETWORK_EXAMPLE}}}})
def network(
    _: Reader, svc: Svc,
    persons: Annotated[bool, Query(description="Include persons as nodes.")] = True,
) -> dict[str, Any]:
    result: dict[str, Any] = svc.network(persons)
    return result


def _hxl(svc: Svc, out: Path) -> None:
    try:
        from graph.hxl import export_hxl
    except ImportError as e:
        raise NotImplementedError(f"HXL export is not available in this build ({e}); "
                                  "use format=csv or an RDF format") from e
    svc.call(export_hxl, svc.dalil.graph, out)


@router.get(
    "/export", summary="Download the graph, or the part about a place / theme / body",
    response_class=FileResponse,
    responses={
        200: {"description": "The file, as an attachment. turtle: text/turtle; jsonld: application/ld+json (the "
                             "Dalil @context embedded; also at /api/context.jsonld); ntriples: application/n-triples; graphml: "
                             "application/graphml+xml (Gephi, yEd); csv: application/zip holding nodes.csv and "
                             "edges.csv (Gephi's spreadsheet import); hxl: text/csv, every effort as an "
                             "HXL-tagged 3W table.",
              "content": {t: {} for t, _ in MEDIA.values()}},
        **NOT_FOUND,
        422: {"description": "An unknown format, or a filter given with format=hxl (it exports every effort)."},
        501: {"description": "HXL export is not part of this build."},
    },
)
def export(
    _: Reader, svc: Svc,
    format: Annotated[Format, Query(description="turtle | jsonld | ntriples | graphml | csv | hxl")],  # noqa: A002
    place: Annotated[str, Query(max_length=200, examples=["Nineveh"])] = "",
    theme: Annotated[str, Query(max_length=200, examples=["youth"])] = "",
    actor: Annotated[str, Query(max_length=200, examples=["NCCVE"], description="Only this body's neighbourhood.")] = "",
) -> FileResponse:
    media, suffix = MEDIA[format]
    name = "dalil" + "".join(f"-{safe_name(x).replace(' ', '_')}" for x in (place, theme, actor) if x) + suffix
    folder = Path(tempfile.mkdtemp(prefix="dalil-export-"))
    cleanup = BackgroundTask(shutil.rmtree, folder, ignore_errors=True)
    try:
        if format == "hxl":
            if place or theme or actor:
                raise ValueError("format=hxl exports every effort; place, theme and actor do not apply")
            out = folder / name
            _hxl(svc, out)
        elif format == "csv":
            rep = svc.export("csv", folder / "dalil.csv", place, theme, actor)
            out = folder / name
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
                for f in rep["files"]:
                    z.write(f, arcname=Path(f).name.removeprefix("dalil."))
        else:
            out = folder / name
            svc.export(format, out, place, theme, actor)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(out, media_type=media, filename=name, background=cleanup)


IMPORT_EXAMPLE = {"file": "dalil.ttl", "triples": 10432, "counts": {"Actor": 120, "Statement": 300, "ABOUT": 410},
                  "seconds": 1.9}




def screen_rdf(name: str | None, data: bytes, fmt: str) -> str:
    """The reason to refuse this RDF upload, or "" (the same style as document uploads). What is
    not valid RDF, or points at a remote JSON-LD context, graph.rdf.parse refuses itself."""
    if bad := screen_name(name):
        return bad
    assert name is not None
    if not fmt and Path(name).suffix.lower() not in IMPORT_SUFFIX:
        return (f"unsupported file type '{Path(name).suffix or name}' (supported: .ttl, .jsonld, .json, .nt; "
                "or say format)")
    if not data.strip():
        return "empty file"
    if b"\x00" in data[:65536]:
        return "binary content in an RDF text file"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return f"not UTF-8 text (byte {e.start})"
    return ""


@router.post(
    "/import-rdf", summary="Load RDF in the Dalil ontology (as `dalil export` writes it) into the graph (editor)",
    responses={200: {"content": {"application/json": {"example": IMPORT_EXAMPLE}}},
               413: {"description": "Upload larger than DALIL_API_MAX_UPLOAD_MB."},
               422: {"description": "The file was refused or is not valid RDF in the Dalil ontology; the "
                                    "message names the file, node or triple and the reason. Nothing is written."}},
)
async def import_rdf(
    _: Editor, svc: Svc,
    file: Annotated[UploadFile, File(description="Turtle (.ttl), JSON-LD (.jsonld) or N-Triples (.nt).")],
    format: Annotated[Literal["", "turtle", "jsonld", "ntriples"], Form(description="Default: by suffix.")] = "",  # noqa: A002
) -> dict[str, Any]:
    from starlette.concurrency import run_in_threadpool

    from graph.rdf import RdfError

    data = await file.read()
    reason = screen_rdf(file.filename, data, format)
    if reason:
        raise HTTPException(422, f"{file.filename or '(no name)'}: {reason}")
    shown = str(file.filename)
    folder = Path(tempfile.mkdtemp(prefix="dalil-import-"))
    try:
        suffix = {"turtle": ".ttl", "jsonld": ".jsonld", "ntriples": ".nt"}.get(format, Path(shown).suffix.lower())
        path = folder / ("upload" + suffix)
        path.write_bytes(data)
        try:
            rep: dict[str, Any] = await run_in_threadpool(svc.import_rdf, path, format or None)
        except RdfError as e:
            raise HTTPException(422, f"{shown}: {str(e).replace(str(path), shown)}") from e
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {**rep, "file": shown}
