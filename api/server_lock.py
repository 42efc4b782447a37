"""The lock file a running `dalil serve` leaves in its data folder.

The embedded graph is single-process: while a server holds a folder, a CLI command against
it must say so and name the server, instead of failing deep inside the engine.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import Any

from graph.store import GraphStoreError

LOCK_NAME = "server.lock"


def prepare_home(home: Path) -> Path:
    """The data folder, created if missing and kept private: the folder 0700, its files 0600
    (the graph, vectors and key hashes are nobody else's to read). A path that is a file, or
    cannot be created, is a GraphStoreError with the reason, not a traceback."""
    home = Path(home)
    if home.exists() and not home.is_dir():
        raise GraphStoreError(f"the data folder {home} is a file, not a folder; pass --home a folder "
                              "(it is created when missing)")
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as e:
        raise GraphStoreError(f"cannot create the data folder {home}: {e.strerror or e}") from e
    restrict(home)
    return home


def restrict(home: Path) -> None:
    """Folder 0700, files 0600, for what this user owns under ``home`` (symlinks left alone)."""
    uid = os.geteuid()
    for root, dirs, files in os.walk(home):
        for name, mode in [(root, 0o700), *((os.path.join(root, d), 0o700) for d in dirs),
                           *((os.path.join(root, f), 0o600) for f in files)]:
            try:
                st = os.lstat(name)
                if st.st_uid == uid and not os.path.islink(name) and st.st_mode & 0o777 != mode:
                    os.chmod(name, mode)
            except OSError:
                continue


class ServerHoldsData(GraphStoreError):
    """A live `dalil serve` owns this data folder."""

    def __init__(self, home: Path, url: str, pid: int) -> None:
        super().__init__(
            f"the data folder {home} is held by a running server at {url} (pid {pid}). "
            f"Use it instead (web pages at {url}/, the API at {url}/docs), or stop it and run the command again."
        )
        self.url, self.pid = url, pid


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_lock(home: Path) -> dict[str, Any] | None:
    """The live server's lock, or None (a stale lock of a dead process is ignored)."""
    f = Path(home) / LOCK_NAME
    try:
        info = json.loads(f.read_text(encoding="utf-8"))
        pid = int(info["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if info.get("host") != socket.gethostname() or pid == os.getpid() or not _alive(pid):
        return None
    return dict(info)


def check_free(home: Path) -> None:
    info = read_lock(home)
    if info:
        raise ServerHoldsData(Path(home), str(info.get("url", "")), int(info["pid"]))


def write_lock(home: Path, url: str) -> Path:
    f = Path(home) / LOCK_NAME
    fd = os.open(f, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "url": url}))
    return f


def remove_lock(home: Path) -> None:
    f = Path(home) / LOCK_NAME
    try:
        if json.loads(f.read_text(encoding="utf-8")).get("pid") == os.getpid():
            f.unlink()
    except (OSError, ValueError):
        pass
