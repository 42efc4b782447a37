"""Stage 1b of extraction: persons and the posts they hold, from real prose.

Reports name people in several shapes, and each gives the person, the post and the body:
- a title before the name: "Minister of Youth and Sports Nabil Hassan", "Basra Governor X";
- an apposition after it: "Layla Ahmed, team lead of the Youth Resilience Programme,";
- an apposition before it: "the Governor of Diyala, Omar Saleh," / "its Interior Minister, X";
- in Arabic, a title then the body then the name: "مدير عام دائرة المنظمات سامر يوسف".
The name comes from spaCy's PERSON entities (English) or from the words after a title (Arabic);
the post's words come from the lexicons in ``rules/{en,ar}/posts.yaml``. A person with a post is
a person holding a post in a body, never a body: nothing here creates a body from a name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ingest import rules
from ingest.cues import LEVEL_WORD
from ingest.post_bodies import (
    PLACE_WORDS,
    Bodies,
    Span,
    _body_of_post,
    _clean_post,
    _field_minister,
    _is_post_word,
    _lex,
    _post_head_of,
    rank_patterns,
)


@dataclass
class PersonPost:
    name: str
    post: str
    body: str  # ref key of the body the post is in ("" when the text names none)
    start: int  # span of the whole mention in the sentence
    end: int
    rule: str


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Honorifics and ranks, with and without their dot: the words before a holder's name."""
    words = _lex("en", "honorifics") | _lex("en", "ranks")
    return frozenset(words | {w.rstrip(".") for w in words})


_CAP = re.compile(r"[A-Z][\w’'\-.]*")
_WORD_RE = re.compile(r"[\w’'\-.]+|[,()]")


@lru_cache(maxsize=1)
def _field_words() -> frozenset[str]:
    """Words of bodies' names and of themes ("culture", "development", "health"): what follows a
    post's "of" before a person's name begins ("Minister of Tolerance and Coexistence X Y")."""
    from graph.vocab import load_concepts, load_registry

    names = [e.name for e in load_registry()] + [c.label_en for c in load_concepts() if c.label_en]
    words = {w.lower() for n in names for w in re.findall(r"[A-Za-z][a-z]+", n)}
    return frozenset(words - {"al", "el"})


# the words that end a place's name ("the Kurdistan Region Name Name"): never a word of a person's
_PLACE_TAILS = frozenset({"region", "governorate", "province", "district", "sub-district", "subdistrict", "city",
                          "county", "state"})


def _name_ok(name: str, bodies: Bodies, by_post: bool = False) -> bool:
    """``by_post``: the name stands where only a person's stands (before ", Director of …"), so a
    family name that is also a place's ("… Aziz", "… Hilli") does not make it a place's words."""
    words = name.split()
    particles = _lex("en", "name_particles")
    caps = [w for w in words if w.lower() not in particles and not re.match(r"(?:al|el)-[A-Z]", w)]
    if len(caps) + sum(bool(re.match(r"(?:al|el)-[A-Z]", w)) for w in words) < 2 or not caps or len(words) > 6:
        return False
    if any(not w[:1].isupper() for w in caps):
        return False
    if any(_is_post_word(w) or w.lower() in _lex("en", "honorifics") or w.lower() in _PLACE_TAILS for w in caps):
        return False
    if any(w.lower() in rules.words("en", "bodies", "org_heads") for w in words):
        return False
    return not bodies.is_place(name) and (by_post or not any(bodies.is_place(w) for w in caps if len(caps) == 2 and w == caps[-1]))


def _person_spans(sent: str, doc: Any, taken: Sequence[Span], bodies: Bodies) -> list[tuple[int, int, str]]:
    """Names of persons: spaCy's PERSON entities, widened to the capitalised words before them
    that belong to the name ("Nabil" of "Nabil Hassan"), never into a post or a body."""
    out: list[tuple[int, int, str]] = []
    if doc is None:
        return out
    last_end = (-1, -1)  # the span of the last PERSON entity (kept or not)
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        i = ent.start
        while i > 0:
            t = doc[i - 1]
            if not (t.text[:1].isupper() or t.text.lower() in _lex("en", "name_particles")) or _is_post_word(t.text) \
                    or t.text.lower().rstrip(".") in _titles() or t.text.lower() in _lex("en", "post_modifiers") \
                    or any(s.start <= t.idx < s.end for s in taken) or bodies.is_place(t.text) or t.lower_ in _PLACE_TAILS \
                    or t.text.lower() in _field_words():
                break
            if t.dep_ != "compound" and t.text not in ("-",):
                break
            i -= 1
        # "Minister of Health Layla Hamdi": the word after a post's "of" is what the post is of
        while ent.end - i > 2 and i >= 2 and doc[i - 1].lower_ in ("of", "for") and _is_post_word(doc[i - 2].text):
            i += 1
        # "Colonel Name Name": the tagger's person may open with a title or rank
        while ent.end - i > 2 and doc[i].lower_.rstrip(".") in _titles():
            i += 1
        start = doc[i].idx
        end = ent.end_char
        name = re.sub(r"['’]s$", "", sent[start:end]).strip(" ,.")
        end = start + len(name)
        if any(s.start < end and start < s.end for s in taken):
            continue
        if 0 <= last_end[1] < start and not sent[last_end[1] : start].strip() and \
                _name_ok(sent[last_end[0] : end], bodies):
            # "Pshtiwan | Sadiq Abdullah Khoshnaw" tagged as two persons: one name, nothing between
            out = [x for x in out if x[0] != last_end[0]] + [(last_end[0], end, sent[last_end[0] : end])]
        # after a courtesy title ("Ms Name Jabal") a family name that is also a place's is a name's
        elif _name_ok(name, bodies, by_post=i > 0 and doc[i - 1].lower_.rstrip(".") in _titles()):
            out.append((start, end, name))
        last_end = (start, end)
    # a name widened over the one the tagger cut before it ("Name Name | Name Name") holds it
    out = [x for x in out if not any(y != x and y[0] <= x[0] and x[1] <= y[1] for y in out)]
    # names spaCy did not tag, in the places only a person stands: after a title ("Governor Omar
    # Saleh"), before a post ("Omar Saleh, Director of …", "…, who chairs …"), after "headed by"
    for s, e, name in contextual_names(sent):
        inner = [x for x in out if s <= x[0] and x[1] <= e and (x[0], x[1]) != (s, e)]
        if len(inner) == 1 and not any(x.start < e and s < x.end for x in taken):
            out.remove(inner[0])  # "Chief of Mission Anna Maria Lind": the tagger's "Maria Lind" was cut
        if any(a < e and s < b for a, b, _ in out) or any(x.start < e and s < x.end for x in taken):
            continue
        if _name_ok(name, bodies, by_post=re.match(r",\s", sent[e:]) is not None):
            out.append((s, e, name))
    return sorted(out)


_NAME = r"((?:[A-Z][\w’'\-]+|(?:al|el)-[A-Z][\w’'\-]+)(?:\s+(?:[A-Z][\w’'\-]+|[A-Z]\.|(?:al|el)-[A-Z][\w’'\-]+|al|bin|ibn)){1,4})"
_HONORIFIC = r"(?:(?:Dr|Prof|Sheikh|Mr|Mrs|Ms|Judge|H\.E)\.?\s+)?"


_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
             "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
             "today", "yesterday", "tomorrow"}


@lru_cache(maxsize=1)
def _context_patterns() -> tuple[re.Pattern[str], ...]:
    heads = sorted(_lex("en", "post_heads"), key=len, reverse=True)
    post = "(?:" + "|".join(re.escape(h) for h in heads) + ")"
    post_of = "|".join(sorted(_lex("en", "post_of")))
    return (
        re.compile(rf"(?i:\b{post})(?:\s+of\s+(?i:{post_of}))?\s+{_HONORIFIC}{_NAME}"),
        re.compile(rf"{_HONORIFIC}{_NAME}(?=,\s+(?:who\s+\w+|(?:the\s+|a\s+|an\s+)?(?:[\w\-]+(?:['’]s)?\s+){{0,4}}(?i:{post})\b))"),
        re.compile(rf"\b(?:by|with)\s+{_HONORIFIC}{_NAME}(?=,|\s+and\b|\.|$)"),
        # "Director of the X, Name," / "Ambassador to Iraq, Dr Name," / "Director General of the X,
        # General Secretariat of the Y, Mr Name," (the body, then the one it belongs to)
        re.compile(rf"(?i:\b{post})\s+(?:of|for|to|in)\s+(?:the\s+)?[^,;()]{{2,60}}(?:,\s+(?:the\s+)?[A-Z][^,;()]{{2,60}})?"
                   rf",\s+{_HONORIFIC}{_NAME}(?=,)"),
        # "Minister of Tolerance and Coexistence Samira Haddad": the field, then the name
        re.compile(rf"(?i:\b{post})\s+(?:of|for)\s+(?:the\s+)?((?:[A-Z][\w’'\-]+\s+(?:and\s+)?){{2,8}}[A-Z][\w’'\-]+)"
                   r"(?=\s*(?:[,.;:)]|$|\s+(?:and|said|says|told|who|was|is|at|in|on|with|from|as|to)\b))"),
        # "the Deputy Health Minister, Name,": the holder in commas right after a bare post
        re.compile(rf"(?i:\b{post}),\s+{_HONORIFIC}{_NAME}(?=,)"),
    )


def contextual_names(sent: str) -> list[tuple[int, int, str]]:
    """Capitalised runs standing where a person's name stands next to a post (rules only)."""
    return list(_contextual_names(sent))


@lru_cache(maxsize=2048)
def _contextual_names(sent: str) -> tuple[tuple[int, int, str], ...]:
    """Cached: the names stage reads every sentence for persons before the sentences are read."""
    out = []
    for pat in _context_patterns():
        for m in pat.finditer(sent):
            name = m.group(1)
            words = name.split()
            while words and (_is_post_word(words[0]) or words[0].lower() in _lex("en", "post_modifiers")
                             or words[0].lower() in _lex("en", "honorifics")):
                words = words[1:]  # "Governor Deputy …", "Colonel …": the title's own words
            if len(words) >= 4 and _is_post_word(words[1]):
                words = words[2:]  # "(Deputy) Health Minister Name Name": the field and its post
            if pat is _context_patterns()[4]:  # (the fifth) the field's words before the name are the post's:
                # a name is its last two words, three after a particle ("Layla Al Hamdi")
                n = 3 if len(words) >= 3 and words[-2].lower() in ("al", "el", "bin", "abu", "abdul", "abd", "ibn") else 2
                # "Chief of Mission Thomas Lothar Weiss": one head noun is the field, the rest the name
                heads = rules.words("en", "bodies", "org_heads")
                if 3 <= len(words) <= 5 and words[0].lower() in heads and not any(w.lower() in heads for w in words[1:]):
                    n = len(words) - 1
                words = words[-n:]
                if any(w.lower() in _field_words() for w in words):
                    continue
            name = " ".join(words)
            start = m.end(1) - len(name)
            # "Minister of Health Layla Hamdi": the word after a post's "of" is what the post is of
            while len(words) > 2 and (of := re.search(r"([\w’'\-]+)\s+(?:of|for)\s+$", sent[:start])) \
                    and _is_post_word(of.group(1)):
                words = words[1:]
                name = " ".join(words)
                start = m.end(1) - len(name)
            if len(words) >= 2:
                out.append((start, m.end(1), name))
    return tuple(out)


def _inside(spans: Sequence[Span], start: int, end: int) -> list[Span]:
    return [x for x in spans if x.start >= start and x.end <= end]


# "A and B, members of the X": one post each, said once for the list of names before it
_LIST_JOIN = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_PLURAL_POST = re.compile(r",\s+(?:both\s+|all\s+)?(members|representatives|officials|deputies|advisers|advisors)\s+"
                          r"(?:of|from|at|in)\s+(?:the\s+)?")


def _listed_posts(sent: str, spans: list[tuple[int, int, str]], mentions: Sequence[Span]) -> dict[int, PersonPost]:
    """The post each name of "A and B, members of the X" holds (keyed by the name's start)."""
    out: dict[int, PersonPost] = {}
    for k, (_, end, _) in enumerate(spans):
        said = _PLURAL_POST.match(sent, end)
        x = next((x for x in mentions if said and x.start == said.end()), None)
        if said is None or x is None:
            continue
        run = [k]
        while run[0] > 0 and _LIST_JOIN.fullmatch(sent[spans[run[0] - 1][1] : spans[run[0]][0]]):
            run.insert(0, run[0] - 1)
        if len(run) < 2:
            continue  # "Name, members of …" names one: no list
        post = re.sub(r"ies$", "y", said.group(1)).rstrip("s").capitalize()  # "members" -> "Member", "deputies" -> "Deputy"
        for i in run:
            out[spans[i][0]] = PersonPost(spans[i][2], post, x.ref, spans[i][0], x.end, "en.person.listed_post")
    return out


# "She is also chairperson of X", "“I am the director of X,” says Nour": the post of a person the
# text has just named (the speaker, for "I"), read as the apposition "Name, chairperson of X"
_PRONOUN_POST = re.compile(r"[“\"]?\s*(?:(?:He|She)|(I))\s+(?:is|was|am|has\s+been|serves\s+as|served\s+as)\s+"
                           r"(?:also\s+|now\s+|currently\s+)?(?=(?:the|an?)\s+\w|[a-z])")
_SPEAKER = re.compile(r"[”\"],?\s+(?:says|said|explains|explained|adds|added)\s+(?:Mr\.?\s+|Mrs\.?\s+|Ms\.?\s+|Dr\.?\s+)?"
                      r"([A-Z][\w’'\-]+)")


def pronoun_post(sent: str, mentions: Sequence[Span], bodies: Bodies, named: Sequence[str]) -> PersonPost | None:
    """The post a pronoun's sentence gives the person named last (``named``: the persons the text
    has named so far, latest last; "I" is the speaker the sentence names, by a name said before)."""
    m = _PRONOUN_POST.match(sent)
    if m is None or not named or m.end() < 3:
        return None
    name = named[-1]
    if m.group(1):
        said = _SPEAKER.search(sent)
        name = next((n for n in reversed(named) if said and said.group(1) in n.split()), "")
    if not name:
        return None
    apposed = sent[: m.end() - 2] + ", " + sent[m.end() :]  # "She is also chair of X" as "She is, chair of X"
    pp = _post_after(apposed, 0, m.end() - 2, name, mentions, bodies)
    if pp is None or not pp.body:
        return None
    pp.rule = "en.person.pronoun_post"
    return pp


def english(sent: str, doc: Any, mentions: Sequence[Span], bodies: Bodies,
            named: list[str] | None = None) -> list[PersonPost]:
    """The persons a sentence names with their posts; ``named`` (the persons named so far, latest
    last) grows by this sentence's and gives a pronoun its person."""
    out: list[PersonPost] = []
    spans = list(_person_spans(sent, doc, mentions, bodies))
    if named is not None:
        pronoun = pronoun_post(sent, mentions, bodies, named) if not spans else None
        out += [pronoun] if pronoun else []
        named.extend(without_titles(n) for _, _, n in spans)
    listed = _listed_posts(sent, spans, mentions)
    for start, end, name in spans:
        pp = listed.get(start) or _post_after(sent, start, end, name, mentions, bodies)
        if pp is None or not pp.body or pp.rule == "en.person.apposition_after":
            # "the Head of the X, Ms Name, the ambassador …": a post after with no body yields to one
            # before with its body; "… KRG Minister of X Dr Name, Y Consul General, …": so does one
            # right before the name (no comma between) in a list of those present
            before = _post_before(sent, start, end, name, mentions, bodies)
            adjacent = before is not None and bool(before.body) and not re.search(r"[,;(]", sent[before.start : start])
            pp = before if before is not None and (pp is None or not pp.body and before.body or adjacent) else pp
        if pp is None:  # "Name from the X subcommittee highlighted …": one who speaks for X
            of = re.match(r"\s+(?:from|of)\s+(?:the\s+)?", sent[end:])
            x = next((x for x in mentions if of and x.start == end + of.end()), None)
            pp = PersonPost(name, "representative", x.ref, start, x.end, "en.person.from_body") if x is not None else None
        if pp is not None:
            pp.name = without_titles(pp.name)
            out.append(pp)
            if pp.rule == "en.person.apposition_after":
                out += _other_posts(sent, end, pp, mentions)
    return out


def without_titles(name: str) -> str:
    """A person's name without the courtesy titles and ranks before it ("Dr.", "Colonel")."""
    words = name.split()
    while len(words) > 2 and words[0].lower().rstrip(".") in _titles():
        words = words[1:]
    return " ".join(words)


def _other_posts(sent: str, end: int, pp: PersonPost, mentions: Sequence[Span]) -> list[PersonPost]:
    """"Name, General Director of the A and Chairman of the B": each post of the apposition with
    the body after it (the first reading kept the last one)."""
    out = []
    for m in re.finditer(r"(?:,\s+|\s+and\s+)((?:[A-Z][\w\-]*\s+){0,3}[A-Z][\w\-]*)\s+of\s+(?:the\s+)?", sent[end : pp.end]):
        x = next((x for x in mentions if x.start == end + m.end()), None)
        post = m.group(1)
        if x is not None and x.ref != pp.body and _post_head_of(post):
            out.append(PersonPost(pp.name, post, x.ref, pp.start, x.end, "en.person.apposition_after"))
    return out


_VERB_POSTS = {"co-chairs": "Co-chair", "chairs": "Chair", "heads": "Head", "leads": "Leader", "directs": "Director",
               "runs": "Head", "manages": "Manager", "coordinates": "Coordinator"}
_BY_POSTS = {"co-chaired": "Co-chair", "chaired": "Chair", "headed": "Head", "led": "Leader", "directed": "Director",
             "run": "Head", "managed": "Manager"}
# lower-case words an apposition may open with before its post ("Name, the head of X")
_APPOS_LEAD = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "then", "now", "also", "currently",
                         "formerly", "newly", "recently", "appointed", "elected", "named", "interim"})
# where an apposition ends; "and H.E. Name", "and Dr Name": the next person of a list
_APPOS_END = re.compile(r",|;|\)|\.(?:\s|$)|\s[-–—]\s|\s(?:said|says|told|who|which|and\s+(?:the|a)\s|on\s+behalf\s+of)\b|"
                        r"\sand\s+(?:H\.\s?E\.|(?:Mr|Mrs|Ms|Dr|Prof)\b\.?)")


# the place word of "the city's mayor", "the province's governor" (post_bodies reads the place)
_PLACE_OWNS = re.compile(rf"(?:{'|'.join(w.replace('subdistrict', 'sub-?district') for w in PLACE_WORDS)})\s+(?=\S+$)", re.I)


def _post_after(sent: str, start: int, end: int, name: str, mentions: Sequence[Span],
                bodies: Bodies) -> PersonPost | None:
    """"Name, team lead of the Programme," / "Name (UNDP Country Director)"."""
    verb = re.match(r",\s+who\s+(co-chairs|chairs|heads|leads|directs|runs|manages|coordinates)\s+(?:the\s+)?", sent[end:])
    if verb:  # "Name, who chairs the Board,": the verb names the post
        a = end + verb.end()
        x = next((x for x in mentions if 0 <= x.start - a <= 2), None)
        if x is None:
            return None
        unit = next((y for y in mentions if y.start > x.end and re.fullmatch(r"['’]s?\s+", sent[x.end : y.start])), None)
        x = unit or x
        # "who directs Middle East programs for the X": the post is in X, the programme is what it runs
        runs = re.search(r"\b(?:program|programme|project|initiative|portfolio)s?$", sent[x.start : x.end], re.I)
        owner = runs and next((y for y in mentions if y.start > x.end and re.fullmatch(r"\s+(?:for|at|of|within)\s+(?:the\s+)?",
                                                                              sent[x.end : y.start])), None)
        x = owner or x
        return PersonPost(name, _VERB_POSTS[verb.group(1)], x.ref, start, x.end, "en.person.who_verb")
    # "said Name on Thursday, Middle East director at X": the day of the saying stands between
    when = re.match(r"\s+(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|yesterday)(?=,)", sent[end:])
    end_at = end + (when.end() if when else 0)
    m = re.match(r"\s*(?:\(([^()]{3,80})\)|,\s+(?:who\s+(?:is|was)\s+|as\s+(?=(?:the\s+)?[\w-]+\s+(?:of|for)\b))?)"
                 r"|\s+(?=the\s+(?:head|director|chairman|chairperson|chair|governor|mayor|spokesman|spokesperson)\s+of\s)", sent[end_at:])
    if not m:
        return None
    a = end_at + m.end() if not m.group(1) else end_at + m.start(1)
    if not m.group(1) and re.match(r"(?:with|by|at|from|to|on|in|and|as|while|after|before)\b", sent[a:]):
        return None  # ", with UNICEF's representative X present": another clause, not this name's post
    # the apposition runs to the next comma, unless a body's name spans it
    pos, stop = a, len(sent)
    while True:
        nxt = _APPOS_END.search(sent, pos)
        stop = nxt.start() if nxt else len(sent)
        inside = [x for x in mentions if x.start < stop < x.end]
        if inside:
            pos = inside[0].end
            continue
        break
    # "Director General of A, B and C at the Ministry of X"; not where the apposition names its own
    # body ("Name, Nineveh Governor, Name and directors at the X": the governorate's)
    if not _inside(mentions, a, stop) and not _body_of_post(_clean_post(sent[a:stop]), sent, a, mentions, bodies, False):
        later = next((x for x in mentions if x.start >= stop and x.start - stop <= 90), None)
        if later is not None and re.search(r"\b(?:at|of|in|with)\s+(?:the\s+)?$", sent[stop : later.start]) and \
                not re.search(r"[;.()]", sent[stop : later.start]):
            stop = later.end
    appos = sent[a:stop]
    if re.match(rf",\s+{_HONORIFIC}{_NAME}\s*(?:,|\band\b|\.|$)", sent[stop:]):
        return None  # "Name, Nineveh Governor, Name2 and …": the post is the next name's, before it
    lead = re.match(r"[A-Za-z][\w\-]*", appos)
    if lead and lead.group(0).islower() and lead.group(0) not in _APPOS_LEAD and not _is_post_word(lead.group(0)) \
            and lead.group(0) not in _lex("en", "post_modifiers"):
        return None  # "Name, met the Minister of X": a verb, the sentence goes on; no apposition
    words = re.findall(r"[\w\-]+", appos)
    heads = [i for i, w in enumerate(words) if _is_post_word(w)]
    if not heads or heads[0] > 5:
        return None
    in_app = _inside(mentions, a, stop)
    body, post = "", appos
    if in_app:
        # "Director-General of UNESCO" (the body after the post) or "UNESCO's Director-General"
        after_post = [x for x in in_app if re.search(r"\b(?:of|for|at|in|to|with)\s+(?:the\s+)?$|,\s*(?:the\s+)?$",
                                                    sent[a : x.start])]
        x = after_post[-1] if after_post else in_app[0]
        owned = [y for y in in_app if y.start > x.end and re.match(r"['’]s?\s", sent[x.end : y.start])]
        if owned:  # "of the Fund's grants directorate GRD": the directorate
            x = owned[-1]
        body = x.ref
        if x.start - a > 1 and re.search(r"[A-Za-z]", sent[a : x.start]) and _post_head_of(sent[a : x.start]):
            post = sent[a : x.start]
            # the head of a body named after its head word: "head of the X and Y of Z" keeps "head"
            prev = [y for y in in_app if y.end <= x.start]
            tail = sent[prev[-1].end : x.start] if prev else ""
            other = re.match(r"\s*,?\s+and\s+|\s*,\s*", tail)
            if other and _post_head_of(tail[other.end():]):
                post = tail[other.end():]  # "Director of the A and Head of the B": the post held in B
        else:
            post = sent[x.end : stop]
    else:
        body = _body_of_post(_clean_post(appos), sent, a, mentions, bodies, bool(re.match(r"\s*(?:its|their)\b", appos)))
    post = _clean_post(re.sub(r"['’]s\s+", " ", post))
    post = _PLACE_OWNS.sub("", post).capitalize() if _PLACE_OWNS.match(post) else post  # "the city's mayor": Mayor
    if not post or not _post_head_of(post) or len(post.split()) > 12:
        return None
    return PersonPost(name, post, body, start, stop, "en.person.apposition_after")


def _post_before(sent: str, start: int, end: int, name: str, mentions: Sequence[Span],
                 bodies: Bodies, apposed: bool = False) -> PersonPost | None:
    """"Nineveh Governor Name", "Minister of Youth and Sports Name", "the Governor of X, Name";
    ``apposed``: read once more before an apposition that names no post."""
    before = sent[:start]
    # "headed by Lt. Gen. Name", "led by Deputy Chief of Staff Maj. Gen. Name": ranks stand between
    _, rank_run, rank_word = rank_patterns()
    ranked = rank_run.sub("", before)
    # (a rank of its own in what was cut: "Director General Name" keeps its "General")
    ranked = ranked if ranked != before and re.search(r"\bby\s+(?:\S+\s+){0,7}$", ranked) and \
        rank_word.search(before[len(ranked) :]) else before
    by = re.search(r"\b(co-chaired|chaired|headed|led|directed|run|managed)\s+by\s+(?:(?:Dr|Prof|Mr|Mrs|Ms|Sheikh)\.?\s+)?$", ranked)
    # "UNAMI is headed by the Secretary-General's Special Representative Name": the post between
    titled = None if by else re.search(r"\b(co-chaired|chaired|headed|led|directed|run|managed)\s+by\s+(?:the\s+|its\s+|a\s+)?"
                                       r"((?:[\w’'.\-]+\s+){1,7}?)(?:(?:Dr|Prof|Mr|Mrs|Ms|Sheikh)\.?\s+)?$", ranked)
    if titled and (_is_post_word(titled.group(2).split()[-1]) or ranked != before and any(
            _is_post_word(w) for w in titled.group(2).split()[:3])) and not re.search(r"[,;:]", titled.group(2)):
        by = titled
    if by:  # "the Directorate, headed by Name": the body named before the participle
        x = next((x for x in reversed(mentions) if x.end <= by.start() and not re.search(r"[.;]", sent[x.end : by.start()])), None)
        if x is None:
            return None
        # "the Directorate of the Foundation, headed by Name": the head of the phrase, not its owner
        owner_of = [y for y in mentions if y.end <= x.start and re.fullmatch(r"[\s*_]+of\s+(?:the\s+)?[\s*_]*",
                                                                          sent[y.end : x.start])]
        x = owner_of[-1] if owner_of else x
        post = _clean_post(by.group(2)) if by is titled and titled is not None else _BY_POSTS[by.group(1)]
        return PersonPost(name, post, x.ref, x.start, end, "en.person.headed_by")
    # "the head of the X Command, Maj. Gen Name": the holder's titles and ranks stand between
    titles = _titles()
    last = re.search(r"(?<![\w\-])([\w.]+)\s*$", before)  # a word of its own ("Director-General" is a post)
    while last and last.group(1).lower().rstrip(".") in titles and last.group(1)[:1].isupper():
        before = before[: last.start()]
        last = re.search(r"(?<![\w\-])([\w.]+)\s*$", before)
    # "the Head of the X, Minister Name": a bare post word after the apposition's comma is the
    # holder's rank of address; the post is the one before the comma
    bare = re.search(r",\s*([A-Z][a-z]+)\s*$", before)
    if bare and _is_post_word(bare.group(1)):
        before = before[: bare.start(1)]
    comma = bool(re.search(r",\s*$", before))
    before = re.sub(r",\s*$", "", before).rstrip()
    # "Head of the X Agency (XA), Name": an acronym in brackets is blanked, its offsets kept
    before = re.sub(r"\([A-Za-z/&\-]{2,12}\)", lambda m: " " * len(m.group(0)), before).rstrip()
    toks = list(re.finditer(r"[\w’'\-./]+", before))
    if not toks:
        return None
    # the capitalised run right before the name (or its apposition comma), "of"/"and" inside it
    connectors = {"of", "for", "the", "and", "on", "to", "in"}
    i = len(toks) - 1

    def cap(w: str) -> bool:  # "Salah al-Din": an article-prefixed word of a proper name
        return w[:1].isupper() or bool(re.match(r"(?:al|el|ad|ar|as|ash)-[A-Z]", w))

    def level(w: str) -> bool:  # "director of Hit subdistrict, Name": the level word is the post's
        return w.lower().replace("-", "") in LEVEL_WORD

    if not (cap(toks[i].group(0)) or _is_post_word(toks[i].group(0)) or level(toks[i].group(0))):
        return None
    seen_post = _is_post_word(toks[i].group(0))
    while i > 0:
        w = toks[i - 1].group(0)
        gap = before[toks[i - 1].end() : toks[i].start()]
        if gap.strip() not in ("", "'s", "’s"):
            break
        if not (cap(w) or w.lower() in connectors or w.lower() in _lex("en", "post_modifiers") or _is_post_word(w)
                or level(w) or (i == len(toks) - 1 and w[-2:] in ("'s", "’s") and _PLACE_OWNS.match(f"{w[:-2]} {toks[i].group(0)}"))):
            break  # ("the province's governor, Name": the place's)
        if w.lower() == "and" and seen_post:
            break  # "X Minister of Y Name and Iraq's Minister of Z Name": the post began after "and"
        seen_post = seen_post or _is_post_word(w)
        i -= 1
    # the post starts at its first post word (or a modifier right before it): "Minister of X"
    words = [t.group(0) for t in toks[i:]]
    first = next((k for k, w in enumerate(words) if _is_post_word(w)), -1)
    if first < 0:
        # "Director General of the X, General Secretariat of the Y, Mr Name": the apposition names
        # the body X belongs to; the post is the one before it
        prior = re.search(r",\s*$", before[: toks[i].start()])
        return _post_before(sent, prior.start(), end, name, mentions, bodies, True) if prior and not apposed else None
    while first > 0 and (words[first - 1].lower() in _lex("en", "post_modifiers") or words[first - 1][:1].isupper()) \
            and words[first - 1].lower() not in _CALENDAR:  # "On Monday Minister of X …": no post of Monday
        first -= 1
    if first > 0 and words[first - 1][-2:] in ("'s", "’s") and _PLACE_OWNS.match(f"{words[first - 1][:-2]} {words[first]}"):
        first -= 1  # "the province's governor, Name": the place word says whose
    i += first
    while i < len(toks) - 1 and toks[i].group(0).lower() in connectors:
        i += 1
    s = toks[i].start()
    run = before[s:]
    possessor = bool(re.search(r"\b(?:its|their|his|her)\s*$", before[:s]))
    in_run = _inside(mentions, s, len(before))
    body = in_run[-1].ref if in_run else ""
    post = run
    if in_run:
        x = in_run[-1]
        rest = (sent[s : x.start] + " " + sent[x.end : len(before)]).strip()
        post = rest if _post_head_of(rest) else run
    minister = re.search(r"\b(?:deputy\s+)?minister\s+(?:of|for)\b", run, re.I)
    if in_run and minister and in_run[-1].end <= s + minister.start():
        # "the UAE Minister of X Name": the body is that country's Ministry of X, not the country
        body = _body_of_post(_clean_post(run), sent, s, mentions, bodies, possessor) or body
    field = re.search(r"\b[A-Z][a-z]+\s+Minister$", run)
    if in_run and field and not minister and in_run[-1].end <= s + field.start():
        body = _field_minister(_clean_post(run), bodies) or body  # "KRG Interior Minister Name"
    if not body:
        body = _body_of_post(_clean_post(run), sent, s, mentions, bodies, possessor)
    post = re.sub(r"\(\s*\)", " ", post)  # the acronym blanked above
    owner = re.search(r".*['’]s\s+", post)  # "the X Government's Minister of Y": the owner is the body's
    if owner and _post_head_of(post[owner.end():]):
        post = post[owner.end():]
    post = _clean_post(re.sub(r"\s+", " ", post))
    lead = post.split()
    while len(lead) > 1 and bodies.is_place(lead[0]):  # "Basra Governor": the place is the body's
        lead = lead[1:]
    post = " ".join(lead)
    if not post or comma and not body:
        return None
    return PersonPost(name, post, body, s, end, "en.person.title_before")
