"""Typed dependencies: the shared Dalil (behind one lock) and the caller's role.

The embedded graph has one connection per process, so every call into the service runs under
one re-entrant lock. Ingest jobs do not hold it for their whole run (a 500-page PDF held every
reader for minutes, issue 17): they take a store lock for each write and vector-store call
only, so extraction and embedding run while readers answer, and a reader never sees half a
document because a document's facts are one store write. On the embedded store reads do not
take that lock at all (they read the last committed state beside the write; see Service).
Jobs queue behind each other (``ingest_lock``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.auth import KeyStore, Role, allows
from api.service import Dalil
from graph.settings import Settings
from graph.store import GraphStore

if TYPE_CHECKING:
    from search.vectors import VectorStore

T = TypeVar("T")

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key from `dalil keys create`.")
bearer = HTTPBearer(auto_error=False, description="The same API key as a bearer token.")


class Locked:
    """``obj`` with every method call run under ``lock``, but those named in ``free``; plain
    attributes read through."""

    def __init__(self, obj: Any, lock: threading.RLock, free: frozenset[str] = frozenset()) -> None:
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_lock", lock)
        object.__setattr__(self, "_free", free)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._obj, name)
        if not callable(value) or name in self._free:
            return value
        lock = self._lock

        def locked(*args: Any, **kw: Any) -> Any:
            with lock:
                return value(*args, **kw)

        return locked

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._obj, name, value)


_writes = threading.local()  # this thread's store writes, counted (Service: a curator's own write)


class _Counted(Locked):
    """A Locked store whose writes are counted per thread."""

    def __getattr__(self, name: str) -> Any:
        value = super().__getattr__(name)
        if name not in ("write", "cypher"):
            return value

        def counted(*args: Any, **kw: Any) -> Any:
            try:
                return value(*args, **kw)
            finally:
                _writes.n = getattr(_writes, "n", 0) + 1

        return counted


class Service:
    """Dalil's methods, each run under the store lock; ``ingest`` jobs run outside it, their
    store and vector calls each under it (see the module docstring)."""

    def __init__(self, dalil: Dalil, lock: threading.RLock) -> None:
        self.dalil, self.lock = dalil, lock
        self.ingest_lock = threading.Lock()
        # A store whose reads run beside a write (LadybugDB: a connection per thread, each
        # reading the last committed state) has its writes and the vector store locked apart
        # from the service: a job's write or vector upsert holds up other writes and searches,
        # never a question answered from the graph (issue 17). Service methods still run one at a
        # time under ``lock`` (their caches), and take ``store_lock`` inside it, never the reverse.
        concurrent = bool(getattr(dalil.graph, "concurrent_reads", False))
        self.store_lock = threading.RLock() if concurrent else lock
        free = frozenset({"run", "reading"}) if concurrent else frozenset()
        dalil.graph = cast(GraphStore, _Counted(dalil.graph, self.store_lock, free))
        # the vector store is opened here, not on first search, so that it can be wrapped too; if
        # it cannot be opened now, searches say why later (and run under the service lock anyway)
        try:
            dalil._vectors = cast("VectorStore", Locked(dalil.vectors(), self.store_lock))
        except Exception:  # noqa: BLE001 - VectorStoreError and the client's own errors alike
            dalil._vectors = None

    def ingest(self, files: list[Any], **kw: Any) -> Any:
        """An ingest job: one at a time, readers not held up (module docstring). Questions
        meanwhile answer from the Snapshot published before the job and after each file it
        wrote (``Dalil.publish``, built here, outside the service lock), never rebuilding one
        themselves after each write."""
        on_file = kw.pop("on_file", None)
        dalil = self.dalil

        def step(rep: Any) -> None:
            if rep.status == "ingested":
                try:
                    dalil.publish()
                except Exception:  # noqa: BLE001 - questions then rebuild their own, as without a job
                    dalil._snap = None
            if on_file:
                on_file(rep)

        with self.ingest_lock:
            if dalil._snap is None:
                dalil.publish()  # the state questions read until the first file is written
            dalil.frozen = True
            try:
                # documents are loaded and parsed in worker processes (isolate), not in this one
                return dalil.ingest(files, on_file=step, **{"isolate": True, **kw})
            finally:
                dalil.frozen = False

    def call(self, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        with self.lock:
            return fn(*args, **kw)

    def exclusive(self, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        """``fn`` with no write running meanwhile, a job's included (a backup reads the files)."""
        with self.lock, self.store_lock:
            return fn(*args, **kw)

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self.dalil, name)
        dalil = self.dalil

        def locked(*args: Any, **kw: Any) -> Any:
            with self.lock:
                before = getattr(_writes, "n", 0)
                out = method(*args, **kw)
                if dalil.frozen and getattr(_writes, "n", 0) != before:
                    dalil.publish()  # a curator's own write during a job: the next read shows it
                return out

        return locked


def get_service(request: Request) -> Service:
    svc: Service = request.app.state.service
    return svc


def get_settings_dep(request: Request) -> Settings:
    s: Settings = request.app.state.settings
    return s


def get_keys(request: Request) -> KeyStore:
    k: KeyStore = request.app.state.keys
    return k


@dataclass(frozen=True)
class Caller:
    role: str  # "anonymous" | reader | editor | admin
    key_id: str = ""


def _token(key: str | None, cred: HTTPAuthorizationCredentials | None) -> str | None:
    if key:
        return key
    return cred.credentials if cred else None


def require(role: Role) -> Callable[..., Caller]:
    """A dependency that lets in callers with at least ``role`` (reads may be open)."""

    def dep(
        request: Request,
        key: Annotated[str | None, Depends(api_key_header)] = None,
        cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
    ) -> Caller:
        settings: Settings = request.app.state.settings
        token = _token(key, cred)
        if not token:
            if role == "reader" and settings.api_open_reads:
                return Caller("anonymous")
            raise HTTPException(401, f"an API key with role {role} or above is required "
                                     "(send it as X-API-Key or Authorization: Bearer)",
                                headers={"WWW-Authenticate": "Bearer"})
        rec = request.app.state.keys.verify(token)
        if rec is None:
            raise HTTPException(401, "the API key is unknown or revoked", headers={"WWW-Authenticate": "Bearer"})
        request.state.key_id = rec.id  # for the access log (api.security): the id, never the key
        if not allows(rec.role, role):
            raise HTTPException(403, f"this key has role {rec.role}; this needs role {role} or above")
        return Caller(rec.role, rec.id)

    return dep


Svc = Annotated[Service, Depends(get_service)]
Reader = Annotated[Caller, Depends(require("reader"))]
Editor = Annotated[Caller, Depends(require("editor"))]
Admin = Annotated[Caller, Depends(require("admin"))]
