"""The directory's bodies' rows, held by column and packed (issue 19: serve memory).

A process keeps every body's row for its life; as 10,000 dicts of ten keys (with their names,
alias lists and empty merge lists) they were about 6 MB of small objects on the synthetic graph,
none of which an answer needs at once. Here a column whose values repeat (kind, level, seat,
source, is_class) is one list of shared values, a column of text (names) one UTF-8 blob with its
offsets, a column of lists of text (aliases, merges) the same over the flattened items: a few
large objects instead of 60,000 small ones. A row is made as a plain dict when it is asked for,
and the last ones made are kept, so that an answer reading one body many times makes it once.
Scans of every body read the columns they test (``scan``), not 10,000 rows.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

# rows made and kept at once: the bodies one answer touches (a governorate's brief reads a few
# hundred); past it the memo starts again, so it never holds the whole directory
_MADE = 2048


class _Shared:
    """Values that repeat (kind, level, seat, source, is_class): a list of them with each
    distinct value one object, so that a scan reads the list itself."""

    def __init__(self, values: Iterable[Any] = ()) -> None:
        # (type, value) -> its one object, while rows are added: how many distinct values the
        # column holds (``_Builder`` turns a column of mostly distinct strings into a ``_Text``)
        self.same: dict[Any, Any] | None = {}
        self.strs = True  # every value so far a string
        self.values: list[Any] = []
        for v in values:
            self.append(v)

    def append(self, v: Any) -> None:
        assert self.same is not None
        if type(v) is not str:
            self.strs = False
        self.values.append(_share(self.same, v))

    def done(self) -> None:
        self.same = None

    def get(self, i: int) -> Any:
        return self.values[i]

    def iter(self) -> Iterable[Any]:
        return self.values

    def key(self) -> tuple[Any, ...]:
        return ("shared", self.values)


def _share(same: dict[Any, Any], v: Any) -> Any:
    if type(v) is str:
        return same.setdefault((str, v), sys.intern(v))
    try:
        return same.setdefault((type(v), v), v)  # True == 1: a bool kept apart from an int
    except TypeError:  # unhashable (a list of other things): kept as it is
        return v


class _Text:
    """Strings: one UTF-8 blob and the offset of each."""

    def __init__(self, values: Iterable[str] = ()) -> None:
        # the values encoded into it as they come (not a list of 10,000 bytes objects joined at
        # the end); ``done`` makes it the blob
        self._buf: bytearray | None = bytearray()
        self.blob = b""
        self.ends = array("Q")
        for v in values:
            self.append(v)

    def append(self, v: str) -> None:
        assert self._buf is not None
        self._buf += v.encode()
        self.ends.append(len(self._buf))

    def done(self) -> None:
        if self._buf is not None:
            self.blob, self._buf = bytes(self._buf), None
            if len(self.blob) < 1 << 32:
                self.ends = array("I", self.ends)

    def get(self, i: int) -> str:
        ends = self.ends
        return self.blob[ends[i - 1] if i else 0 : ends[i]].decode()

    def iter(self) -> Iterator[str]:
        blob, start = self.blob, 0
        for end in self.ends:
            yield blob[start:end].decode()
            start = end

    def key(self) -> tuple[Any, ...]:
        return ("text", self.blob, self.ends.tobytes())


class _TextLists:
    """Lists of strings: their items as one ``_Text``, and where each row's items end."""

    def __init__(self, values: Iterable[list[str]] = ()) -> None:
        self.items = _Text()
        self.ends = array("I")
        self._end = 0
        for v in values:
            self.append(v)

    def append(self, v: list[str]) -> None:
        for s in v:
            self.items.append(s)
        self._end += len(v)
        self.ends.append(self._end)

    def done(self) -> None:
        self.items.done()

    def get(self, i: int) -> list[str]:
        ends = self.ends
        return [self.items.get(j) for j in range(ends[i - 1] if i else 0, ends[i])]

    def iter(self) -> Iterator[list[str]]:
        items, start = self.items.iter(), 0
        for end in self.ends:
            yield [next(items) for _ in range(end - start)]
            start = end

    def key(self) -> tuple[Any, ...]:
        return ("lists", self.items.key(), self.ends.tobytes())


_Column = _Shared | _Text | _TextLists
# distinct strings past which a column of strings only is held as text (a body's names), not as
# shared values (kind, level, seat, source: a few hundred at most, the seats of 414 places)
_DISTINCT = 1024


def _is_texts(v: Any) -> bool:
    return type(v) is list and all(type(s) is str for s in v)


class _Builder:
    """One column, filled a row at a time: the values go into their packed form as they come, so
    a column is never a list of 10,000 strings (nor of their encodings) before it is packed.
    Lists of strings are a ``_TextLists``; strings shared values until more than ``_DISTINCT``
    are distinct, then a ``_Text``; anything else (or a column of mixed types) shared values."""

    def __init__(self, first: Any) -> None:
        self.col: _Column = _TextLists() if _is_texts(first) else _Shared()

    def append(self, v: Any) -> None:
        col = self.col
        if type(col) is _Shared:
            col.append(v)
            if col.strs and col.same is not None and len(col.same) > _DISTINCT:
                self.col = _Text(col.values)
        elif type(col) is _Text and type(v) is str or type(col) is _TextLists and _is_texts(v):
            col.append(v)
        else:  # not the type the column started with: its values, shared from now on
            col.done()
            self.col = _Shared(col.iter())
            self.col.append(v)

    def done(self) -> _Column:
        self.col.done()
        return self.col


class BodyRows(Mapping[str, dict[str, Any]]):
    """Body id -> its row (a dict, the columns in the store's order), as the directory holds them:
    the same rows, in the same order, as a dict of the rows read. Rows not all of one shape (or
    an id read twice) are kept as they are."""

    def __init__(self, rows: Iterable[dict[str, Any]], key: str = "id") -> None:
        """``rows`` are taken one at a time (``GraphStore.rows``): their values go into the
        columns as they come, so the rows are never all held as dicts at once."""
        self._key = key
        self._names: tuple[str, ...] = ()
        self._plain: dict[str, dict[str, Any]] | None = None
        self._made: dict[str, dict[str, Any]] = {}
        self._ids: list[str] = []
        self._at: dict[str, int] = {}
        self._cols: dict[str, _Column] = {}
        cols: dict[str, _Builder] = {}
        it = iter(rows)
        for r in it:
            if not self._ids:
                self._names = tuple(r)
                cols = {n: _Builder(r[n]) for n in self._names if n != key}
            k = r[key]
            if tuple(r) != self._names or k in self._at:  # not one shape, or an id twice: kept as read
                got = {n: b.done() for n, b in cols.items()}
                made = [{n: self._ids[i] if n == key else got[n].get(i) for n in self._names} for i in range(len(self._ids))]
                self._plain = {x[key]: x for x in (*made, r, *it)}
                self._ids = list(self._plain)
                self._at = {a: i for i, a in enumerate(self._ids)}
                return
            self._at[k] = len(self._ids)
            self._ids.append(k)
            for n, b in cols.items():
                b.append(r[n])
        self._cols = {n: b.done() for n, b in cols.items()}

    def _make(self, i: int) -> dict[str, Any]:
        k = self._key
        return {n: self._ids[i] if n == k else self._cols[n].get(i) for n in self._names}

    def __getitem__(self, aid: str) -> dict[str, Any]:
        if self._plain is not None:
            return self._plain[aid]
        got = self._made.get(aid)
        if got is None:
            got = self._make(self._at[aid])
            if len(self._made) >= _MADE:
                self._made.clear()
            self._made[aid] = got
        return got

    def get(self, aid: str, default: Any = None) -> Any:  # type: ignore[override]
        return self[aid] if aid in self._at else default

    def own(self, aid: str) -> str:
        """The id object held for ``aid`` (``aid`` itself when not held): what other maps of
        the directory key a body by, so that 10,000 ids are not kept twice."""
        i = self._at.get(aid)
        return aid if i is None else self._ids[i]

    def __contains__(self, aid: object) -> bool:
        return aid in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def scan(self, *names: str) -> Iterator[tuple[Any, ...]]:
        """(id, *values) of every body, in the directory's order: what a scan of every body
        tests, without making 10,000 rows (nor decoding all their names at once)."""
        if self._plain is not None:
            return ((k, *(r.get(n) for n in names)) for k, r in self._plain.items())
        n_rows = len(self._ids)
        cols = [self._ids if n == self._key else self._cols[n].iter() if n in self._cols else [None] * n_rows
                for n in names]
        return zip(self._ids, *cols, strict=True)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, BodyRows) and self._plain is None and other._plain is None:
            return (self._ids == other._ids and self._names == other._names
                    and all(c.key() == other._cols[n].key() for n, c in self._cols.items()))
        return Mapping.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]
