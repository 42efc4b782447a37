"""Documents: list, upload (an ingest job with progress and a per-file report), delete.

Uploads are screened before any parser sees them: plain file names only (no paths), a
supported type whose bytes match it, no PDFs carrying JavaScript or launch actions, no DOCX
that would inflate past a sane size (zip bombs). A rejected file is named with its reason;
the good files of the same upload still go in.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
import unicodedata
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi import Path as PathParam

from api.deps import Admin, Editor, Reader, Service, Svc
from ingest.limits import ZIP_SUFFIXES, pdf_active_content, screen_zip
from ingest.loaders import LOADERS
from ingest.pipeline import FileReport

router = APIRouter(tags=["documents"])

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
    if ext not in LOADERS:
        return f"unsupported file type '{ext or name}' (supported: {', '.join(sorted(LOADERS))})"
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


def _run_job(svc: Service, job: dict[str, Any], folder: Path, names: dict[str, str]) -> None:
    """Ingest the saved files, updating the job as each file finishes."""
    job["status"] = "running"

    def step(rep: FileReport) -> None:
        shown = names.get(Path(rep.path).name, Path(rep.path).name)
        job["files"].append({**rep.__dict__, "path": shown})
        job["done"] += 1

    try:
        files = sorted(folder.iterdir())
        svc.ingest(files, on_file=step)  # readers keep answering meanwhile (api.deps)
        job["status"] = "done"
    except Exception as e:  # the job reports it; the server keeps running
        job["status"], job["error"] = "failed", f"{type(e).__name__}: {e}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        job["finished"] = datetime.now(UTC).isoformat(timespec="seconds")


@router.get("/documents", summary="Documents ingested")
def documents(_: Reader, svc: Svc) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = svc.stats()["documents"]
    return result


@router.post(
    "/documents", status_code=202, summary="Upload documents to ingest (editor); returns a job to poll",
    responses={202: {"content": {"application/json": {"example": JOB_EXAMPLE}}},
               413: {"description": "Upload larger than DALIL_API_MAX_UPLOAD_MB."},
               422: {"description": "Every file was refused; `rejected` says why for each."}},
)
async def upload(
    request: Request, _: Editor,
    files: Annotated[list[UploadFile], File(description="PDF, DOCX, HTML, Markdown or text files.")],
) -> dict[str, Any]:
    if len(files) > MAX_FILES:
        raise HTTPException(422, f"at most {MAX_FILES} files per upload")
    svc: Service = request.app.state.service
    job_id = uuid.uuid4().hex
    folder = Path(tempfile.mkdtemp(prefix="dalil-upload-"))
    rejected: list[dict[str, str]] = []
    names: dict[str, str] = {}
    for f in files:
        data = await f.read()
        reason = screen(f.filename, data)
        if not reason:
            target = safe_name(str(f.filename))
            if target in names:
                reason = "a file of the same name is already in this upload"
            else:
                (folder / target).write_bytes(data)
                names[target] = str(f.filename)
        if reason:
            rejected.append({"path": str(f.filename or ""), "status": "rejected", "reason": reason})
    if not names:
        shutil.rmtree(folder, ignore_errors=True)
        msg = "; ".join(f"{r['path'] or '(no name)'}: {r['reason']}" for r in rejected) or "no files"
        raise HTTPException(422, f"no file was accepted: {msg}")
    job: dict[str, Any] = {"id": job_id, "status": "queued", "total": len(names), "done": 0,
                           "created": datetime.now(UTC).isoformat(timespec="seconds"), "files": [], "rejected": rejected}
    jobs: dict[str, dict[str, Any]] = request.app.state.jobs
    jobs[job_id] = job
    for old in list(jobs)[:-100]:  # keep the last 100 jobs
        jobs.pop(old, None)
    threading.Thread(target=_run_job, args=(svc, job, folder, names), daemon=True, name=f"ingest-{job_id[:8]}").start()
    return job


@router.get("/jobs/{job_id}", summary="An ingest job: status, progress, per-file report",
            responses={200: {"content": {"application/json": {"example": JOB_EXAMPLE}}}, 404: {"description": "No such job."}})
def job(request: Request, _: Editor, job_id: Annotated[str, PathParam(max_length=64)]) -> dict[str, Any]:
    j: dict[str, Any] | None = request.app.state.jobs.get(job_id)
    if j is None:
        raise HTTPException(404, f"no ingest job {job_id!r}")
    return j


@router.delete("/documents/{doc_id}", summary="Delete a document and exactly its facts (admin)",
               responses={404: {"description": "No such document."}})
def delete(_: Admin, svc: Svc, doc_id: Annotated[str, PathParam(max_length=200, examples=["doc:strategy"])]) -> dict[str, Any]:
    result: dict[str, Any] = svc.delete_document(doc_id)
    return result
