"""Which body a post belongs to, read from the post's own words ("Governor of Nineveh", "the
Hungarian Ambassador", "KRG Interior Minister"), for the persons stages (ingest/persons.py,
ingest/persons_ar.py). A post never creates a body: the extractor's ``Bodies`` names one or none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from ingest import rules
from ingest.cues import LEVEL_WORD
from ingest.local_bodies import split_level


@dataclass
class Span:
    start: int
    end: int
    ref: str


class Bodies(Protocol):
    """What the persons stage asks of the extractor: bodies by name, never invented from a name."""

    def by_name(self, name: str) -> str: ...  # a body named in the text ("Ministry of X"), "" if none
    def local_government(self, place: str, word: str) -> str: ...  # "Nineveh" + "Governorate"
    def national_government(self) -> str: ...
    def is_place(self, text: str) -> bool: ...
    def antecedent(self, word: str) -> str: ...  # "the Ministry", "الوزارة": the body just named
    def place_here(self, level: str, before: str) -> str: ...  # "the city's mayor": the place just named
    def state(self, said: str) -> str: ...  # "Hungarian", "Japan": that state's government, "" if no state


def _lex(lang: str, key: str) -> frozenset[str]:
    return rules.words(lang, "posts", key)


def _is_post_word(w: str) -> bool:
    return w.lower().strip(".,") in _lex("en", "post_heads")


def _post_head_of(post: str) -> str:
    words = [w.lower() for w in re.findall(r"[\w\-]+", post)]
    heads = _lex("en", "post_heads")
    return next((w for w in reversed(words) if w in heads), "")


@lru_cache(maxsize=1)
def rank_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The ranks of posts.yaml as the persons stages read them, compiled once (they are asked of
    every name): ranks that end a post ("… Brigadier General"), a run of ranks before a name
    ("Lt. Gen."), a rank as a word of its own."""
    ranks = sorted(_lex("en", "ranks"), key=len, reverse=True)
    with_general = sorted(set(ranks) | {"general", "gen"}, key=len, reverse=True)
    return (re.compile(rf"(?:\s+(?:{'|'.join(ranks)})\.?)+(?:\s+(?:general|gen)\.?)?\s*$", re.I),
            re.compile(rf"(?:\b(?:{'|'.join(with_general)})\.?\s+)+$", re.I),
            re.compile(rf"\b(?:{'|'.join(ranks)})\b", re.I))


# the place words of "the city's mayor", "the province's governor", with the level each names (a
# city or town is its district's seat); read by post_bodies and persons alike
PLACE_WORDS = {"city": "district", "town": "district", "district": "district", "subdistrict": "subdistrict",
               "province": "governorate", "governorate": "governorate", "provincial": "governorate"}


def _clean_post(post: str) -> str:
    # "Head of X Directorate Brigadier General": the rank is the person's, not the post's
    post = rank_patterns()[0].sub("", post.strip(" ,;:()"))
    post = re.sub(r"^(?:['’]s\s+)?(?:(?:the|a|an|its|their|his|her)\s+)?", "", post.strip(" ,;:()"), flags=re.I)
    post = re.sub(r"\s+on\s+behalf(?:\s+of)?(?:\s+the)?$", "", post, flags=re.I)  # "X Coordinator on behalf of the UN"
    post = re.sub(r"\s+(?:of|for|at|in|to)(?:\s+the)?$", "", post, flags=re.I)
    post = re.sub(r"['’]s?$", "", post).strip(" ,")
    return post[:1].upper() + post[1:] if post else post


def _body_of_post(post: str, sent: str, at: int, mentions: Sequence[Span], bodies: Bodies,
                  possessor_before: bool) -> str:
    """The body a post without a named body belongs to, read from the post's own words."""
    low = post.lower()
    lex = rules.load("en", "posts")
    # "the Hungarian Ambassador to Iraq", "Ambassador of Japan": the ambassador of that state
    envoy = re.fullmatch(r"(?:deputy\s+)?(?:ambassador|envoy|consul(?:\s+general)?)\s+of\s+(?:the\s+)?(.+?)(?:\s+(?:to|in)\s+\S+)?|"
                         r"(.+?)(?:['’]s)?\s+(?:deputy\s+)?(?:ambassador|envoy|consul(?:\s+general)?)(?:\s+(?:to|in)\s+\S+)?", low)
    if envoy:
        said = envoy.group(1) or envoy.group(2)
        state = bodies.state(post[low.index(said) : low.index(said) + len(said)])
        if state:
            return state
    prime = re.fullmatch(r"(?:deputy\s+)?prime\s+minister\s+of\s+(the\s+)?(.+)", low)
    if prime:  # "Prime Minister of the Kurdistan Region": that region's or state's government
        return bodies.by_name(f"Government of {prime.group(1) or ''}{post[len(post) - len(prime.group(2)):]}")
    m = re.search(r"\b(?:deputy\s+)?minister\s+(?:of|for)\s+(?:the\s+)?(.+)$", low)
    if m:
        # a country before the post keeps the body in its country ("UAE Minister of X"): never
        # an Iraqi ministry; Iraq's own ("Iraq's Minister of X") is the Iraqi one
        prefix = re.sub(r"['’]s$", "", post[: m.start()].strip())
        prefix = "" if re.search(r"\band$", prefix) else prefix  # "Deputy Prime Minister and Minister of X": one post more
        own = not prefix or bodies.is_place(prefix) or prefix.lower() in _HOME
        name = f"{lex['post_body_head']['minister']} of {post[len(post) - len(m.group(1)):]}"
        return bodies.by_name(name if own else f"{prefix} {name}")
    head = _post_head_of(post)
    for word, unit in lex["local_posts"].items():
        if head == word.split()[-1]:
            place = re.sub(rf"(?i)\b(?:deputy\s+|assistant\s+)?{word}\b|\bof\b|\bthe\b", " ", post).strip(" ,")
            said = re.sub(r"['’]s?$", "", place.lower().replace("-", ""))
            remit = re.fullmatch(r"for\s+[\w\s]+\s+[Aa]ffairs", place)
            if remit and unit:  # "Deputy Governor for Technical Affairs Name": of the governorate the text is in
                place = bodies.place_here(PLACE_WORDS.get(unit.lower().replace("-", ""), "governorate"), sent)
            elif said in PLACE_WORDS:
                # "Name, the city's mayor": the place the text has just named, at that level or above
                level = PLACE_WORDS[said]
                place = bodies.place_here(level, sent[:at])
                unit = unit or LEVEL_WORD[level]
            lead = re.match(r"(\S+)\s+(.+)", place)  # "district mayor of Hit": the level word said first
            if lead and lead.group(1).lower().replace("-", "") in LEVEL_WORD:
                place = f"{lead.group(2)} {lead.group(1)}"
            bare, level = split_level(place)
            word_of_level = LEVEL_WORD.get(level.lower().replace("-", ""))
            if word_of_level and not unit:  # "director of Hit subdistrict": the place, and its level says the unit
                place, unit = bare.strip(), word_of_level
            if place and bodies.is_place(place):
                return bodies.local_government(place, unit)
    if low in lex["government_posts"] and not possessor_before:
        return bodies.national_government()
    if possessor_before:  # "its Interior Minister": the body named last before it
        before = [x for x in mentions if x.end <= at]
        return before[-1].ref if before else ""
    return _field_minister(post, bodies)


# "KRG Interior Minister", "the Kurdistan Region's Health Minister": a minister of the region
_REGION_PREFIX = re.compile(r"(?:the\s+)?(?:KRG|Kurdistan\s+Region(?:al\s+Government)?|[Rr]egional)(?:['’]s)?\s+")
# words before a minister's post that keep the ministry Iraq's own ("Iraqi Minister of X")
_HOME = frozenset({"iraqi", "federal", "the"})
# words of a minister's standing, not of the field ("Deputy Interior Minister")
_STANDING = frozenset({"deputy", "acting", "former", "first"})
# "Foreign Minister" heads the Ministry of Foreign Affairs
_FIELD_NAMES = {"foreign": "Foreign Affairs", "defense": "Defence"}


def _field_minister(post: str, bodies: Bodies) -> str:
    """"Interior Minister", "Iraqi Deputy Health Minister", "the UAE Culture Minister": the field
    named before "Minister" is the ministry's (a state named before it keeps the ministry there)."""
    region = _REGION_PREFIX.match(post)
    words = re.sub(r"['’]s\b", "", post[region.end():] if region else post).split()
    if len(words) < 2 or words[-1].lower() != "minister":
        return ""
    words, prefix = words[:-1], []
    while words and (words[0].lower() in _STANDING | _HOME or bodies.is_place(words[0]) or bodies.state(words[0])):
        if words[0].lower() not in _STANDING | {"the"}:
            prefix.append(words[0])
        words = words[1:]
    if not words or words[0].lower() in ("prime", "deputy") or not all(w[:1].isupper() for w in words):
        return ""
    field = " ".join(words)
    name = f"Ministry of {_FIELD_NAMES.get(field.lower(), field)}"
    if region:  # "KRG Interior Minister": the region's own ministry
        return bodies.by_name(f"KRG {name}")
    foreign = [w for w in prefix if w.lower() not in _HOME and not bodies.is_place(w)]
    return bodies.by_name(f"{' '.join(foreign)} {name}" if foreign else name)
