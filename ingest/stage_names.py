"""Stage 1 of extraction: the names of bodies a document uses, as a term index.

Bodies the registry knows, acronyms the text defines ("Full Name (ACR)"), capitalised phrases
with an organisational head noun, Arabic head-noun names and the statistical backbone's
organisations (ingest/mentions.py) become ActorRefs; short forms, units of a body and names cut
short are joined to the body they name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from graph.model import ActorKind, Level, actor_id
from graph.names import is_arabic, normalize_name
from graph.terms import TermIndex
from graph.vocab.gazetteer import everyday_word_not_a_place, without_level_words
from ingest import aliases, arabic, countries, kinds, names_ar, persons, projects, rules, units
from ingest import mentions as mentions_stage
from ingest.cues import (
    ACRONYM_DEF,
    CONNECTORS,
    DOCUMENT_WORDS,
    LOCAL_GOV_HEADS,
    MEDIA_TAILS,
    NOT_ORG_FIRST,
    ORG_HEADS,
    POST_HEADS,
    UNIT_OF_MINISTRY,
    _clean_name,
    _generic_unit,
    _guess_kind_level,
    _has_org_head,
    _is_acronym,
    _place_level,
    _title_like,
    _trim_words,
)
from ingest.extraction import ActorRef, Extraction, Knowledge
from ingest.phrases import (
    _expansion,
    _org_continuation,
    _org_phrases,
    head_then_name,
    headline_only,
    names_a_post,
)
from ingest.short_forms import ShortFormsMixin
from ingest.text import occurrences

# "the Danish NGO Nahda", "local NGO Amal Bridges": a body introduced by what it is, not named by a head noun
_DESCRIBED = re.compile(r"^(?:[Tt]he\s+)?(?:[A-Z][a-z]+(?:ish|ian|ese|ch|i)\s+|[Ll]ocal\s+)?(?:I?NGO|CSO|CBO)\s+(?=[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,3}$)")


# "the regional Ministry of Planning", "the Kurdistan Region's Ministry of Health", "KRG Ministry of X"
REGIONAL_MINISTRY = re.compile(
    r"\b(?:[Rr]egional|KRG|Kurdistan\s+Region(?:al\s+Government)?['’]s|Kurdistan\s+Region(?:al\s+Government)?)\s+"
    r"Ministry\s+of\s+((?:[A-Z][\w'’]*)(?:\s+(?:and\s+)?[A-Z][\w'’]*){0,3})"
)


# nouns of people whose possessive sits inside a name ("Children's Welfare", "Women's Council")
_PEOPLE = r"(?i:women|children|people|men)"


# "Community-based", "district-level": the capitalised word before is an adjective's, not a name's
# ("NDF-linked", "Government-led" keep their body)
# "Trust in CP is …", "Confidence in the Police grew": an abstract noun opening a sentence before
# a preposition and a body's name is what the text says of that body, not a body
_ABSTRACT_OPENERS = frozenset({"trust", "confidence", "faith", "belief", "distrust", "mistrust", "interest", "investment",
                               "participation", "engagement", "progress", "access", "cooperation", "coordination",
                               "support", "reliance", "pressure", "criticism", "attacks", "violence"})

_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z]{1,10})\)")
_NEWS_AGENCY = re.compile(r"\b(?:News|Press|Media)\s+(?:Agency|Network|Service|Office|Centre|Center)$|\b(?:News|Press)\s*/")


def _abstract_phrase(words: list[str]) -> bool:
    return len(words) >= 3 and words[0].lower() in _ABSTRACT_OPENERS and words[1] in ("in", "between", "towards", "toward", "among")


_COMPOUND_ADJ = re.compile(r"-(?:based|level|wide|oriented|centred|centered|sensitive|focused|driven|owned|specific)\b")
_COMPASS = frozenset({"ne", "nw", "se", "sw", "north", "south", "east", "west", "northern", "southern", "eastern",
                      "western", "north-east", "northeast", "north-west", "northwest", "south-east", "southeast",
                      "south-west", "southwest", "central", "north-eastern", "north-western"})
def _level_words_out(name: str) -> str:
    """A name's key without its level words (graph.vocab.gazetteer.without_level_words)."""
    return without_level_words(name) or normalize_name(name)


class NamesStage(ShortFormsMixin):
    """Stage 1 of extraction: the names of bodies a document uses, as a term index."""

    kb: Knowledge
    doc_short: dict[str, str]
    _docs: dict[tuple[int, int], Any]

    def _titles_a_project(self, name: str) -> bool:
        """"Lantern Future" before "project" is its title; "the Mosul project", "the Dutch project",
        "the UNDP project", "the Delta Council project" say where or whose it is."""
        return not self._registry_lookup(name) and not any(
            w.lower() in ORG_HEADS or self._is_place(w) or countries.state_named(w)
            for w in name.split())

    def _is_place(self, text: str) -> bool:
        """The whole text is a place name of the gazetteer ("Sinjar", "Nineveh governorate")."""
        t = re.sub(r"(?i)\b(?:governorate|province|district|sub-?district|city|town|camp)\b", "", text).strip(" ,")
        hits = self.kb.place_index.find(t) if t else []
        # "al-Qaim": the index finds the name after a lower-case article
        article = re.match(r"(?:al|el|ad|an|ar|as|ash|at|az)-", t)
        return bool(hits) and hits[0].start <= (article.end() if article else 0) and hits[-1].end >= len(t) - 1

    def _learn_ner_terms(self, pages: Sequence[tuple[int, str]], ex: Extraction, terms: list[tuple[str, str, str]]) -> None:
        """Bodies the statistical backbone finds (stage 1a, ingest/mentions.py), as terms."""
        people = {e.text for d in self._docs.values() for e in d.ents if e.label_ == "PERSON"}
        people |= {n for d in self._docs.values() for _, _, n in persons.contextual_names(d.text)}
        known = {normalize_name(t[0]) for t in terms}
        rule_terms = TermIndex.of(terms)
        # an acronym the text defines for something that is no body ("national-local cooperation
        # (NLC)", "Middle East and North Africa (MENA)") never names one
        not_bodies = set()
        for _, text in pages:
            for m in ACRONYM_DEF.finditer(text):
                acr = m.group(1) or m.group(2)
                full = _expansion(text[max(0, m.start() - 160) : m.start()].rstrip(), acr)
                if full and (not _has_org_head(full) or full.split()[-1].lower() in mentions_stage.NOT_BODY_TAIL) \
                        and not self._registry_lookup(full) and not self._registry_lookup(acr):
                    not_bodies.add(acr)  # ("the Joint Cooperation Framework (JCF)": an instrument)
                elif not full and re.search(r"[a-z]-[a-z]|\b[a-z]+\s+[a-z]+\s*$", text[max(0, m.start() - 40) : m.start()]):
                    not_bodies.add(m.group(1))  # lower-case words before it: a term, not a name
        for d in self._docs.values():
            if d.text.lstrip().startswith(("#", "|")) or _title_like(d.text):
                continue  # a heading or a table row: names there are read with the rules only
            spans = [(h.start, h.end) for h in rule_terms.find(d.text)]

            def read(s: int, e: int, spans: list[tuple[int, int]] = spans) -> bool:
                return any(a < e and s < b for a, b in spans)

            for cand in (mentions_stage.org_entities(d, self._is_place, people, read) + mentions_stage.generic_bodies(d)
                         + mentions_stage.groups_by_members(d.text) + mentions_stage.offices_of_posts(d.text)
                         + mentions_stage.acting_countries(d, countries.country_of)
                         + mentions_stage.list_members(d.text, read, self._is_place)):
                if normalize_name(cand.name) in known or any(cand.name in n for n in people) or \
                        set(cand.name.split()) & not_bodies:
                    continue  # known already, or a person's name the tagger took for a body
                if cand.name.count("(") != cand.name.count(")") or cand.name.split()[-1] in CONNECTORS or \
                        _COMPOUND_ADJ.match(d.text, cand.end) and not cand.name.split()[-1].isupper():
                    continue  # cut inside brackets, before its last words ("X Contributing to") or inside a
                    # compound adjective ("the X Approach Community-based …"): no name
                words = cand.name.split()
                if len(words) >= 2 and countries.country_of(words[-1]) and all(w.lower() in _COMPASS for w in words[:-1]):
                    continue  # "NE Syria", "northern Syria": a part of a country, a place
                if cand.source == "ner" and (head_then_name(words) or names_a_post(words)):
                    continue  # "Member of Parliament Name Name", "Swedish Consul General": a person's, no body
                if _abstract_phrase(words):
                    continue  # "Trust in CP is strengthened": what is said of a body, no body
                if cand.source == "ner" and words[0].endswith("ing") and not _has_org_head(cand.name):
                    continue  # "Supporting Prevention of Violent Extremism is …": an activity, no body
                # "federal government representatives": the body named inside acts; "PVE": a theme's name
                if cand.name.split()[-1].lower() in ("representatives", "officials", "delegates") and (
                        read(cand.start, cand.end) or self.kb.actor_index.find(cand.name)) or \
                        any(h.start == 0 and h.end >= len(cand.name) for h in self.kb.concept_index.find(cand.name)):
                    continue
                if cand.name.split()[-1].lower() in MEDIA_TAILS or _NEWS_AGENCY.search(cand.name):
                    continue  # "X News quoted the mayor": the outlet reports, it is no body of the field
                if cand.name.split()[0].lower() in LOCAL_GOV_HEADS:
                    continue  # "the Governorate Office": the local government's own office, read by the rules
                paren = re.search(rf"\(\s*{re.escape(cand.name)}\s*\)", d.text)
                named = [h for h in rule_terms.find(d.text[: paren.start()].rstrip()) if paren and
                         h.end >= len(d.text[: paren.start()].rstrip()) - 1] if paren else []
                if named and named[-1].payload in ex.actors and ex.actors[named[-1].payload].kind == \
                        ActorKind.programme.value and not _expansion(named[-1].text, cand.name):
                    named = []  # "“Roads to Peace” (BYF)": who runs the project, not its short name
                if named:  # "Office of the X (RCO)": a short name of the body right before it
                    if named[-1].payload in ex.actors:
                        ex.actors[named[-1].payload].note(cand.name, "short name in brackets after the body's name")
                    terms.append((cand.name, named[-1].payload, "any"))
                    known.add(normalize_name(cand.name))
                    continue
                if countries.country_of(cand.name) and cand.source != "country":
                    continue  # a country is a body only where it acts (read as "country" above)
                if cand.source == "country":
                    self._country_body(ex, cand.name, terms)
                    known.add(normalize_name(cand.name))
                    continue
                if cand.source == "task":  # "a joint committee … formed to rebuild X": those words, in this text only
                    terms.append((d.text[cand.start : cand.end], self._ref(ex, cand.name, "").key, "any"))
                    continue
                name = self._strip_place_suffix(cand.name)
                owned = re.match(r"^(.+?)['’]s\s+(.+)$", name)  # "Iraq's Ministry of X" is the ministry
                if owned and _has_org_head(owned.group(2)) and self._is_place(owned.group(1)) and \
                        "place:IQ" in {h.payload for h in self.kb.place_index.find(owned.group(1))}:
                    name = owned.group(2)
                rid = self._registry_lookup(name)
                unit = UNIT_OF_MINISTRY.match(name) if not rid else None
                ref = self._ref(ex, unit.group(1) if unit else name, rid)
                terms.append((name, ref.key, "upper" if name.isupper() else "any"))  # "ICCROM", not a URL's "iccrom"
                surface = normalize_name(d.text[cand.start : cand.end])
                if cand.source == "generic" and surface != normalize_name(name) and normalize_name(name).endswith(" " + surface):
                    terms.append((surface, ref.key, "any"))  # "soldiers" of "Iraqi police and soldiers", in this text
                if unit:  # "Missing Persons Directorate of the X Foundation": a unit PART_OF its owner
                    owner = self._ref(ex, unit.group(2), self._registry_lookup(unit.group(2)))
                    ref.parent = ref.parent or owner.key
                    terms += [(unit.group(1), ref.key, "any"), (unit.group(2), owner.key, "any")]
                    ref.note(name, "the unit named with its owner")
                if name != cand.name:
                    ref.note(cand.name, "the same body named with its place")
                    terms.append((cand.name, ref.key, "any"))
                known.add(normalize_name(cand.name))

    def _learn_document_terms(self, pages: Sequence[tuple[int, str]], ex: Extraction) -> TermIndex[str]:
        """Acronyms defined in this text, and bodies found by head nouns, as a term index."""
        self.doc_short: dict[str, str] = {}  # short names defined by this text -> ref key
        terms: list[tuple[str, str, str]] = []  # surface, ref key, case
        continuations: dict[str, str] = {}  # "Regional Hub" after "(MENA)": the same body
        for _, text in pages:
            if is_arabic(text):
                names_ar.learn_arabic_terms(self, text, ex, terms)
            else:
                self._regional_ministries_en(text, ex, terms)
                titled = [q for q in projects.titled_projects(text) if self._titles_a_project(q.name)]  # "the Lantern Future project"
                for q in [*projects.quoted_projects(text), *titled]:  # "the “Safe Schools” project": a programme
                    ref = self._ref(ex, q.name, self._registry_lookup(q.name))
                    if not ref.registry_id:
                        ref.kind, ref.level, ref.place = ActorKind.programme.value, Level.unknown.value, ""
                    terms.append((q.name, ref.key, "title"))
            # "Amal-like Name for Dialogue (Amal-like)": a short name the text defines, the
            # full name's own first word in brackets
            for m in re.finditer(r"\b(([A-Z][a-z][\w\-]+)(?:\s+(?:for|of|and|the|[A-Z][\w\-]*)){1,6}?)\s+\((\2)\)", text):
                ref = self._ref(ex, m.group(1), self._registry_lookup(m.group(1)))
                ref.note(m.group(2), f"short name defined in the text for {m.group(1)!r}")
                terms += [(m.group(1), ref.key, "any"), (m.group(2), ref.key, "title")]
            for m in ACRONYM_DEF.finditer(text):
                acr = m.group(1) or m.group(2)
                before = text[max(0, m.start() - 160) : m.start()].rstrip()
                full = _expansion(before, acr)
                if not full and m.group(2):  # "X Working Group in Iraq (XWG – Iraq)": the country is in both
                    tail = re.search(r"\s+in\s+[A-Z][a-z]+$", before)
                    full = _expansion(before[: tail.start()], acr) if tail else ""
                    full = f"{full}{tail.group(0)}" if full and tail else full
                after = _org_continuation(text[m.end() : m.end() + 80])
                if not full:
                    continue
                name = f"{full} {after}".strip() if after else full
                short = f"{acr} {after}".strip() if after else acr
                if name.split()[-1].lower() in mentions_stage.NOT_BODY_TAIL and not self._registry_lookup(name):
                    continue  # "the X Cooperation Framework (XCF)": an instrument, no body
                rid = self._registry_lookup(name) or self._registry_lookup(acr)
                # ("the Integrated Delta Project (IDP)": a project named and shortened is a programme)
                if not rid and not _has_org_head(name) and not re.search(r"[A-Z]\w+\s+Project$", name):
                    continue
                if after:  # "Middle East and North Africa (MENA) Regional Hub" -> "MENA Regional Hub"
                    ref = self._ref(ex, short, rid)
                    continuations[normalize_name(after)] = ref.key
                    if text.count(full) == len(re.findall(rf"{re.escape(full)}\s*\({re.escape(acr)}\)\s*{re.escape(after)}", text)):
                        terms.append((full, ref.key, "any"))  # "X Committees (XCs) Taskforce" only: no committees
                    ref.note(name, f"expansion of {short!r} defined in the text")
                    ref.note(f"{full} ({acr}) {after}", "acronym defined in the text")
                    terms += [(short, ref.key, "any"), (name, ref.key, "any")]
                else:
                    ref = self._ref(ex, name, rid)
                    ref.note(acr, f"acronym defined in the text for {name!r}")
                    terms += [(name, ref.key, "any"), (acr, ref.key, "upper")]
            # "the Dutch NGO Blue Lantern", "Blue Lantern, an Iraqi NGO,": a name with no head noun
            for name, kind in ([] if is_arabic(text) else kinds.named_by_kind(text)):
                rid = self._registry_lookup(name)
                if not rid and self.kb.place_index.find(name):
                    continue  # "Basra, a city …" is a place
                ref = self._ref(ex, name, rid)
                if not rid:
                    ref.kind = kind
                terms.append((name, ref.key, "title"))
            named_so_far = frozenset(normalize_name(r.name) for r in ex.actors.values())
            for cand in _org_phrases(text):
                if _abstract_phrase(cand.split()):
                    continue  # "Trust in CP": what is said of a body ("Trust" is a body's head elsewhere)
                if _NEWS_AGENCY.search(cand) or cand.split()[-1].lower() in MEDIA_TAILS:
                    continue  # "told the X News Agency": an outlet reports, it is no body of the field
                if headline_only(cand, text) and not self._registry_lookup(cand):
                    continue  # "X Ministry Affirms Cooperation in Y Programme": a headline runs words together
                for name, parent in self._split_candidate(cand, named_so_far):
                    if normalize_name(name) in continuations:
                        terms.append((name, continuations[normalize_name(name)], "any"))
                        continue
                    m_office = re.fullmatch(r"(.+?)\s+(?:in\s+)?Iraq", name)
                    if m_office and not parent:  # a country office is its organisation (ingest/README.md)
                        base = m_office.group(1)
                        rid = self._registry_lookup(base)
                        # (or the whole name, where the text defined its acronym: "United Nations Mission
                        # in Iraq (UNAMI)" is the body the acronym names)
                        known = self._ref(ex, base, rid) if rid else next(
                            (r for r in ex.actors.values() if {base, name} & (r.aliases | {r.name})), None)
                        if known is not None:
                            known.note(name, "country office: the organisation in Iraq")
                            terms.append((name, known.key, "any"))
                            continue
                    if not parent and countries.country_of(name) not in ("", "Iraq") and not self._registry_lookup(name):
                        self._country_body(ex, name, terms)  # "the Government of Denmark": the state that acts
                        continue
                    full = name
                    name = self._strip_place_suffix(name)
                    rid = self._registry_lookup(name) or self._bracketed_acronym(full, text) or \
                        self._registry_lookup(re.sub(r"^(?:the\s+)?(?:Iraqi|Iraq['’]s|Federal)\s+(?=Ministry\b|Government\b)", "", name))
                    if rid and not parent:
                        for said in {full, name}:  # as the text names it (a variant the registry may not list)
                            self._ref(ex, said, rid)
                            terms.append((said, "actor:" + rid, "any"))
                        continue
                    ref = self._ref(ex, name, rid)
                    terms.append((name, ref.key, "any"))
                    if parent and name.startswith(parent + " ") and _generic_unit(name[len(parent) + 1:]):
                        rest = name[len(parent) + 1:]  # "the Fund's Board", then "the Board" in this text
                        terms += [(f"{parent}'s {rest}", ref.key, "any"), (f"{parent}’s {rest}", ref.key, "any"),
                                  (rest, ref.key, "title")]
                    if full != name:
                        ref.note(full, "the same body named with its place")
                        terms.append((full, ref.key, "any"))
                    short = UNIT_OF_MINISTRY.match(name)
                    if short and _generic_unit(short.group(1)):  # "Secretariat of the X Team": X's own
                        terms.append((short.group(1), ref.key, "title"))  # in this text only
                    elif short:  # "Community Police Directorate": the same unit
                        ref.note(short.group(1), "the unit's name without its ministry")
                        terms.append((short.group(1), ref.key, "any"))
                    if parent:
                        owner = self._ref(ex, parent, self._registry_lookup(parent))
                        terms.append((parent, owner.key, "any"))
                        if owner.key != ref.key and not ref.parent:
                            ref.parent = owner.key
        self._learn_ner_terms(pages, ex, terms)
        learnt = TermIndex.of(terms)  # read by both shapes below
        folded, given = aliases.known_as(pages, ex, learnt)  # "A, also known as B": one body
        terms = [(surface, folded.get(k, k), case) for surface, k, case in terms]
        terms += given  # "A (known locally as B)": B names no other body
        terms += units.possessed_units(pages, ex, learnt, folded, lambda n: self._ref(ex, n, ""))
        remap = self._short_forms(pages, ex, terms)
        return TermIndex.of((surface, remap.get(key, key), case) for surface, key, case in terms)

    def _bracketed_acronym(self, name: str, text: str) -> str:
        """The registry body a known acronym in brackets right after ``name`` names, where the name's
        initials run through it ("United Nations Mission in Iraq (UNAMI)": U, N, M, I in order)."""
        # the first place the name stands before a bracket
        m = next((a for at in occurrences(text, name) if (a := _ACRONYM_AFTER.match(text, at + len(name)))), None)
        rid = self._registry_lookup(m.group(1)) if m else ""
        if not m or not rid:
            return ""
        initials, acr = [w[0] for w in name.split() if w[:1].isupper()], iter(m.group(1).upper())
        return rid if len(initials) >= 2 and all(c in acr for c in initials) else ""

    def _split_candidate(self, phrase: str, known: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
        """One capitalised phrase to (body name, owner name) pairs; the rules are documented in
        ingest/README.md: "A and the B" are two bodies; "OWNER's UNIT" and "UNIT of the
        Ministry of X" are a unit PART_OF its organisation; a post ("Programme Manager") is none."""
        out: list[tuple[str, str]] = []
        pieces = re.split(r"\s*(?:,\s*)?\band\s+(the\s+)?(?=[A-Z])", phrase)
        parts, with_the = pieces[::2], [False, *(bool(t) for t in pieces[1::2])]
        merged: list[str] = []

        def named(x: str) -> bool:
            owned = re.match(r"^(.+?)['’]s\s+(.+)$", x)
            # "X Government's Joint Planning" (and Review Centre); not "Ministry of Children's Welfare"
            if owned and _has_org_head(owned.group(1)) and not re.search(_PEOPLE + "$", owned.group(1)):
                x = owned.group(2)
            return _has_org_head(x) or _is_acronym(x.strip()) or bool(self._registry_lookup(x.strip())) \
                or bool(_DESCRIBED.match(x)) or normalize_name(x) in known \
                or self._names_people(re.sub(r"\s+in\s+.*$", "", x))  # "… and Blue Lantern": a body the text named; "… and IDPs": people

        for part, the in zip(parts, with_the, strict=True):
            # re-join "Ministry of Labour and Social Affairs": the right side has no head; "the
            # Anbar Governorate and the Farmers Union": a named body after "and the" stands alone
            words = part.split()
            if merged and not named(part) and any(w.lower() in POST_HEADS and k + 1 < len(words) and words[k + 1][:1].isupper()
                                                  for k, w in enumerate(words)):
                continue  # "X Government and X Region President Aras Hamid": a person with a post, not a body
            if merged and not (named(part) and (the or named(merged[-1]))):
                merged[-1] = f"{merged[-1]} and {part}"
            else:
                merged.append(part)
        for part in merged:
            part = _clean_name(part)
            described = _DESCRIBED.match(part)
            if described:  # "the Danish NGO Tamkeen": the name is what the description introduces
                out.append((part[described.end():], ""))
                continue
            # "General Director of the X Directorate", "Adviser and Chair of the Y Board": the post
            # names a person's place in the body; the body is what follows "of"
            # ("Director General of", "Secretary General of": a post head before "general")
            posts = list(re.finditer(r"\b(?:([\w-]+)\s+)?([\w-]+)\s+(?:of|for)\s+(?:the\s+)?(?=[A-Z])", part))
            post = next((p for p in reversed(posts) if p.group(2).lower().split("-")[0] in POST_HEADS | DOCUMENT_WORDS
                         or p.group(2).lower() == "general" and (p.group(1) or "").lower() in POST_HEADS), None)
            if post is not None:
                part = part[post.end():]
                if post.group(2).lower() in rules.load("en", "posts")["post_body_head"] and \
                        part.split()[0].lower() not in ORG_HEADS:
                    continue  # "Minister of Water of the Government of X": the ministry is the post's (persons)
            words = part.split()
            while words and words[0].lower() in NOT_ORG_FIRST | CONNECTORS:
                words = words[1:]
            words = _trim_words(words)
            if post is not None and head_then_name(words):
                continue  # "Chief of Mission Name Name": the post's body word, then the person
            part = " ".join(words)
            office_of_post = words[0].lower() in ORG_HEADS and words[1:2] == ["of"]  # "Office of the Resident Coordinator"
            if len(parts) > 1 and self._local_gov_place(part):
                out.append((part, ""))  # "…, the Y Governorate and the X Union": one of the list
                continue
            if len(words) < 2 or not _has_org_head(part) or words[-1].lower() in POST_HEADS and not office_of_post:
                continue
            m = re.match(r"^(.+?)['’]s?\s+(.+)$", part)
            if m and self._is_place(m.group(1)) and _has_org_head(m.group(2)):
                # "Iraq's Ministry of Water Resources" is the ministry; another country's keeps its owner
                # ("Jordan's Ministry of Interior"), so it never answers for a place in Iraq
                home = {h.payload for h in self.kb.place_index.find(m.group(1))} & {"place:IQ"}
                out.append((m.group(2) if home else part, ""))
                continue
            if m and not _has_org_head(m.group(2)) and m.group(2).split()[-1].lower() not in POST_HEADS and \
                    m.group(2).split()[0].lower() not in mentions_stage.NOT_BODY_TAIL:  # "X's Memorandum": X
                if m.group(1).split()[-1].lower() in ORG_HEADS:  # "the X Network's Gulf States": the network
                    out.append((m.group(1), ""))
                    continue
                m = None  # "Ministry of Veterans' Affairs": the possessive is inside the name
            plural_owner = re.search(rf"(?:s['’]|{_PEOPLE}['’]s)\s+\S+$", part)
            if m and plural_owner and len(m.group(2).split()) == 1:
                m = None  # "the Veterans' Foundation", "Women's Council": a name, not a body's unit
            if m:
                owner, unit = m.group(1), m.group(2)
                if _has_org_head(owner) or _is_acronym(owner) or self._registry_lookup(owner):
                    unit = " ".join(_trim_words(unit.split()))
                    if _has_org_head(unit) and len(unit.split()) >= 2:
                        # "the Fund's Governing Board" is that fund's board: a name of generic
                        # words only would join every board of every document into one node
                        out.append((f"{owner} {unit}" if _generic_unit(unit) else unit, owner))
                    out.append((owner, ""))
                    continue
            m = UNIT_OF_MINISTRY.match(part)
            if m:
                out.append((part, m.group(2)))  # its short name is noted where the ref is made
                continue
            out.append((part, ""))
        return out

    def _country_body(self, ex: Extraction, surface: str, terms: list[tuple[str, str, str]]) -> None:
        """A state that acts: its government, from the registry where it is there (the donors),
        else a body named by the country, with "Government of X" as another of its names."""
        country = countries.country_of(surface)
        ref = self._state_ref(ex, country, surface)
        if normalize_name(surface) != normalize_name(ref.name):
            ref.note(surface, "a short form of the country's name")
        terms += [(surface, ref.key, "any"), (country, ref.key, "any")]

    def _state_ref(self, ex: Extraction, country: str, surface: str) -> ActorRef:
        """The government of ``country`` (``surface``: as the text names it): the registry's where
        it is there (the donors), else a body named by the country, "Government of X" its other name."""
        rid = self._registry_lookup(surface) or self._registry_lookup(f"Government of {country}") or \
            self._registry_lookup(country)
        ref = self._ref(ex, country, rid)
        if not rid:
            ref.kind, ref.level = ActorKind.national_body.value, Level.international.value
            the = "the " if country.startswith(("United ", "Republic ", "Kingdom ")) or country.endswith("s") else ""
            ref.note(f"Government of {the}{country}", "the state's government, named by the country")
        return ref

    def _regional_ministries_en(self, text: str, ex: Extraction, terms: list[tuple[str, str, str]]) -> None:
        """"the regional Ministry of Planning", "the Kurdistan Region's Ministry of Health": the
        region's own ministry, a node apart from the federal one and part of the regional
        government (as the Arabic "وزارة ... في حكومة الإقليم" above)."""
        for m in REGIONAL_MINISTRY.finditer(text):  # the registry is asked only where one is named
            field = m.group(1)
            ref = self.regional_ministry(ex, field)
            ref.note(m.group(0).strip(), "the ministry named with the region it belongs to")
            terms += [(m.group(0).strip(), ref.key, "any"), (f"KRG Ministry of {field}", ref.key, "any")]

    def regional_ministry(self, ex: Extraction, field: str) -> ActorRef:
        """The Kurdistan Region's ministry of ``field``: one node, part of the regional government,
        however the text names it (here, or through its minister's post)."""
        gov_rid = self._registry_lookup(arabic.REGION_GOVERNMENT)
        ref = self._ref(ex, f"Kurdistan Region Ministry of {field}", "")
        ref.kind, ref.level = ActorKind.ministry.value, Level.regional.value
        if gov_rid:
            ref.parent = ref.parent or self._ref(ex, arabic.REGION_GOVERNMENT, gov_rid).key
        ref.note(f"KRG Ministry of {field}", "the usual short form of the region's ministry")
        return ref

    def _strip_place_suffix(self, name: str, min_words: int = 2) -> str:
        """"Ministry of Labour in Baghdad" is the Ministry of Labour; the place is where it acts."""
        m = re.match(r"^(.+?)\s+(?:in|for)\s+(.+)$", name)
        if m and _has_org_head(m.group(1)) and len(m.group(1).split()) >= min_words:
            place = m.group(2)
            hits = self.kb.place_index.find(place)
            rest = place
            for h in sorted(hits, key=lambda h: -h.start):
                rest = rest[: h.start] + rest[h.end :]
            if hits and hits[0].start == 0 and not re.sub(r"\b(?:and|the|districts?|governorates?)\b|[,\s]", "", rest, flags=re.I):
                return m.group(1)
        return name

    def _default_place(self, title: str) -> str:
        """Where a sentence that names no place applies: the one governorate or district the
        document's title names ("Nineveh Governorate Local Action Plan …"), else all of Iraq."""
        hits = [h for h in self.kb.place_index.find(title) if h.payload != "place:IQ"]
        head = next((h for h in hits if h.start <= 2 and re.match(r"\s*[:—–]", title[h.end:])), None)
        if head is not None:  # "Hit: tribal elders of Ramadi and Fallujah ...": the headline's place
            return head.payload
        ids = {h.payload for h in hits}
        top = min(ids, key=len, default="")  # a governorate and its district of the same name: the governorate
        if not top or not all(i.startswith(top) for i in ids):
            return "place:IQ"
        # places nested in one line ("North Sinjar … Nineveh governor"): the document is about the
        # narrowest, unless it is only the governorate's own name again
        deepest = max(ids, key=len)
        surface = {h.payload: normalize_name(title[h.start:h.end]) for h in hits}
        return deepest if all(deepest.startswith(i) for i in ids) and surface.get(deepest) != surface.get(top) else top

    def _names_people(self, name: str) -> bool:
        """"IDPs", "Returnees", "Tribal Leaders": a group of people the target-group vocabulary
        knows, never a body (the police and security forces are: a body may be named so)."""
        name = name.strip()
        return any(h.start == 0 and h.end >= len(name) and h.payload.startswith("target_group:")
                   and h.payload != "target_group:security_personnel" for h in self.kb.concept_index.find(name))

    def _registry_lookup(self, name: str) -> str:
        hits = self.kb.actor_index.find(name)
        if len(hits) == 1 and hits[0].start == 0 and hits[0].end >= len(name.strip().rstrip(".")) - 1:
            return hits[0].payload
        if re.match(r"Iraq\s+(?!and\b)", name):  # "Iraq Federal Government": the country named as its adjective
            return self._registry_lookup("Iraqi" + name[4:])
        state = countries.organ_of_state(name)  # "the Dutch Ministry of Foreign Affairs": the Netherlands'
        return self._registry_lookup(state) if state and state != name else self.kb.registry_by_signature(name)

    def _ref(self, ex: Extraction, name: str, registry_id: str) -> ActorRef:
        name = _clean_name(name)
        owner = None if registry_id else re.match(r"([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)['’]s\s+(?=[A-Z])", name)
        if owner and any(h.payload != "place:IQ" and h.end - h.start == len(owner.group(1))
                         for h in self.kb.place_index.find(owner.group(1))):
            name = f"{owner.group(1)} {name[owner.end():]}"  # "Anbar’s Provincial Council": its place's own
            registry_id = self._registry_lookup(name)
            return self._ref(ex, name, registry_id)
        if registry_id:
            e = self.kb.registry[registry_id]
            ref = ex.actors.get("actor:" + registry_id)
            if ref is None:
                ref = ActorRef(
                    name=e.name, kind=e.kind, level=e.level, registry_id=registry_id,
                    aliases=set(e.aliases) | set(e.acronyms), themes={f"theme:{t}" for t in e.themes},
                    parent=e.parent or "",
                )
                ex.actors[ref.key] = ref
            if normalize_name(name) != normalize_name(e.name):
                ref.note(name, f"alias of {e.name!r} in the registry")
            return ref
        key = actor_id(name)
        ref = ex.actors.get(key) or self._same_but_level_word(ex, name)
        if ref is None:
            kind, level = _guess_kind_level(name)
            ref = ActorRef(name=name, kind=kind, level=level)
            place = self._local_gov_place(name)
            if place:
                ref.kind, ref.place = ActorKind.local_government.value, place
                ref.level = _place_level(self.kb.gazetteer, place)
            elif ref.kind in (ActorKind.committee.value, ActorKind.unit.value, ActorKind.other.value,
                              ActorKind.security_force.value) and \
                    ref.level in (Level.unknown.value, ""):
                # "Nineveh Governorate CVE Subcommittee", "Anbar Police Command": the place sets the level
                hits = [h for h in self.kb.place_index.find(name) if h.payload != "place:IQ"]
                # "مديرية شمال بابل": a place's own name before an everyday word that names one too ("شمال")
                hits.sort(key=lambda h: everyday_word_not_a_place(name, h.start, h.end, []))
                if hits:
                    ref.place = hits[0].payload
                    ref.level = _place_level(self.kb.gazetteer, hits[0].payload) or ref.level
            ex.actors[key] = ref
        return ref

    def _same_but_level_word(self, ex: Extraction, name: str) -> ActorRef | None:
        """"Anbar Governorate Central Peace Committee" and "Anbar Central Peace Committee": one
        body, named with and without the level word after its place."""
        short = _level_words_out(name)
        if len(short.split()) < 3:
            return None
        found = next((a for a in ex.actors.values() if not a.registry_id and a.kind != ActorKind.person.value
                      and _level_words_out(a.name) == short), None)
        if found is not None and normalize_name(found.name) != normalize_name(name):
            found.note(name, "the same name with or without the level word after its place")
        return found

    def _local_gov_place(self, name: str) -> str:
        words = name.split()
        if len(words) >= 2 and words[-1].lower() in LOCAL_GOV_HEADS:
            hits = self.kb.place_index.find(" ".join(words[:-1]))
            if hits:
                return hits[0].payload
        return ""

