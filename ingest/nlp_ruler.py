"""The attribute ruler's matches found by a table, not by spaCy's Matcher (same matches).

spaCy's small English pipeline sets each token's coarse tag (``pos_``, which the rules read)
with an attribute ruler: 179 patterns run by a Matcher over every token, a seventh of the whole
parse. All but a few of the patterns look at one token alone (its fine tag, lower-case form,
dependency label, whether it is a space), so what they match is a function of those four values:
computed once per distinct combination, then looked up. The few patterns that span two tokens
still go through a Matcher of their own. The match list handed to the ruler is the one its own
Matcher returns (same pattern ids, same spans, same order), so its annotations are unchanged;
tests/test_nlp_ruler.py compares both on sentences of every kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# the token attributes a one-token pattern may test, in the order of the lookup key
_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")


def _predicate(attr: str, spec: Any, strings: Any) -> Callable[[tuple[Any, ...]], bool] | None:
    """One attribute test of a pattern token over the key (tag, lower, dep, is_space), or None
    when the test is of a form this table does not know (the ruler then keeps its Matcher)."""
    if attr not in _KEYS:
        return None
    at = _KEYS.index(attr)
    if attr == "IS_SPACE":
        if not isinstance(spec, bool):
            return None
        return lambda key: bool(key[at]) == spec
    text = lambda key: strings[key[at]] if key[at] else ""  # noqa: E731
    if isinstance(spec, str):
        return lambda key: text(key) == spec
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op == "IN" and isinstance(arg, list):
            allowed = set(arg)
            return lambda key: text(key) in allowed
        # the key holds a word only when some pattern names it (below): "not one of" or a
        # regex over the word cannot be told from the key
        if attr != "LOWER" and op == "NOT_IN" and isinstance(arg, list):
            banned = set(arg)
            return lambda key: text(key) not in banned
        if attr != "LOWER" and op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return lambda key: rx.search(text(key)) is not None
    return None


def _words(token: dict[str, Any]) -> set[str]:
    """The lower-case forms a pattern token names (its LOWER value or list)."""
    spec = token.get("LOWER")
    if isinstance(spec, str):
        return {spec}
    if isinstance(spec, dict):
        return {w for w in spec.get("IN", []) if isinstance(w, str)}
    return set()


class TableMatch:
    """Stands in for ``AttributeRuler.match``: the one-token patterns by table lookup, the
    others by a Matcher holding only them."""

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.matcher import Matcher

        self._vocab = ruler.vocab
        self._attrs = [TAG, LOWER, DEP, IS_SPACE]
        self._single: list[tuple[int, int, list[list[Callable[[tuple[Any, ...]], bool]]]]] = []
        self._multi = Matcher(ruler.vocab)
        self._has_multi = False
        self._table: dict[tuple[int, ...], list[tuple[int, int]]] = {}
        # a token's word is part of the lookup key only when a pattern names that word: the
        # key space stays the tags times a few hundred words, not the vocabulary
        self._named: set[int] = set()
        for i, entry in enumerate(ruler.patterns):
            key = str(i)
            match_id = self._vocab.strings[key]
            alternatives = entry["patterns"]
            tests = [self._compile(p[0]) if len(p) == 1 else None for p in alternatives]
            if all(t is not None for t in tests) and ruler.indices[i] in (0, -1):
                self._single.append((i, match_id, [t for t in tests if t is not None]))
                self._named |= {self._vocab.strings.add(w) for p in alternatives for w in _words(p[0]) if w}
            else:
                self._multi.add(key, alternatives)
                self._has_multi = True

    def _compile(self, token: dict[str, Any]) -> list[Callable[[tuple[Any, ...]], bool]] | None:
        tests = [_predicate(attr, spec, self._vocab.strings) for attr, spec in token.items()]
        return None if any(t is None for t in tests) else [t for t in tests if t is not None]

    def _matching(self, key: tuple[int, ...]) -> list[tuple[int, int]]:
        return [(i, match_id) for i, match_id, alternatives in self._single
                if any(all(test(key) for test in tests) for tests in alternatives)]

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        out = []
        named = self._named
        for t, (tag, lower, dep, space) in enumerate(doc.to_array(self._attrs).tolist()):
            key = (tag, lower if lower in named else 0, dep, space)
            hits = self._table.get(key)
            if hits is None:
                hits = self._table[key] = self._matching(key)
            out += [(i, match_id, t, t + 1) for i, match_id in hits]
        if self._has_multi:
            out += [(int(self._vocab.strings[m_id]), m_id, s, e)
                    for m_id, s, e in self._multi(doc, allow_missing=True, as_spans=False)]
        out.sort()
        return out


def install(nlp: Any) -> None:
    """Makes the pipeline's attribute ruler (if it has one) find its matches by table."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = TableMatch(ruler)
