"""Rules that turn a document's sentences into mentions and statements, offline, with no LLM.

The gazetteer, vocabularies and registry (ontologies/) find what is known; patterns discover
what is not: "Full Name (ACRONYM)", capitalised phrases with an organisational head noun,
classes of bodies ("governorate-level subcommittees"), posts ("Name, Chair of X"). Each
statement keeps the sentence it came from, its page and offsets, and a status read from the
sentence's modality (stated / may / should).

The stages: ingest/stage_names.py (1: names), ingest/stage_discourse.py (2: mentions,
references, persons), ingest/stage_cues.py and ingest/stage_statements.py (3: statements and
relations), with the cue rules of ingest/relations.py; resolution is ingest/resolve.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from graph.model import ActorKind, Level, StatementKind, Status
from graph.names import is_arabic
from graph.terms import token_key
from graph.vocab.gazetteer import everyday_word_not_a_place
from ingest import arabic, kinds, nlp, units
from ingest import mentions as mentions_stage
from ingest.chunking import is_table_line, split_sentences
from ingest.clauses import _clause_holders, _Ctx, _word_of_a_name
from ingest.cues import (
    _NEEDS_OBJECT,
    AR_SAME_SUBJECT,
    COREF_THEY,
    DATELINE,
    DRIVER_CUES,
    DUTIES_HEADING,
    ITS_MEMBERS,
    LIST_ITEM,
    LIST_ITEM_START,
    MEMBERS_LEAD,
    METADATA_LINE,
    RAN_A_PROJECT,
    REACH_GREW,
    RECOMMENDS_THAT,
    THE_PROJECT_DOES,
    _class_display,
    _generic_unit,
    _title_like,
)
from ingest.extraction import OWNER, ActorRef, Extraction, Knowledge, Mention, StatementDraft, knowledge
from ingest.stage_cues import field_label_alone
from ingest.stage_statements import COUNTRY, StatementsStage
from ingest.text import occurrences

# a sentence that goes on about what the sentence before it named
GOES_ON = re.compile(r"[\s*_\-•]*(?:The|This|These|Those|It|They|Its|Their|Such|There)\b")


class Extractor(StatementsStage):
    """Extracts from one document at a time; ``pages`` are (page number, text) pairs."""

    def __init__(self, kb: Knowledge | None = None) -> None:
        self.kb = kb or knowledge()

    # public -----------------------------------------------------------------------------
    def extract(self, pages: Sequence[tuple[int, str]], title: str = "") -> Extraction:
        ex = Extraction()
        sentences = [split_sentences(text) for _, text in pages]  # split once, read twice
        self._docs = self._parse(pages, sentences)
        ex.default_place = self._default_place(title)
        doc_terms = self._learn_document_terms(pages, ex)
        last_subjects: list[str] = []
        ran_project = False  # the last sentence with a subject said that subject runs a project
        recent_persons: list[str] = []  # latest last; "he" / "she" is the latest of that gender
        gender: dict[str, str] = {}  # person key -> "f" / "m", where a courtesy title says it
        header, para_place = "", ""  # header: the first line of the table being read, if any
        carried: list[str] = []  # the places of the sentence before, in the same paragraph
        previous: list[str] = []
        item_holders: list[str] = []  # the holders of the list item just read (Arabic calls)
        first_seen: dict[str, tuple[int, int, int, str, set[str]]] = {}  # ref -> where the text first names it
        for (page_no, text), spans in zip(pages, sentences, strict=True):
            lead: tuple[list[str], bool, str] | None = None  # a lead-in sentence ending in ":"
            row_end = -1  # where the line of the last table row read ends
            label = ""  # the role the sentence before named as a field label alone ("Donor")
            for s, e in spans:
                # "Title: X" / "Status: …" / "Partners: A, B" with no full stop come as one sentence:
                # the record's own lines go, the lines after them are read
                while METADATA_LINE.match(text[s:e]) and (cut := text.find("\n", s, e)) >= 0:
                    s = cut + 1 + len(text[cut + 1 : e]) - len(text[cut + 1 : e].lstrip())
                sent = text[s:e]
                # what stands before the sentence on its line (a list marker, or nothing); looked
                # up in a bounded window, so a one-line page does not cost the square of its length
                window = max(0, s - 200)
                newline = text.rfind("\n", window, s)
                line_head = text[newline + 1 if newline >= 0 else window : s]
                is_item = bool(LIST_ITEM.fullmatch(line_head)) or bool(LIST_ITEM_START.match(sent))
                new_paragraph = not line_head.strip() and not is_item
                if new_paragraph:
                    lead = None  # a new paragraph ends the list
                if METADATA_LINE.match(sent):
                    continue  # "- **Publisher:** …": the document's record, not what it says
                mentions = self._actor_mentions(sent, doc_terms, ex)
                n_before, owed_before = len(ex.statements), len(ex.owed)
                persons = self._persons(sent, ex, mentions, self._docs.get((page_no, s)))
                for st in ex.statements[n_before:] + ex.owed[owed_before:]:  # posts are found within the sentence
                    st.page, st.char_start, st.char_end = page_no, st.char_start + s, st.char_end + s
                posts = [st for st in ex.statements[n_before:] if st.kind == StatementKind.post.value]
                for p in persons:
                    recent_persons = [x for x in recent_persons if x != p] + [p]
                    said = _TITLE_BEFORE.search(sent[: max(0, sent.find(ex.actors[p].name))]) if p in ex.actors else None
                    if said:
                        gender[p] = "f" if said.group(1).lower() in ("mrs", "ms", "madam", "miss") else "m"
                hits = self.kb.place_index.find(sent)
                spans = [(h.start, h.end) for h in hits]
                dateline = DATELINE.match(sent)  # "BAGHDAD (Outlet) — …": where it was reported, not where it is
                places = [(h.start, h.end, h.payload) for h in hits
                          if not _word_of_a_name(sent, h.start, h.end, mentions)
                          and not _in_person_name(sent, h.start, h.end, [ex.actors[p].name for p in persons if p in ex.actors])
                          and not everyday_word_not_a_place(sent, h.start, h.end, spans)
                          and not (dateline and h.start < dateline.end())]
                concepts = self._concepts(sent)
                # a sentence that states something (not a heading, a table row or a short label)
                n_words = len(re.findall(r"[^\W\d_]{2,}", sent))
                stated = n_words >= 6 and not is_table_line(sent) and (
                    not _title_like(sent) or n_words >= 10 and sent.rstrip(" *_").endswith((".", "!", "?", "؟")))
                for m in mentions:
                    if stated:
                        first_seen.setdefault(m.ref, (page_no, s, e, sent, {pid for _, _, pid in places}))
                    ex.mentions.append((page_no, Mention(m.start + s, m.end + s, m.text, m.ref)))
                    if m.ref in ex.recent:
                        ex.recent.remove(m.ref)
                    ex.recent.append(m.ref)
                for ps, pe, pid in places:
                    ex.place_mentions.append((page_no, s + ps, pid))
                    ex.place_names[pid] = sent[ps:pe]
                for cs, cid in concepts:
                    ex.concept_mentions.append((page_no, s + cs, cid))
                subjects = self._subjects(sent, mentions)
                doc = self._docs.get((page_no, s))
                parsed: list[str] = []
                if doc is not None and not is_table_line(sent) and not RECOMMENDS_THAT.search(sent):
                    # ("X proposes that Y lead …" keeps Y, the body the rules chose)
                    # the parse knows the subject where word order misleads ("Support came from X")
                    # the rules' subject stands unless the parse reads it as an object
                    parsed = mentions_stage.parsed_subjects(doc, [(m.start, m.end, m.ref) for m in mentions])
                    first = next((m for m in mentions if subjects and m.ref == subjects[0]), None)
                    if parsed and (not subjects or first is not None and mentions_stage.is_object(doc, first.start, first.end)):
                        subjects = parsed
                acting = self._places_acting(sent, places, ex, mentions, first=not subjects)
                subjects += [a for a in acting if a not in subjects]
                # "**قضاء القائم.** … ويعاني القضاء …", "**Gaps in Tarmiyah.** …": a paragraph led by
                # a place names where its sentences that name no place are
                if new_paragraph:
                    lead_place = {p for _, _, p in places}
                    para_place = lead_place.pop() if len(lead_place) == 1 and len(sent.split()) <= 5 \
                        and not mentions else ""
                elif not places and para_place:
                    places = [(0, 0, para_place)]
                # "… in a village of Hit district. The searches were done by …": a
                # sentence that goes on about what the one before it named (same paragraph or list
                # item, a pointing start) is where that one was
                if new_paragraph or LIST_ITEM.fullmatch(line_head) or LIST_ITEM_START.match(sent):
                    carried = []
                if not places and carried and GOES_ON.match(sent):
                    places = [(0, 0, p) for p in carried]
                carried = [p for _, _, p in places if p != COUNTRY] or carried
                if subjects:
                    subjects += [h for h in _clause_holders(sent, mentions) if h not in subjects]
                coref = COREF_THEY.match(sent)
                # "It supports the Network …": a pronoun is the subject, the body after it is not
                if coref and subjects and not parsed and all(m.start >= coref.end() for m in mentions if m.ref in subjects):
                    subjects = []
                if not subjects and coref:
                    word = coref.group(1).lower()
                    if word == "they" and last_subjects or word == "it" and len(last_subjects) == 1:
                        subjects = list(last_subjects)
                    elif word in ("he", "she"):
                        other = "f" if word == "he" else "m"
                        subjects = [p for p in recent_persons if gender.get(p) != other][-1:]
                if not subjects and THE_PROJECT_DOES.match(sent) and len(last_subjects) == 1 and ran_project:
                    subjects = list(last_subjects)  # "X implements the Y project … The project aims to …"
                if not subjects and REACH_GREW.match(sent) and len(last_subjects) == 1:
                    subjects = list(last_subjects)  # "From 2025 its coverage widened to A": the body just named
                if not subjects and ex.posts and is_arabic(sent):  # "قال يونس إن …": the body of his post
                    spoken = arabic.speaker_body(sent, [(ex.actors[p.subjects[0]].name, arabic.speaks_for(ex.actors, p.objects[0]))
                                                        for p in ex.posts if p.subjects and p.objects and p.subjects[0] in ex.actors])
                    subjects = [spoken] if spoken else []
                if not subjects and not is_arabic(sent):  # "The Governor of X, Name, signed …": his body acts
                    subjects = [st.objects[0] for st in posts if st.objects and st.char_start - s <= 4][:1]
                if not subjects and (AR_SAME_SUBJECT.match(sent) or arabic.MEETING_SUBJECT.match(sent)
                                     or arabic.SPEAKER_GOES_ON.match(sent) or arabic.DOCUMENT_SUBJECT.match(sent)) \
                        and len(last_subjects) == 1:
                    subjects = list(last_subjects)  # "كما تتولى مسك سجل …": the body just named goes on
                if not subjects and is_item and item_holders and arabic.CALL_ITEM.match(sent):
                    subjects = list(item_holders)  # "- تطالب بتسريع …": calls on whom the item before called on
                in_list = is_item and lead is not None
                if in_list and not subjects and lead:
                    subjects = list(lead[0])  # "the NCCVE ... involved: - Disseminating ..."
                members_of = lead[2] if in_list and lead else ""  # "Its members are: 1. ... 2. ..."
                if ITS_MEMBERS.match(sent) and len(last_subjects) == 1:
                    members_of, subjects = last_subjects[0], [last_subjects[0]]
                # a table: its first line is the header every following row is read with (a row
                # cut into sentences stays a row: its line is the table's)
                continuing = s < row_end
                is_row = is_table_line(sent) or continuing
                if is_table_line(sent) and not continuing:
                    row_end = text.find("\n", e) % (len(text) + 1)
                row_header = header if is_row and not continuing else ""
                header = (header or sent) if is_row else ""
                ctx = _Ctx(page_no, s, e, sent, mentions, subjects, places, concepts,
                           driver_list=bool(in_list and lead and lead[1]), members_of=members_of,
                           previous=list(previous), table_header=row_header,
                           posts=posts,
                           label_before=label,
                           reported=[] if doc is None or is_table_line(sent) else mentions_stage.reported_subjects(
                               doc, [(m.start, m.end, m.ref) for m in mentions]))
                # relation cues in a sentence that names no body before them speak of the subject
                # of the sentence right before it ("... The project is funded by X."); a heading
                # or a sentence without a subject passes nothing on
                previous = subjects if re.search(r"[.!?؟:][\s*_\")”]*$", sent) else []
                self._statements(ctx, ex)
                label = field_label_alone(sent)
                if sent.rstrip(" *_").endswith(":"):
                    holder = members_of or (subjects[0] if len(subjects) == 1 and MEMBERS_LEAD.search(sent) else "")
                    lead = (subjects, bool(DRIVER_CUES.search(sent)), holder)
                elif DUTIES_HEADING.match(sent) and len(sent.split()) <= 6:
                    # "Council powers" / "مهام اللجنة" over a list: the body it names, else the one just spoken of
                    holders = subjects or (last_subjects if len(last_subjects) == 1 else [])
                    lead = (holders, False, "") if holders else lead
                if subjects:
                    last_subjects = subjects
                    ran_project = bool(RAN_A_PROJECT.search(sent)) or ran_project and bool(THE_PROJECT_DOES.match(sent))
                item_holders = subjects if is_item and is_arabic(sent) else []
        units.assign_units(ex, lambda n: self._ref(ex, n, rid).key if (rid := self._registry_lookup(n)) else "")
        units.assign_seats(ex, lambda t: [h.payload for h in self.kb.place_index.find(t)])
        self._finish_actors(ex)
        kinds.kinds_said("\n".join(t for _, t in pages), ex.actors)
        _mentioned_only(ex, first_seen)
        owner = _document_owner(ex, title) or self._titled_project(ex, title, pages)
        self._own_generic_units(ex, owner)
        _settle_owed(ex, owner)
        return ex

    def _titled_project(self, ex: Extraction, title: str, pages: Sequence[tuple[int, str]]) -> str | None:
        """A fact sheet ("Implementing Partner: X", "Duration: …") under a title that names no
        body is about the project the title names; notes with only a donor line name none."""
        named = re.sub(r"^[#\s]+|[\s.:]+$", "", title)
        if not any(st.rule.startswith("field.") for st in ex.owed) or not 2 <= len(named.split()) <= 16 \
                or not any(_PROJECT_FIELD.search(t) for _, t in pages):
            return None
        ref = self._ref(ex, named, self._registry_lookup(named))
        if not ref.registry_id:
            ref.kind, ref.level = ActorKind.programme.value, Level.unknown.value
        return ref.key

    # document-level learning ---------------------------------------------------------
    @staticmethod
    def _parse(pages: Sequence[tuple[int, str]], sentences: list[list[tuple[int, int]]]) -> dict[tuple[int, int], Any]:
        """The English sentences parsed once, in a batch: spaCy is fastest over many texts."""
        keys, texts = [], []
        for (page_no, text), spans in zip(pages, sentences, strict=True):
            for s, e in spans:
                if not is_arabic(text[s:e]):
                    keys.append((page_no, s))
                    texts.append(text[s:e])
        if not nlp.available():
            return {}
        return dict(zip(keys, nlp.parse(texts), strict=True))

    def _finish_actors(self, ex: Extraction) -> None:
        # A class of bodies is a device for class-level statements: one that is only mentioned
        # (neither acts nor is governed as a class: supervised, funded, supported) is not kept as
        # a node; a class named as a collaborator in passing ("with CSOs") is not kept either.
        subjects = {k for st in ex.statements for k in st.subjects}
        acted_on = {k for st in ex.statements if st.kind in ("supervision", "funding", "support") for k in st.objects}
        _drop_actors(ex, {k for k, r in ex.actors.items() if r.is_class and k not in subjects | acted_on})
        _drop_actors(ex, {k for k, r in ex.actors.items() if not r.registry_id and not r.is_class
                          and r.kind != ActorKind.person.value and self._names_people(r.name)})
        # a venue where something took place ("the X Conference Centre", "مركز المؤتمرات") is no body
        _drop_actors(ex, {k for k, r in ex.actors.items() if not r.registry_id and _VENUE.search(r.name)})
        # A body the text never names where it stands (a registry name inside a longer name, a
        # candidate split that lost its words) is no body of this document.
        used = {m.ref for _, m in ex.mentions} | subjects | {o for st in ex.statements for o in st.objects}
        used |= {r.parent for k, r in ex.actors.items() if k in used and r.parent}
        for k in [k for k, r in ex.actors.items() if k not in used and r.kind != ActorKind.person.value]:
            del ex.actors[k]
        # A class is shown by the text's most telling name for it: one that says its level
        # ("governorate-level ...") without pointing words ("these ..."), then the most used.
        for key, surfaces in ex.class_surfaces.items():
            def rank(n: str, surfaces: list[str] = surfaces) -> tuple[int, int, int, int]:
                low = n.lower()
                return (
                    -int(not re.search(r"\b(these|those|such|established|all|each|every)\b", low)),
                    -int(bool(re.search(r"ministerial|governorate|district|city|local|national", low))),
                    -surfaces.count(n),
                    -len(n),
                )
            ex.actors[key].name = _class_display(min(surfaces, key=rank))
        for ref in ex.actors.values():
            if ref.kind == ActorKind.person.value:
                continue
            for h in self.kb.concept_index.find(ref.name):
                if h.payload.startswith(("theme:", "target_group:")):
                    ref.themes.add(h.payload)
        for st in ex.statements:
            if st.page == 0:  # posts are found before the page is known
                st.page = 1

    @staticmethod
    def _own_generic_units(ex: Extraction, owner_key: str | None) -> None:
        """A unit named by generic words only ("the Secretariat", "a steering committee") in a
        document about one body (its title names it: terms of reference, an annual report) is
        that body's unit. Left as it is, every steering committee of every document would be one
        node; a title naming no body, or two, leaves the unit alone."""
        if owner_key is None:
            # a unit named by one common word ("a secretariat") is nobody's without its owner
            _drop_actors(ex, {k for k, r in ex.actors.items() if not r.registry_id and not r.is_class
                              and r.name.lower() in mentions_stage.BARE_UNITS})
            return
        owner = ex.actors[owner_key]
        short = min((a for a in owner.aliases if re.fullmatch(r"[A-Z][A-Za-z]{1,9}", a)), key=len, default=owner.name)
        renamed: dict[str, str] = {}
        for k, r in list(ex.actors.items()):
            if r.kind == ActorKind.person.value or r.is_class or r.parent or r.registry_id or not _generic_unit(r.name):
                continue
            unit = ActorRef(name=f"{short} {' '.join(w[:1].upper() + w[1:] for w in r.name.split())}", kind=r.kind, level=r.level,
                            place=r.place, parent=owner.key, themes=set(r.themes))
            unit.note(r.name, "a unit named by generic words, in a document about " + owner.name)
            for a in r.aliases:
                unit.note(a, r.reasons.get(a, ""))
            del ex.actors[k]
            ex.actors.setdefault(unit.key, unit)
            renamed[k] = unit.key
        if not renamed:
            return
        for st in ex.statements:
            st.subjects = [renamed.get(x, x) for x in st.subjects]
            st.objects = [renamed.get(x, x) for x in st.objects]
        ex.mentions = [(p, Mention(m.start, m.end, m.text, renamed.get(m.ref, m.ref))) for p, m in ex.mentions]
        ex.recent = [renamed.get(x, x) for x in ex.recent]


_ENDS_IN_PLACE = re.compile(r"(?:\s+in|\s+في)\s+\S+$|^(?:برنامج|مشروع)\s")


# a courtesy title right before a person's name, which says the person's gender
_TITLE_BEFORE = re.compile(r"\b(Mrs|Ms|Madam|Miss|Mr)\.?\s+$")


def _document_owner(ex: Extraction, title: str) -> str | None:
    """The one body a document is about: its title names it (terms of reference, a project page,
    an annual report); a title naming no body, or two, names no owner."""
    bodies = [k for k, r in ex.actors.items() if r.kind != ActorKind.person.value and not r.is_class
              and not _generic_unit(r.name) and any(_names_in(n, title) for n in (r.name, *r.aliases))]
    bodies = [k for k in bodies if not any(ex.actors[k].parent == o for o in bodies)]
    return bodies[0] if len(bodies) == 1 else None


# a project's own record lines: how long it runs, what it costs
_PROJECT_FIELD = re.compile(r"^[\W_]*(?:duration|budget|timeframe|time\s*frame|project\s+(?:period|duration|budget)|"
                            r"total(?:\s+estimated)?\s+(?:assistance|budget|funding|cost))\s*:", re.I | re.M)


def _settle_owed(ex: Extraction, owner: str | None) -> None:
    """The statements about the document's owner (``Extraction.owed``) name it now, or go; a
    person named only by a post of the owner ("Chairman Name") goes with them."""
    people = {x for st in ex.owed for x in st.subjects if x in ex.actors and ex.actors[x].kind == ActorKind.person.value}
    for st in ex.owed:
        if not owner:
            break
        subjects = [owner if x == OWNER else x for x in st.subjects]
        objects = [owner if x == OWNER else x for x in st.objects]
        if not set(subjects) & set(objects):  # the owner's own money is no relation
            st.subjects, st.objects = subjects, objects
            ex.statements.append(st)
    ex.owed = []
    held = {x for st in ex.statements for x in (*st.subjects, *st.objects)}
    for key in people - held:
        del ex.actors[key]


_VENUE = re.compile(r"\b(?:Conference|Convention|Exhibition|Congress)\s+(?:Centre|Center|Hall|Palace)$|\bHotel$|"
                    r"^(?:ال)?(?:مركز|قاعة|قصر)\s+(?:ال)?(?:مؤتمرات|معارض)|^(?:ال)?فندق\s")


def _drop_actors(ex: Extraction, keys: set[str]) -> None:
    """Remove bodies from the extraction and from every statement; a statement left without a
    holder (drivers and needs have none) or without the object its kind needs goes too."""
    if not keys:
        return
    for k in keys:
        del ex.actors[k]
        ex.class_surfaces.pop(k, None)
    for st in ex.statements:
        st.subjects = [x for x in st.subjects if x not in keys]
        st.objects = [x for x in st.objects if x not in keys]
    ex.statements = [st for st in ex.statements if (st.subjects or st.kind in _HOLDERLESS)
                     and (st.objects or st.kind not in _NEEDS_OBJECT)]
    ex.mentions = [(p, m) for p, m in ex.mentions if m.ref not in keys]


_HOLDERLESS = {StatementKind.driver.value, StatementKind.need.value}


def _mentioned_only(ex: Extraction, first_seen: dict[str, tuple[int, int, int, str, set[str]]]) -> None:
    """A body the text names but says nothing of that the rules read ("sessions were held with the
    Basin Council") is still a body of this document: a mention statement (no remit, graph/domain
    NO_REMIT) quotes where it is first named, so the graph keeps it and its source."""
    held = {k for st in ex.statements for k in (*st.subjects, *st.objects)}
    held |= {r.parent for r in ex.actors.values() if r.parent}
    for key, ref in ex.actors.items():
        if key in held or ref.is_class or ref.kind in (ActorKind.person.value, ActorKind.programme.value) \
                or key not in first_seen or _ENDS_IN_PLACE.search(ref.name):
            continue  # a programme, or "the X programme in Hit", is what a body does, not a body
        page, start, end, sent, places = first_seen[key]
        ex.statements.append(StatementDraft(
            kind=StatementKind.mention.value, status=Status.established.value, subjects=[key], objects=[],
            quote=sent, page=page, char_start=start, char_end=end, places=set(places),
            rule=("ar" if is_arabic(sent) else "en") + ".core.mention",
        ))


def _in_person_name(sent: str, start: int, end: int, names: list[str]) -> bool:
    """"قاسم الأعرجي", "Hilla Aziz": a place's name that is a word of a person's the sentence names."""
    return any(a <= start and end <= a + len(n) for n in names for a in occurrences(sent, n))


def _names_in(name: str, text: str) -> bool:
    """``name`` stands in ``text`` as whole words (what ``(?<!\\w)name(?!\\w)`` matches), found
    with ``str.find``: a regex per name missed re's cache for every name of every document."""
    if len(name) <= 2:
        return False
    i = text.find(name)
    while i >= 0:
        j = i + len(name)
        if (i == 0 or not _is_word_char(text[i - 1])) and (j == len(text) or not _is_word_char(text[j])):
            return True
        i = text.find(name, i + 1)
    return False


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # re's \w on str


__all__ = ["Extraction", "Extractor", "StatementDraft", "ActorRef", "Mention", "knowledge", "token_key"]
