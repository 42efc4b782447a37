"""Durable upload jobs: an accepted upload is on disk, with its job record, before the 202.

``<home>/jobs/<id>/job.json`` is the job (status, per-file report) and ``<home>/jobs/<id>/files/``
the accepted files until the ingest finishes. Every change is written atomically (a temporary
file, fsync, rename), so a server killed at any moment leaves either the old or the new record.
A restarted server resumes every job still ``queued`` or ``running`` (ingest is idempotent: the
files already in the graph come back ``unchanged``), so an accepted upload is never lost.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

KEEP_JOBS = 100
PENDING = ("queued", "running")


def jobs_dir(home: Path) -> Path:
    return Path(home) / "jobs"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(path)


class JobStore:
    """Jobs of one data folder: in memory for polling, on disk for surviving a restart."""

    def __init__(self, home: Path) -> None:
        self.root = jobs_dir(home)
        self._lock = threading.Lock()
        self._mem: dict[str, dict[str, Any]] = {}

    def folder(self, job_id: str) -> Path:
        return self.root / job_id

    def create(self, job_id: str, files: dict[str, bytes], meta: dict[str, Any]) -> dict[str, Any]:
        """Write the files and the job record (fsynced) and return the job: the 202 comes after."""
        files_dir = self.folder(job_id) / "files"
        files_dir.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            _write_atomic(files_dir / name, data)
        job = {"id": job_id, "status": "queued", "total": len(files), "done": 0, "created": _now(),
               "files": [], **meta}
        self.save(job)
        self._prune()
        return job

    def save(self, job: dict[str, Any]) -> None:
        with self._lock:
            self._mem[job["id"]] = job
            _write_atomic(self.folder(job["id"]) / "job.json", json.dumps(job, ensure_ascii=False).encode())

    def get(self, job_id: str) -> dict[str, Any] | None:
        if job_id in self._mem:
            return self._mem[job_id]
        if not job_id.isalnum():
            return None
        try:
            job: dict[str, Any] = json.loads((self.folder(job_id) / "job.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return job

    def _records(self) -> Iterator[tuple[Path, dict[str, Any]]]:
        """(folder, record) of every job on disk whose job.json reads (a half-written one is skipped)."""
        for f in sorted(self.root.glob("*/job.json")) if self.root.exists() else []:
            try:
                job = json.loads(f.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            yield f.parent, job

    def pending(self) -> list[dict[str, Any]]:
        out = [job for _, job in self._records() if job.get("status") in PENDING]
        return sorted(out, key=lambda j: j.get("created", ""))

    def finish(self, job: dict[str, Any], status: str, error: str = "") -> None:
        job["status"], job["finished"] = status, _now()
        if error:
            job["error"] = error
        self.save(job)
        shutil.rmtree(self.folder(job["id"]) / "files", ignore_errors=True)

    def _prune(self) -> None:
        """Keep the newest finished jobs' records; never a pending one."""
        done = [(job.get("created", ""), folder) for folder, job in self._records()
                if job.get("status") not in PENDING]
        for _, folder in sorted(done)[:-KEEP_JOBS] if len(done) > KEEP_JOBS else []:
            shutil.rmtree(folder, ignore_errors=True)
            self._mem.pop(folder.name, None)


def pending_jobs(home: Path) -> list[dict[str, Any]]:
    return JobStore(home).pending()


def resume(store: JobStore, run: Callable[[dict[str, Any]], None]) -> list[str]:
    """Start every job a stopped server left queued or running; their files are still on disk."""
    ids = []
    for job in store.pending():
        if not (store.folder(job["id"]) / "files").is_dir():
            store.finish(job, "failed", "the uploaded files were lost before the ingest ran; upload them again")
            continue
        job.update(status="queued", done=0, files=[], resumed=_now())
        store.save(job)
        threading.Thread(target=run, args=(job,), daemon=True, name=f"ingest-{job['id'][:8]}").start()
        ids.append(job["id"])
    return ids
