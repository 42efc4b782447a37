"""Stage 1a of extraction: bodies that no list knows, found by the statistical backbone.

The rules of ``extract.py`` find bodies by registry names, acronyms defined in the text and
capitalised phrases with an organisational head ("Ministry of Youth"). Real prose also names
bodies that have no such head ("the Tigris Defence Units", "the PKK", "Kurdish Peshmerga")
and bodies named generically that still act ("the local police", "a joint committee of the three
ministries"). spaCy's ORG entities give the first; noun phrases whose head is a body word and
that play a role in their clause (subject, agent, holder) give the second.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ingest import rules

# words that end a name of something other than a body: an instrument, an event, a site
NOT_BODY_TAIL = {
    "agreement", "agreements", "plan", "strategy", "law", "resolution", "report", "summary", "declaration",
    "document", "conference", "meeting", "workshop", "camp", "camps", "day", "week", "month", "year",
    "award", "prize", "charter", "accord", "deal", "framework", "act", "order", "decree", "roadmap",
    "road", "street", "square", "mosque", "church", "shrine", "river", "dam", "bridge", "airport",
    "memorandum", "memoranda", "mou", "protocol", "statement", "communique", "letter", "budget",
    "summit", "seminar", "symposium", "festival", "exhibition", "film", "book", "study", "survey", "handbook",
    "guide", "manual", "toolkit", "plans", "strategies", "frameworks", "goals", "agenda", "vision", "targets",
    "priorities", "laws",
}
_ROLE_DEPS = {"nsubj", "nsubjpass", "agent", "appos"}


@dataclass
class Candidate:
    name: str
    start: int
    end: int
    source: str  # "ner" | "generic" | "country" | "list" | "unit" | "task" (named by its task, not its words)


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,.;:()’'\"")
    text = re.sub(r"^(?:the|The|a|an|An|A)\s+", "", text)
    return re.sub(r"\s*['’]s?$", "", text).strip()


def _acronym(w: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&/\-]{1,9}s?", w)) and sum(c.isupper() for c in w) >= 2


_NOT_A_BODY_NEXT = {"project", "projects", "programme", "program", "component", "activities", "initiative", "pillar",
                    "training", "campaign", "module", "approach", "strategy", "plan", "framework", "window"}


def org_entities(doc: Any, is_place: Callable[[str], bool], person_names: set[str],
                 known: Callable[[int, int], bool] = lambda s, e: False) -> list[Candidate]:
    """spaCy ORG entities that name a body: not a place, not a person, not an instrument, not a
    piece of a name the rules already read there (``known(start, end)``: the span overlaps one)."""
    if doc is None:
        return []
    heads = rules.words("en", "bodies", "org_heads")
    posts = rules.words("en", "posts", "post_heads")
    out = []
    for ent in doc.ents:
        if ent.label_ != "ORG" or known(ent.start_char, ent.end_char):
            continue
        prev = [t.lower_ for t in doc[max(0, ent.start - 2) : ent.start]]
        if len(prev) == 2 and prev[1] in ("for", "of") and prev[0] in posts:
            continue  # "Deputy Governor for Technical Affairs": the words of a post
        after = doc[ent.end : ent.end + 2]
        if len(after) == 2 and after[0].lower_ in ("and", "of", "for", "&") and after[1].text[:1].isupper() \
                and after[1].ent_type_ != "ORG":
            continue  # cut before its last words ("X Stabilisation | and Reintegration"): never a node
        if len(after) and after[0].text[:1].isupper() and after[0].is_alpha and not after[0].ent_type_ \
                and not after[0].is_sent_start and not is_place(after[0].text):
            continue  # cut before a capitalised word of its own ("Hilla Old" of "Hilla Old Markets")
        nxt_word = doc[ent.end].lower_ if ent.end < len(doc) else ""
        if nxt_word in _NOT_A_BODY_NEXT or nxt_word in ("'s", "’s") and ent.end + 1 < len(doc) and \
                doc[ent.end + 1].text[:1].isupper():
            continue  # "the Media Literacy project", "United Nations' Children's Fund" cut at 's
        name = _clean(ent.text)
        words = name.split()
        if not words or is_place(name) or name in person_names:
            continue
        if re.search(r"\d|,", name) or words[-1].lower() in NOT_BODY_TAIL or \
                any(w.lower() in NOT_BODY_TAIL for w in words[:2]) or words[-1].lower() in posts | {"point"}:
            continue  # a list, a numbered thing, an instrument ("National Strategy for …"), a post
        if not words[0][:1].isupper() or any(w[:1].islower() and w not in ("of", "for", "and", "the", "on", "in", "to")
                                             and not w.startswith(("al-", "el-")) for w in words):
            continue
        if len(words) == 1 and not _acronym(name) and name.lower() not in heads:
            continue  # a lone word ("Interior" of "Interior Minister") is too little to name a body
        if len(words) == 1 and name.lower() in heads:
            continue  # a bare head ("Council") points back to a body named before; it names none
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is not None and nxt.pos_ == "NOUN" and nxt.text.islower():
            continue  # "UN agencies", "United Nations agencies": the name qualifies a noun, not the actor
        if "\n" in ent.text or "|" in ent.text:
            continue  # a span across a line break or a table cell is cut, not a name
        if len(words) > 1 and all(is_place(w) or w.lower() in ("and", "the", "of") for w in words):
            continue
        start = ent.start_char + (len(ent.text) - len(ent.text.lstrip())) + ent.text.find(name.split()[0])
        out.append(Candidate(name, start, start + len(name), "ner"))
    return out


def _hyphenated(doc: Any, t: Any) -> tuple[int, str]:
    """The start and lower-case text of a hyphenated word the tagger splits ("women - led")."""
    i = t.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        i -= 2
    return i, doc[i:t.i + 1].text.lower()


def _role(t: Any) -> bool:
    """A subject, an agent or an apposition, or an item of a list that is one ("A, B and C sit")."""
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    # the agent of a clause ("was formed by a joint committee"), not of a noun's participle
    # ("support offered by international organisations": the support is the topic)
    # ... or the holder of a duty: "the exclusive responsibility of the municipal police and of the intelligence services"
    duty = False
    if t.dep_ == "pobj" and t.head.lower_ == "of":
        o = t.head
        while o.dep_ == "conj" and o.head.lower_ == "of" and o.head is not o:
            o = o.head
        duty = o.head.lower_ in _DUTY_NOUNS - {"role", "job", "charge"}  # not "role of"
    # ... or the body whose people act: "fresh members of the national security forces will be trained"
    people = t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in _PEOPLE_OF and _role(t.head.head)
    return bool(t.dep_ in _ROLE_DEPS or duty or people or t.dep_ == "pobj" and t.head.lower_ == "by"
                and t.head.head.dep_ != "acl")


BARE_UNITS = {"secretariat", "taskforce", "board"}
_PEOPLE_OF = {"members", "member", "staff", "personnel", "officers", "officials", "representatives", "recruits",
              "employees", "volunteers", "units", "teams"}


# words before a generic body that count or contrast it, never part of the class's name
_NOT_NAMING = frozenset({"other", "various", "several", "numerous", "many", "certain", "further", "additional"})


def _modifiers_start(doc: Any, t: Any) -> int:
    """Where the words that say which bodies a bare plural means begin: "youth advocacy
    groups", "border security forces", "Line ministries" at the start of a sentence,
    "Syrian aid agencies"; at most three words, none of them part of a proper name."""
    first = t.i
    mods = [c for c in t.lefts if c.dep_ in ("amod", "compound", "nmod")]
    for m in sorted(mods, key=lambda c: -c.i):
        start = m.left_edge.i
        if m.i != first - 1 and m.right_edge.i != first - 1 or t.i - start > 3:
            break
        words = doc[start:first]
        if not all(w.text.islower() or w.is_sent_start or w.pos_ == "ADJ" and w.ent_type_ in ("NORP", "")
                   for w in words) or any(w.is_punct for w in words):
            break
        first = start
    return first


def generic_bodies(doc: Any) -> list[Candidate]:
    """Noun phrases with a body head that play a role in their clause: "the local police"
    (subject), "by a joint committee" (agent); "with the relevant authorities" (a mere mention,
    governed by "with") is not one."""
    if doc is None:
        return []
    heads = rules.words("en", "bodies", "generic_heads")
    spec = rules.words("en", "bodies", "generic_specifiers")
    bare = rules.words("en", "bodies", "bare_plural_heads")
    out = []
    for t in doc:
        if t.lower_ in bare and t.dep_ in _ROLE_DEPS | {"conj"} and _role(t) and \
                not any(c.dep_ in ("det", "poss", "nummod") for c in t.lefts) and "\n" not in t.text:
            # "donors also take part in the talks": a class of bodies that acts, named by its plural alone
            first = _modifiers_start(doc, t)
            while first < t.i and doc[first].lower_ in _NOT_NAMING:
                first += 1
            out.append(Candidate(_clean(doc[first:t.i + 1].text), doc[first].idx, t.idx + len(t.text), "generic"))
            continue
        if t.lower_ in BARE_UNITS and t.dep_ in ("nsubj", "nsubjpass") and \
                any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in t.lefts) and \
                not any(c.dep_ in ("amod", "compound", "poss") for c in t.lefts):
            # "A secretariat is chosen each spring": a unit of the body the document is about
            # (extract._own_generic_units names it so, or drops it where no one body is)
            out.append(Candidate(t.lower_, t.idx, t.idx + len(t.text), "unit"))
            continue
        if t.lower_ not in heads or t.text[:1].isupper() and t.i > 0 and not t.is_sent_start:
            continue
        if (task := _named_by_task(doc, t)) is not None:
            out.append(task)
            continue
        of = next((c for c in t.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        of_obj = next((c for c in of.rights if c.dep_ == "pobj"), None) if of is not None else None
        # "a steering committee of A, B and C": a group named by its members plays a role too
        listed = of_obj is not None and of_obj.pos_ == "PROPN"
        role = _role(t) or listed
        if not role:
            continue
        mods = [c for c in t.lefts if c.dep_ in ("amod", "compound", "nmod") and c.i >= t.i - 3]
        if not mods and t.dep_ == "conj" and t.head.lower_ in heads and t.head.i < t.i and _role(t) and \
                not any(c.dep_ in ("det", "poss") for c in t.lefts):
            # "Iraqi police and soldiers": the bare second head shares the first one's specifier
            lead = [c for c in t.head.lefts if c.dep_ in ("amod", "compound") and c.lower_ in spec and c.i >= t.head.i - 2]
            if lead and "\n" not in doc[lead[0].i : t.i + 1].text:
                out.append(Candidate(f"{' '.join(c.text for c in lead)} {t.text}", t.idx, t.idx + len(t.text), "generic"))
            continue
        joined = [_hyphenated(doc, m) for m in mods]
        words = {w for _, w in joined} | {m.lower_ for m in mods}
        if not mods or not listed and not words & spec:
            continue
        first = min(i for i, _ in joined)
        # "youth advocacy groups": the modifier's own modifiers are part of the name
        first = min([first, *(m.left_edge.i for m in mods if m.left_edge.i >= t.i - 3)])
        if any(doc[k].text[:1].isupper() and doc[k].lower_ not in spec and doc[k + 1].text != "-"
               for k in range(first, t.i)):
            continue  # a proper name's words: the NER stage reads those
        while first < t.i - 1 and doc[first].lower_ in _NOT_NAMING:
            first += 1  # "other relevant government agencies": the class is "relevant government agencies"
        end = t.i + 1
        # "a joint committee of the three ministries": the "of" phrase is part of its name
        if of_obj is not None and of_obj.lower_ in heads | {"governments", "ministries"} and of_obj.text.islower():
            end = of_obj.i + 1
        span = doc[first:end]
        if "\n" in span.text or "|" in span.text:
            continue  # across a line break or a table cell: a cut span, never a name
        name = _clean(span.text)
        if len(name.split()) < 2:
            continue
        # "the Border Security and intelligence services": the last of two modifiers sharing
        # the head names a body of its own with it
        shared = [cj for m in mods for cj in m.conjuncts if cj.i == t.i - 1 and cj.text.islower()
                  and cj.lower_ in spec]
        if shared and " and " in name:
            out.append(Candidate(f"{shared[0].text} {t.text}", shared[0].idx, t.idx + len(t.text), "generic"))
            continue
        out.append(Candidate(name, span.start_char, span.start_char + len(span.text), "generic"))
    return out


# "… will be established to restore Hilla": the task a new body is made for, after its head (and an
# "of" phrase naming who it is made of)
_TASK = re.compile(
    r"(?:\s+of\s+[^,;.()]{1,80}?)?\s+(?:is|are|was|were|will\s+be|shall\s+be|would\s+be)\s+(?:to\s+be\s+)?"
    r"(?:formed|established|set\s+up|created|convened|appointed)\s+to\s+([a-z]+)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2}\b)?")


def _named_by_task(doc: Any, t: Any) -> Candidate | None:
    """"A technical committee … will be established to restore Hilla": an indefinite phrase
    introduces a new body, named by its task ("Hilla restoration committee"), so that it is not taken for an
    earlier committee of the text; the task's verbs and nouns are in rules/en/bodies.yaml."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.lefts):
        return None
    m = _TASK.match(doc.text, t.idx + len(t.text))
    noun = m and rules.load("en", "bodies")["task_nouns"].get(m.group(1))
    if not m or not noun or "\n" in m.group(0):
        return None
    first = min([t.i, *(c.i for c in t.lefts if c.dep_ in ("amod", "compound") and c.i >= t.i - 3)])
    name = f"{m.group(2)} {noun} {t.lower_}" if m.group(2) else f"{noun} {t.lower_}"
    return Candidate(name, doc[first].idx, t.idx + len(t.text), "task")


_LOCATIVE = {"in", "into", "from", "to", "across", "inside", "within", "throughout", "near", "of", "at", "towards",
             "toward", "outside", "between", "over", "around"}


def acting_countries(doc: Any, country_of: Callable[[str], str]) -> list[Candidate]:
    """Countries that act in their clause ("Chile chairs ...", "funded by Japan", "the UAE and
    UNESCO signed ..."): the state's government as a body; a country that is only a place is not."""
    if doc is None:
        return []
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "ORG") or not country_of(ent.text):
            continue
        root = ent.root
        before = [t.lower_ for t in doc[max(0, ent.start - 3):ent.start]]
        if set(before) & _LOCATIVE:
            continue  # "the camp in northern Syria houses ...": a place, whatever the parse says
        possessive = any(c.dep_ == "case" for c in root.rights)  # "Japan's support": its holder
        if _role(root) or possessive and root.dep_ == "poss" and root.head.dep_ in _ROLE_DEPS:
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            out.append(Candidate(text, ent.start_char + len(ent.text) - len(text), ent.end_char, "country"))
    return out


# "the office of the UN Resident Envoy for Iraq", "the Office of the Prime Minister": the
# office of a post is a body, named with a capital "Office"
_OFFICE_OF_POST = re.compile(
    r"\b[Oo]ffice\s+of\s+the\s+((?:[A-Z][\w.\-]*\s+){0,5}?"
    r"(?:Coordinator|Advis[eo]r|Representative|Commissioner|Envoy|Minister|President|Governor|Ombudsman|"
    r"Secretary[- ]General|Special\s+Rapporteur|Speaker|Prosecutor|Mayor))"
    r"((?:\s+(?:for|in|on)\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+(?:and\s+)?[A-Z][\w\-]*){0,3})?)"
)


def offices_of_posts(sent: str) -> list[Candidate]:
    """The office of a post ("the office of the UN Resident Envoy for Iraq")."""
    return [Candidate(f"Office of the {m.group(1)}{m.group(2)}", m.start(), m.end(), "generic")
            for m in _OFFICE_OF_POST.finditer(sent) if "\n" not in m.group(0)]


# "technical and advisory committees bring together A, B and C": a group named by common words
# that the sentence then fills with its members is a body (the tagger's parse of such openings
# is often wrong, so this reads the words)
_GROUP_BY_MEMBERS = re.compile(
    r"(?:^|[,;:]\s*|\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Tt]wo|[Bb]oth)\s+)"
    r"((?:(?!(?:the|an?|its|their|and|of|for|with|in|on|by|to)\b)[a-z][\w\-]*\s+"
    r"(?:and\s+(?!(?:the|an?)\b)[a-z][\w\-]*\s+)?){1,3}"
    r"(?:committees?|boards?|councils?|teams?|task\s?forces?|consortium|consortia|networks?|alliances?|"
    r"platforms?|groups?|commissions?|coalitions?))\s+(?:(?:that|which)\s+)?"
    r"(?=(?:bring|brings|brought)\s+together\b|(?:comprises?|comprised|consists?\s+of|includes?)\s|"
    r"(?:is|are|was|were)\s+(?:made\s+up|composed)\s+of\b)"
)


def groups_by_members(sent: str) -> list[Candidate]:
    """Groups named by common words whose members the sentence lists after them."""
    return [Candidate(m.group(1), m.start(1), m.end(1), "generic") for m in _GROUP_BY_MEMBERS.finditer(sent)
            if "\n" not in m.group(1)]


# an item of a list: text between commas, "and" or "or" (bold markers and "the" aside)
_LIST_ITEM = re.compile(r"[^,;:()]+(?:\([^()]*\))?[^,;:()]*")
# a name the list makes a body: a bare acronym ("KAFTAR"), or capitalised words with the acronym
# their initials make ("Terre Solidale (TS)")
_BARE_ACRONYM = re.compile(r"[A-Z][A-Z&\-]{2,9}")
_NAME_WITH_ACRONYM = re.compile(r"((?:[A-Z][\w'’\-]*\s+){1,5}[A-Z][\w'’\-]*)\s*\(([A-Z]{2,8})\)")


def list_members(sent: str, known: Callable[[int, int], bool],
                 is_place: Callable[[str], bool] = lambda s: False) -> list[Candidate]:
    """Items of a list that names bodies ("UNDP, IRC, Terre Solidale (TS) and KAFTAR"): where one
    item is a body already read (``known(start, end)``), a bare acronym or a name with its own
    acronym beside it is a body too. The list is what tells: alone, an acronym may be a term
    ("PVE") and a capitalised name a programme."""
    items: list[tuple[int, int, str]] = []
    for m in _LIST_ITEM.finditer(sent):
        # "A and B" within one comma item: two items
        at = m.start()
        for part in re.split(r"(\s+(?:and|or)\s+)", m.group(0)):
            if part and not re.fullmatch(r"\s+(?:and|or)\s+", part):
                bare = part.lstrip(" *_")
                det = re.match(r"(?:the|The)\s+", bare)
                core = bare[det.end() if det else 0 :].rstrip(" .*_")
                start = at + len(part) - len(bare) + (det.end() if det else 0)
                items.append((start, start + len(core), core))
            at += len(part)
    out: list[Candidate] = []
    for i, (s, e, core) in enumerate(items):
        neighbours = items[max(0, i - 2) : i] + items[i + 1 : i + 3]
        if known(s, e) or not any(known(ns, ne) for ns, ne, _ in neighbours) or is_place(core):
            continue  # "BAGHDAD, 9 Oct —": a dateline's place is no body
        if _BARE_ACRONYM.fullmatch(core):
            out.append(Candidate(core, s, e, "list"))
            continue
        named = _NAME_WITH_ACRONYM.fullmatch(core)
        if named and "".join(w[0] for w in named.group(1).split()).upper() == named.group(2):
            out.append(Candidate(named.group(1), s, s + len(named.group(1)), "list"))
    return out


# "the ministries of Planning, Trade and Health": one body per item, each "Ministry of <item>"
_MINISTRIES_OF = re.compile(
    r"\b(?:the\s+)?(?:(?:federal|Iraqi|national|relevant|line)\s+)?[Mm]inistries\s+of\s+(?:the\s+)?"
    r"((?:[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*)(?:\s*,\s*(?:and\s+)?(?:of\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*|"
    r"\s+and\s+(?:of\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*)*)"
)
# "the KRG ministries of A and B", "the Kurdistan Region's ministries of …": the region's own
REGIONAL_BEFORE = re.compile(r"(?:\b(?:KRG|[Rr]egional)|Kurdistan\s+Region(?:al\s+Government)?(?:['’]s)?)\s+$")


def coordinated_ministries(sent: str, known: Callable[[str], bool]) -> list[Candidate]:
    """Each ministry of "the ministries of A, B, C and D" with its span (the item's words).
    "X and Y" stays one ministry when ``known`` (the registry) names "Ministry of X and Y" or when
    Y is a participle ("Migration and Displaced"), else it is two."""
    out: list[Candidate] = []
    for m in _MINISTRIES_OF.finditer(sent):
        base = m.start(1)
        for item in re.finditer(r"[A-Z][\w'’\-]*(?:\s+(?:and\s+)?[A-Z][\w'’\-]*)*", m.group(1)):
            text = item.group(0)
            parts = [text]

            def whole(x: str) -> bool:  # "Labour and Social Affairs" (known), "Migration and Displaced"
                return " and " not in x or known(f"Ministry of {x}") or bool(re.search(r"\sand\s+\w+ed$", x))

            if " and " in text and not known(f"Ministry of {text}"):
                cuts = [k.start() for k in re.finditer(r"\s+and\s+", text)]
                # "Health and Migration and Displaced": two ministries, the second with its participle
                split = next(([text[:c], re.sub(r"^\s+and\s+", "", text[c:])] for c in cuts
                              if whole(text[:c]) and whole(re.sub(r"^\s+and\s+", "", text[c:]))
                              and len(cuts) > 1), None)
                if split:
                    parts = split
                elif not re.search(r"\sand\s+\w+ed$", text):
                    parts = [x.group(0) for x in re.finditer(r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*", text)]
            offset = 0
            for part in parts:
                at = text.find(part, offset)
                offset = at + len(part)
                start = base + item.start() + at
                head = sent.lower().find("ministries", m.start())
                regional = bool(REGIONAL_BEFORE.search(sent[max(0, head - 40) : head]))
                out.append(Candidate(f"Ministry of {part}", start, start + len(part), "regional" if regional else "list"))
    return out


_NAME_RUN = r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*"
_GOVERNMENTS_OF = re.compile(
    rf"\b[Gg]overnments\s+of\s+((?:the\s+)?{_NAME_RUN}(?:\s*,\s*(?:the\s+)?{_NAME_RUN})*\s*,?\s+and\s+(?:the\s+)?{_NAME_RUN})")


_PLACES_OF = re.compile(
    rf"\b(?:[Tt]he\s+)?(governorates|provinces|districts)\s+of\s+({_NAME_RUN}(?:\s*,\s*{_NAME_RUN})*\s*,?\s+and\s+{_NAME_RUN})")


def coordinated_local_governments(sent: str, is_place: Callable[[str], bool]) -> list[tuple[Candidate, str]]:
    """Each place of "the governorates of A, B and C" (as the actor that acts: "… agreed to open
    youth centres"), with the level word of its government ("Governorate", "District"); none
    unless every item is a place."""
    out: list[tuple[Candidate, str]] = []
    for m in _PLACES_OF.finditer(sent):
        if re.search(r"\b(?:in|across|throughout|within|from|to|of|for|between|among)\s+$", sent[max(0, m.start() - 20) : m.start()], re.I):
            continue  # "in the districts of A, B and C": where, not who
        items = [(x.group(0), m.start(2) + x.start()) for x in re.finditer(_NAME_RUN, m.group(2))]
        if not all(is_place(name) for name, _ in items):
            continue
        word = "District" if m.group(1).lower() == "districts" else "Governorate"
        out += [(Candidate(name, at, at + len(name), "list"), word) for name, at in items]
    return out


def coordinated_governments(sent: str) -> list[Candidate]:
    """Each state or region of "the Governments of A and B" ("the governments of Iraq and the
    Kurdistan Region"): its name, with its span; the caller knows whose government it is."""
    out: list[Candidate] = []
    for m in _GOVERNMENTS_OF.finditer(sent):
        for item in re.finditer(rf"(?:the\s+)?({_NAME_RUN})", m.group(1)):
            start = m.start(1) + item.start(1)
            out.append(Candidate(item.group(1), start, start + len(item.group(1)), "list"))
    return out


# "the Interior and Defence Ministries", "the Basra and Dhi Qar Provincial Councils": the head and
# its modifiers are shared by each item
_SINGULAR = {"Ministries": "Ministry", "Councils": "Council", "Directorates": "Directorate", "Committees": "Committee",
             "Subcommittees": "Subcommittee", "Centres": "Centre", "Centers": "Center", "Forums": "Forum",
             "Commands": "Command", "Offices": "Office", "Departments": "Department", "Universities": "University",
             "Networks": "Network", "Unions": "Union", "Associations": "Association", "Commissions": "Commission",
             "Authorities": "Authority", "Courts": "Court", "Governments": "Government"}
_ITEM = r"[A-Z][\w'’\-]*(?:\s+(?:al-)?[A-Z][\w'’\-]*){0,2}"
_SHARED_HEAD = re.compile(
    rf"\b[Tt]he\s+({_ITEM}(?:\s*,\s*(?:the\s+)?{_ITEM})*\s*,?\s+and\s+(?:the\s+)?)"
    rf"((?:[A-Z][\w'’\-]*\s+|al-[\w'’\-]+\s+)*?)({'|'.join(_SINGULAR)})\b")


def shared_plural_heads(sent: str, is_place: Callable[[str], bool]) -> list[Candidate]:
    """Each body of "the A and (the) B <modifiers> <plural head>": "A <modifiers> <head>" (a
    ministry is "Ministry of A"), with the span of its own words (the last item's runs to the
    head). The last item is the longest run of words naming a place, else as long as the first."""
    out: list[Candidate] = []
    for m in _SHARED_HEAD.finditer(sent):
        firsts = [x for x in re.finditer(rf"(?:the\s+)?({_ITEM})", m.group(1))]
        tail = m.group(2).split()
        if not firsts or not tail and len(firsts) < 2:
            continue
        width = next((n for n in range(len(tail), 0, -1) if is_place(" ".join(tail[:n]))),
                     len(firsts[0].group(1).split()))
        if width > len(tail):
            continue
        shared = " ".join(tail[width:])
        head = _SINGULAR[m.group(3)]
        items = [(m.start(1) + x.start(1), m.start(1) + x.end(1), x.group(1)) for x in firsts]
        items.append((m.start(2), m.end(3), " ".join(tail[:width])))
        for start, end, item in items:
            name = f"Ministry of {item}" if head == "Ministry" else " ".join(x for x in (item, shared, head) if x)
            out.append(Candidate(name, start, end, "list"))
    return out


_SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
_DUTY_NOUNS = {"responsibility", "responsibilities", "role", "task", "duty", "duties", "mandate", "job", "charge",
               "commitment", "commitments", "obligation", "obligations", "pledge", "pledges"}


def _mention_at(spans: list[tuple[int, int, str]], tok: Any) -> str:
    """The body mention (start, end, ref) covering a token, "" if none."""
    return next((ref for s, e, ref in spans if s <= tok.idx < e), "")


def parsed_subjects(doc: Any, spans: list[tuple[int, int, str]]) -> list[str]:
    """The bodies the parse makes subjects of the sentence's verbs: a nominal subject ("the
    local police hold …"), the agent of a passive ("… is run by X"), the holder of a duty ("the
    sole responsibility of X"), with the bodies coordinated with them. ``spans`` are (start,
    end, ref) of the sentence's body mentions; the order is the sentence's."""
    if doc is None or not spans:
        return []

    heads = []
    for t in doc:
        role = t.dep_ in _SUBJ_DEPS or t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in _DUTY_NOUNS
        if role:
            heads.append(t)
    if not any(_mention_at(spans, h) or any(_mention_at(spans, c) for c in h.subtree) for h in heads):
        # "… is run by X" with no body as subject: the agent of the passive acts
        heads += [t for t in doc if t.dep_ == "pobj" and t.head.lower_ == "by" and t.head.dep_ == "agent"]
    out: list[str] = []
    for h in heads:
        group = [h, *[c for c in h.conjuncts]]
        if h.dep_ == "pobj":  # "of A and of B": the second "of" is a conjunct of the first
            for prep in h.head.conjuncts:
                group += [o for c in prep.children if c.dep_ == "pobj" for o in (c, *c.conjuncts)]
        for t in group:
            # the mention covering the token or one of its compound / modifier children; a duty's
            # holders all ("of the Border Security and intelligence services": both)
            own = _mention_at(spans, t)
            found = [own] if own else []
            if not found or h.dep_ == "pobj":
                found += [r for c in t.subtree if (r := _mention_at(spans, c))]
            for ref in found[: None if h.dep_ == "pobj" else 1]:
                if ref not in out:
                    out.append(ref)
    return out


def reported_subjects(doc: Any, spans: list[tuple[int, int, str]]) -> list[str]:
    """The bodies that act in a reported clause ("X said the town was worried that the Council
    had shut the clinic"): subjects of a verb that is itself the complement of another."""
    if doc is None or not spans or not any(t.dep_ == "ccomp" for t in doc):
        return []  # no clause is reported: none of its verbs' ancestors is a complement
    out: list[str] = []
    def reported(v: Any) -> bool:  # "said A is optional and that B will pay": B's verb is a conjunct
        return bool(v.dep_ == "ccomp" or any(a.dep_ == "ccomp" for a in v.ancestors))

    for t in doc:
        if t.dep_ in ("nsubj", "nsubjpass") and reported(t.head) and t.head.pos_ in ("VERB", "AUX"):
            for c in t.subtree:
                ref = _mention_at(spans, c)
                if ref and ref not in out:
                    out.append(ref)
                    break
    return out


def is_object(doc: Any, start: int, end: int) -> bool:
    """The parse reads the span as an object ("… supports the Network"), never as a subject."""
    if doc is None:
        return False
    toks = [t for t in doc if start <= t.idx < end]
    if not toks or any(t.dep_ in _SUBJ_DEPS for t in toks):
        return False
    root = next((t for t in toks if t.head not in toks or t.head == t), toks[-1])
    return root.dep_ in ("dobj", "iobj") or root.dep_ == "pobj" and root.head.lower_ not in ("by", "of", "from")
