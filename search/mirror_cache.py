"""The search mirror and its BM25 postings on disk, so a new process answers its first query fast.

At 100k chunks a new process spent ~9 s opening Qdrant's local folder (it loads every point),
~2 s building the mirror's inverted indexes and ~17 s building BM25 before its first answer.
The first search after a change saves all three here; the next process loads them in about a
second without opening Qdrant at all.

Validity is a stamp, not a clock: every write to the vector store first writes a new random
stamp (``VectorStore._will_change``), and a cache is used only when it was saved under the
current stamp. A crash mid-write therefore leaves the cache stale, never wrong. Local mode
only: a Qdrant server may be written by other processes this one never hears of.
"""

from __future__ import annotations

import os
import pickle
import uuid
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, overload

import numpy as np

from search.lexical import ANALYZER_VERSION

STAMP = "dalil-stamp"
CACHE = "dalil-mirror"
# bump LAYOUT when the saved layout changes; the BM25 terms' version is part of it too
LAYOUT = 5  # 3: the projected copy of the vectors (search/projection.py); 4: packed inverted indexes;
# 5: their values packed too (``pack_inv``)
VERSION = LAYOUT * 100 + ANALYZER_VERSION


# Arrays opened as memory maps: read by the page when a query touches them, so a new process
# does not copy 200 MB of vectors and postings before its first answer. The packed inverted
# indexes (``INV`` prefix) are mapped too: a query reads a few values' rows, and copied whole
# they were ~4 MB of a `dalil serve`'s resident memory over 10,000 bodies (issue 19).
MAPPED = ("matrix", "payload_blob", "bm25_rows", "bm25_weights", "proj_rows")
INV = "inv_"  # array name prefix of a packed inverted index (``pack_inv``)


def mapped(name: str) -> bool:
    """True when the saved array ``name`` is opened as a memory map, not read into memory."""
    return name in MAPPED or name.startswith(INV)


class Rows(Sequence[dict[str, Any]]):
    """Chunk payloads unpickled one by one when asked: at 100k chunks unpickling them all took
    ~4 s of a new process's first answer, which reads only its ten hits."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        self._blob, self._off = blob, offsets
        self._done: dict[int, dict[str, Any]] = {}

    def __len__(self) -> int:
        return len(self._off) - 1

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        if i not in self._done:
            raw = self._blob[int(self._off[i]) : int(self._off[i + 1])].tobytes()
            self._done[i] = pickle.loads(raw)  # noqa: S301 - our own file, in the user's own data folder
        return self._done[i]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (self[i] for i in range(len(self)))


class Postings(Mapping[str, np.ndarray]):
    """One filter field's inverted index (value -> its rows) as one array of rows and offsets.

    Pickled as a dict of arrays, the index took most of a new process's cache load at 100k
    chunks: ~100k tiny arrays (``text_hash`` has one value per chunk), 0.6-0.8 s to unpickle.
    Packed, it loads as two arrays; its values are a third (UTF-8, with their offsets), decoded
    on the field's first use, and the value -> position dict is built on its first lookup: the
    fields a process never filters on (``text_hash`` is read by ingest only; ``actors`` holds
    every body's id, 10,000 of them, 0.7 MB as strings) cost it no object (issue 19)."""

    def __init__(self, keys: np.ndarray, key_offsets: np.ndarray, rows: np.ndarray, offsets: np.ndarray) -> None:
        self._packed: tuple[np.ndarray, np.ndarray] | None = (keys, key_offsets)
        self._keys: list[str] | None = None
        self._rows, self._off = rows, offsets
        self._pos: dict[str, int] | None = None

    def _values(self) -> list[str]:
        if self._keys is None:
            assert self._packed is not None
            blob, off = self._packed
            raw, ends = blob.tobytes(), off.tolist()
            self._keys = [raw[a:b].decode("utf-8") for a, b in zip(ends[:-1], ends[1:], strict=True)]
            self._packed = None
        return self._keys

    def __getitem__(self, key: str) -> np.ndarray:
        if self._pos is None:
            self._pos = {k: i for i, k in enumerate(self._values())}
        i = self._pos[key]
        # a plain view of the (mapped) rows: callers index with it or copy it, never a memmap
        return np.asarray(self._rows[int(self._off[i]) : int(self._off[i + 1])])

    def __len__(self) -> int:
        return len(self._off) - 1

    def __iter__(self) -> Iterator[str]:
        return iter(self._values())


def pack_inv(inv: Mapping[str, Mapping[str, np.ndarray]]) -> tuple[list[str], dict[str, np.ndarray]]:
    """Inverted indexes as (their fields, for the meta) and four arrays per field: its rows and
    their offsets, its values (UTF-8) and theirs."""
    arrays: dict[str, np.ndarray] = {}
    for f, d in inv.items():
        keys = list(d)
        parts = [np.asarray(d[k], dtype=np.int64) for k in keys]
        arrays[f"{INV}{f}_rows"] = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        arrays[f"{INV}{f}_off"] = _offsets([len(x) for x in parts])
        raw = [k.encode("utf-8") for k in keys]
        arrays[f"{INV}{f}_keys"] = np.frombuffer(b"".join(raw), dtype=np.uint8)
        arrays[f"{INV}{f}_keys_off"] = _offsets([len(b) for b in raw])
    return list(inv), arrays


def _offsets(lengths: list[int]) -> np.ndarray:
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return offsets


def unpack_inv(fields: list[str], arrays: dict[str, np.ndarray]) -> dict[str, Postings]:
    return {f: Postings(arrays[f"{INV}{f}_keys"], arrays[f"{INV}{f}_keys_off"], arrays[f"{INV}{f}_rows"],
                        arrays[f"{INV}{f}_off"]) for f in fields}


def pack_rows(payloads: Sequence[dict[str, Any]]) -> dict[str, np.ndarray]:
    """Payloads as one byte array and its offsets (what ``Rows`` reads)."""
    parts = [pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL) for p in payloads]
    offsets = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in parts], out=offsets[1:])
    return {"payload_blob": np.frombuffer(b"".join(parts), dtype=np.uint8), "payload_offsets": offsets}


def read_stamp(folder: Path) -> str:
    try:
        return (folder / STAMP).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def new_stamp(folder: Path) -> str:
    stamp = uuid.uuid4().hex
    tmp = folder / (STAMP + ".tmp")
    tmp.write_text(stamp, encoding="utf-8")
    os.replace(tmp, folder / STAMP)
    return stamp


def save(folder: Path, stamp: str, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
    """Writes into a new folder, then swaps it in: a reader never sees half a cache."""
    tmp = folder / f"{CACHE}.{uuid.uuid4().hex[:8]}.tmp"
    tmp.mkdir()
    for name, arr in arrays.items():
        np.save(tmp / f"{name}.npy", arr, allow_pickle=False)
    with open(tmp / "meta.pkl", "wb") as f:
        pickle.dump({"version": VERSION, "stamp": stamp, **meta}, f, protocol=pickle.HIGHEST_PROTOCOL)
    (tmp / "stamp").write_text(f"{VERSION} {stamp}", encoding="utf-8")
    old = folder / CACHE
    if old.exists():
        gone = folder / f"{CACHE}.{uuid.uuid4().hex[:8]}.old"
        os.replace(old, gone)
        _remove(gone)
    os.replace(tmp, old)


def load(folder: Path, stamp: str) -> tuple[dict[str, Any], dict[str, np.ndarray]] | None:
    """The cache saved under ``stamp``, or None (absent, stale, another layout, unreadable)."""
    where = folder / CACHE
    try:
        if not stamp or (where / "stamp").read_text(encoding="utf-8") != f"{VERSION} {stamp}":
            return None
        with open(where / "meta.pkl", "rb") as f:
            meta = pickle.load(f)  # noqa: S301 - our own file, in the user's own data folder
        if meta.get("version") != VERSION or meta.get("stamp") != stamp:
            return None
        arrays = {p.stem: np.load(p, allow_pickle=False, mmap_mode="r" if mapped(p.stem) else None)
                  for p in where.glob("*.npy")}
    except (OSError, EOFError, pickle.UnpicklingError, ValueError):
        return None
    return meta, arrays


def _remove(folder: Path) -> None:
    for p in folder.iterdir():
        p.unlink(missing_ok=True)
    folder.rmdir()
