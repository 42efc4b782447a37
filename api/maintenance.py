"""The data folder's health: free space before writes, `dalil doctor`, backup and restore.

A data folder (``--home``) holds the graph (``graph.lbug`` and its write-ahead log), the vector
store (``qdrant/``), the API keys (``keys.json``) and accepted upload jobs (``jobs/``). Curator
decisions live in the graph. Everything here works on the embedded graph and Qdrant's local
mode; for a Neo4j or Qdrant server the server's own tools keep and check the data.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import shutil
import sqlite3
import tarfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.settings import Settings
from graph.store import GraphStore, GraphStoreError

if TYPE_CHECKING:
    from api.service import Dalil

MB = 1024 * 1024
# How much the stores grow per byte of input, at most (graph, chunks, vectors): a safe estimate
GROWTH = 20
BACKUP_FORMAT = 1


class DiskFull(GraphStoreError):
    """Not enough free space to write safely; nothing was written."""


def free_mb(path: Path) -> int:
    p = Path(path)
    while not p.exists() and p != p.parent:
        p = p.parent
    return int(shutil.disk_usage(p).free // MB)


def input_size(paths: Iterable[Path]) -> int:
    """Bytes of the files to ingest (folders walked)."""
    from ingest.loaders import iter_paths

    size = 0
    for p in iter_paths([Path(x) for x in paths if Path(x).exists()]):
        with contextlib.suppress(OSError):
            size += p.stat().st_size
    return size


def ensure_space(settings: Settings, size: int = 0) -> None:
    """Refuse to start writing ``size`` bytes of input when the disk may fill half-way: a full
    disk mid-write leaves the graph's log unfinished (it recovers once space is freed, but the
    run is lost and every command fails until then)."""
    need = settings.min_free_mb * MB + GROWTH * size
    p = Path(settings.home)
    while not p.exists() and p != p.parent:
        p = p.parent
    have = shutil.disk_usage(p).free
    if have < need:
        raise DiskFull(
            f"only {have / MB:.1f} MB free on the disk holding {settings.home}; writing these files needs about "
            f"{need / MB:.1f} MB (DALIL_MIN_FREE_MB={settings.min_free_mb} plus room for the data). Nothing was "
            f"written: free some space and run the command again."
        )


def is_disk_full(e: BaseException) -> bool:
    if isinstance(e, OSError) and e.errno == errno.ENOSPC:
        return True
    low = str(e).lower()
    return "no space left" in low or "disk is full" in low or "disk full" in low


def is_write_failure(e: BaseException) -> bool:
    """A store's write that the system cut short (the graph engine reports a short write as
    "Cannot write to file ... Error: Success": no errno, but the bytes did not land)."""
    low = str(e).lower()
    return is_disk_full(e) or "cannot write to file" in low or ("io exception" in low and "write" in low)


@contextlib.contextmanager
def write_errors(settings: Settings) -> Iterator[None]:
    """A disk that fills during a write ends the command with what happened and what to do, not
    a traceback from deep inside a store; other errors pass through unchanged."""
    try:
        yield
    except (OSError, RuntimeError, sqlite3.Error) as e:
        if not is_write_failure(e):
            raise
        free = free_mb(settings.home)
        what = "the disk holding {home} filled up during the write" if is_disk_full(e) or free < 16 \
            else "a write to {home} failed"
        raise DiskFull(
            f"{what.format(home=settings.home)} ({free} MB free now): {str(e).splitlines()[0][:160]}. What was "
            f"committed before is intact and nothing half-written is used: free some space and run the same "
            f"command again; it carries on where this one stopped (`dalil doctor` checks the folder)."
        ) from e


def explain_open_error(e: GraphStoreError, settings: Settings) -> GraphStoreError:
    """An accurate message for a graph that does not open after a failed write."""
    msg = str(e)
    low = msg.lower()
    if "no space left" in low:
        return GraphStoreError(
            f"the disk holding {settings.home} is full ({free_mb(settings.home)} MB free), so the graph cannot "
            f"finish replaying its log. The data it committed is intact: free some space and run the command "
            f"again (`dalil doctor` checks the folder)."
        )
    if "lock" not in low and not settings.graph_uri and _logs(settings.graph_path):
        return GraphStoreError(
            f"{msg}\nThe graph's write-ahead log at {settings.graph_path}.wal cannot be replayed (a write failed "
            f"part-way, e.g. on a full disk). `dalil doctor --home {settings.home}` sets it aside and opens the "
            f"graph in its last checkpointed state."
        )
    return e


def open_graph(s: Settings, on_recover: Callable[[str], None] | None = None) -> GraphStore:
    """Open the configured graph. An embedded graph whose write-ahead log cannot be replayed (a
    write cut short, e.g. by a full disk) is opened without it, in its last checkpointed state,
    when ``on_recover`` is given: the log is kept beside it (``graph.lbug.wal.broken-TIME``) and
    ``on_recover`` hears what happened. A lock, an unreachable server or a disk still full is
    never worked around: those errors are raised with an accurate message."""
    from graph.store import open_store

    try:
        if s.graph_uri:
            return open_store(s.graph_uri, str(s.graph_path), user=s.graph_user, password=s.graph_password,
                              database=s.graph_database)
        return open_store("", str(s.graph_path))
    except GraphStoreError as e:
        err = explain_open_error(e, s)
        logs = _logs(s.graph_path) if not s.graph_uri else []
        if on_recover is None or not logs or "lock" in str(e).lower() or is_disk_full(e):
            raise err from e
        stamp = time.strftime("%Y%m%dT%H%M%S")
        moved = [p.rename(p.with_name(f"{p.name}.broken-{stamp}")) for p in logs]
        try:
            store = open_store("", str(s.graph_path))
        except GraphStoreError:
            for m in moved:  # put the log back: nothing gained, nothing lost
                m.rename(m.with_name(m.name.rsplit(".broken-", 1)[0]))
            raise err from e
        on_recover(
            f"the graph's log could not be replayed ({str(e).splitlines()[0][:160]}); it is kept as "
            f"{', '.join(m.name for m in moved)} and the graph opened in its last checkpointed state. What the "
            f"log held since then (e.g. the files of the interrupted ingest) is not in the graph: run that ingest "
            f"again (the search index follows the graph)."
        )
        return store


def _logs(graph_path: Path) -> list[Path]:
    return sorted(p for p in graph_path.parent.glob(graph_path.name + ".wal*") if ".broken-" not in p.name)


def startup_repair(d: Dalil) -> None:
    """`dalil serve` runs the consistency check before its first request; a failure (a model
    mismatch, an unreachable Qdrant) is reported and the server still answers from the graph."""
    import logging

    log = logging.getLogger("dalil.api")
    try:
        drift = d.check_index(apart=True)
        if drift:
            log.warning("%s; repairing", drift.describe())
            rep = d.repair_index()["repaired"] or {}
            log.warning("search index repaired: %s document(s) re-indexed, %s passage(s) embedded",
                        rep.get("documents", 0), rep.get("embedded", 0))
    except GraphStoreError as e:
        log.warning("search index not checked: %s", e)


# --- dalil doctor ---------------------------------------------------------------------------


@dataclass
class Finding:
    check: str
    state: str  # ok | warning | error | repaired
    detail: str


def doctor(settings: Settings, repair: bool = True, on_embed: Callable[[int, int], None] | None = None) -> list[Finding]:
    """Check the folder: the server lock, free disk, the graph's log, the graph, the vectors, jobs.

    With ``repair`` it fixes what it can, and each finding says what it did."""
    from api.server_lock import read_lock
    from api.service import Dalil

    s, out = settings, []
    home = s.home
    free = free_mb(home)
    out.append(Finding("disk", "ok" if free >= s.min_free_mb else "warning",
                       f"{free} MB free (ingest needs at least DALIL_MIN_FREE_MB={s.min_free_mb})"))
    held = read_lock(home) if not s.graph_uri else None
    if held:
        out.append(Finding("server", "warning", f"a server at {held.get('url')} (pid {held.get('pid')}) holds the "
                           "folder; it runs this check at start. Stop it to check the folder here."))
        return out
    logs = _logs(s.graph_path) if not s.graph_uri else []
    if not s.graph_uri:
        size = sum(p.stat().st_size for p in logs)
        out.append(Finding("graph log", "ok", f"{len(logs)} log file(s), {size // 1024} KiB pending replay"
                           if logs else "no pending log (everything checkpointed)"))
    notes: list[str] = []
    try:
        store = open_graph(s, notes.append if repair else None)
    except GraphStoreError as e:
        out.append(Finding("graph", "error", str(e)))
        return out
    for n in notes:
        out.append(Finding("graph log", "repaired", n))
    broken = sorted(p.name for p in s.graph_path.parent.glob(s.graph_path.name + ".wal*.broken-*"))
    if broken and not notes:
        out.append(Finding("graph log", "ok", f"damaged log(s) set aside earlier: {', '.join(broken)}; what "
                           "they held is not in the graph (re-run the ingests since then), delete them when done"))
    d = Dalil(s, store)
    try:
        docs = len(store.run("documents"))
        out.append(Finding("graph", "ok", f"opens: {docs} document(s)"))
        orphans = d.decisions(orphaned=True)
        out.append(Finding("decisions", "warning" if orphans else "ok",
                           f"{len(orphans)} curator decision(s) apply to nothing any more (`dalil actors decisions "
                           "--orphaned` lists them)" if orphans else "every curator decision applies"))
        drift = d.check_index()
        if not drift:
            out.append(Finding("vectors", "ok", drift.describe()))
        elif repair:
            with write_errors(s):
                rep = d.repair_index(on_embed)["repaired"] or {}
            out.append(Finding("vectors", "repaired", f"{drift.describe()}; re-indexed {rep.get('documents', 0)} "
                               f"document(s) ({rep.get('embedded', 0)} passage(s) embedded, {rep.get('reused', 0)} "
                               f"reused), removed {len(drift.deleted)} deleted document(s)' vectors"))
        else:
            out.append(Finding("vectors", "warning", drift.describe()))
    except GraphStoreError as e:
        out.append(Finding("vectors", "error", str(e)))
    finally:
        d.close()
    from api.jobs import pending_jobs

    waiting = pending_jobs(home)
    out.append(Finding("upload jobs", "warning" if waiting else "ok",
                       f"{len(waiting)} accepted upload(s) not finished; the server resumes them at start"
                       if waiting else "none waiting"))
    return out


def findings_json(found: list[Finding]) -> dict[str, Any]:
    return {"healthy": all(f.state in ("ok", "repaired") for f in found), "findings": [asdict(f) for f in found]}


# --- backup and restore -----------------------------------------------------------------------

KEEP = ("graph.lbug", "qdrant", "keys.json", "jobs")


def _members(home: Path) -> list[Path]:
    out = []
    for name in KEEP:
        p = home / name
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.name != ".lock")
        elif p.exists():
            out.append(p)
    return out + _logs(home / "graph.lbug")


def backup(d: Dalil, out: Path) -> dict[str, Any]:
    """One archive of graph, vectors, decisions (in the graph), keys and pending jobs.

    The caller holds the store lock (the server's, or the CLI's own process), so no write runs
    while the files are read; the graph is checkpointed first, so its file is complete."""
    s = d.settings
    if s.graph_uri or s.qdrant_url:
        raise GraphStoreError("backup covers the embedded graph and Qdrant's local mode; back up a Neo4j or "
                              "Qdrant server with its own snapshot tools")
    d.graph.cypher("CHECKPOINT")
    manifest = {"format": BACKUP_FORMAT, "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
                "documents": len(d.graph.run("documents")), "points": d.vectors().count(),
                "decisions": len(d.graph.run("decisions")), "embedder": (d.vectors().info() or {}).get("model", "")}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with tarfile.open(tmp, "w:gz") as tar:
        data = json.dumps(manifest, indent=2).encode()
        info = tarfile.TarInfo("dalil-backup.json")
        info.size, info.mtime = len(data), int(time.time())
        tar.addfile(info, io.BytesIO(data))
        for f in _members(s.home):
            tar.add(f, arcname=f.relative_to(s.home).as_posix())
    tmp.replace(out)  # a backup cut short never looks complete
    return {"file": str(out), "bytes": out.stat().st_size, **manifest}


def restore(archive: Path, home: Path) -> dict[str, Any]:
    """Unpack a backup into an empty (or new) data folder and check it opens and is in step."""
    from api.service import open_dalil

    home = Path(home)
    if home.exists() and any(home.iterdir()):
        raise GraphStoreError(f"{home} is not empty; restore into a new or empty folder (nothing was changed)")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            names = tar.getnames()
            if "dalil-backup.json" not in names:
                raise GraphStoreError(f"{archive}: not a Dalil backup (no dalil-backup.json)")
            bad = [n for n in names if n.startswith("/") or ".." in Path(n).parts]
            if bad:
                raise GraphStoreError(f"{archive}: refused, member paths leave the folder: {bad[:3]}")
            meta = tar.extractfile("dalil-backup.json")
            manifest = json.loads(meta.read()) if meta else {}
            home.mkdir(parents=True, exist_ok=True)
            tar.extractall(home, filter="data")
    except (OSError, tarfile.TarError, ValueError) as e:
        raise GraphStoreError(f"{archive}: not a readable Dalil backup ({e})") from None
    (home / "dalil-backup.json").unlink()
    with open_dalil(home=home) as d:
        docs = len(d.graph.run("documents"))
        drift = d.check_index()
    return {"home": str(home), "documents": docs, "backup": manifest, "index": drift.describe(),
            "in_step": not drift}
