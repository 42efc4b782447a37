"""Clauses of a sentence: who holds what is said (the subject before a verb, the holder of a
second clause, a name's own words), enumerations, and the bodies a preposition governs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.names import is_arabic
from ingest import arabic
from ingest.cues import _CLAUSE_AR, _CLAUSE_EN, _DETERMINERS, _DUTY_AFTER, _LIST_GAP, _PREPOSITIONS
from ingest.extraction import Mention, StatementDraft
from ingest.relations import passive_agents


@dataclass
class _Ctx:
    page: int
    start: int
    end: int
    sent: str
    mentions: list[Mention]
    subjects: list[str]
    places: list[tuple[int, int, str]]
    concepts: list[tuple[int, str]]
    driver_list: bool = False  # an item of a list introduced as drivers ("the following drivers:")
    members_of: str = ""  # "Its members are ...": the body whose members the sentence lists
    previous: list[str] = field(default_factory=list)  # the previous sentence's subject, same paragraph
    table_header: str = ""  # a table row: the header line it is read with
    reported: list[str] = field(default_factory=list)  # bodies acting in a reported clause ("X said Y closed …")
    posts: list[StatementDraft] = field(default_factory=list)  # the posts the sentence names ("A, Director of X")
    label_before: str = ""  # the role the sentence before named as a field label alone ("Donor")


def _holder(c: _Ctx, pos: int) -> list[str]:
    """Whom a relation cue at ``pos`` speaks of: the body a relative clause hangs on ("the Forum,
    which meets with X"), else the sentence's subject, else the last body named before the cue,
    else, in a sentence that names no body before it ("The project is funded by X"), the
    previous sentence's subject."""
    before = [m for m in c.mentions if m.end <= pos]
    if before and re.match(r"(?:\s*\([^()]*\))?\s*,\s*(?:which|who)\b|\s+(?:that|which|who)\b", c.sent[before[-1].end : pos]):
        return [before[-1].ref]
    if before and re.search(r"\bby\s+(?:the\s+)?$", c.sent[max(0, before[-1].start - 12) : before[-1].start]) \
            and not c.sent[before[-1].end : pos].strip(" ()") and not is_arabic(c.sent):
        return [before[-1].ref]  # "implemented by X in partnership with Y": the passive's agent works with Y
    agents = [] if is_arabic(c.sent) else passive_agents(c.sent, [(m.start, m.end, m.ref) for m in before], pos)
    if agents:  # "a workshop organised by A and B, in partnership with C": the agents work with C
        return agents
    def free(m: Mention) -> bool:  # not the object of a preposition, not "(ACR)" after a name
        if is_arabic(m.text):
            ar = c.sent[max(0, m.start - 40) : m.start]
            return not arabic.governed(ar) and not arabic.attached_preposition(m.text, ar)
        return not c.sent[: m.start].rstrip().endswith("(") and not _governed(
            c.sent[max(0, m.start - 120) : m.start].lower(), c.sent[m.end : m.end + 12], _head(c.sent, m.start))

    # a subject found only through "(ACR)" after a governed name is no subject: "implemented by the
    # Tigris Youth Network (TYN)"
    first = {m.ref: m for m in reversed(c.mentions)}
    subjects = [x for x in c.subjects if x not in first or free(first[x])]
    # the previous subject only through a phrase naming its own work ("The project is funded by
    # X", "Its programme …"); "Those action plans were developed with X" names someone else's
    own_work = re.match(r"\s*(?:[-*•]\s*)?(?:The|This|Its|Their|These)\s+(?:\w+\s+)?(?:project|projects|programme|programmes|"
                        r"program|initiative|work|activit\w+|efforts?|campaign|centre|center|pilot|scheme|training|sessions?)\b",
                        c.sent)
    # ("The project is part of the X Programme, implemented by Y": the project is X's, not the previous subject's)
    owned = any(re.search(r"\bof\s+(?:the\s+)?$", c.sent[max(0, m.start - 12) : m.start]) for m in before)
    return subjects or [m.ref for m in before if free(m)][-1:] or (
        c.previous if own_work and not owned or is_arabic(c.sent) else [])


# "X, which …" / "X, who …" / "X, trained people who …": a clause hung on the body before it
# ("…, which is a …" says what the body is, not what it does)
_RELATIVE = re.compile(r"(?:\s*\([^()]*\))?\)?[\s*_]*,\s*(?:[\w\-]+\s+){0,3}?(?:which|who)\s+"
                       r"(?!(?:is|are|was|were)\s+(?:also\s+)?(?:a|an|the|one)\b)")
# the words between two listed bodies: "A (ACR), B and the **C**"
_LIST_LINK = re.compile(r"(?:\s*\([^()]*\))?[\s*_]*(?:,|,?\s+and)\s+(?:the\s+)?[\s*_]*")
_OF_LIST = re.compile(r"\s+of\s+(?:the\s+)?[\s*_]*")


def relative_clauses(sent: str, mentions: list[Mention]) -> list[tuple[int, int, str]]:
    """(start, end, holder) of each English relative clause hung on a body: the body right
    before it, or, where that body closes the list of members after "of" ("a steering committee
    of A, B and C, which is tasked with …"), the group the list fills. The clause ends at a
    semicolon or the sentence's end."""
    out = []
    for i, m in enumerate(mentions):
        r = _RELATIVE.match(sent, m.end)
        if r is None or is_arabic(m.text) or i + 1 < len(mentions) and mentions[i + 1].start < r.end():
            continue  # "X, trained Iraqis who …" hangs on X; "X, the Y, which …" on Y
        j = i
        while j > 0 and _LIST_LINK.fullmatch(sent[mentions[j - 1].end : mentions[j].start]):
            j -= 1
        holder = m.ref
        if 0 < j < i and _OF_LIST.fullmatch(sent[mentions[j - 1].end : mentions[j].start]):
            holder = mentions[j - 1].ref
        end = sent.find(";", r.end())
        out.append((r.end(), end if end >= 0 else len(sent), holder))
    return out


# "Iraqi national authorities — the A of the X and the B — carried out …": the bodies between the
# dashes (or after a colon or "namely") are the ones the name before them stands for
_APPOSITION_OPEN = re.compile(r"[\s*_]*(?:[—–]|--|:|,\s*namely)\s*(?:the\s+)?[*_]*")


def apposed_bodies(sent: str, mentions: list[Mention]) -> dict[str, list[str]]:
    """A body (often a class or a government) -> the bodies an apposition after it names. Owners
    inside the apposition ("the Directorate of the Foundation") are not among them."""
    out: dict[str, list[str]] = {}
    for i, m in enumerate(mentions[:-1]):
        opened = _APPOSITION_OPEN.match(sent, m.end)
        if opened is None or is_arabic(m.text) or mentions[i + 1].start > opened.end():
            continue
        close = re.search(r"\s[—–]|--|;|\.\s", sent[opened.end() :])
        end = opened.end() + close.start() if close else len(sent)
        inner = [x for x in mentions[i + 1 :] if x.end <= end and x.ref != m.ref
                 and not re.search(r"\b(?:of|for|by|from|in)\s+(?:the\s+)?[*_]*$", sent[opened.end() : x.start])]
        if len(inner) >= 1:
            out[m.ref] = list(dict.fromkeys(x.ref for x in inner))
    return out


def listed_run(sent: str, mentions: list[Mention], i: int) -> int:
    """The index after mention i and the bodies listed with it ("A (ACR), B and the C")."""
    j = i + 1
    while j < len(mentions) and _LIST_LINK.fullmatch(sent[mentions[j - 1].end : mentions[j].start]):
        j += 1
    return j


def _clause_holders(sent: str, mentions: list[Mention]) -> list[str]:
    out = []
    for m in mentions:
        before = sent[max(0, m.start - 30) : m.start]
        if _CLAUSE_AR.search(before) or _CLAUSE_EN.search(before) and _DUTY_AFTER.match(sent[m.end :]):
            out.append(m.ref)
    return out


def _word_of_a_name(sent: str, start: int, end: int, mentions: list[Mention]) -> bool:
    """A place word inside a body's name that is not where the body is: "Bayt Al-Salam
    Organization", "جمعية الفرات للتنمية والسلام", the head noun "شبكة" (also a sub-district).
    A place that starts an English name ("Sinjar Youth Forum"), follows "in" / "في" / "محافظة" ("… Directorate in Nineveh") or closes an Arabic
    idafa ("قيادة شرطة الأنبار") is the body's place and counts."""
    for m in mentions:
        if not m.start <= start < m.end or m.end <= m.start:
            continue
        before = sent[m.start:start].strip()
        if not re.sub(r"^(?:the|The)\b", "", before).strip():
            return is_arabic(m.text)  # an Arabic name starts with its head noun ("شبكة"), never a place
        if re.search(r"(?:\b(?:in|for|of)|(?<!\w)(?:في|محافظة|محافظه|قضاء|ناحية))\s*$", before):
            return False
        word = sent[start:end]
        return not (end >= m.end - 1 and is_arabic(word) and not word.startswith(("و", "ل", "ب")))
    return False


# a phrase fronted before the sentence's first comma ("In support of returns, ", "To end
# displacement, "), then at most the items of the subject's enumeration before the mention
_FRONTED = re.compile(r"\s*(?:in|to|for|with|through|under|after|following|since|despite|during|within|across|as|"
                      r"alongside|beyond|on)\s+[^,;:.()]{2,160},\s*(?:[^,;:.]{0,60}?\s(?:and|or)\s+|(?:[\w\-]+\s+){0,3}|)(?:the\s+)?")


def _head(sent: str, pos: int) -> str:
    """The sentence before ``pos`` in lower case, where it is short enough to hold a fronted phrase."""
    return sent[:pos].lower() if pos <= 250 else ""


# the list opens the sentence: "The ministries of A, B and C will …", "The KRG ministries of …"
_PLURAL_HEAD_OF = re.compile(r"^\s*(?:the\s+)?(?:[A-Z][\w'’]*\s+)?(?:ministries|governorates|governments|directorates)"
                             r"\s+of\s+(?:the\s+)?$", re.I)


def _governed(before: str, after: str, head: str = "") -> bool:
    """Is a mention the object of a preposition: "within various ministries", "for youth, NGOs and
    ...", "to institutions and ministries"? Fronted phrases ("With support from UNDP, the NCCVE
    ...") are not, so the subject after them is found."""
    if head and _FRONTED.fullmatch(head) and not set(re.findall(r"[a-z\-']+", head.split(",", 1)[1])) & _PREPOSITIONS:
        return False  # "In support of returns, A and B worked with C": what follows the fronted phrase is its subject
    if _PLURAL_HEAD_OF.search(before):
        return False  # "The ministries of A, B and C will …": the list names the bodies, its "of" governs none
    before = re.sub(r"\([^()]{1,20}\)", " ", before)  # "by A (AB) and the B": the short name is no clause
    words = re.findall(r"[a-z\-']+|,", before)
    while words and words[-1] in _DETERMINERS:
        words.pop()
    if words and words[-1] in _PREPOSITIONS:
        return True
    clause = re.split(r"[;:.()]|\b(?:that|which|who|whose|while|whereas)\b", before)[-1]
    tail = re.findall(r"[a-z\-']+|,", clause)
    last_prep = max((i for i, w in enumerate(tail) if w in _PREPOSITIONS), default=-1)
    if last_prep < 0:
        return False
    rest = tail[last_prep + 1 :]
    if not rest or len([w for w in rest if w != ","]) > 10:
        return False
    while rest and rest[-1] in _DETERMINERS:
        rest.pop()
    if rest and rest[-1] in ("and", "or"):  # the last item of "for A, B and C"
        return True
    # a middle item: "for development, youth, NGOs and civil society"
    return bool(rest) and rest[-1] == "," and bool(re.match(r"\s*(?:,(?!\s*(?:which|who|whose|that)\b)|and\b|or\b)", after))


def _without_names(c: _Ctx) -> str:
    """The sentence with its bodies and places blanked: a sentence full of names is not a title
    when the words around the names are ordinary ("... runs patrols in Basra.")."""
    chars = list(c.sent)
    for a, b in [(m.start, m.end) for m in c.mentions] + [(p[0], p[1]) for p in c.places]:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _mention_ending_at(mentions: list[Mention], start: int, end: int) -> str:
    for m in mentions:
        if m.start <= start and m.end >= end - 1:
            return m.ref
    return ""


def _enumeration(sent: str, mentions: list[Mention], objs: list[str]) -> list[str]:
    """Keep the first object and the ones listed right after it ("X, Y and Z"). A body's acronym
    in brackets is the same item ("the European Union (EU), the ..."); "OWNER's UNIT" is the unit
    ("UNDP's Social Cohesion Programme"), "OWNER's project" the owner."""
    if not objs:
        return []
    i = mentions.index(next(m for m in mentions if m.ref == objs[0]))
    out: list[str] = []
    while True:
        ref, end = mentions[i].ref, mentions[i].end
        while i + 1 < len(mentions) and (
                re.fullmatch(r"['’]s?\s+", sent[end : mentions[i + 1].start])  # the possessed unit
                or mentions[i + 1].ref == ref and re.fullmatch(r"\s*\(\s*", sent[end : mentions[i + 1].start])):
            i += 1
            ref, end = mentions[i].ref, mentions[i].end
        out.append(ref)
        if i + 1 >= len(mentions):
            break
        nxt = mentions[i + 1]
        gap = sent[end : nxt.start]
        if not (_LIST_GAP.fullmatch(gap) or (re.fullmatch(r"\)?\s*،?\s*", gap) and nxt.text.startswith("و"))):  # Arabic "X وY"
            break
        i += 1
    return list(dict.fromkeys(out))


def _non_overlapping(found: list[Mention]) -> list[Mention]:
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out
