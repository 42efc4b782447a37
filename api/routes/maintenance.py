"""Backup of a served data folder (admin): one archive, consistent while the server runs."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from api.deps import Admin, Svc
from api.maintenance import backup

router = APIRouter(tags=["admin"])


@router.post(
    "/backup", summary="Download a backup of graph, vectors, decisions and keys (admin)",
    response_class=FileResponse,
    responses={200: {"content": {"application/gzip": {}},
                     "description": "A .tar.gz that `dalil restore FILE --home DIR` brings back."},
               503: {"description": "Not an embedded store (back up Neo4j / a Qdrant server with their own tools)."}},
)
def backup_route(_: Admin, svc: Svc) -> FileResponse:
    """Taken under the store lock, so no ingest or curation writes while the files are read."""
    home = svc.dalil.settings.home
    tmp = Path(tempfile.mkdtemp(prefix=".backup-", dir=home)) / "dalil-backup.tar.gz"
    try:
        svc.exclusive(backup, svc.dalil, tmp)
    except BaseException:
        shutil.rmtree(tmp.parent, ignore_errors=True)
        raise
    return FileResponse(tmp, media_type="application/gzip", filename="dalil-backup.tar.gz",
                        background=BackgroundTask(shutil.rmtree, tmp.parent, ignore_errors=True))
