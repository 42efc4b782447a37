"""Stage 2 of extraction: what each sentence speaks of.

Mentions of bodies in a sentence, branches and places that act as their governments,
definite descriptions that point back ("the Ministry", "الوزارة"), persons with their posts
(ingest/persons.py), concepts, and the clause's subjects.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from graph.model import ActorKind, Level, Place, StatementKind, Status, actor_id
from graph.names import is_arabic, normalize_arabic, normalize_name
from graph.terms import Hit, TermIndex
from graph.vocab.gazetteer import district_noun
from ingest import arabic, countries, persons, persons_ar, rules
from ingest import mentions as mentions_stage
from ingest.clauses import _governed, _head, _non_overlapping
from ingest.cues import (
    ANAPHOR,
    BRANCH_OF,
    CLASS_PATTERNS,
    CONNECTORS,
    DEMONSTRATIVE,
    LEVEL_WORD,
    NOT_ORG_FIRST,
    ORG_HEADS,
    PERSON_POST,
    PLACE_ACTS,
    RECOMMENDS_THAT,
    _class_display,
    _clean_name,
    _has_org_head,
    _place_level,
    class_key,
)
from ingest.extraction import OWNER, ActorRef, Extraction, Mention, StatementDraft
from ingest.local_bodies import local_bodies, place_bodies, place_directorates
from ingest.person_bodies import StageBodies
from ingest.stage_names import NamesStage


@lru_cache(maxsize=1)
def _ar_name_enders() -> frozenset[str]:
    """Verbs of saying and prepositions that end an Arabic name (rules/ar/posts.yaml), normalised."""
    return frozenset(normalize_arabic(w) for w in rules.load("ar", "posts")["name_enders"])


def _put(found: list[Mention], start: int, end: int, sent: str, key: str) -> list[Mention]:
    """``found`` with the body read at [start, end) in place of the mentions it overlaps."""
    return [x for x in found if not (x.start < end and start < x.end)] + [Mention(start, end, sent[start:end], key)]


# posts of a body's own leadership, which a page about one body names without the body
_BODY_HEAD_POST = re.compile(r"(?:(?:Deputy|Vice|Acting|Executive|Co-?)\s*)?(?:Chair(?:man|woman|person)?|Director(?:[- ]General)?|"
                             r"Head|Secretary[- ]General|President|Coordinator|Manager)", re.I)


# a preposition of place right before a name: "in Germany", "في ألمانيا"
_LOCATIVE_BEFORE = re.compile(r"(?:\b(?:in|inside|within|across|into|throughout)\s+(?:the\s+)?|(?<![\w\u0600-\u06ff])(?:في|داخل|إلى|الى|نحو)\s+)$",
                              re.I)
_AR_GOVERNMENT_WORDS = re.compile(r"حكومة|الحكومة|سفارة|وزارة")
# a name used as a time or a stance, not as the body that acts: "post-ISIS recovery", "anti-Daesh
# operations", "مرحلة ما بعد داعش"
_MODIFIER_BEFORE = re.compile(r"(?:\b(?:post|pre|anti)[-\u2010\u2011]|(?<![\w\u0600-\u06ff])ما\s+بعد\s+)$", re.IGNORECASE)


def _used_as_modifier(sent: str, start: int) -> bool:
    return bool(_MODIFIER_BEFORE.search(sent[max(0, start - 12) : start]))


# verbs that report what someone said: the clause after their "أن" has its own subject
# a bold lead-in that opens with a quoted title: "- **“Roads to Peace” (BYF).** "
_TITLED_LEAD = re.compile(r"\s*(?:[-*•]\s+)?(\*\*|__)\s*[“\"‘][^*\n]{1,120}?[.:]\s*\1\s+")
_AR_SAID_THAT = re.compile(
    r"(?:^|\s)و?(?:قال|قالت|أكد|أكدت|اكد|اكدت|أوضح|أوضحت|اوضح|أشار|أشارت|اشار|ذكر|ذكرت|أعلن|أعلنت|اعلن|"
    r"شدد|شددت|بين|بينت|أضاف|أضافت|صرح|صرحت|يرى|ترى|اعتبر|اعتبرت)\b")


# a call on someone: "دعا / تدعو / طالب / حثّ X Y إلى …"
_AR_CALLS_ON = re.compile(r"(?:^|\s)[وف]?(?:دعا|دعت|تدعو|يدعو|ندعو|طالب|طالبت|تطالب|يطالب|حث|حثت|حثّ|حثّت|يحث|تحث|ناشد|ناشدت)\s+$")


# a verb of saying (or of an act in office) that opens a sentence: its subject, a person with a
# post, follows it
_AR_SPEAKS = re.compile(
    r"^\s*(?:و?(?:من\s+جهته|من\s+جهتها)[،,]?\s*)?[وف]?(?:قال|قالت|أكد|أكدت|اكد|اكدت|كشف|كشفت|أعلن|أعلنت|اعلن|اعلنت|"
    r"أوضح|أوضحت|اوضح|أشار|أشارت|اشار|اشارت|صرح|صرحت|بين|بيّن|بينت|ذكر|ذكرت|شدد|شددت|أفاد|أفادت|"
    # an official's act in office is the body's: "صادق محافظ X فلان على …", "افتتح وزير X فلان …"
    r"صادق|صادقت|وقّع|وقع|وقّعت|وقعت|افتتح|افتتحت|أطلق|أطلقت|اطلق|وافق|وافقت|تعهد|تعهّد|تعهدت|قرر|قررت)\s+")


# "طلاب المدارس والجامعات", "students of the schools": the people of the institutions named after
_PEOPLE_OF = re.compile(r"(?:طلاب|طلبة|تلاميذ|أساتذة|اساتذة|معلمي|مدرسي|منتسبي|موظفي|\bstudents\s+of|\bteachers\s+of)\s+"
                        r"(?:ال\S+\s+)?(?:the\s+)?$")
# what is given to a governorate or district goes to its government
_GIVEN_TO = re.compile(r"\b(?:assistance|support|grants?|funding|funds|training|equipment|advice|help)\s+(?:\w+\s+)?to\s+the\s+$", re.I)
# a quoted title right before "project" / "programme": bodies named inside it are its words
_QUOTED_TITLE = re.compile(r"[“\"]([^“”\"]{3,240})[”\"]\s+(?:project|projects|programme|program|initiative|campaign)\b")
# "in several municipalities of X", "across 12 cities": where something is, not who acts
_WHERE_PLURAL = re.compile(r"\b(?:in|across|throughout|to|from|within)\s+(?:(?:several|some|many|most|all|these|those|"
                           r"various|other|the|its|their|\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+number\s+of)\s+)?$",
                           re.I)


class DiscourseStage(NamesStage):
    """Stage 2 of extraction: what each sentence speaks of."""

    # per sentence ------------------------------------------------------------------------
    def _country_as_place(self, sent: str, start: int, text: str, registry_id: str) -> bool:
        """A foreign state's bare name after "in" / "في" is a place, not its government ("with
        Japan", "funded by Japan", "مع اليابان" stay the government)."""
        entry = self.kb.registry.get(registry_id)
        if entry is None or entry.kind != ActorKind.donor.value or not _LOCATIVE_BEFORE.search(sent[max(0, start - 12) : start]):
            return False
        return bool(countries.country_of(text)) if not is_arabic(text) else not _AR_GOVERNMENT_WORDS.search(text)

    def _actor_mentions(self, sent: str, doc_terms: TermIndex[str], ex: Extraction) -> list[Mention]:
        found: list[Mention] = []
        titles = [t.span(1) for t in _QUOTED_TITLE.finditer(sent)]

        def in_title(h: Hit[str]) -> bool:  # "the “Youth of X and KRG” project": a word of its title, not the title
            return any(a <= h.start and h.end <= b and (a, b) != (h.start, h.end) for a, b in titles)

        for h in self.kb.actor_index.find(sent):
            if in_title(h):
                continue
            if self._country_as_place(sent, h.start, h.text, h.payload):
                continue  # "study in Germany", "يدرسون في ألمانيا": where, not who
            if _used_as_modifier(sent, h.start):
                continue
            ref = self._ref(ex, h.text, h.payload)
            # an alias with its article ("the EU") starts where its name does, so a longer name
            # there ("The EU Advisory Mission …", a unit of the text) is read, not the owner
            article = re.match(r"(?:the|The|THE)\s+", h.text)
            start = h.start + article.end() if article and h.end - h.start > article.end() else h.start
            found.append(Mention(start, h.end, sent[start : h.end], ref.key))
        doc_hits = [Mention(h.start, h.end, h.text, h.payload) for h in doc_terms.find(sent)
                    if not _used_as_modifier(sent, h.start) and not in_title(h)]
        # Arabic: a name this document bound ("وزارة الداخلية" after "... في حكومة إقليم كوردستان")
        # comes before the registry's body of the same words
        found = doc_hits + found if is_arabic(sent) else found + doc_hits
        classes: dict[str, tuple[ActorKind, Level]] = {}
        for pat, ckey, kind, level in (*CLASS_PATTERNS, *(arabic.CLASS_PATTERNS_AR if is_arabic(sent) else ())):
            for m in pat.finditer(sent):
                if ckey == "local-governments" and _WHERE_PLURAL.search(sent, max(0, m.start() - 40), m.start()) and \
                        re.match(r"(?:municipalities|cities)\b", m.group(0), re.I):
                    continue  # "in several municipalities of Diyala", "across cities": places, not their governments
                if ckey in ("schools", "universities") and _PEOPLE_OF.search(sent, max(0, m.start() - 40), m.start()):
                    continue  # "تثقيف طلاب المدارس والجامعات": their students, not the institutions
                key = class_key(ckey, level)
                classes[key] = (kind, level)
                found.append(Mention(m.start(), m.end(), m.group(0), key))
        named = _non_overlapping(found)
        # a class is named only where no body's name covers the words ("the Governorate CVE
        # Subcommittee" of a plan that names one is that body, not the class)
        for x in named:
            # "ومنظمات المجتمع المدني": the و joins the list, not the class's name
            surface = arabic.LIST_WAW.sub("", x.text) if is_arabic(x.text) else x.text
            if x.ref in classes and x.ref not in ex.actors:
                kind, level = classes[x.ref]
                ex.actors[x.ref] = ActorRef(name=_class_display(surface), kind=kind.value, level=level.value,
                                            is_class=True, fixed_key=x.ref)
            if x.ref in classes:
                ex.actors[x.ref].note(_clean_name(surface), "names the same class of bodies (same kind and level)")
                ex.class_surfaces.setdefault(x.ref, []).append(_clean_name(surface))
        found = [x for x in found if x.ref not in classes or x in named]
        for m in (*ANAPHOR.finditer(sent), *(arabic.ANAPHOR_AR.finditer(sent) if is_arabic(sent) else ())):
            if any(x.start <= m.start() < x.end or m.start() <= x.start < m.end() for x in named):
                continue
            antecedent = self._antecedent(m.group(1), ex)
            if antecedent:
                found.append(Mention(m.start(), m.end(), m.group(0), antecedent))
        for m in arabic.LOCAL_GOVERNMENT.finditer(sent) if is_arabic(sent) else ():
            # the body of the latest post named (the governor who speaks), else the latest body
            earlier = [*ex.recent, *(x.ref for x in found if x.end <= m.start()), *(p.objects[0] for p in ex.posts[-1:])]
            local = next((k for k in reversed(earlier) if k in ex.actors and ex.actors[k].kind == ActorKind.local_government.value), "")
            if local and not any(x.start < m.end() and m.start() < x.end for x in found):
                found.append(Mention(m.start(), m.end(), m.group(0), local))
        # "… the federal authorities … pressed those authorities to …": a pointing word and the last word
        # of a name the sentence (or the text just before) gave a body
        for m in DEMONSTRATIVE.finditer(sent):
            if not any(x.start < m.end() and m.start() < x.end for x in named + found):
                earlier = [x.ref for x in found if x.end <= m.start()]
                antecedent = self._named_by_last_word(m.group(1), [*ex.recent, *earlier], ex)
                if antecedent:
                    found.append(Mention(m.start(), m.end(), m.group(0), antecedent))
        # local governments named by place: "Tel Kaif District"
        for m in re.finditer(r"((?:[A-Z][\w'’\-]+\s){1,3})(District|Governorate|City|Municipality)\b", sent):
            name = m.group(0)
            while len(name.split()) > 2 and name.split()[0].lower() in NOT_ORG_FIRST | CONNECTORS:
                name = name.split(None, 1)[1]
            if re.search(r"\b(?:in|at|across|within|from|near|to|throughout)\s+(?:the\s+)?$", sent[: m.end() - len(name)]) and \
                    not _GIVEN_TO.search(sent[: m.end() - len(name)]):
                continue  # "sub-districts in Mosul District": a place, not its government ("assistance to the X Governorate": it)
            if re.match(r"\s+(?:[A-Z]\w+\s+){0,2}(?:Plan|Order|Decree|Strategy|Law|Budget)\b", sent[m.end():]):
                continue  # "Baghdad Governorate Local Action Plan": names an instrument
            if self._local_gov_place(name):
                ref = self._ref(ex, name, "")
                found.append(Mention(m.end() - len(name), m.end(), name, ref.key))
        for m in arabic.GOVERNORATE_ACTS.finditer(sent) if is_arabic(sent) else ():
            hits = self.kb.place_index.find(m.group(2))
            if hits and hits[0].start == 0 and hits[-1].end >= len(m.group(2)) - 1:
                key = StageBodies(self, ex).local_government(m.group(2), "محافظة")
                found.append(Mention(m.start(1), m.end(1), m.group(1), key))
        if not is_arabic(sent):
            for lb in local_bodies(sent, self.kb.place_index.find):
                ref = self._ref(ex, lb.name, "")
                ref.kind, ref.place = ActorKind.local_government.value, lb.place
                ref.level = _place_level(self.kb.gazetteer, lb.place) or ref.level
                for alias in lb.aliases:
                    ref.note(alias, "the same local government named another way")
                found = [x for x in found if not (x.ref in classes and x.start < lb.end and lb.start < x.end)]
                found.append(Mention(lb.start, lb.end, sent[lb.start : lb.end], ref.key))
            for lb in place_bodies(sent, self.kb.place_index.find):
                if self._registry_lookup(lb.name):
                    continue
                ref = self._ref(ex, lb.name, "")
                if lb.name.endswith("administration"):  # "the Hit sub-district administration": its local government
                    ref.kind = ActorKind.local_government.value
                ref.place = ref.place or lb.place
                ref.level = _place_level(self.kb.gazetteer, lb.place) or ref.level
                found = [x for x in found if not (lb.start <= x.start and x.end <= lb.end)]
                found.append(Mention(lb.start, lb.end, sent[lb.start : lb.end], ref.key))
            for lb in place_directorates(sent, self.kb.place_index.find):
                if any(x.start <= lb.start and lb.end <= x.end and x.ref not in classes for x in found):
                    continue  # a name the text or the registry already gives
                ref = self._ref(ex, lb.name, self._registry_lookup(lb.name))
                if not ref.registry_id:
                    ref.kind, ref.place = ActorKind.unit.value, lb.place
                    ref.level = _place_level(self.kb.gazetteer, lb.place) or ref.level
                found = [x for x in found if not (x.start < lb.end and lb.start < x.end)]
                found.append(Mention(lb.start, lb.end, sent[lb.start : lb.end], ref.key))
        found += self._branches(sent, _non_overlapping(list(found)), ex)
        for start, end, name in arabic.dual_ministries(sent) if is_arabic(sent) else ():
            found = _put(found, start, end, sent, self._ref(ex, name, self._registry_lookup(name)).key)  # "وزارتي X وY"
        if not is_arabic(sent):
            for cand in [*mentions_stage.coordinated_ministries(sent, lambda n: bool(self._registry_lookup(n))),
                         *mentions_stage.shared_plural_heads(sent, self._is_place)]:
                ref = self.regional_ministry(ex, cand.name.split(" of ", 1)[1]) if cand.source == "regional" else \
                    self._ref(ex, cand.name, self._registry_lookup(cand.name))
                found = _put(found, cand.start, cand.end, sent, ref.key)
                if cand.source == "regional":  # "the KRG ministries of …": the region is said of them, it acts not
                    found = [x for x in found if not (x.end <= cand.start and x.ref == ref.parent
                                                       and mentions_stage.REGIONAL_BEFORE.search(sent[: x.end + 1]))]
            for cand, word in mentions_stage.coordinated_local_governments(sent, self._is_place):
                found = _put(found, cand.start, cand.end, sent, StageBodies(self, ex).local_government(cand.name, word))
            for cand in mentions_stage.coordinated_governments(sent):
                rid = self._registry_lookup(f"Government of {cand.name}") or self._registry_lookup(f"Government of the {cand.name}")
                country = "" if rid else countries.country_of(cand.name)
                if not rid and not country:
                    continue
                ref = self._ref(ex, f"Government of {cand.name}", rid) if rid else self._state_ref(ex, country, cand.name)
                found = [x for x in found if not (x.start < cand.end and cand.start < x.end)]
                found.append(Mention(cand.start, cand.end, cand.name, ref.key))
        return _non_overlapping(found)

    def _branches(self, sent: str, named: list[Mention], ex: Extraction) -> list[Mention]:
        """"the Nineveh branch of the Ministry of X", "فرع وزارة الهجرة والمهجرين في الأنبار": a
        branch is its own node PART_OF its ministry (ingest/README.md, rule 4)."""
        out = []
        for m in BRANCH_OF.finditer(sent):
            owner = next((x for x in named if x.start == m.end()), None)
            place = m.group(1).strip()
            hits = self.kb.place_index.find(place)
            if owner is None or not hits or hits[0].start != 0 or hits[-1].end < len(place) or \
                    ex.actors[owner.ref].kind != ActorKind.ministry.value:
                continue
            ref = self._ref(ex, sent[m.start(1) : owner.end], "")
            ref.kind, ref.place = ActorKind.unit.value, hits[-1].payload
            ref.level = _place_level(self.kb.gazetteer, hits[-1].payload) or ref.level
            ref.parent = ref.parent or owner.ref
            out.append(Mention(m.start(1), owner.end, sent[m.start(1) : owner.end], ref.key))
        for x in named:
            words = x.text.split()
            unit = ex.actors.get(x.ref)
            if unit is None or unit.parent or len(words) < 3 or not is_arabic(x.text) or \
                    arabic.head_noun(words[0]) not in arabic.BRANCH_WORDS or arabic.head_noun(words[1]) not in arabic.MINISTRY_WORDS:
                continue
            owner_name = re.sub(r"\s+في\s+\S+(?:\s+\S+)?$", "", " ".join(words[1:]))
            if len(owner_name.split()) == 1:  # "فرع الوزارة في نينوى": the ministry just spoken of
                owner_key = self._antecedent(owner_name, ex)
                if not owner_key or owner_key == unit.key:
                    continue
                owner_ref = ex.actors[owner_key]
                full = max((n for n in [owner_ref.name, *owner_ref.aliases] if is_arabic(n)), key=len)
                # named by its ministry, so that two ministries' branches in one place stay two
                unit.fixed_key = unit.key  # the document's handle stays; the node takes the full name
                unit.name = x.text.replace(words[1], full, 1)
                unit.parent, unit.kind = owner_ref.key, ActorKind.unit.value
                continue
            rid = self._registry_lookup(owner_name)
            owner_ref = self._ref(ex, owner_name, rid)
            if owner_ref.key != unit.key:
                unit.parent = owner_ref.key
                unit.kind = ActorKind.unit.value
        return out

    def _places_acting(self, sent: str, places: list[tuple[int, int, str]], ex: Extraction,
                       mentions: list[Mention], first: bool = True) -> list[str]:
        """"Sinjar, Tel Afar and Hamdaniya districts have formed committees; Tel Kaif and Baaj
        have appointed focal points": places that act are their local governments. Only at the
        start of a sentence or of a clause after ";", and before a verb of action."""
        out: list[str] = []
        for clause in [0] * first + [m.end() for m in re.finditer(r";\s*", sent)]:
            run = [p for p in places if p[0] >= clause]
            if not run or run[0][0] - clause > 4:
                continue
            end, ids = 0, []  # type: ignore[var-annotated]
            for ps, pe, pid in run:
                if ids and not re.fullmatch(r"\s*(?:,|and|, and)\s*", sent[end:ps]):
                    break
                ids.append((pid, sent[ps:pe]))
                end = pe
            if not PLACE_ACTS.match(sent[end:]):
                continue
            found: list[tuple[str, str, Place]] = []
            for pid, surface in ids:
                p = self.kb.gazetteer.get(pid)
                if p is None or p.level not in ("district", "governorate", "subdistrict"):
                    found = []
                    break
                found.append((pid, surface, p))
            seats = rules.load("en", "bodies").get("seat_of_government", {})
            for pid, surface, p in found:
                seat = seats.get(surface.strip())
                rid = self._registry_lookup(seat) if seat else ""
                if rid:  # "Baghdad and Erbil signed": the governments seated there
                    ref = self._ref(ex, seat, rid)
                    out.append(ref.key)
                    mentions.append(Mention(0, 0, p.name, ref.key))
                    continue
                word = LEVEL_WORD[p.level]
                ref = self._ref(ex, f"{surface} {word}", "")
                ref.kind, ref.place, ref.level = ActorKind.local_government.value, pid, p.level
                out.append(ref.key)
                mentions.append(Mention(0, 0, p.name, ref.key))
        return out

    def _antecedent(self, head: str, ex: Extraction) -> str:
        """The latest body mentioned whose head noun agrees with "the <head>"; none if unclear."""
        if is_arabic(head):  # "اللجنة": the latest body named by the same head noun
            noun = arabic.head_noun(head)
            if not noun:
                return ""
            # any Arabic name of the body counts: a registry body keeps its English name
            return next((k for k in reversed(ex.recent) if k in ex.actors and any(
                n.split() and arabic.head_noun(n.split()[0]) == noun
                for n in [ex.actors[k].name, *ex.actors[k].aliases] if is_arabic(n))), "")
        head = head.lower().replace("-", "").split()[-1]  # "the working group": a group
        plural = head.endswith("s") and not head.endswith("ss")
        stem = head[:-1] if plural else head
        for key in reversed(ex.recent):
            ref = ex.actors.get(key)
            if ref is None or ref.kind == ActorKind.person.value:
                continue
            words = [w.lower().replace("-", "") for w in re.findall(r"[\w\-]+", ref.name)]
            if stem in words or stem + "s" in words:
                return key
        return ""

    @staticmethod
    def _named_by_last_word(word: str, recent: list[str], ex: Extraction) -> str:
        """The latest body one of whose names ends with ``word`` ("authorities": "the Iraqi
        authorities"); none where the word ends no name."""
        word = word.lower()
        if not (word.endswith("s") or word in ORG_HEADS):
            return ""  # "this update": a document's word, not a body's
        for key in reversed(recent):
            ref = ex.actors.get(key)
            if ref is not None and ref.kind not in (ActorKind.person.value, ActorKind.programme.value) and any(
                    n.split() and n.split()[-1].lower() == word for n in (ref.name, *ref.aliases) if len(n.split()) > 1):
                return key
        return ""

    def _persons(self, sent: str, ex: Extraction, mentions: list[Mention], doc: Any = None) -> list[str]:
        """Persons and their posts (stage 1b, ingest/persons.py): one post statement each."""
        keys = self._persons_ar(sent, ex, mentions) if is_arabic(sent) else []
        seen = {(st.subjects[0], st.objects[0]) for st in ex.posts
                if st.char_start >= 0 and st.quote and st.quote in sent}
        spans = [persons.Span(m.start, m.end, m.ref) for m in mentions]
        bodies = StageBodies(self, ex)
        found = persons_ar.arabic(sent, spans, bodies, normalize_name) if is_arabic(sent) else \
            persons.english(sent, doc, spans, bodies, ex.named_people)
        for m in PERSON_POST.finditer(sent) if not is_arabic(sent) else ():
            name, post = persons.without_titles(m.group(1)), m.group(2)
            if name.split()[0].lower() in NOT_ORG_FIRST or _has_org_head(name):
                continue
            org_key = ""
            for i, mm in enumerate(mentions):
                if m.start(3) <= mm.start < m.end(3) + 2:
                    org_key = mm.ref
                    # "Programme Manager, UNDP's Social Cohesion Programme": the post is in the unit
                    if i + 1 < len(mentions) and re.fullmatch(r"['’]s?\s+", sent[mm.end : mentions[i + 1].start]):
                        org_key = mentions[i + 1].ref
                    break
            if org_key:
                found.insert(0, persons.PersonPost(name, post, org_key, m.start(), m.end(), "en.person.name_post_body"))
        for pp in found:
            if not pp.body and _BODY_HEAD_POST.fullmatch(pp.post) and not is_arabic(sent):
                # "Chairman Name" in a page about one body: that body's chair, once the title
                # says which body the page is about (Extraction.owed); none if it says none
                pkey = actor_id(pp.name)
                ex.actors.setdefault(pkey, ActorRef(name=pp.name, kind=ActorKind.person.value))
                ex.owed.append(StatementDraft(
                    kind=StatementKind.post.value, status=Status.established.value, subjects=[pkey], objects=[OWNER],
                    quote=sent[pp.start : pp.end], page=0, char_start=pp.start, char_end=pp.end, post=pp.post,
                    summary=f"{pp.name}, {pp.post}", rule="en.person.post_of_the_page"))
                keys.append(pkey)
                continue
            if not pp.body or pp.body not in ex.actors:
                continue
            pkey = actor_id(pp.name)
            if (pkey, pp.body) in seen:
                continue
            seen.add((pkey, pp.body))
            if pkey not in ex.actors:
                ex.actors[pkey] = ActorRef(name=pp.name, kind=ActorKind.person.value)
            sep = "، " if is_arabic(sent) else ", "
            ex.statements.append(StatementDraft(
                kind=StatementKind.post.value, status=Status.established.value, subjects=[pkey],
                objects=[pp.body], quote=sent[pp.start : pp.end], page=0, char_start=pp.start, char_end=pp.end,
                post=pp.post, summary=f"{pp.name}{sep}{pp.post}{sep}{ex.actors[pp.body].name}", rule=pp.rule,
            ))
            ex.posts.append(ex.statements[-1])
            keys.append(pkey)
        # "قال / كشف مدير عام X فلان إن ...": an official who opens the sentence speaks for the body
        # of the post; it holds what is said when the sentence names no other body as its subject
        opener = _AR_SPEAKS.match(sent) if is_arabic(sent) else None
        body = next((pp.body for pp in found if opener and pp.body in ex.actors and pp.start <= opener.end() + 2), "")
        body = arabic.speaks_for(ex.actors, body) if body else ""  # "مدير عام ديوان وزارة X": the ministry's own office
        self._speaker = (sent, body)
        return keys

    def _persons_ar(self, sent: str, ex: Extraction, mentions: list[Mention]) -> list[str]:
        """"خالد عبد الرزاق الدليمي، مدير قسم المحافظات، اللجنة الوطنية ...": name، post، body."""
        keys = []
        # "قالت فلانة الفلانية، مديرة ...": a verb of saying before the name is no part of it, and
        # neither is a courtesy title or rank ("وقال الشيخ فلان الفلاني، مدير …")
        stop = _ar_name_enders() | persons_ar.honorifics(normalize_arabic)
        for m in arabic.PERSON_POST.finditer(sent):
            name = m.group(1).strip()
            words = name.split()
            while words and (normalize_arabic(words[0]) in stop or
                             words[0][:1] in "وف" and normalize_arabic(words[0][1:]) in stop):
                words = words[1:]
            name = " ".join(words)
            if not words or arabic.head_of(words[0]) or len(words) < 2:
                continue
            if any(mm.start < m.end(1) and m.start(1) < mm.end for mm in mentions):
                continue  # "… المؤدي إلى الإرهاب في محافظة الأنبار، نائب المحافظ": a body's words, no name
            # "رئيس اللجنة الفرعية في المحافظة، معاون المحافظ، السيد فلان": posts in a chain, no name
            post_heads = persons_ar.post_heads(normalize_arabic)
            if any(normalize_arabic(w) in post_heads or arabic.head_of(w) for w in words):
                continue
            after = [mm for mm in mentions if mm.start >= m.start(2)]
            if not after:
                continue
            org = after[0]
            # "مدير قسم المحافظات، اللجنة الوطنية ...": a unit named in the post, then its body
            if len(after) > 1 and arabic.is_unit_word(org.text.split()[0]) and re.fullmatch(
                    r"[\s،,]*(?:في|لدى)?\s*", sent[org.end : after[1].start]):
                org = after[1]
            post = re.sub(r"[،,\s]+(?:في|لدى|ب)?\s*$", "", sent[m.start(2) : org.start]).strip(" ،,")
            first = sent[m.start(2) : org.start].split("،")[0].strip()
            if first != post:  # "فلان، رئيس إقليم كوردستان، استقبل …": the post ends at its comma
                region = " ".join(first.split()[1:])  # a region or state the post is of: its government
                rid = self._registry_lookup("حكومة " + region) if 0 < len(region.split()) <= 3 else ""
                if not rid:
                    continue
                end = m.start(2) + sent[m.start(2) :].index(first) + len(first)
                org = Mention(m.start(2), end, first, self._ref(ex, "حكومة " + region, rid).key)
                post = first
            pkey = actor_id(name)
            if pkey not in ex.actors:
                ex.actors[pkey] = ActorRef(name=name, kind=ActorKind.person.value)
            ex.statements.append(StatementDraft(
                kind=StatementKind.post.value, status=Status.established.value, subjects=[pkey],
                objects=[org.ref], quote=sent[m.start() : org.end], page=0, char_start=m.start(),
                char_end=org.end, post=post, summary=f"{name}، {post}، {ex.actors[org.ref].name}",
                rule="ar.person.name_post_body",
            ))
            ex.posts.append(ex.statements[-1])
            keys.append(pkey)
        return keys

    def _concepts(self, sent: str) -> list[tuple[int, str]]:
        # "قضاء الزبير": the district, not the judiciary
        found = [(h.start, h.payload) for h in self.kb.concept_index.find(sent) if not district_noun(sent, h.start, h.end)]
        known = {c for _, c in found}
        return found + [x for x in self.kb.driver_bags.find(sent) if x[1] not in known]

    def _subjects(self, sent: str, mentions: list[Mention]) -> list[str]:
        """The bodies a sentence is about: the first mention not governed by a preposition,
        with the bodies enumerated alongside it ("X, Y and Z")."""
        governed_end = -1  # the end of the last Arabic mention a preposition governs
        document = arabic.DOCUMENT_SUBJECT.match(sent) if is_arabic(sent) else None  # what a plan covers
        # "- **“Roads to Peace” (BYF).** The Forum ran this project": a lead-in that titles the
        # item names what the sentence is about, not who acts in it
        titled = _TITLED_LEAD.match(sent)
        if titled and any(m.start >= titled.end() for m in mentions):
            mentions = [m for m in mentions if m.start >= titled.end()]
        lead = arabic.fronted_attendance_end(sent) if is_arabic(sent) else 0
        if lead and any(m.start >= lead for m in mentions):  # "بمشاركة A، أقامت C …": C holds the event
            mentions = [m for m in mentions if m.start >= lead]
        for i, m in enumerate(mentions):
            before = sent[max(0, m.start - 120) : m.start].lower()
            rep = re.search(r"\b(representatives?|members?|officials?|staff|delegates?|chairs?|head)\s+(?:from|of)\s+(?:the\s+)?$", before)
            if is_arabic(m.text) or is_arabic(sent):  # "(IOM)" in an Arabic sentence is read as Arabic
                free = not arabic.governed(sent[max(0, m.start - 40) : m.start]) and not arabic.attached_preposition(
                    m.text, sent[max(0, m.start - 40) : m.start]) and not sent[: m.start].rstrip().endswith("(") \
                    and not arabic.QUOTED_LIST_ITEM.search(sent[max(0, m.start - 40) : m.start]) \
                    and not arabic.RELATIVE_VERB.search(sent[max(0, m.start - 40) : m.start]) \
                    and not (document and m.start >= document.end())
                # "مع A وB", "مع A، B": an item listed after a governed one is governed too
                gap = sent[governed_end : m.start] if 0 <= governed_end <= m.start else "-"
                if free and re.fullmatch(r"[»)\s]*(?:\([^()]*\))?\s*،?\s*", gap) and (arabic.joined_by_waw(m.text) or "،" in gap):
                    free = False
                if not free:
                    governed_end = m.end
            else:  # "by A (AB) and B": a short name in brackets goes with the name before it
                free = not _governed(before, sent[m.end : m.end + 12], _head(sent, m.start)) \
                    and not (i and mentions[i - 1].ref == m.ref and before.rstrip().endswith("("))
            if rep or free:
                # "The Network's Regional Hub held ...": the possessed body is the subject
                while i + 1 < len(mentions) and re.fullmatch(r"['’]s?\s+(?:[A-Z][\w\-]*\s+|and\s+|\(\s*)*", sent[m.end : mentions[i + 1].start]):
                    i, m = i + 1, mentions[i + 1]
                subj, j = self._enumerated(sent, mentions, i)
                # "The Subcommittee proposes that the Department lead …": the recommendation is
                # the Department's to carry out, not the Subcommittee's
                if j < len(mentions) and RECOMMENDS_THAT.fullmatch(sent[mentions[j - 1].end : mentions[j].start]):
                    subj, _ = self._enumerated(sent, mentions, j)
                # "دعت منظمة X وزارةَ Y إلى …": the call is Y's to answer
                if j < len(mentions) and is_arabic(sent) and _AR_CALLS_ON.search(sent[max(0, m.start - 30) : m.start]) and \
                        not sent[mentions[j - 1].end : mentions[j].start].strip():
                    called, k = self._enumerated(sent, mentions, j)
                    if re.match(r"\s*(?:إلى|الى|إلي|ب)", sent[mentions[k - 1].end :]):
                        subj = called
                # "أكد الوزير أن حكومة الإقليم ملتزمة …": what is reported is said of the body after أن
                said = _AR_SAID_THAT.search(sent) if is_arabic(sent) else None
                for k in range(i, len(mentions)):
                    if said is not None and said.end() <= mentions[k].start and is_arabic(mentions[k].text) and \
                            re.search(r"(?:^|\s)(?:أن|إن|بأن|أنّ|إنّ)\s*$", sent[mentions[k - 1].end if k else 0 : mentions[k].start]):
                        subj, _ = self._enumerated(sent, mentions, k)
                        break
                return subj
        speaker = getattr(self, "_speaker", ("", ""))
        return [speaker[1]] if speaker[1] and speaker[0] == sent else []

    @staticmethod
    def _enumerated(sent: str, mentions: list[Mention], i: int) -> tuple[list[str], int]:
        """Mention i and the bodies enumerated alongside it ("X, Y and Z"); the index after them."""
        subj = [mentions[i].ref]
        j = i + 1
        # "the responsibility of A and of B": the repeated preposition keeps the list going
        of_list = bool(re.search(r"\bof\s+(?:the\s+)?$", sent[: mentions[i].start]))
        while j < len(mentions):
            gap = sent[mentions[j - 1].end : mentions[j].start]
            if mentions[j].ref == mentions[j - 1].ref and re.fullmatch(r"\s*\(\s*", gap):
                j += 1  # "A (AB), C (CD), and E": an item's short name in brackets
                continue
            if re.fullmatch(r"\s*\)?\s*(,|and|, and|or|, or|&|،|، و|أو)\s*(the\s+)?", gap) or of_list and re.fullmatch(
                    r"\s*,?\s*and\s+of\s+(the\s+)?", gap) or (
                    re.fullmatch(r"\s*،?\s*", gap) and arabic.joined_by_waw(mentions[j].text)):
                subj.append(mentions[j].ref)
                j += 1
            else:
                break
        return list(dict.fromkeys(subj)), j
