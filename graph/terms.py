"""A token-sequence index for gazetteer, vocabulary and registry look-ups in running text.

Matching on normalised token keys (not raw regexes) is what lets one index find "Ninewa",
"NINEWA" and "نينوى", the Arabic with its attached و / ال, and a plural "subcommittees"
for a singular label, while reporting exact character offsets into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from graph.names import normalize_name

T = TypeVar("T")

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def token_key(tok: str) -> str:
    """The comparable form of one token: normalised, with a light English plural stem."""
    k = normalize_name(tok)
    if k.isascii() and len(k) > 3 and k.endswith("s") and not k.endswith("ss"):
        k = k[:-3] + "y" if k.endswith("ies") else k[:-1]
    return k


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


@dataclass(frozen=True)
class Hit(Generic[T]):
    start: int
    end: int
    text: str
    payload: T


class TermIndex(Generic[T]):
    """Maps token-key sequences to payloads; finds longest, non-overlapping matches."""

    def __init__(self, max_len: int = 10) -> None:
        self._terms: dict[tuple[str, ...], list[tuple[T, str]]] = {}
        self.max_len = max_len

    def add(self, term: str, payload: T, case: str = "any") -> None:
        """``case``: "any", "upper" (acronyms: the text must be upper case) or "title"."""
        key = tuple(token_key(t) for _, _, t in tokens(term))
        key = tuple(k for k in key if k)
        if not key or len(key) > self.max_len:
            return
        entries = self._terms.setdefault(key, [])
        if all(p != payload for p, _ in entries):
            entries.append((payload, case))

    def add_all(self, terms: Iterable[str], payload: T, case: str = "any") -> None:
        for t in terms:
            self.add(t, payload, case)

    def find(self, text: str) -> list[Hit[T]]:
        toks = tokens(text)
        keys = [token_key(t) for _, _, t in toks]
        hits: list[Hit[T]] = []
        i = 0
        while i < len(toks):
            found = None
            for n in range(min(self.max_len, len(toks) - i), 0, -1):
                entries = self._terms.get(tuple(keys[i : i + n]))
                if not entries:
                    continue
                surface = [t for _, _, t in toks[i : i + n]]
                ok = [p for p, case in entries if _case_ok(surface, case)]
                if ok:
                    found = (n, ok)
                    break
            if found:
                n, payloads = found
                s, e = toks[i][0], toks[i + n - 1][1]
                for p in payloads:
                    hits.append(Hit(s, e, text[s:e], p))
                i += n
            else:
                i += 1
        return hits


def _case_ok(surface: list[str], case: str) -> bool:
    if case == "upper":
        return all(t.isupper() or not t.isascii() or t.isdigit() for t in surface)
    if case == "title":
        first = surface[0]
        return not first.isascii() or first[:1].isupper()
    return True
