"""Local governments named by their place in running prose (English).

Real documents rarely write "Anbar Governorate" as a body's name; they write "the local
government of Anbar governorate", "the local governments of Diyala governorate and of Khalis
and Baladrooz districts", "the Basra local administration", "the district's local council".
Each place so named has its own local government: a body of that place (its level, its place),
named by the place and the text's own head noun ("Anbar local government"), with the other
spellings a reader would use as aliases, so a question about the place finds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from graph.terms import Hit
from ingest import rules

_ADJ = r"local|provincial|municipal|district|sub-?district|governorate"
_HEAD = r"government|administration|council|authorit(?:y|ies)|officials"
# "the local governments of ...": the places follow
_OF = re.compile(rf"\b(?P<adj>{_ADJ})\s+(?P<head>{_HEAD})s?\s+of\s+(?:the\s+)?", re.I)
# "... Basra local government", "Hit's local administration": the place comes first
_AFTER_PLACE = re.compile(
    rf"^(?:['’]s)?\s+(?:(?P<level>governorate|district|sub-?district|province)\s+)?(?P<adj>local|provincial|municipal)"
    rf"\s+(?P<head>{_HEAD})\b(?!s)",
    re.I,
)
_LEVEL = re.compile(r"^\s+(governorates?|districts?|sub-?districts?|provinces?|cit(?:y|ies))\b", re.I)
_JOIN = re.compile(r"^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)(?:of\s+)?(?:the\s+)?", re.I)


@dataclass
class LocalBody:
    name: str
    start: int
    end: int
    place: str  # place id
    aliases: list[str] = field(default_factory=list)


_INNER_LEVEL = re.compile(r"\s+(governorate|district|sub-?district|province|city)$", re.I)


def split_level(surface: str, level: str = "") -> tuple[str, str]:
    """The gazetteer's own "Anbar governorate": the place's name and its level word."""
    inner = _INNER_LEVEL.search(surface)
    return (surface[: inner.start()], level or inner.group(1)) if inner else (surface, level)


def _head(word: str) -> str:
    low = word.lower()
    # "Anbar's local officials" speak for the Anbar local government
    return "authority" if low.startswith("authorit") else "government" if low == "officials" else low


def _names(place: str, level: str, adj: str, head: str) -> tuple[str, list[str]]:
    adj = adj.lower()
    level = re.sub(r"(?:ies)$", "y", level.lower()).rstrip("s") if level else ""
    title = f"{adj} {head}"
    name = f"{place} {title}"
    aliases = [f"{title} of {place}"]
    if level:
        aliases += [f"{place} {level} {title}", f"{title} of {place} {level}"]
    return name, aliases


def local_bodies(sent: str, find_places: Callable[[str], Sequence[Hit[str]]]) -> list[LocalBody]:
    """The local governments a sentence names by place; ``find_places`` is the gazetteer's
    term index (hits with start, end and place id)."""
    out: list[LocalBody] = []
    for m in _OF.finditer(sent):
        pos = m.end()
        found: list[tuple[int, int, str, str]] = []  # start, end, place id, level word
        while True:
            rest = sent[pos : pos + 80]
            hit = next((h for h in find_places(rest) if h.start == 0), None)
            if hit is None:
                break
            end = pos + hit.end
            lvl = _LEVEL.match(sent[end:])
            level = lvl.group(1) if lvl else ""
            if lvl:
                end += lvl.end()
            found.append((pos, end, hit.payload, level))
            join = _JOIN.match(sent[end:])
            if not join:
                break
            pos = end + join.end()
        if not found:
            continue
        # "of Khalis and Baladrooz districts": a plural level word names the level of every place before it
        last_level = found[-1][3]
        for i, (s, e, pid, level) in enumerate(found):
            if not level and last_level.lower().endswith("s"):
                level = last_level
            surface, level = split_level(re.sub(rf"\s+{re.escape(level)}$", "", sent[s:e]) if level else sent[s:e], level)
            name, aliases = _names(surface, level, m.group("adj"), _head(m.group("head")))
            out.append(LocalBody(name, m.start() if i == 0 else s, e, pid, aliases))
    for h in find_places(sent):
        if h.payload == "place:IQ":
            continue
        a = _AFTER_PLACE.match(sent[h.end :])
        if a is None or any(b.start <= h.start < b.end for b in out):
            continue
        surface, level = split_level(sent[h.start : h.end], a.group("level") or "")
        name, aliases = _names(surface, level, a.group("adj"), _head(a.group("head")))
        out.append(LocalBody(name, h.start, h.end + a.end(), h.payload, aliases))
    return out


# "the Kirkuk directorate of education", "Basra's department of health": a governorate's
# directorate of a ministry's field, however the text capitalises it
_DIRECTORATE_OF = re.compile(
    r"^(?:['’]s)?[ \t]+(?P<head>directorate|department)[ \t]+(?:general[ \t]+)?(?:of|for)[ \t]+"
    r"(?P<field>[A-Za-z][a-z\-]+(?:[ \t]+(?:and[ \t]+)?[A-Za-z][a-z\-]+)?)\b",  # on one line: a name never runs on past it
    re.I,
)
_NOT_FIELD = {"the", "a", "an", "its", "their", "this", "that", "which", "who"}
_FUNCTION = {"in", "on", "at", "for", "of", "and", "with", "to", "from", "by", "as", "is", "are", "was", "were", "will", "has",
             "have", "had", "met", "said", "says"}


def place_directorates(sent: str, find_places: Callable[[str], Sequence[Hit[str]]]) -> list[LocalBody]:
    """A place's directorate of a field: named "<Place> Directorate of <Field>", at that place."""
    out: list[LocalBody] = []
    for h in find_places(sent):
        if h.payload == "place:IQ":
            continue
        m = _DIRECTORATE_OF.match(sent[h.end :])
        if m is None or m.group("field").split()[0].lower() in _NOT_FIELD:
            continue
        field_words = m.group("field").split()
        # "of health in ten schools", "of Education and the …": the field ends before a function word
        if len(field_words) == 2 and field_words[1].lower() in _NOT_FIELD | _FUNCTION:
            field_words = field_words[:1]
        if len(field_words) == 3 and field_words[2].lower() in _NOT_FIELD | _FUNCTION:
            field_words = field_words[:1]
        if len(field_words) == 2 and not _same_field(*field_words):
            field_words = field_words[:1]  # "of Education runs", "of health opened": a verb follows
        place, _ = split_level(sent[h.start : h.end])
        title = " ".join(w if w == "and" else w[:1].upper() + w[1:] for w in field_words)
        name = f"{place} {m.group('head').capitalize()} of {title}"
        end = h.end + m.start("field") + len(" ".join(field_words))
        out.append(LocalBody(name, h.start, end, h.payload, [sent[h.start : end]]))
    return out


def _same_field(first: str, second: str) -> bool:
    """Whether a second word belongs to a directorate's field: cased as the first ("Water
    Resources", "water resources"), and in lower case not shaped like a verb, unless it is one of
    the plural fields ("social affairs")."""
    if first[:1].isupper() != second[:1].isupper():
        return False
    if second[:1].isupper() or second in rules.words("en", "bodies", "plural_fields"):
        return True
    return not re.search(r"(?:[^s]s|ed)$", second)


# "the Zubair water committee", "the Basra Governorate PVE subcommittee": a place's own body
# named with a lower-case head noun, with up to three words between (lower case, or an acronym)
_PLACE_BODY_HEAD = re.compile(
    r"^((?:\s+(?:governorate|district|sub-?district|province|city))?(?:\s+(?:[a-z][\w\-]*|[A-Z]{2,6}))"
    r"{0,3}?)\s+(committee|subcommittee|sub-committee|council|taskforce|task\s+force|working\s+group|"
    r"network|coalition|forum|commission|cell|administration)\b(?!\s+of\b)", re.I)


def place_bodies(sent: str, find_places: Callable[[str], Sequence[Hit[str]]]) -> list[LocalBody]:
    """Bodies of a place the text names with a lower-case head ("the Zubair water committee"):
    the place after "the", the head in lower case (a capitalised head is a name already read)."""
    out: list[LocalBody] = []
    for m in re.finditer(r"\b[Tt]he\s+", sent):
        hit = next((h for h in find_places(sent[m.end() : m.end() + 60]) if h.start == 0), None)
        if hit is None or not sent[m.end()].isupper():
            continue
        end = m.end() + hit.end
        body = _PLACE_BODY_HEAD.match(sent[end:])
        if body is None or not body.group(2)[0].islower():
            continue
        stop = end + body.end()
        out.append(LocalBody(re.sub(r"\s+", " ", sent[m.end() : stop]), m.end(), stop, hit.payload))
    return out
