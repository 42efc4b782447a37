"""Grounding: does the quoted sentence itself put this body in this answer?

An answer row is evidence only when its quote says who, what and where. Three checks, applied
where answers are built (graph.domain) and measured by ``dalil eval`` (api.grounding_eval):

- **who**: the quote names the body by a name, alias or Arabic name, or by a reference the
  extractor resolved to it (a pronoun, or "the Subcommittee" for a body whose name ends in that
  head noun) when the body is the statement's subject; a class member is named by its class.
- **what**: the quote carries the theme asked about or a narrower one (the theme's words outside
  any body's name), or the theme is the body's own remit (a ministry of youth for youth). A
  sentence's theme belongs to the body it is said of: a body named only in a later clause ("...,
  and it partners with X on ...") gets the theme of that clause only, so a partner of a youth
  project is not thereby a youth body. The document's topic never counts.
- **where**: the places the quote names (outside body names) are at, inside or over the place
  asked about; a quote naming none is placed by the statement's scope (the document's place, or
  nationwide) or the body's seat.

Every check reads only the snapshot, so it gives the same verdict for every store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph.mentions import concept_index
from graph.names import is_arabic, normalize_name
from graph.settings import get_settings
from graph.terms import Hit, TermIndex, Tokenized, tokenize
from graph.vocab import ALL_GOVERNORATES, place_index, without_level_words

if TYPE_CHECKING:
    from graph.domain.snapshot import Ef, Snapshot, St

COUNTRY = "place:IQ"
NATIONWIDE = re.compile(
    rf"{ALL_GOVERNORATES}|\b(?:throughout the country|across the country|across iraq|country-wide)\b", re.I)
# words that refer back to a body named before the sentence: the extractor resolves them to the
# statement's subject ("It shall also publish ..."; "The Subcommittee reviews ...")
_PRONOUN = re.compile(r"\b(?:it|its|they|their|them|this body|the body|both agencies|both)\b", re.I)
# where a sentence turns to another subject: "...; ...", "...: ...", "..., and it ...", "..., while ..."
_CLAUSE = re.compile(r";|:|,\s+(?:and|while|but|whereas)\s+|\s+and\s+(?=(?:it|they|its|their)\b)", re.I)
# a duty, option or recommendation as the predicate of the body just named ("district governments
# may form ...", "local governments were granted the authority to ...", "cities have the choice")
_DUTY = re.compile(
    r"^(?:\s*,[^,]{1,50},)?\s*(?:(?:in|at|across|within|throughout|registered in|based in)\s+(?:(?!they\b|it\b|we\b|who\b|which\b)[\w'-]+\s+){1,4}?)?"
    r"(?:(?:\w+ly|also|now|thus|therefore|then|not|still|in turn|already|hereby|each|all|both)\s+)*"
    r"(?:shall|must|may|can|could|should|ought to|will|need(?:s)? to|ha(?:ve|s) to|(?:is|are) to|"
    r"(?:is|are|were|was|be|been)\s+(?:\w+ly\s+|also\s+|now\s+|hereby\s+)?(?:responsible|expected|required|obliged|"
    r"encouraged|urged|invited|recommended|advised|asked|mandated|tasked|charged|entitled|authori[sz]ed|allowed|"
    r"permitted|empowered|able|free|granted|given|called upon|in charge)|"
    r"ha(?:ve|s)\s+(?:the\s+|a\s+)?(?:option|choice|authority|right|mandate|responsibility|duty|power|possibility)|"
    r"(?:lead|leads|coordinate|coordinates|chair|chairs|oversee|oversees|report|reports|supervise|supervises))\b",
    re.I)
# ... or the body is the one a verb of asking or empowering addresses ("empowers cities to decide",
# "recommended that local governments ...")
_ADDRESSED = re.compile(
    r"\b(?:empower|allow|enable|authori[sz]e|permit|entitle|require|oblige|ask|urge|encourage|invite|call(?:s|ed)? (?:up)?on|"
    r"task|mandate|grant|give|recommend|propose|suggest|request|advise)\w*\s+(?:that\s+)?(?:the\s+|all\s+|each\s+|every\s+)?$",
    re.I)
_AR_DUTY = re.compile(r"يجوز|تستطيع|يستطيع|مخول|يجب|ينبغي|يمكن|بإمكان|يحق|يتعين|تتولى|يتولى|مسؤول|تلتزم|يلتزم|مطالب|أوصى|أوصت|توصي|يوصي|اقترح|دعا|دعت|تدعو|يدعو|تخويل|صلاحي")
_LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s")

# kinds that carry the sentence's own modal status; relation by-products (presence, part_of) do not
KIND_PREFERENCE = {"mandate": 0, "responsibility": 0, "support": 1, "partnership": 1, "supervision": 2,
                   "funding": 2, "membership": 3, "presence": 4, "part_of": 5}


@dataclass(frozen=True)
class Verdict:
    """The three checks for one (body, quote); ``where`` is the place match or None."""

    who: bool
    what: bool
    where: str | None

    @property
    def ok(self) -> bool:
        return self.who and self.what and self.where is not None

    def failures(self) -> list[str]:
        out = []
        if not self.who:
            out.append("quote does not name the body")
        if not self.what:
            out.append("quote does not carry the theme")
        if self.where is None:
            out.append("quote is not placed at, inside or over the place")
        return out


class Grounder:
    """Term indexes over the snapshot's bodies and concepts, and the gazetteer's places; built
    once per snapshot (``grounder(snap)``), with the look-ups of each quote memoised."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self.actor_index: TermIndex[str] = TermIndex()
        # body -> the head nouns that refer back to it; one tuple per distinct set of heads
        self.heads: dict[str, tuple[str, ...]] = {}
        same: dict[tuple[str, ...], tuple[str, ...]] = {}
        for aid, name, name_ar, aliases in snap.actors.scan("name", "name_ar", "aliases"):
            names = [name, name_ar or "", *aliases]
            for n in names:
                if n:
                    self.actor_index.add(n, aid, "upper" if re.fullmatch(r"[A-Z]{2,8}", n) else "any")
                    if bare := without_level_words(n):
                        self.actor_index.add(bare, aid)
            if heads := tuple(sorted({h for n in names if n and (h := _head(n))})):
                self.heads[aid] = same.setdefault(heads, heads)
        # the same index the store computes each statement's stored mentions with (graph.mentions)
        self.concept_index: TermIndex[str] = concept_index(snap.concepts.values())
        # the look-ups of each quote, kept across the answers of a process up to this many quotes
        # (then forgotten at once): enough for a governorate's answer to find each quote once
        self.memo_quotes = get_settings().grounding_memo_quotes
        self._found: dict[str, tuple[list[Hit[str]], list[Hit[str]], list[Hit[str]]]] = {}
        self._seats: dict[str, dict[str, str]] = {}
        # the theme-free checks, asked again for every theme of a gaps answer (bounded)
        self._names: dict[tuple[str, str, bool], bool] = {}
        self._concepts_in: dict[str, frozenset[str]] = {}
        self._concept_raw: dict[str, list[Hit[str]]] = {}
        self._where: dict[tuple[str, tuple[str, ...], str, str, bool], str | None] = {}

    # look-ups ------------------------------------------------------------------------------
    def found(self, quote: str) -> tuple[list[Hit[str]], list[Hit[str]], list[Hit[str]]]:
        """(bodies, concepts outside body names, places outside body names) named in the quote."""
        got = self._found.get(quote)
        if got is None:
            if len(self._found) >= self.memo_quotes:  # before this quote's seats are kept (where reads them)
                self._found.clear()
                self._seats.clear()
            tz = tokenize(quote)  # one tokenisation for the three indexes
            bodies = self.actor_index.find(tz)

            def free(h: Hit[str]) -> bool:
                # a body named by its place alone ("Tel Kaif" for its district government) leaves
                # the place named too
                return not any(b.start <= h.start < b.end and (b.start, b.end) != (h.start, h.end) for b in bodies)

            all_places = place_index("title").find(tz)
            concepts = [h for h in self._concept_hits(quote, tz) if free(h)]
            places = [h for h in all_places if free(h)]
            # "Hamdaniya districts": a local government's name is its place (for it alone; a
            # directorate's name says where it sits, not where its work is)
            self._seats[quote] = {b.payload: h.payload for b in bodies for h in all_places
                                  if b.start <= h.start < b.end and (a := self.snap.actors.get(b.payload, {}))
                                  and a.get("kind") == "local_government" and a.get("place") == h.payload}
            got = self._found[quote] = (bodies, concepts, places)
        return got

    def concepts_in(self, quote: str) -> frozenset[str]:
        """Every concept the quote's words name, inside body names too: a superset of the
        concepts ``found`` keeps, for a shortcut that must never drop a row (memoised, bounded)."""
        got = self._concepts_in.get(quote)
        if got is None:
            if len(self._concepts_in) > self.memo_quotes:
                self._concepts_in.clear()
            got = self._concepts_in[quote] = frozenset(h.payload for h in self._concept_hits(quote))
        return got

    def _concept_hits(self, quote: str, tz: Tokenized | None = None) -> list[Hit[str]]:
        """Every concept hit of the quote, found once for ``concepts_in`` and ``found`` (bounded)."""
        got = self._concept_raw.get(quote)
        if got is None:
            if len(self._concept_raw) > self.memo_quotes:
                self._concept_raw.clear()
            got = self._concept_raw[quote] = self.concept_index.find(tz or quote)
        return got

    # the three checks ---------------------------------------------------------------------
    def names(self, quote: str, aid: str, subjects: list[str] | tuple[str, ...] = ()) -> bool:
        key = (quote, aid, aid in subjects)
        got = self._names.get(key)
        if got is None:
            if len(self._names) > 2 * self.memo_quotes:
                self._names.clear()
            got = self._names[key] = self._names_uncached(quote, aid, subjects)
        return got

    def _names_uncached(self, quote: str, aid: str, subjects: list[str] | tuple[str, ...]) -> bool:
        bodies, _, _ = self.found(quote)
        if any(h.payload == aid for h in bodies):
            return True
        if aid not in subjects:
            return False
        # a reference the extractor resolved to the statement's subject
        if _PRONOUN.search(quote):
            return True
        heads = self.heads.get(aid, ())
        if heads:
            low = normalize_name(quote)
            if any(re.search(rf"(?<!\w){re.escape(h)}(?!\w)", low) for h in heads):
                return True
        # a list item under its lead ("The NCCVE will: - disseminate ..."), an Arabic sentence
        # with its subject dropped: a sentence naming no body goes on about the one before it
        return not bodies

    def carries(self, quote: str, aid: str, themes: set[str], subjects: list[str] | tuple[str, ...] = (),
                tagged: set[str] | frozenset[str] = frozenset()) -> bool:
        """The theme (any of ``themes``: a theme's narrower closure) is said of this body here;
        ``tagged``: the concepts the extractor found in the sentence (outside names, any word order)."""
        if not themes or themes & self.snap.actor_concepts.get(aid, set()):
            return True
        bodies, concepts, _ = self.found(quote)
        hits = [h for h in concepts if h.payload in themes]
        mine = [h for h in bodies if h.payload == aid]
        # a subject named in a later clause is still the sentence's subject when it is listed with
        # one named in the first ("the A, headed by X, and the B carried out ..." is not two clauses)
        first_end = _first_clause_end(quote)
        subject = aid in subjects and (not mine or mine[0].start <= first_end or any(
            h.payload in subjects and h.payload != aid and h.start <= first_end for h in bodies))
        if not hits:
            return subject and bool(themes & tagged)
        if is_arabic(quote) or subject:
            return True  # the sentence's subject: the whole sentence is said of it
        # a body named later: only the clauses that name it
        spans = _clauses(quote)
        own = [(s, e) for s, e in spans if any(s <= h.start < e for h in mine)]
        return any(s <= h.start < e for s, e in own for h in hits)

    def class_mandate(self, quote: str, aid: str, subjects: list[str] | tuple[str, ...] = ()) -> bool:
        """A sentence is a mandate of a class of bodies only when the class is its subject and a
        duty, option or recommendation its predicate; what participants said, an event, a
        complaint ("cities have not been consulted") is no one's mandate."""
        if is_arabic(quote):
            return bool(_AR_DUTY.search(quote))
        bodies, _, _ = self.found(quote)
        spans = [(h.start, h.end) for h in bodies if h.payload == aid]
        if not spans and aid in subjects:
            # resolved: "They can proceed ...", a list item under its lead
            spans = [(m.start(), m.end()) for m in _PRONOUN.finditer(quote)]
            if _LIST_ITEM.match(quote):
                return True
        return any(_DUTY.match(quote[e:]) or _ADDRESSED.search(quote[:s]) for s, e in spans)

    def where(self, quote: str, scopes: list[str], aid: str, place: str | None, nationwide: bool = False) -> str | None:
        """The best place match of the quote for PLACE ("any" when no place is asked)."""
        if not place:
            return "any"
        key = (quote, tuple(scopes), aid, place, nationwide)
        if key in self._where:
            return self._where[key]
        if len(self._where) > 2 * self.memo_quotes:
            self._where.clear()
        got = self._where[key] = self._where_uncached(quote, scopes, aid, place, nationwide)
        return got

    def _where_uncached(self, quote: str, scopes: list[str], aid: str, place: str, nationwide: bool) -> str | None:
        from graph.domain.snapshot import PLACE_MATCH_RANK

        bodies, _, places = self.found(quote)
        # "X did A in P; Y did B in Q": a body is placed by the clauses that name it
        own = [(s, e) for s, e in _clauses(quote) if any(s <= h.start < e for h in bodies if h.payload == aid)]
        near = [h for h in places if any(s <= h.start < e for s, e in own)]
        named = list(dict.fromkeys(h.payload for h in (near or places)))
        if seat := self._seats.get(quote, {}).get(aid):
            named.append(seat)
        if named:
            cands = named + ([COUNTRY] if NATIONWIDE.search(quote) else [])
        elif nationwide or NATIONWIDE.search(quote):
            cands = [COUNTRY]
        else:
            cands = list(scopes) or [COUNTRY]
            if aid in self.snap.actors and (seat := self.snap.actors[aid].get("place")):
                cands.append(seat)
        ms = [m for m in (self.snap.place_match(p, place) for p in cands) if m]
        return min(ms, key=lambda m: PLACE_MATCH_RANK.get(m, 9)) if ms else None

    def statement(self, st: St, aid: str, themes: set[str], place: str | None, via: str = "") -> Verdict:
        """The verdict for a statement said of ``aid`` (or of the class ``via`` it belongs to)."""
        holder = via or aid
        who = self.names(st.quote, holder, st.subjects)
        what = self.carries(st.quote, holder, themes, st.subjects, set(st.concepts)) or bool(
            via and themes & self.snap.actor_concepts.get(aid, set()))
        where = self.where(st.quote, st.places, aid, place, st.nationwide)
        return Verdict(who, what, where)

    def effort(self, ef: Ef, aid: str, themes: set[str], place: str | None) -> Verdict:
        """A 3W row or IATI activity: its columns name the body, the sector and the places."""
        who = any(a == aid for a, _ in ef.roles)
        what = not themes or bool(themes & set(ef.concepts)) or bool(themes & self.snap.actor_concepts.get(aid, set()))
        where: str | None = "any"
        if place:
            from graph.domain.snapshot import PLACE_MATCH_RANK

            ms = [m for m in (self.snap.place_match(p, place) for p in (ef.places or [COUNTRY])) if m]
            where = min(ms, key=lambda m: PLACE_MATCH_RANK.get(m, 9)) if ms else None
        return Verdict(who, what, where)

    def row(self, aid: str, why: dict[str, Any], theme: str | None, place: str | None) -> Verdict:
        """The verdict for an answer's ``why`` row (what ``dalil eval`` measures)."""
        themes = self.snap.narrower_closure(theme) if theme else set()
        sid = why.get("statement", "")
        if sid in self.snap.efforts:
            return self.effort(self.snap.efforts[sid], aid, themes, place)
        st = self.snap.statements.get(sid)
        if st is None:
            return Verdict(False, False, None)
        # a row reached through a class (who covers, a brief's class lines) is named by the class
        via = str(why.get("via_id") or "")
        direct = self.statement(st, aid, themes, place)
        if direct.ok or not via or via == aid:
            return direct
        return self.statement(st, aid, themes, place, via=via)


def grounder(snap: Snapshot) -> Grounder:
    """The snapshot's grounder, built on first use (a snapshot is immutable once built)."""
    g = snap.cache.get("grounder")
    if g is None:
        g = snap.cache["grounder"] = Grounder(snap)
    assert isinstance(g, Grounder)
    return g


def _head(name: str) -> str:
    """The head noun a text uses to refer back to a body: "the Subcommittee", "اللجنة"."""
    toks = normalize_name(name).split()
    if not toks:
        return ""
    # asked once per name when the grounder is built: past is_arabic's cache, which would keep
    # 4,096 of the body names for the life of a server
    if is_arabic.__wrapped__(name):
        return toks[0] if len(toks) > 1 and len(toks[0]) > 3 else ""
    # "Nineveh Governorate CVE Subcommittee" -> "subcommittee"; "Ministry of Youth" -> "ministry"
    head = toks[toks.index("of") - 1] if "of" in toks and toks.index("of") > 0 else toks[-1]
    return head if len(head) > 4 and head.isalpha() else ""


def _clauses(quote: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE.finditer(quote)] + [len(quote)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _first_clause_end(quote: str) -> int:
    m = _CLAUSE.search(quote)
    return m.start() if m else len(quote)


def sentence_key(why: dict[str, Any]) -> tuple[str, int, str]:
    """One row per sentence: the same quote on the same page of the same document."""
    return (str(why.get("document", "")), int(why.get("page", 0) or 0), str(why.get("quote", "")))
