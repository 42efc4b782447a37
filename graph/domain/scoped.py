"""Snapshots of the slice of facts one answer reads, so a question costs what its answer holds.

The domain questions (graph.domain) read a Snapshot. Here a process keeps only the bounded
Directory (bodies, documents, gazetteer, vocabularies: it grows with the bodies, not with the
statements) and fetches per question the statements and efforts that can enter the answer,
with the parameterised queries of graph.queries (``dq_*``, the same text on every store):

- a place: what is scoped at the place, inside it or above it (the roll-up closure comes from
  the gazetteer in the Directory), plus what has no scope or is nationwide;
- bodies: what they are the subject or object of, and the efforts they have a role in.

The slice is a superset of what the question's own filters keep, and it is ordered as the full
Snapshot is, so an answer from a slice is the answer from the whole graph (tests/graph/
test_domain_scoped.py asks every question both ways on both stores).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, ClassVar

from graph.domain.snapshot import (
    COUNTRY,
    PARTNER_KINDS,
    Directory,
    Ef,
    Facts,
    Snapshot,
    St,
    _place_factor,
    _st,
    _status_score,
)
from graph.grounding import Grounder
from graph.mentions import gazetteer_key
from graph.model import Status
from graph.queries import EFFORT_LINK_KINDS, PLACE_ROWS, RowsRead
from graph.store import GraphStore

CLAIM_KINDS = ("driver", "need")
# bodies whose statements may put them above any place in a mandate brief (graph.domain.brief)
HIGH_COMMITTEE_LEVELS = ("governorate", "national")


@dataclass
class DirectoryCache:
    """One Directory per process, re-read after a write through this process (the store's
    generation), when a server store's fingerprint changes (another process wrote bodies,
    documents, decisions, statements or efforts) or after ``max_age`` seconds."""

    max_age: float = 5.0
    _key: tuple[int, int] | None = field(default=None, init=False)
    _fp: dict[str, Any] | None = field(default=None, init=False)
    _at: float = field(default=0.0, init=False)
    _dir: Directory | None = field(default=None, init=False)

    def get(self, store: GraphStore) -> Directory:
        key, now = (id(store), store.generation), time.monotonic()
        d = self._dir
        if d is not None and self._key == key:
            if store.exclusive:
                return d
            if now - self._at < self.max_age and fingerprint(store) == self._fp:
                return d
        fp = None if store.exclusive else fingerprint(store)
        new = Directory(store)
        if d is not None and self._key == key and new.same_as(d):
            # read again (its age, another process's statements): the same directory stays, with
            # its grounder and memos; only what depends on statements is read again (``unscoped``)
            d.cache.pop("unscoped", None)
            new = d
        self._dir, self._key, self._fp, self._at = new, key, fp, now
        return new


def fingerprint(store: GraphStore) -> dict[str, Any]:
    rows = store.run("dq_directory_fingerprint")
    return rows[0] if rows else {}


def bare(d: Directory) -> Snapshot:
    """A snapshot with no facts: names, places and concepts only (resolving what a user typed)."""
    return _with_grounder(Snapshot(directory=d, facts=Facts()))


def place_closure(d: Directory, place: str) -> list[str]:
    """The place, every place inside it and every place above it."""
    children: dict[str, list[str]] | None = d.cache.get("children")
    if children is None:
        children = {}
        for c, p in d.parent.items():
            children.setdefault(p, []).append(c)
        d.cache["children"] = children
    out = [place]
    todo = [place]
    while todo:
        for c in children.get(todo.pop(), []):
            if c not in out:
                out.append(c)
                todo.append(c)
    cur = place
    while cur in d.parent and d.parent[cur] not in out:
        cur = d.parent[cur]
        out.append(cur)
    return sorted(out)


def place_down(d: Directory, place: str) -> set[str]:
    """The place and every place inside it."""
    above: set[str] = set()
    cur = place
    while cur in d.parent and d.parent[cur] not in above and d.parent[cur] != place:
        cur = d.parent[cur]
        above.add(cur)
    return set(place_closure(d, place)) - above


def placing_inside(store: GraphStore, d: Directory, down: set[str], above: set[str]) -> set[str]:
    """The statements scoped above the place (and not at or inside it) that a question asking
    only for what is placed at or inside it still reads: claims and funding sentences, and
    those whose lines may be placed inside it (graph.grounding ``where``: a place the quote
    names, its stored places_named, or the seat of a body it names; coverage.line_bound)."""
    if not above:
        return set()
    return {r["id"] for r in store.run("dq_ids_placing_inside", above=sorted(above), down=sorted(down),
                                       seated=seated_in(d, down), gazetteer=gazetteer_key())}


def seated_in(d: Directory, places: set[str]) -> list[str]:
    """The bodies whose seat is one of these places (an index kept with the directory: a scan of
    10,000 bodies per question was 4 ms)."""
    by: dict[str, list[str]] | None = d.cache.get("seated")
    if by is None:
        by = d.cache["seated"] = {}
        for a, seat in d.actors.scan("place"):
            if seat:
                by.setdefault(seat, []).append(a)
    return sorted(a for p in places for a in by.get(p, ()))


@dataclass
class Scope:
    """What a question reads: the places and bodies whose facts it needs (``everything``: all)."""

    places: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    claims: bool = False  # every driver and need, wherever reported
    everything: bool = False
    # of the place, only what a mandate brief reads there (brief_ids; its holders' own facts
    # come through ``actors``)
    brief: bool = False
    # of the places, only the statements that may carry this theme or a narrower one (who covers
    # THEME: graph.queries dq_theme_ids_by_place) and the funding sentences with their quotes
    theme: str | None = None
    # only what is placed at the place or inside it counts (gaps): of what is scoped above it,
    # only claims, funding sentences and what may be placed inside by its quote or body's seat
    within: bool = False
    # gaps only (graph.domain.gaps_read): first the themes asked and the bodies that may show
    # them covered, each body with all its statements there; the ``within`` slice if need be
    witnesses: bool = False

    def __or__(self, o: Scope) -> Scope:
        return Scope(sorted(set(self.places) | set(o.places)), sorted(set(self.actors) | set(o.actors)),
                     self.claims or o.claims, self.everything or o.everything, self.brief and o.brief,
                     self.theme if self.theme == o.theme else None, self.within and o.within,
                     self.witnesses and o.witnesses)


def scoped(store: GraphStore, d: Directory, scope: Scope) -> Snapshot:
    """The snapshot of the facts in ``scope`` over the directory ``d``."""
    if scope.everything:
        return _with_grounder(Snapshot(store, directory=d, facts=Facts.every(store)))
    if scope.witnesses and scope.within and len(scope.places) == 1 and scope.places[0] != COUNTRY \
            and not (scope.actors or scope.claims or scope.brief or scope.theme):
        from graph.domain.gaps_read import gaps_first  # it reads with this module's helpers

        return gaps_first(store, d, scope.places[0])
    rows: dict[str, dict[str, Any]] = {}
    erows: dict[str, dict[str, Any]] = {}
    elinks: set[tuple[str, str, str, str]] = set()

    def read(anchor: str, **params: Any) -> None:
        rows.update((r["id"], r) for r in statement_rows(store, anchor, **params))

    def read_efforts(anchor: str, **params: Any) -> None:
        efforts_into(store, erows, elinks, anchor, **params)

    # statements read by id, gathered so that one query reads them all (each read is a round
    # trip and a few ms of planning); of the brief's, those kept only if a partner says them
    extra: set[str] = set()
    maybe: set[str] = set()
    brief = bool(scope.brief and len(scope.places) == 1)
    theme = theme_params(d, scope.theme) if scope.theme and scope.places and not scope.brief else None
    if scope.places:
        closure: set[str] = set()
        for p in scope.places:
            closure.update(place_closure(d, p))
        if brief:
            plain, maybe = brief_ids(store, d, scope.places[0], sorted(closure), scope.actors)
            extra |= plain
        elif theme:
            got = store.run("dq_theme_ids_by_place_classes" if theme["classes"] else "dq_theme_ids_by_place",
                            places=sorted(closure), **{k: v for k, v in theme.items() if v or k != "classes"})
            said = {(r["doc_id"], r["quote"]) for r in got if r["kind"] != "funding"}
            extra |= {r["id"] for r in got if r["kind"] != "funding" or (r["doc_id"], r["quote"]) in said}
        elif scope.within and len(scope.places) == 1:
            down = place_down(d, scope.places[0])
            read("place", places=sorted(down))
            extra |= placing_inside(store, d, down, closure - down)
        else:
            read("place", places=sorted(closure))
        if brief and scope.actors:
            read_efforts("place_actor", places=sorted(closure), ids=scope.actors)
        else:
            read_efforts("place", places=sorted(closure))
        sts, efs = unscoped(store, d)
        extra |= sts
        if efs:
            read_efforts("id", ids=sorted(efs))
    if scope.actors and not brief:  # a brief's were read with its place
        extra.update(statements_of(store, scope.actors))
        read_efforts("actor", ids=scope.actors)
    if scope.claims:
        extra |= {r["id"] for r in store.run("dq_claim_ids")}
    if (extra | maybe) - rows.keys():
        read("id", ids=sorted((extra | maybe) - rows.keys()))
    for sid in maybe - extra:
        if sid in rows and not _partner_said(d, rows[sid]):
            del rows[sid]
    made: dict[str, St] = {}
    efforts = _efforts(erows, elinks)
    snap = _with_grounder(Snapshot(directory=d, facts=_facts(rows, efforts, made)))
    if brief:
        snap.cache["partner_facts"] = PartnerFacts(store, d, closure, rows, efforts, unscoped(store, d)[0], made)
    return snap


@dataclass
class PartnerFacts:
    """The partner statements of a brief's place, read best status first: the brief shows 15
    partners, and the lines of the best status usually hold them (coverage.who_covers_top), also
    in a large place (a governorate: thousands of partner statements). brief_ids read those with
    the brief's own slice; the others are read if need be, and the statements of the first
    partners to make their rows whole. Each snapshot holds the brief's own slice too."""

    store: GraphStore
    d: Directory
    closure: set[str]
    rows: dict[str, dict[str, Any]]
    # the brief's efforts, made once: the partner statements read later add none
    efforts: dict[str, Ef]
    unscoped: set[str]
    # the statements made from the rows so far: each snapshot of the brief shares them (the
    # brief builds three, each remaking some hundred statements)
    made: dict[str, St] = field(default_factory=dict)
    _every: bool = False
    _bodies: set[str] = field(default_factory=set)
    # the statuses read with the brief's slice, of those the statements that may place a partner
    # at the place itself (brief_ids); the lines of the others score at most
    # ``unread``: an established line inside the place (coverage.line_bound)
    first: ClassVar[tuple[str, ...]] = (Status.established.value,)
    unread: ClassVar[float] = _status_score(Status.established.value) * _place_factor("inside")

    def _snapshot(self) -> Snapshot:
        return _with_grounder(Snapshot(directory=self.d, facts=_facts(self.rows, self.efforts, self.made)))

    def read(self) -> Snapshot:
        """The slice with the partner statements read so far."""
        return self._snapshot()

    def every(self) -> Snapshot:
        """The slice with every partner statement of the place."""
        if not self._every:
            self._every = True
            for r in statement_rows(self.store, "place_partners_but", places=sorted(self.closure),
                                    kinds=sorted(PARTNER_KINDS), statuses=[]):
                self.rows.setdefault(r["id"], r)
        return self._snapshot()

    def whole(self, bodies: set[str]) -> Snapshot:
        """The slice with every statement of the place that names these bodies or a class of them,
        so their rows are whole; statements scoped elsewhere are not of the brief's slice."""
        names = Snapshot(directory=self.d, facts=Facts())
        classes = {c for c in names.classes_of_any(bodies) if self.d.actors[c]["kind"] in PARTNER_KINDS}
        want = sorted((bodies | classes) - self._bodies)
        if want:
            self._bodies.update(want)
            # of their statements (about 200 for 15 bodies) only those scoped in the closure or
            # nowhere (a handful): the others are not read
            got = {r["id"] for r in self.store.run("dq_statement_ids_by_actor_in", ids=want, places=sorted(self.closure))}
            if self.unscoped:
                got.update(self.unscoped.intersection(statements_of(self.store, want)))
            if ids := sorted(got - self.rows.keys()):
                for r in statement_rows(self.store, "id", ids=ids):
                    if r["id"] in self.unscoped or not self.closure.isdisjoint(r["places"]):
                        self.rows.setdefault(r["id"], r)
        return self._snapshot()


def brief_ids(store: GraphStore, d: Directory, home: str, closure: list[str],
              bodies: list[str]) -> tuple[set[str], set[str]]:
    """The ids of what a mandate brief reads of its place (graph.queries ``dq_brief_ids_first``):
    drivers and needs, what committees that may stand above the place say there, and of the
    partner statements only those of the statuses PartnerFacts reads first that may put a
    partner at the place itself; and every statement of ``bodies`` (the holders, the committees
    seated there). The branches of the partners seated at the place only where some are. (ids kept, ids kept only if a partner says them: a statement whose quote may
    name the place, _partner_said.)"""
    seated = seated_in(d, {home})
    got = store.run("dq_brief_ids_first_seated" if seated else "dq_brief_ids_first", **({"seated": seated} if seated else {}),
                    ids=bodies, statuses=list(PartnerFacts.first), home=home, gazetteer=gazetteer_key(),
                    up=sorted(set(closure) - place_down(d, home) | {home}),
                    places=closure, kinds=sorted(PARTNER_KINDS), levels=list(HIGH_COMMITTEE_LEVELS))
    plain = {r["id"] for r in got if not r["named"]}
    return plain, {r["id"] for r in got if r["named"]} - plain


def _partner_said(d: Directory, r: dict[str, Any]) -> bool:
    """Whether a partner says the statement of this row (or, in a partnership or support, is
    named in it)."""
    def partner(b: str) -> bool:
        return d.actors.get(b, {}).get("kind") in PARTNER_KINDS

    return any(map(partner, r["subjects"])) or r["kind"] in ("partnership", "support") and any(map(partner, r["objects"]))


def efforts_into(store: GraphStore, erows: dict[str, dict[str, Any]], elinks: set[tuple[str, str, str, str]],
                 anchor: str, **params: Any) -> None:
    """Add the efforts of dq_efforts_*by_ANCHOR to ``erows`` and their links to ``elinks``."""
    if anchor != "id":  # each effort has an edge to its anchor: with its links in one query
        for r in store.run(f"dq_efforts_linked_by_{anchor}", **params):
            rel = EFFORT_LINK_KINDS[r.pop("rel")]
            elinks.add((r["id"], rel, r.pop("other"), r.pop("role") if rel == "role" else ""))
            erows.setdefault(r["id"], r)
        return
    got = store.run(f"dq_efforts_by_{anchor}", **params)
    erows.update((r["id"], r) for r in got)
    if got:  # no effort, no links: a bare query costs 2-5 ms of LadybugDB
        elinks.update((r["id"], r["rel"], r["other"], r["role"])
                      for r in store.run(f"dq_effort_links_by_{anchor}", **params))


def statements_of(store: GraphStore, bodies: list[str]) -> list[str]:
    """The ids of the statements these bodies are the subject or object of."""
    return sorted({r["id"] for r in store.run("dq_statement_ids_by_actor", ids=bodies)})


_LISTS = {"SUBJECT": "subjects", "OBJECT": "objects", "ABOUT": "concepts", "SCOPE": "places"}


def statement_rows(store: GraphStore, anchor: str, **params: Any) -> list[dict[str, Any]]:
    """The rows of dq_statement_rows_by_ANCHOR, each with its subjects, objects, concepts and
    places as sorted lists of ids (the query returns them as one list of "REL id")."""
    if anchor == "place":
        return _rows_by_place(store, params["places"])
    rows = store.run(f"dq_statement_rows_by_{anchor}", **params)
    for r in rows:
        _split_links(r, r.pop("links"))
    return rows


def _split_links(row: dict[str, Any], links: list[str]) -> None:
    """Set the row's subjects, objects, concepts and places, each sorted, from its "REL id" links
    (each list sorted apart: sorting every link first was a third of the rows' Python time)."""
    lists: dict[str, list[str]] = {"SUBJECT": [], "OBJECT": [], "ABOUT": [], "SCOPE": []}
    for link in links:
        rel, _, other = link.partition(" ")
        lists[rel].append(other)
    for rel, key in _LISTS.items():
        got = lists[rel]
        got.sort()
        row[key] = got


def _rows_by_place(store: GraphStore, places: list[str]) -> list[dict[str, Any]]:
    """statement_rows of the statements scoped at some places (graph.queries
    ``dq_statement_rows_by_place``, or its fields and links apart, as the store reads them best:
    ``PLACE_ROWS``; a row per statement and anchor place), one per statement, that of its first
    anchor."""
    two = PLACE_ROWS.get(store.dialect) is RowsRead.TWO
    rows: dict[str, dict[str, Any]] = {}
    for r in store.run("dq_statement_fields_by_place" if two else "dq_statement_rows_by_place", places=places):
        first = rows.get(r["id"])
        if first is None or r["via"] < first["via"]:
            rows[r["id"]] = r
    if two:
        for r in store.run("dq_statement_links_by_place", places=places):
            first = rows.get(r["id"])
            if first is not None and first["via"] == r["via"]:
                first["links"] = r["links"]
    out = []
    for sid in sorted(rows):
        r = rows[sid]
        del r["via"]
        _split_links(r, r.pop("links"))
        out.append(r)
    return out


def theme_params(d: Directory, theme: str) -> dict[str, list[str]]:
    """The parameters of dq_theme_ids_by_place for THEME: its narrower closure (as who covers
    reads it) and the classes of bodies (a statement naming one may carry any theme: its
    members may work on it, coverage._may_carry)."""
    got: dict[str, list[str]] | None = d.cache.get(f"theme {theme}")
    if got is None:
        classes = d.cache.get("classes")
        if classes is None:
            classes = d.cache["classes"] = sorted(a for a, c in d.actors.scan("is_class") if c)
        got = d.cache[f"theme {theme}"] = {"themes": sorted(bare(d).narrower_closure(theme)), "classes": classes}
    return got


def unscoped(store: GraphStore, d: Directory) -> tuple[set[str], set[str]]:
    """Statements with no scope or said to be nationwide, and efforts with no place (one scan),
    kept with the directory: an embedded store's until this process writes; a server store's
    while its fingerprint (counts of bodies, documents, decisions, statements and efforts) is
    unchanged and for at most ``DirectoryCache.max_age`` seconds (a scan of every statement per
    question was 150-250 ms on Neo4j at 100,000 statements)."""
    got: tuple[set[str], set[str]] | None = d.cache.get("unscoped")
    if got is None:
        rows = store.run("dq_ids_unscoped")
        got = ({r["id"] for r in rows if r["what"] == "statement"}, {r["id"] for r in rows if r["what"] == "effort"})
        d.cache["unscoped"] = got
    return got


def _facts(rows: dict[str, dict[str, Any]], efforts: dict[str, Ef], made: dict[str, St] | None = None) -> Facts:
    """Statements from their rows, in the order and shape of Facts.every: statements with a
    subject by id, then claims without one; a claim's subjects are not kept. ``made``: statements
    made from these rows before (no answer changes a statement), kept for the next. ``efforts``
    (_efforts) are shared as they are: no answer changes an effort either."""
    f = Facts()
    f.efforts = efforts
    claims: list[St] = []
    made = {} if made is None else made
    for sid in sorted(rows):
        r = rows[sid]
        subj = r["subjects"]
        st = made.get(sid)
        if st is None:
            st = made[sid] = _st(r)
            st.subjects = [] if st.kind in CLAIM_KINDS else subj
            st.objects, st.concepts, st.places = r["objects"], r["concepts"], r["places"]
        if not subj:
            if st.kind in CLAIM_KINDS:
                claims.append(st)
            continue
        f.statements[sid] = st
    for st in claims:
        f.statements[st.id] = st
    return f


def _efforts(erows: dict[str, dict[str, Any]], elinks: set[tuple[str, str, str, str]]) -> dict[str, Ef]:
    """Efforts from their rows and links, by id, in the order and shape of Facts.every."""
    out: dict[str, Ef] = {}
    eby: dict[str, list[tuple[str, str, str]]] = {}
    for eid, rel, other, role in elinks:
        eby.setdefault(eid, []).append((rel, other, role))
    for eid in sorted(erows):
        ef = Ef(**{k: erows[eid][k] for k in Ef.__dataclass_fields__ if k in erows[eid]})
        ls = eby.get(eid, [])
        ef.roles = sorted((o, r) for rel, o, r in ls if rel == "role")
        ef.places = sorted(o for rel, o, _ in ls if rel == "place")
        ef.concepts = sorted(o for rel, o, _ in ls if rel == "concept")
        out[eid] = ef
    return out


def _with_grounder(snap: Snapshot) -> Snapshot:
    """Slices over one directory share its grounder: the term indexes cover the directory's
    bodies and concepts, and the quotes it has looked up stay memoised across questions."""
    d = snap.directory
    g = d.cache.get("grounder")
    if g is None:
        g = d.cache["grounder"] = Grounder(Snapshot(directory=d, facts=Facts()))
    snap.cache["grounder"] = g
    return snap


# --- the scope of each question ------------------------------------------------------------


def scope_who_covers(place: str | None, theme: str | None = None) -> Scope:
    """The place's closure; with a theme, only what may carry it there (``Scope.theme``)."""
    return Scope(places=[place], theme=theme) if place else Scope(everything=True)


def scope_gaps(place: str | None) -> Scope:
    """The place and what lies inside it; of what lies above, what may be placed inside
    (gaps asks who works there: who_covers ``within``)."""
    return Scope(places=[place], within=True, witnesses=True) if place else Scope(everything=True)


def scope_overlaps(a: str | None, b: str | None, place: str | None) -> Scope:
    """Two named bodies: their own facts; a place: its closure; else everything (the pairs of
    a single body reach whoever shares a cell with it)."""
    if a and b:
        return Scope(actors=sorted({a, b}))
    if place:
        return Scope(places=[place])
    return Scope(everything=True)


def scope_brief(d: Directory, holders: list[str], home: str | None) -> Scope:
    """The holders' facts and the place's closure (partners, efforts, drivers and committees
    there); committees that may stand above the place are reached through that closure, and,
    where a quote names no place, through their seat. Of the place it reads only what the brief
    uses there (``brief``): partners, committees above, drivers and needs. Without a place every
    driver counts."""
    if not home:
        return Scope(actors=sorted(holders), claims=True)
    closure = set(place_closure(d, home))
    seated = [a for a in seated_in(d, closure) if a not in holders and d.actors[a]["kind"] == "committee"
              and d.actors[a]["level"] in HIGH_COMMITTEE_LEVELS]
    return Scope(places=[home], actors=sorted(set(holders) | set(seated)), brief=True)
