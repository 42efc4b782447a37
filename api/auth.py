"""API keys with roles, stored hashed in ``<home>/keys.json``.

P/CVE data is sensitive: a key is shown once at creation and only its salted hash is kept,
so a leaked keys file does not leak keys. Keys are long random tokens, so one salted SHA-256
is enough (slow hashes are for guessable passwords) and keeps every request cheap.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

Role = Literal["reader", "editor", "admin"]
ROLES: tuple[Role, ...] = ("reader", "editor", "admin")
RANK: dict[str, int] = {r: i for i, r in enumerate(ROLES)}
PREFIX = "dalil"


class KeyRecord(BaseModel):
    id: str
    name: str = ""
    role: Role
    salt: str
    hash: str
    created: str
    revoked: bool = False

    def public(self) -> dict[str, object]:
        """What listing shows: never the hash or salt."""
        return {"id": self.id, "name": self.name, "role": self.role, "created": self.created, "revoked": self.revoked}


def _digest(salt: str, secret: str) -> str:
    return hashlib.sha256((salt + secret).encode()).hexdigest()


def allows(role: str, needed: Role) -> bool:
    return RANK.get(role, -1) >= RANK[needed]


class KeyStore:
    """keys.json, re-read when it changes (keys made with the CLI work on a running server)."""

    def __init__(self, home: Path) -> None:
        self.path = Path(home) / "keys.json"
        self._lock = threading.Lock()
        self._mtime: float | None = None
        self._keys: dict[str, KeyRecord] = {}

    def _load(self) -> dict[str, KeyRecord]:
        try:
            mtime = self.path.stat().st_mtime
        except FileNotFoundError:
            self._keys, self._mtime = {}, None
            return self._keys
        if mtime != self._mtime:
            data = json.loads(self.path.read_text(encoding="utf-8") or "[]")
            self._keys = {k["id"]: KeyRecord(**k) for k in data}
            self._mtime = mtime
        return self._keys

    def _save(self, keys: dict[str, KeyRecord]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps([k.model_dump() for k in keys.values()], indent=1), encoding="utf-8")
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)
        self._mtime = None

    def create(self, role: Role, name: str = "") -> tuple[KeyRecord, str]:
        """A new key: the record (stored) and the token (shown once, never stored)."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} (roles: {', '.join(ROLES)})")
        with self._lock:
            keys = dict(self._load())
            kid = secrets.token_hex(4)
            while kid in keys:
                kid = secrets.token_hex(4)
            secret, salt = secrets.token_urlsafe(32), secrets.token_hex(16)
            rec = KeyRecord(id=kid, name=name[:80], role=role, salt=salt, hash=_digest(salt, secret),
                            created=datetime.now(UTC).isoformat(timespec="seconds"))
            keys[kid] = rec
            self._save(keys)
        return rec, f"{PREFIX}_{kid}_{secret}"

    def list(self) -> list[KeyRecord]:
        with self._lock:
            return list(self._load().values())

    def revoke(self, kid: str) -> KeyRecord:
        with self._lock:
            keys = dict(self._load())
            if kid not in keys:
                raise KeyError(f"no key with id {kid!r}")
            keys[kid] = keys[kid].model_copy(update={"revoked": True})
            self._save(keys)
            return keys[kid]

    def verify(self, token: str) -> KeyRecord | None:
        """The live key this token is, or None; constant-time on the hash."""
        parts = token.split("_", 2)
        if len(parts) != 3 or parts[0] != PREFIX:
            return None
        with self._lock:
            rec = self._load().get(parts[1])
        if rec is None or rec.revoked:
            return None
        return rec if hmac.compare_digest(rec.hash, _digest(rec.salt, parts[2])) else None
