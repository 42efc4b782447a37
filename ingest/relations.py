"""Stage 3 of extraction: relations between bodies, read by the cue rules of ``rules/*/relations.yaml``.

A rule is a cue ("is hosted by", "co-chairs", "a steering committee of", "بتمويل من") with the
side that holds the statement. The bodies come from stage 1 (mentions with their spans), so a
rule only decides which bodies stand where around its cue:

- ``holder: before`` — the body (or enumeration "A, B and C") ending right before the cue holds
  it, else the subject of the clause; the bodies after the cue are its objects;
- ``holder: after`` — the passive and the list: "hosted by X", "a steering committee of A, B":
  the bodies after the cue hold it, the body before it (or the clause subject) is the object.

Negation before the cue ("does not fund") blocks it. Each statement carries the rule's id.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ingest.rules import RelationRule, any_of, relation_rules

_ENUM_GAP = re.compile(r"\s*(?:,|and|, and|or|, or|&|،|، و|و|(?:,\s*)?(?:together with|along with|as well as))\s*(?:the\s+)?", re.I)
_INTRODUCER = re.compile(
    r"(?:\b(?:including|such\s+as|among\s+them|notably|in\s+particular|led\s+by)|في\s+مقدمتها|في\s+مقدمتهم|"
    r"ومنها|منها|من\s+بينها|من\s+بينهم|أبرزها|ابرزها|لا\s+سيما|ولا\s+سيما|خاصة)\s*(?:the\s+)?$", re.I)
_OPEN_DESCRIPTION = re.compile(r"\s*(?:,|—|–)\s*(?:an?|one)\s+[^,;.()—–]{0,60}$")
# a conjunction alone between a body and a verb cue coordinates the verb with the clause's own
# predicate ("set up by the Council in 2015 and reports to it"), not the body with a list
COORDINATED = re.compile(r"(?:\s+[\w\-]+){0,4}?\s*\b(?:and|but|while)\s+(?:also\s+|then\s+|later\s+)?", re.I)
# what may stand between the verb's subject and object ("يمول A مشروع B": B's project)
_VSO_GAP = re.compile(r"\([^()]*\)|(?<!\S)(?:مشروع|مشاريع|برنامج|برامج|أنشطة|انشطة|نشاطات|عمل|جهود)(?!\S)")
_REDUCED_RELATIVE = re.compile(r"(?<![\w\-])[a-z]{3,}s\s+$")  # "the agencies " before "participating in"
# "families with relatives who joined ISIS": a relative clause on people, not on a body; one on
# a body's envoy ("a focal point who sits on X", "a representative who attends") speaks for it
_WHO = re.compile(r"\b([a-z]+)\s+who(?:m)?\s+(?:[a-z]+\s+){0,2}$")
_ENVOYS = frozenset({"point", "points", "representative", "representatives", "delegate", "delegates", "official",
                     "officials", "member", "members", "envoy", "officer", "officers", "staff"})


def of_people(sent: str, ends: Sequence[int], pos: int) -> bool:
    """Whether a cue at ``pos`` opens the relative clause of a noun that names people, not a body
    (``ends``: where the sentence's body mentions end): "relatives who joined X" says nothing of
    the sentence's bodies; "the Council, which joined X", "UNDP, who funds X" and "a focal point
    who sits on X" do."""
    who = _WHO.search(sent, max(0, pos - 60), pos)
    if who is None or who.group(1) in _ENVOYS:
        return False
    at = who.end(1) + 1  # where "who" begins
    return not any(re.fullmatch(r"\s*(?:\([^()]*\))?\s*,?\s*", sent[e:at]) for e in ends if e <= at)


_NEGATION = re.compile(r"\b(?:not|never|no longer|neither|nor)\b[^,;.]{0,20}$|(?:لا|لم|لن|ليس)\s+\S*\s*$", re.I)


@dataclass
class Span:
    start: int
    end: int
    ref: str


@dataclass
class Found:
    rule: RelationRule
    subjects: list[str]
    objects: list[str]
    at: int  # the cue's position in the sentence


def _run_after(sent: str, spans: Sequence[Span], pos: int, gap: int, take_all: bool) -> list[str]:
    """The body right after ``pos`` (within ``gap`` characters) and those enumerated with it."""
    after = [m for m in spans if m.start >= pos - 4 and m.end > pos]  # "the group" begins in the cue's "the"
    if not after or re.search(r"[.;:!?]", sent[pos : after[0].start]):
        return []
    if re.search(r"[A-Z][\w'’\-]*\s*,", sent[pos : after[0].start]):
        return []  # "headed by Ali Saleh, and the B": a name (no body) comes first; B is not the cue's
    # "with international organisations, in particular A and B": a class, then the bodies it names
    if after[0].start - pos > gap and not (after[0].start - pos <= 3 * gap and _INTRODUCER.search(sent[pos : after[0].start])):
        return []
    after = _possessed(sent, after)
    out = [after[0].ref]
    if take_all:
        prev = after[0]
        for nxt in after[1:]:
            if nxt.ref == prev.ref and re.fullmatch(r"\s*\(\s*", sent[prev.end : nxt.start]):
                close = re.match(r"\s*\)", sent[nxt.end :])  # "A (ACR) together with B": one body
                prev = Span(prev.start, nxt.end + (close.end() if close else 0), prev.ref)
                continue
            if re.fullmatch(r"\s+", sent[prev.end : nxt.start]) and sent[nxt.start : nxt.start + 1] in ("ل", "ب"):
                prev = Span(prev.start, nxt.end, prev.ref)  # "A لحكومة X وB": X owns A, the list goes on to B
                continue
            if not _enumerated(sent, prev, nxt):
                break
            out.append(nxt.ref)
            prev = nxt
    return list(dict.fromkeys(out))


def _possessed(sent: str, spans: list[Span]) -> list[Span]:
    """"the Forum's Mentoring Unit": the unit, not its owner, stands where the owner's name begins."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        cur = spans[i]
        while i + 1 < len(spans) and re.fullmatch(r"['’]s?\s+", sent[cur.end : spans[i + 1].start]):
            i += 1
            cur = spans[i]
        out.append(cur)
        i += 1
    return out


# "A, Terre des Hommes (TDH) and B": an item no list knows, named with its acronym, between two bodies
_UNKNOWN_ITEM = re.compile(r"\s*,\s*(?:the\s+)?[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|de|des|di|per|of|for))*"
                           r"\s*\([A-Z][A-Za-z]{1,9}\)\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")


def _enumerated(sent: str, prev: Span, nxt: Span) -> bool:
    """Two bodies listed together: "A, B and C", "A وB" (the Arabic و is written on the name)."""
    # "A (ACR), B": its acronym, in the text or found as the same body's mention ("A (|ACR|), B")
    gap = re.sub(r"^\s*\([A-Z][A-Za-z]{1,9}\)|^\)", "", sent[prev.end : nxt.start])
    return bool(_ENUM_GAP.fullmatch(gap) or _UNKNOWN_ITEM.fullmatch(gap)) or \
        not gap.strip(" ،,") and sent[nxt.start : nxt.start + 1] == "و"


def passive_agents(sent: str, before: Sequence[tuple[int, int, str]], pos: int) -> list[str]:
    """"a workshop organised by A and B, in partnership with C": the agents of a passive
    enumerated right before a comma and the cue hold it (A and B work with C)."""
    if not before or not re.fullmatch(r"[\s()]*,\s*", sent[before[-1][1] : pos]):
        return []
    run = [before[-1]]
    for m in reversed(before[:-1]):
        if not re.fullmatch(r"\s*(?:\([^()]*\)\s*)?(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?", sent[m[1] : run[0][0]]):
            break
        run.insert(0, m)
    if not re.search(r"\b\w+(?:ed|en|un)\s+(?:jointly\s+)?by\s+(?:the\s+)?$", sent[max(0, run[0][0] - 30) : run[0][0]]):
        return []
    return list(dict.fromkeys(m[2] for m in run))


def run_before(sent: str, spans: Sequence[Span], pos: int, gap: int) -> list[str]:
    """The body ending right before ``pos`` and those enumerated before it ("A, B and C <cue>")."""
    before = [m for m in spans if m.end <= pos]
    if not before:
        return []
    # "X, a group of NGOs led by Y": the description is X's, whatever it names on the way
    desc = _OPEN_DESCRIPTION.search(sent[:pos])
    if desc:
        anchored = [m for m in before if m.end <= desc.start()]
        if anchored and not sent[anchored[-1].end : desc.start()].strip():
            before = anchored
    agents = passive_agents(sent, [(m.start, m.end, m.ref) for m in before], pos)
    if agents:
        return agents
    between = sent[before[-1].end : pos]
    # a parenthesis or an apposition between the body and its verb: "X (the Fund) funds",
    # "X, a Geneva-based fund, funds"
    between = re.sub(r"\([^()]*\)|,[^,;]{0,60},|^\)", " ", between)  # ("… and C (CD) are": the bracket's close)
    if _OPEN_DESCRIPTION.fullmatch(between):  # an apposition still open at the cue: "X, a group of NGOs led by Y"
        between = " "
    if len(between.strip()) > gap or re.search(r"[.;:!?,]|\b(?:it|they|he|she|which|who|that|its|their)\b", between, re.I):
        return []  # another clause or a pronoun stands between: "X in Y, and it partners with Z"
    if COORDINATED.fullmatch(between):
        return []  # "X was founded by Y and reports to Z": the cue's verb is the clause subject's
    out = [before[-1].ref]
    for i in range(len(before) - 1, 0, -1):
        if before[i - 1].ref == before[i].ref and re.fullmatch(r"\s*\(\s*", sent[before[i - 1].end : before[i].start]):
            before[i - 1] = Span(before[i - 1].start, before[i].end, before[i].ref)  # "A (ACR)": one body
            continue
        if not _enumerated(sent, before[i - 1], before[i]):
            break
        out.append(before[i - 1].ref)
    return list(dict.fromkeys(reversed(out)))


def subjects_before(clause_subjects: Sequence[str], spans: Sequence[Span], cue: int, sent: str = "") -> list[str]:
    """The clause's subjects that can stand before the cue: one the sentence names only after it
    ("The repairs were made by X, the A and the B") is no object of its own passive; one the
    sentence does not name (a pronoun's body) can be."""
    # nor is the agent of an earlier passive ("funded by A and implemented by B": not A's)
    agent = [s.ref for s in spans if s.end <= cue and re.search(r"\b\w+(?:ed|en)\s+(?:jointly\s+)?by\s+(?:the\s+)?$",
                                                                 sent[max(0, s.start - 30) : s.start])]
    return [r for r in clause_subjects if r not in agent and not (
        any(s.ref == r for s in spans) and all(s.start > cue for s in spans if s.ref == r))]


# "With funding from X, A and B run …", "In a project supported by X, A …": a cue in a phrase
# fronted before the clause; what it says holds for the clause's subjects after the comma
_FRONTED_CUE = re.compile(r"\s*(?:(?:in|with|under|through|as\s+part\s+of)\s+(?:an?\s+|the\s+)?[\w\- ]{0,40}?)?", re.I)


def _subjects_after_comma(sent: str, spans: Sequence[Span], clause_subjects: Sequence[str], at: int) -> list[str]:
    comma = sent.find(",", at)
    if comma < 0:
        return []
    return [r for r in clause_subjects if any(s.ref == r and s.start > comma for s in spans)]


_AS_DID = re.compile(r",\s+as\s+(?:did|do|does|had|have|has|were|was|are|is)\s+(?:also\s+)?(?:the\s+)?", re.I)


@lru_cache(maxsize=8)
def _any_relation_cue(lang: str) -> re.Pattern[str]:
    return any_of(r.cue for r in relation_rules(lang))


def find(sent: str, spans: Sequence[Span], clause_subjects: Sequence[str], lang: str) -> list[Found]:
    """Every rule of ``lang`` whose cue occurs in ``sent`` with bodies on both sides."""
    if not spans:
        return []  # each side but the clause's subject is read from the spans: no body, no relation
    if not _any_relation_cue(lang).search(sent):
        return []
    spans = sorted(spans, key=lambda m: m.start)
    out: list[Found] = []
    for rule in relation_rules(lang):
        for m in rule.regex.finditer(sent):
            inside = [s for s in spans if s.start <= m.start() < s.end]
            if inside and inside[0].end >= m.end():
                continue  # the cue's words are inside a body's name ("Fund for Peace")
            if _NEGATION.search(sent[max(0, m.start() - 40) : m.start()]) or \
                    of_people(sent, [s.end for s in spans], m.start()):
                continue
            after = _run_after(sent, spans, m.end(), rule.gap, rule.objects == "all" or rule.holder == "pair")
            if rule.holder == "pair":  # "an agreement between A and B"; Arabic verb first: "يمول A B"
                nxt = [s for s in spans if s.start >= m.end()]
                # "يمول A B" (verb first): B right after A, or after A's acronym; never "A التابع لB"
                if len(after) < 2 and len(nxt) >= 2 and nxt[0].start - m.end() <= rule.gap and \
                        not re.search(r"[.;:!?،,]", sent[nxt[0].end : nxt[1].start]) and nxt[1].start - nxt[0].end <= 12 \
                        and not _VSO_GAP.sub("", sent[nxt[0].end : nxt[1].start]).strip():
                    after = [nxt[0].ref, nxt[1].ref]
                if len(after) >= 2:
                    out.append(Found(rule, after[:1], after[1:], m.start()))
                continue
            # a cue that begins in a body's name ("a steering committee of A, B") has that body before it
            # "the agencies participating in X": a plain plural noun before an -ing cue is its holder
            reduced = bool(_REDUCED_RELATIVE.search(sent[max(0, m.start() - 30) : m.start()])) and \
                bool(re.match(r"\w+ing\b", sent[m.start() :]))
            before = [inside[0].ref] if inside else run_before(sent, spans, m.start(), rule.gap) or (
                subjects_before(clause_subjects, spans, m.start(), sent) if rule.fallback and not reduced else [])
            if not before and rule.holder == "after" and _FRONTED_CUE.fullmatch(sent[: m.start()]):
                before = _subjects_after_comma(sent, spans, clause_subjects, m.end())
                after = [a for a in after if a not in before]  # "Funded by X, the Y …": the run ends at the comma
            if rule.holder == "among":  # "A and B launched a joint programme": partners of each other
                run = run_before(sent, spans, m.start(), rule.gap)
                last = max((s.end for s in spans if s.ref in clause_subjects and s.end <= m.start()), default=-1)
                if len(run) < 2 and last >= 0 and re.fullmatch(r"\s*,?\s*", sent[last : m.start()]):
                    # "…, three partners, A, B and C, are working together": the named ones (not "partners")
                    run = [r for r in clause_subjects if any(s.ref == r and sent[s.start : s.start + 1].isupper()
                                                             for s in spans)] or list(clause_subjects)
                elif len(clause_subjects) >= 2 and set(clause_subjects) < set(run):
                    # "In a project supported by A and B, C and D are working together": the clause's own
                    run = [r for r in run if r in clause_subjects]
                if len(run) >= 2:
                    out.append(Found(rule, run[:1], run[1:], m.start()))
                continue
            if rule.objects == "clause":  # "X works with Y as implementing partner": Y for X
                subjects, objects = run_before(sent, spans, m.start(), rule.gap), list(clause_subjects)
            elif rule.holder == "adjacent":
                right = [s for s in spans if s.end <= m.start() and not sent[s.end : m.start()].strip()]
                subjects, objects = [right[-1].ref] if right else [], after
            elif rule.holder == "before":
                subjects, objects = before, after
                # "A sat in X's meetings, as did B and C": B and C hold the same statement
                also = _AS_DID.search(sent, m.end())
                if also and subjects:
                    subjects = subjects + [r for r in _run_after(sent, spans, also.end(), 40, True) if r not in subjects]
            else:
                subjects, objects = after, before
            objects = [o for o in objects if o not in subjects]
            if subjects and objects:
                out.append(Found(rule, subjects, objects, m.start()))
    return out
