"""The concepts each statement's quote names, stored on the statement (``Statement.mentions``).

Who covers THEME (graph.domain.coverage) may answer with a statement only if the extractor
tagged the theme, a body it names works on the theme, or its quote names the theme in words
(``Grounder.concepts_in``). The first two are edges a query can filter on; the words were only
known after reading and tokenising every statement of a place in Python. Keeping them on the
statement lets the query read only the statements that may carry the theme (graph.queries
``dq_theme_ids_by_place``), about one in eight of a place's statements.

They are derived data, like an index, not part of the model: the store computes them on every
write of statements, from the vocabulary the store holds (the same term index the grounder
builds, ``concept_index``); recomputes every statement's when a write changes the vocabulary;
and, on open, computes those of statements written before this existed (``NULL``: a query
reads such a statement as one that may carry any theme, so a graph not yet tagged, or opened
read-only, still answers as before, only slower).

Beside them each statement keeps the places its quote names (``places_named``): every place of
the gazetteer the quote names, inside body names too, and the country where it says "across
the country". A line's place match (graph.grounding ``where``) is one of these, one of the
statement's scopes or the body's seat, so a place absent from all three can be no line's own
place: a mandate brief ranks partners by status and that bound before grounding any statement
(coverage.who_covers_top, scoped.PartnerFacts). They depend on the quote and the gazetteer only,
not on the bodies, so a later body cannot make them stale; the list carries the gazetteer's key
(``gazetteer:KEY``), and statements tagged under another gazetteer are retagged on open.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from graph.terms import TermIndex

if TYPE_CHECKING:
    from graph.store import GraphStore, WriteOp

FIELD = "mentions"
PLACES = "places_named"
SET_OP = "set_statement_mentions"
PAGE = 2000


def concept_index(concepts: Iterable[dict[str, Any]]) -> TermIndex[str]:
    """The term index of the vocabulary's labels: the grounder's and the stored mentions' (one
    place, so a stored mention is exactly what ``Grounder.concepts_in`` finds)."""
    idx: TermIndex[str] = TermIndex()
    for c in concepts:
        for lab in [c["label_en"], c["label_ar"], *(c["alt_labels"] or [])]:
            if lab:
                idx.add(lab, c["id"], "upper" if re.fullmatch(r"[A-Z/]{2,8}", lab) else "any")
    return idx


class Tagger:
    """Mentions of quotes under one vocabulary (rebuilt when the vocabulary's key changes)."""

    def __init__(self, concepts: list[dict[str, Any]]) -> None:
        self.key = vocab_key(concepts)
        self.index = concept_index(concepts)

    def of(self, quote: str) -> list[str]:
        return sorted({h.payload for h in self.index.find(quote or "")})

    def row(self, sid: str, quote: str) -> dict[str, Any]:
        """The stored keys of one statement: its mentions and the places its quote names."""
        return {"id": sid, FIELD: self.of(quote), PLACES: places_named(quote)}


def gazetteer_key() -> str:
    """``gazetteer:KEY`` of the place names the quotes are looked up in (kept in every stored
    ``places_named``: a statement tagged under another gazetteer is retagged on open)."""
    global _GAZ_KEY
    if _GAZ_KEY is None:
        from graph.vocab import load_places

        rows = sorted((p.id, p.name, p.name_ar, sorted(p.alt_names)) for p in load_places())
        _GAZ_KEY = "gazetteer:" + hashlib.sha1(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()[:12]
    return _GAZ_KEY


_GAZ_KEY: str | None = None


def places_named(quote: str) -> list[str]:
    """Every place the quote names in words (a superset of what ``Grounder.where`` places a body
    by: inside body names too), the country if it says nationwide, and the gazetteer's key."""
    from graph.grounding import COUNTRY, NATIONWIDE
    from graph.vocab import place_index

    got = {h.payload for h in place_index("title").find(quote or "")}
    if NATIONWIDE.search(quote or ""):
        got.add(COUNTRY)
    return [gazetteer_key(), *sorted(got)]


def vocab_key(concepts: list[dict[str, Any]]) -> str:
    rows = sorted((c["id"], c["label_en"] or "", c["label_ar"] or "", sorted(c["alt_labels"] or [])) for c in concepts)
    return hashlib.sha1(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def tagger(store: GraphStore, extra: Iterable[dict[str, Any]] = ()) -> Tagger:
    """The store's vocabulary (with the concepts a pending write upserts), cached per key."""
    concepts = {c["id"]: c for c in store.run("concepts")}
    for c in extra:
        concepts[c["id"]] = {k: c.get(k) for k in ("id", "label_en", "label_ar", "alt_labels")}
    rows = list(concepts.values())
    key = vocab_key(rows)
    got: Tagger | None = getattr(store, "_tagger", None)
    if got is None or got.key != key:
        got = Tagger(rows)
        store._tagger = got  # type: ignore[attr-defined]
    return got


def with_mentions(store: GraphStore, ops: list[WriteOp]) -> tuple[list[WriteOp], bool]:
    """The write's operations plus the mentions of the statements it upserts (in the same
    transaction), and whether it may change the vocabulary (then every statement is retagged
    after it: ``after_write``)."""
    vocab = any("Concept" in name for name, rows in ops if rows)
    sts = [r for name, rows in ops if name == "upsert_Statement" for r in rows]
    if not sts:
        return ops, vocab
    t = tagger(store, [r for name, rows in ops if name == "upsert_Concept" for r in rows])
    quotes = {r["id"]: r.get("quote", "") for r in sts}  # last one wins, as the upsert
    rows = [t.row(i, q) for i, q in quotes.items()]
    return [*ops, (SET_OP, [{"rows": rows[i : i + PAGE]} for i in range(0, len(rows), PAGE)])], vocab


def after_write(store: GraphStore, vocab: bool, before: str | None) -> None:
    """After a write that may have changed the vocabulary: retag every statement if it did."""
    if not vocab:
        return
    t = tagger(store)
    if t.key != before:
        retag(store, "mention_page_all", t)


def vocab_before(store: GraphStore, ops: list[WriteOp]) -> str | None:
    """The vocabulary's key before a write that may change it (None when it cannot)."""
    if not any("Concept" in name for name, rows in ops if rows):
        return None
    return tagger(store).key


def retag(store: GraphStore, page_query: str, t: Tagger | None = None) -> int:
    """Compute and store the mentions of the statements ``page_query`` pages through (every
    statement, or those without mentions), a page per transaction; returns how many."""
    t = t or tagger(store)
    n = 0
    for page in _pages(store, page_query):
        rows = [t.row(r["id"], r["quote"] or "") for r in page]
        store.write([(SET_OP, [{"rows": rows}])])  # neither statements nor concepts: no recursion
        n += len(rows)
    return n


def _pages(store: GraphStore, page_query: str) -> Iterator[list[dict[str, Any]]]:
    after = ""
    while True:
        page = store.run(page_query, after=after, limit=PAGE, gazetteer=gazetteer_key())
        if not page:
            return
        yield page
        after = page[-1]["id"]
