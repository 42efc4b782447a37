"""Projects named in quotes: “Safe Schools”, "Roads to Peace".

Reports name the projects they describe by a title in quotes, and say who runs and who pays for
them ("X ran this Y-supported project"). A quoted title is a project's name where the text says it
is one: a project word next to it ("the “Safe Schools” project", "a campaign called “Home
Again”"), a list item or a heading that opens with it and speaks of "this project" or "the
campaign", or a cell of a funding table that opens with it ("“Old Markets”: shops rebuilt").
A quoted title of an event or an instrument ("the “Youth and Peace” conference") is none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.mentions import NOT_BODY_TAIL

_PROJECT_WORDS = r"(?:project|projects|programme|program|initiative|campaign|scheme|pilot)"
# the title: capitalised, 1–8 words, no sentence inside it
_TITLE = r"(?P<name>[A-Z][\w'’\-]*(?:\s+[\w'’\-&]+){0,7})"
_QUOTED = rf"(?:“{_TITLE}”|\"{_TITLE.replace('name', 'name2')}\"|‘{_TITLE.replace('name', 'name3')}’)"
_BEFORE = re.compile(rf"\b{_PROJECT_WORDS}(?:\s+(?:called|named|entitled|titled|known\s+as))?,?\s+{_QUOTED}")
_AFTER = re.compile(rf"{_QUOTED}\s+(?:{_PROJECT_WORDS})\b")
# a list item or a line that opens with the title ("- **“Roads to Peace” (BYF).** …")
_OPENING = re.compile(rf"^[ \t]*(?:[-*•][ \t]+)?(?:\*\*|__)?{_QUOTED}", re.M)
_SPEAKS_OF_IT = re.compile(rf"\b(?:this|the|its|a)\s+(?:[\w\-]+\s+){{0,2}}?{_PROJECT_WORDS}\b", re.I)
# a table cell that opens with the title and a colon, in a row about money
_CELL = re.compile(rf"\|\s*{_QUOTED}\s*:")
_WORD_AFTER = re.compile(r"[”\"’]\s+([\w\-]+)")
_MONEY = re.compile(r"[$€£]|\b(?:US\$|USD|EUR|million|billion|grant|grants|funds?|funding|pays?|budget)\b", re.I)


@dataclass(frozen=True)
class Quoted:
    name: str
    start: int  # of the name inside its quotes
    end: int


def _name(m: re.Match[str]) -> tuple[str, int, int]:
    g = next(k for k in ("name", "name2", "name3") if m.group(k))
    return m.group(g), m.start(g), m.end(g)


def _titled(name: str) -> bool:
    """Capitalised as a title ("Roads to Peace"), not a quoted clause ("It was time to go")."""
    words = name.split()
    small = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "with", "from", "at", "by", "or"}
    return sum(1 for w in words if w[:1].isupper() or w[:1].isdigit()) >= max(1, (len(words) + 1) // 2) and \
        all(w[:1].isupper() or w[:1].isdigit() or w.lower() in small for w in words) and \
        not name.rstrip().endswith((".", "!", "?", ","))


def quoted_projects(text: str) -> list[Quoted]:
    """The projects a text names in quotes, each once, in order."""
    not_tail = NOT_BODY_TAIL
    found: dict[int, Quoted] = {}

    def keep(m: re.Match[str]) -> None:
        name, s, e = _name(m)
        name = name.strip()
        if not _titled(name) or name.split()[-1].lower() in not_tail:
            return
        found.setdefault(s, Quoted(name, s, s + len(name)))

    for m in _BEFORE.finditer(text):
        keep(m)
    for m in _AFTER.finditer(text):
        keep(m)
    for m in _OPENING.finditer(text):
        line_end = text.find("\n", m.end())
        line = text[m.end() : line_end if line_end >= 0 else len(text)]
        if _SPEAKS_OF_IT.search(line[:400]):
            keep(m)
    for m in _CELL.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if _MONEY.search(text[line_start : line_end if line_end >= 0 else len(text)]):
            keep(m)
    out = sorted(found.values(), key=lambda q: q.start)
    # a title quoted with an event word after it is that event's, whatever else the text says
    return [q for q in out if not (after := _WORD_AFTER.match(text, q.end)) or after.group(1).lower() not in not_tail]


# "the Lantern Future project", "USAID's Lantern Future project": a title written without quotes,
# each word capitalised, right before a lower-case project word
_UNQUOTED = re.compile(r"(?:\b[Tt]he|['’]s)\s+(?P<name>(?:[A-Z][a-z][\w\-]*\s+){1,5})(?:project|initiative)\b")


def titled_projects(text: str) -> list[Quoted]:
    """The projects a text names by a capitalised title before "project" ("the Lantern Future
    project"); the stage keeps those that name no place or body of their own."""
    return [Quoted(name.strip(), m.start("name"), m.start("name") + len(name.strip()))
            for m in _UNQUOTED.finditer(text) if (name := m.group("name")).strip().split()[-1].lower() not in NOT_BODY_TAIL]


# "X ran this Y-supported project", "… the campaign is part of a project X implements"
_RAN_IT = re.compile(
    rf"\b(?:ran|runs|run|implemented|implements|implementing|manages|managed|led|leads|carried\s+out|carries\s+out|"
    rf"delivered|delivers|operates|operated)\s+(?:this|the|that|its|their)\s+(?:[\w\-“”\"‘’]+\s+){{0,6}}?{_PROJECT_WORDS}\b", re.I)
_IT_RUNS = re.compile(
    rf"\b{_PROJECT_WORDS}(?:\s+[“\"‘][^”\"’]{{1,80}}[”\"’])?,?\s+(?:that\s+|which\s+)?(?:the\s+)?(?P<body>[^,;.()]{{2,80}}?)\s+"
    rf"(?:implements|implemented|runs|ran|leads|led|manages|managed|carries\s+out|carried\s+out|delivers|delivered)\b", re.I)
# a sentence that speaks of a project named before it ("X ran this Y-supported project", "the
# campaign is part of …")
THIS_PROJECT = re.compile(rf"\b(?:this|that|the)\s+(?:[\w\-]+\s+){{0,3}}?{_PROJECT_WORDS}\b", re.I)
# "this Y-supported project": who supports it, right before the project word
_SUPPORTED = re.compile(rf"[\w’']+[- ](?:funded|financed|sponsored|supported|backed)\s+{_PROJECT_WORDS}\b", re.I)


def implementers(sent: str, spans: list[tuple[int, int, str]], subjects: list[str],
                 is_project: set[str], earlier: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(body, project) pairs a sentence says run a project it names (or the sentence before it
    named: ``earlier``, "this project"): the clause's subject that "ran this project", or the
    body a relative clause names ("a project X implements")."""
    named = [ref for _, _, ref in spans if ref in is_project] or list(earlier)
    if not named:
        return []
    project = named[0]
    out = []
    if _RAN_IT.search(sent):
        out += [(s, project) for s in subjects if s not in is_project]
    for m in _IT_RUNS.finditer(sent):
        out += [(ref, project) for s, e, ref in spans
                if m.start("body") <= s and e <= m.end("body") and ref not in is_project]
    return list(dict.fromkeys(out))


def supported_project(sent: str, at: int, spans: list[tuple[int, int, str]], is_project: set[str],
                      earlier: Sequence[str] = ()) -> str:
    """The project a hyphenated supporter at ``at`` speaks of ("this Y-supported project"), if
    the sentence (or, ``earlier``, the one before it) names one in quotes; else ""."""
    if not _SUPPORTED.match(sent, at):
        return ""
    return next((ref for _, _, ref in spans if ref in is_project), next(iter(earlier), ""))
