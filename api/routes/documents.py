"""Documents: list, upload (an ingest job with progress and a per-file report), delete.

An upload is identified by its file name (``upload://NAME``, ingest/identity.py): uploading a
changed file under a name an earlier upload used is refused unless ``replace`` is sent, so an
upload never silently replaces a document. Accepted files and their job are on disk under the
data folder before the 202 (api/jobs.py), so a server stopped mid-job resumes it at start.

Uploads are screened before any parser sees them: plain file names only (no paths), a
supported type whose bytes match it, no PDFs carrying JavaScript or launch actions, no DOCX
that would inflate past a sane size (zip bombs). A rejected file is named with its reason;
the good files of the same upload still go in.
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool

from api.deps import Admin, Editor, Reader, Service, Svc
from api.jobs import JobStore, resume
from api.maintenance import ensure_space
from ingest.identity import find_source, upload_source
from ingest.limits import ZIP_SUFFIXES, pdf_active_content, screen_zip
from ingest.loaders import LOADERS
from ingest.pipeline import STRUCTURED_SUFFIXES, FileReport

router = APIRouter(tags=["documents"])
# every format `dalil ingest` takes: documents, 3W tables (CSV, XLSX) and IATI activity XML
ACCEPTED = frozenset(LOADERS) | frozenset(STRUCTURED_SUFFIXES)

MAX_FILES = 50
_SAFE = re.compile(r"[^\w.\- ()]+", re.UNICODE)
JOB_EXAMPLE = {"id": "3f2c...", "status": "done", "total": 1, "done": 1, "created": "2025-01-01T00:00:00+00:00",
               "files": [{"path": "strategy.pdf", "status": "ingested", "reason": "", "doc_id": "doc:strategy",
                          "statements": 12, "actors": 8, "chunks": 30}],
               "rejected": [{"path": "../../etc/passwd", "status": "rejected", "reason": "file name contains a path"}]}


def screen_name(name: str | None) -> str:
    """The reason to refuse an uploaded file's name (no paths, no hidden files), or ""."""
    if not name:
        return "no file name"
    if any(c in name for c in "/\\\x00") or name.startswith(".") or ".." in name:
        return "file name contains a path or starts with a dot; send a plain file name"
    if len(name) > 150:
        return "file name longer than 150 characters"
    return ""


def screen(name: str | None, data: bytes) -> str:
    """The reason to refuse this upload, or "" when it may be ingested."""
    if bad := screen_name(name):
        return bad
    assert name is not None
    ext = Path(name).suffix.lower()
    if ext not in ACCEPTED:
        return f"unsupported file type '{ext or name}' (supported: {', '.join(sorted(ACCEPTED))})"
    if not data.strip():
        return "empty file"
    if ext == ".pdf":
        if b"%PDF-" not in data[:1024]:
            return "not a PDF (no %PDF header)"
        return pdf_active_content(data)  # through a PDF parser: name-escaped keys too
    elif ext in ZIP_SUFFIXES:
        return screen_zip(data, ext.lstrip(".").upper())
    elif b"\x00" in data[:65536]:
        return f"binary content in a {ext} text file"
    return ""


def safe_name(name: str) -> str:
    """The name the file is saved under: NFC, no odd characters (the doc id derives from it)."""
    clean = _SAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" .")
    return clean or "upload"


def _run_job(svc: Service, store: JobStore, job: dict[str, Any]) -> None:
    """Ingest the job's saved files under the store lock, recording each file as it finishes."""
    job["status"] = "running"
    store.save(job)
    names: dict[str, str] = job.get("uploaded", {})

    def step(rep: FileReport) -> None:
        shown = names.get(Path(rep.path).name, Path(rep.path).name)
        job["files"].append({**rep.__dict__, "path": shown})
        job["done"] += 1
        store.save(job)

    def ingest() -> None:
        files = sorted((store.folder(job["id"]) / "files").iterdir())
        if not job.get("replace"):  # checked again here: an upload accepted meanwhile may have taken the name
            docs = svc.dalil.graph.run("document_sources")
            for f in list(files):
                if reason := _conflict_reason(docs, f.name, f.read_bytes()):
                    files.remove(f)
                    step(FileReport(str(f), "failed", reason))
        svc.ingest(files, on_file=step, sources={f: upload_source(f.name) for f in files})  # readers keep answering (api.deps)

    try:
        ingest()
        store.finish(job, "done")
    except Exception as e:  # the job reports it; the server keeps running
        store.finish(job, "failed", f"{type(e).__name__}: {e}")


def start_job(svc: Service, store: JobStore, job: dict[str, Any]) -> None:
    threading.Thread(target=_run_job, args=(svc, store, job), daemon=True, name=f"ingest-{job['id'][:8]}").start()


def resume_jobs(svc: Service, store: JobStore) -> list[str]:
    """At server start: run again every accepted upload a stopped server had not finished."""
    return resume(store, lambda job: _run_job(svc, store, job))


def _conflict_reason(docs: list[dict[str, Any]], name: str, data: bytes) -> str:
    """Why this upload would silently replace a document from an earlier upload, or ""."""
    prev = find_source(docs, upload_source(name))
    if prev and prev["content_hash"] != hashlib.sha256(data).hexdigest():
        return (f"an earlier upload named {name!r} is document {prev['id']}; this file differs from it. "
                "Send replace=true to replace that document, or rename the file to keep both")
    return ""


def _known_sources(svc: Service) -> list[dict[str, Any]] | None:
    """The documents' sources, or None while an ingest holds the store (the job checks then):
    the 202 never waits for another job to finish."""
    if not svc.lock.acquire(timeout=1):
        return None
    try:
        return svc.dalil.graph.run("document_sources")
    finally:
        svc.lock.release()


@router.get("/documents", summary="Documents ingested")
def documents(_: Reader, svc: Svc) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = svc.stats()["documents"]
    return result


@router.post(
    "/documents", status_code=202, summary="Upload documents to ingest (editor); returns a job to poll",
    responses={202: {"content": {"application/json": {"example": JOB_EXAMPLE}}},
               413: {"description": "Upload larger than DALIL_API_MAX_UPLOAD_MB."},
               409: {"description": "Every file would replace a document of an earlier upload; send replace=true."},
               422: {"description": "Every file was refused; `rejected` says why for each."}},
)
async def upload(
    request: Request, _: Editor,
    files: Annotated[list[UploadFile], File(description="Documents (PDF, DOCX, HTML, Markdown, text), 3W tables (CSV, XLSX with HXL tags) or IATI activity XML.")],
    replace: Annotated[bool, Form(description="Replace documents from earlier uploads of the same name.")] = False,
) -> dict[str, Any]:
    if len(files) > MAX_FILES:
        raise HTTPException(422, f"at most {MAX_FILES} files per upload")
    svc: Service = request.app.state.service
    rejected: list[dict[str, str]] = []
    accepted: dict[str, bytes] = {}
    names: dict[str, str] = {}
    conflicts = 0
    known = await run_in_threadpool(_known_sources, svc) if not replace else None
    for f in files:
        data = await f.read()
        reason = screen(f.filename, data)
        if not reason:
            target = safe_name(str(f.filename))
            if target in names:
                reason = "a file of the same name is already in this upload"
            elif known is not None and (reason := _conflict_reason(known, target, data)):
                conflicts += 1
            else:
                accepted[target] = data
                names[target] = str(f.filename)
        if reason:
            rejected.append({"path": str(f.filename or ""), "status": "rejected", "reason": reason})
    if not names:
        msg = "; ".join(f"{r['path'] or '(no name)'}: {r['reason']}" for r in rejected) or "no files"
        raise HTTPException(409 if conflicts == len(rejected) else 422, f"no file was accepted: {msg}")
    store: JobStore = request.app.state.jobs
    ensure_space(svc.dalil.settings, sum(len(d) for d in accepted.values()))
    # on disk, with its job record, before the 202: a server stopped now resumes it at start
    job = store.create(uuid.uuid4().hex, accepted, {"rejected": rejected, "uploaded": names, "replace": replace})
    start_job(svc, store, job)
    return job


@router.get("/jobs/{job_id}", summary="An ingest job: status, progress, per-file report",
            responses={200: {"content": {"application/json": {"example": JOB_EXAMPLE}}}, 404: {"description": "No such job."}})
def job(request: Request, _: Editor, job_id: Annotated[str, PathParam(max_length=64)]) -> dict[str, Any]:
    j: dict[str, Any] | None = request.app.state.jobs.get(job_id)
    if j is None:
        raise HTTPException(404, f"no ingest job {job_id!r}")
    return j


@router.delete("/documents/{doc_id}", summary="Delete a document with exactly its facts, passages and vectors (admin)",
               responses={404: {"description": "No such document."}})
def delete(_: Admin, svc: Svc, doc_id: Annotated[str, PathParam(max_length=200, examples=["doc:strategy"])]) -> dict[str, Any]:
    result: dict[str, Any] = svc.delete_document(doc_id)
    return result
