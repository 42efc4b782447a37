"""A token-sequence index for gazetteer, vocabulary and registry look-ups in running text.

Matching on normalised token keys (not raw regexes) is what lets one index find "Ninewa",
"NINEWA" and "نينوى", the Arabic with its attached و / ال, and a plural "subcommittees"
for a singular label, while reporting exact character offsets into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar, cast

from graph.names import normalize_name

T = TypeVar("T")

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# an Arabic word with an attached preposition ل / ب (and و before it) in front of a name
_PREPOSITION = re.compile(r"^[وف]?[لب](?=[\u0621-\u064a]{3})")


@lru_cache(maxsize=1 << 16)
def token_key(tok: str) -> str:
    """The comparable form of one token: normalised, with a light English plural stem.
    Cached: running text repeats its words, and normalising was half of extraction's time."""
    return _token_key(tok)


def _token_key(tok: str) -> str:
    k = normalize_name(tok)
    if k.isascii() and len(k) > 3 and k.endswith("s") and not k.endswith("ss"):
        k = k[:-3] + "y" if k.endswith("ies") else k[:-1]
    return k


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


@dataclass(frozen=True)
class Tokenized:
    """A text's tokens and their keys, made once and passed to several indexes' ``find``
    (grounding looks each quote up in the body, concept and place indexes)."""

    text: str
    toks: list[tuple[int, int, str]]
    keys: list[str]


def tokenize(text: str) -> Tokenized:
    toks = tokens(text)
    return Tokenized(text, toks, [token_key(t) for _, _, t in toks])


@dataclass(frozen=True)
class Hit(Generic[T]):
    start: int
    end: int
    text: str
    payload: T


class TermIndex(Generic[T]):
    """Maps token-key sequences to payloads; finds longest, non-overlapping matches.

    ``loose`` (optional) maps a token key to a looser one (a transliteration-insensitive key for
    place names): a span with no exact match is matched on the loose keys, but only when the
    candidates are all known by one exact name; otherwise it stays unresolved, not guessed.

    ``max_len``: the longest term in tokens; a longer one is not indexed. Bodies' names run long
    ("National Committee on the Implementation of the Strategy to Combat Violent Extremism" is
    thirteen), and at ten such names were dropped without a word.
    """

    def __init__(self, max_len: int = 16, loose: Callable[[str], str] | None = None) -> None:
        # a key is its token keys joined by _SEP (one string, not a tuple of strings: a process
        # keeps the index of 20,000 body names, and the tuple with the token keys of its own
        # ("5000", "sb5000") cost twice the string); a key's entries are its payload alone when
        # it is one entry of case "any" (most body names), else a _Many of (payload, case)
        self._terms: dict[str, object] = {}
        # loose key -> (payload, case, exact key) of every term registered under it
        self._loose_terms: dict[str, tuple[tuple[T, str, str], ...]] = {}
        self._loose = loose
        # loose keys of the tokens seen in texts (bounded): grounding looks every new quote up
        self._loose_seen: dict[str, str] = {}
        self.max_len = max_len
        # every shorter leading part of a registered key (exact and loose; a whole key is looked
        # up in the terms themselves, not kept twice): find() stops lengthening a span as soon
        # as it leaves these, instead of looking up all max_len lengths at every token; the same
        # matches, at a fraction of the cost on long texts (issue 17)
        self._prefixes: set[str] = set()
        self._loose_prefixes: set[str] = set()
        # token -> its key while terms are added (find() drops it): the keys of a term's tokens
        # are made here, not through token_key's process-wide cache, which kept every token of
        # 20,000 body names (and its key) for the life of a server; the memo still gives a token
        # repeated across names ("ministry") one key object; and the entries made meanwhile,
        # so that a body's name and alias (the same payload and case) share one tuple
        self._keys: dict[str, str] | None = None
        self._entries: dict[_Many, _Many] = {}
        # text -> its hits, until the next add(): a document that repeats a sentence (boilerplate,
        # a pasted paragraph) looked it up again in every index at every occurrence (issue 17)
        self._found: dict[str, tuple[Hit[T], ...]] = {}

    def add(self, term: str, payload: T, case: str = "any") -> None:
        """``case``: "any", "upper" (acronyms: the text must be upper or mixed-case capitals) or "title"."""
        self._found = {}
        memo = self._keys
        if memo is None:
            memo = self._keys = {}
        parts = []
        for _, _, t in tokens(term):
            k = memo.get(t)
            if k is None:
                if len(memo) >= _KEYS:
                    memo.clear()
                k = memo[t] = _token_key(t)
            if k:
                parts.append(k)
        if not parts or len(parts) > self.max_len:
            return
        key = _SEP.join(parts)
        entries = self._entries_of(key)
        if all(p != payload for p, _ in entries):
            self._terms[key] = self._pack((*entries, (payload, case)))
        self._prefixes.update(_SEP.join(parts[:n]) for n in range(1, len(parts)))
        if self._loose is not None:
            lparts = [self._loose(k) for k in parts]
            lkey = _SEP.join(lparts)
            loose = self._loose_terms.get(lkey, ())
            if all(p != payload or e != key for p, _, e in loose):
                self._loose_terms[lkey] = (*loose, (payload, case, key))
            self._loose_prefixes.update(_SEP.join(lparts[:n]) for n in range(1, len(lparts)))

    def _entries_of(self, key: str) -> tuple[tuple[T, str], ...]:
        """The (payload, case) entries of a key (none if it is not registered)."""
        v = self._terms.get(key, _NONE)
        return cast("tuple[tuple[T, str], ...]", v) if type(v) is _Many else ((cast(T, v), "any"),)

    def _pack(self, entries: tuple[tuple[T, str], ...]) -> object:
        if len(entries) == 1 and entries[0][1] == "any" and type(entries[0][0]) is not _Many:
            return entries[0][0]
        many = _Many(entries)
        return self._entries.setdefault(many, many)

    def _loose_key(self, k: str) -> str:
        got = self._loose_seen.get(k)
        if got is None:
            assert self._loose is not None
            if len(self._loose_seen) > 1 << 16:
                self._loose_seen.clear()
            got = self._loose_seen[k] = self._loose(k)
        return got

    def _loose_match(self, loose: str, surface: list[str]) -> list[T]:
        """Payloads for a span matched only loosely: all of them must share one exact name
        (a governorate and its district of the same name do), else nothing."""
        return one_name([(p, e) for p, case, e in self._loose_terms.get(loose, ()) if _case_ok(surface, case)])

    @classmethod
    def of(cls, terms: Iterable[tuple[str, T, str]]) -> TermIndex[T]:
        """An index of ``(surface, payload, case)`` terms: the names a document has learnt so far."""
        idx: TermIndex[T] = cls()
        for surface, payload, case in terms:
            idx.add(surface, payload, case)
        return idx

    def add_all(self, terms: Iterable[str], payload: T, case: str = "any") -> None:
        for t in terms:
            self.add(t, payload, case)

    def find(self, text: str | Tokenized) -> list[Hit[T]]:
        self._keys, self._entries = None, {}  # added terms are looked up now: the memos go
        key = text.text if isinstance(text, Tokenized) else text
        found = self._found  # the memo of this state of the index (add() starts a new one)
        if (hits := found.get(key)) is None:
            hits = tuple(self._find(text))
            if len(found) >= _MEMO:
                found.clear()
            found[key] = hits
        return list(hits)

    def _find(self, text: str | Tokenized) -> list[Hit[T]]:
        tz = text if isinstance(text, Tokenized) else tokenize(text)
        text, toks, keys = tz.text, tz.toks, tz.keys
        lkeys = [self._loose_key(k) for k in keys] if self._loose is not None else []
        hits: list[Hit[T]] = []
        i = 0
        while i < len(toks):
            found = None
            prep = _PREPOSITION.match(toks[i][2])  # "لمستشارية الأمن": the body after ل / ب
            rest = toks[i][2][prep.end():] if prep else ""
            bare = token_key(rest) if prep else ""
            limit = min(self.max_len, len(toks) - i)
            n_exact = _reach(self._prefixes, self._terms, keys[i : i + limit])
            n_bare = _reach(self._prefixes, self._terms, [bare, *keys[i + 1 : i + limit]]) if bare else 0
            if rest.startswith("ل"):  # "للأمم المتحدة": ل + الأمم, the article's alef dropped
                elided = token_key("ا" + rest)
                n_elided = _reach(self._prefixes, self._terms, [elided, *keys[i + 1 : i + limit]])
                # a name of two words or more: "للسلام" is "for peace" far more often than a place
                if n_elided > max(n_bare, 1):
                    bare, n_bare = elided, n_elided
            n_loose = _reach(self._loose_prefixes, self._loose_terms, lkeys[i : i + limit]) if lkeys else 0
            for n in range(max(n_exact, n_bare, n_loose), 0, -1):
                span = keys[i : i + n]
                surface = [t for _, _, t in toks[i : i + n]]
                ok = [p for p, case in self._entries_of(_SEP.join(span)) if _case_ok(surface, case)] if n <= n_exact else []
                if not ok and n <= n_bare:
                    ok = [p for p, case in self._entries_of(_SEP.join([bare, *span[1:]])) if _case_ok(surface, case)]
                if not ok and n <= n_loose:
                    ok = self._loose_match(_SEP.join(lkeys[i : i + n]), surface)
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


_MEMO = 4096  # texts remembered per index; a document's distinct sentences, mostly
# tokens whose keys are remembered while terms are added (then forgotten at once): the words
# names share ("ministry", "council") stay, while 20,000 names' own tokens ("5000") would
# have held about 2 MB until the first look-up, at the height of a server's start (issue 19)
_KEYS = 4096
# joins a key's token keys: no token holds it (TOKEN's tokens are letters and digits), so two
# keys are the same string only if they are the same tokens
_SEP = "\x1f"


class _Many(tuple[Any, ...]):
    """A key's entries when they are not one payload of case "any": (payload, case) pairs."""


_NONE = _Many()  # the entries of a key not registered


def _reach(prefixes: set[str], terms: Mapping[str, object], keys: list[str]) -> int:
    """How many of ``keys`` a registered key can start with (a shorter leading part of one, or
    a whole key): no longer span can match."""
    n, part = 0, ""
    while n < len(keys):
        part = part + _SEP + keys[n] if n else keys[0]
        if part not in prefixes and part not in terms:
            break
        n += 1
    return n


def one_name(candidates: Iterable[tuple[T, Hashable]]) -> list[T]:
    """The payloads of (payload, exact name) candidates if one exact name covers them all
    (a governorate and its district of the same name), else none: a loose match that could
    mean two differently named things is left unresolved rather than guessed."""
    entries = list(candidates)
    payloads = list(dict.fromkeys(p for p, _ in entries))
    names: dict[Hashable, set[T]] = {}
    for p, e in entries:
        names.setdefault(e, set()).add(p)
    return payloads if any(len(ps) == len(payloads) for ps in names.values()) else []


def _case_ok(surface: list[str], case: str) -> bool:
    if case == "upper":
        # "UNDP", and acronyms written in mixed case ("MoLSA", "MoMD"): two capitals at least
        return all(t.isupper() or not t.isascii() or t.isdigit()
                   or t[:1].isupper() and sum(ch.isupper() for ch in t) >= 2 for t in surface)
    if case == "title":
        first = surface[0]
        return not first.isascii() or first[:1].isupper()
    return True
