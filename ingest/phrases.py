"""Capitalised phrases that name bodies ("Ministry of Youth", "National Team for Resolution 2250")
and the expansion of an acronym the text defines: the English name shapes of stage 1."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.names import acronym_of, is_arabic
from ingest import rules
from ingest.chunking import FIELD_LINE
from ingest.cues import (
    CONNECTORS,
    DOCUMENT_WORDS,
    FIELD_LABEL,
    LOCAL_GOV_HEADS,
    NOT_ORG_FIRST,
    ORG_HEADS,
    _clean_name,
    _has_org_head,
    _title_like,
)
from ingest.mentions import NOT_BODY_TAIL


def _expansion(before: str, acr: str) -> str:
    """The words right before "(ACR)" whose initials spell it, e.g. NCCVE."""
    words = re.findall(r"[\w’'\-/]+", before)
    letters = re.sub(r"[^A-Za-z]", "", acr).upper()
    capitals = re.sub(r"[^A-Z]", "", acr)  # "MoLSA", "KaHO": the lower-case letters are not initials
    if not letters:
        return ""
    for n in range(1, min(len(words), 14) + 1):
        cand = words[-n:]
        if cand[0].lower() in CONNECTORS:
            continue
        if not cand[0][:1].isupper():
            continue
        sig = [w for w in cand if w.lower() not in CONNECTORS]
        initials = "".join(w[0].upper() for w in sig)
        no_article = "".join(re.sub(r"^(?:Al|El|Ad|Ar|As)-(?=\w)", "", w)[0].upper() for w in sig)  # "Bayt Al-Salam"
        # an acronym inside the name gives all its letters: "EU Advisory Mission (EUAM)"
        whole = "".join(w.upper() if w.isupper() and len(w) > 1 else w[0].upper() for w in sig)
        # allow compound words (Counterterrorism) and ignore case
        if letters in (initials, no_article, whole) or len(capitals) >= 2 and capitals in (initials, no_article) \
                or acronym_of(" ".join(cand)).upper() == letters:
            return " ".join(cand)
    return ""


def _org_continuation(after: str) -> str:
    """Title-case words right after "(ACR)" ending in an org head: "(MENA) Regional Hub"."""
    m = re.match(r"\s+((?:[A-Z][\w\-]*\s?){1,4})", after)
    if not m:
        return ""
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        if words[n - 1].lower() in ORG_HEADS:
            return " ".join(words[:n])
    return ""


_ORG_TOKEN = r"(?:(?:[A-Z]/)?[A-Z][\w’'\-]*|[A-Z]{2,}|&|(?:al|el|ad|ar|as|an|at|ash|az|ul)-[A-Z][\w’'\-]*)"  # "P/CVE", "Abu al-Khasib"


# a number that ends a capitalised phrase is part of a name ("the Team for Resolution 2250",
# "Coalition 2250"); a date or an amount ("in 2019,", "1,500") is not, nor is what follows a
# number ("March 2019 the Team")
_ORG_NUMBER = r"[ \t]+\d{2,5}(?![\d,.]\d)(?=[\s,;:.)]|$)"


# a small number inside a name, between two capitalised words ("Camp 5 Committee", "Nahda 2
# Transit Centre"); not after a word that numbers a part of a text ("Section 2 Ministry of X")
_INNER_NUMBER = r"(?:[ \t]+\d{1,2}(?=[ \t]+[A-Z]))?"
_NUMBERING = frozenset({"section", "chapter", "article", "table", "figure", "annex", "part", "phase", "pillar", "outcome",
                        "output", "goal", "objective", "step", "item", "paragraph", "page", "box", "priority", "level"})


_ORG_PHRASE = re.compile(
    rf"{_ORG_TOKEN}{_INNER_NUMBER}(?:[ \t]+(?:(?:of|for|and|on|in|to|against)[ \t]+(?:the[ \t]+)?)*{_ORG_TOKEN}{_INNER_NUMBER})*"
    rf"(?:{_ORG_NUMBER})?"
    r"(?:[ \t]+(?:programme|program|network))?"
)


_POSTS = rules.words("en", "posts", "post_heads")
_HONORIFICS = frozenset(w.rstrip(".") for w in rules.words("en", "posts", "honorifics"))


def _before_post(words: list[str]) -> list[str]:
    """"X Agency Country Director Jane Roe", "X Agency Chief of Mission John Doe": a body, a post
    and a person's name in one capitalised run; the body ends before the post (its modifiers
    with it) when one to three words that are no head noun or post end the run."""
    mods = rules.words("en", "posts", "post_modifiers")
    ranks = rules.words("en", "posts", "ranks")
    for i in range(1, len(words) - 1):
        if words[i].lower().rstrip(".") in ranks and any(w.lower() in ORG_HEADS for w in words[:i]):
            # "the Community Police Directorate Brigadier General Name": the body ends at the rank
            rest = [w for w in words[i + 1 :] if w.lower().rstrip(".") not in ranks | {"general", "gen"}]
            if 1 <= len(rest) <= 4 and not any(w.lower() in ORG_HEADS | _POSTS | CONNECTORS for w in rest):
                return words[:i]
        if words[i].lower() not in _POSTS or not any(w.lower() in ORG_HEADS or w.isupper() and len(w) > 1
                                                     for w in words[:i]):  # "IOM Iraq Chief of Mission …"
            continue
        rest = words[i + 1 :]
        if len(rest) > 2 and rest[0] == "of":
            rest = rest[2:]  # "Chief of Mission", "Head of Office"
        if 1 <= len(rest) <= 3 and not any(w.lower() in ORG_HEADS | _POSTS for w in rest):
            j = i
            while j > 1 and words[j - 1].lower() in mods:
                j -= 1
            if "and" in words[:j]:  # "the A Agency and B Region President Jane Roe": A's name ends at "and"
                k = len(words[:j]) - 1 - words[:j][::-1].index("and")
                if not any(w.lower() in ORG_HEADS for w in words[k + 1 : j]):
                    j = k
            return words[:j]
    return words


def head_then_name(words: list[str]) -> bool:
    """"Parliament Layla Hamid Saeed" (of "Member of Parliament Name"): a head noun, then two or more
    capitalised words with no head or connector among them, is a post's body and a person's name."""
    if len(words) >= 5 and words[1].lower() == "of" and words[0].lower() in _POSTS:
        words = words[2:]  # "Member of Parliament Name Name"
    return len(words) >= 3 and words[0].lower() in ORG_HEADS and \
        not any(w.lower() in ORG_HEADS | CONNECTORS for w in words[1:]) and all(w[:1].isupper() for w in words[1:])


def names_a_post(words: list[str]) -> bool:
    """"Swedish Consul General", "Deputy Special Envoy": a post's words (with the state or body
    an adjective names), not a body, where no organisational head noun is among them; "H.E. Name",
    "Dr. Name": a courtesy title opens a person's name."""
    if words and words[0].lower().rstrip(".") in _HONORIFICS:
        return True
    if not words or any(w.lower() in ORG_HEADS for w in words):
        return False
    last = words[-1].lower()
    return last in _POSTS or len(words) >= 2 and f"{words[-2].lower()} {last}" in _POSTS


# what a heading says of a body or project before its name ("Activities of the X Project")
_SECTION_LEADS = frozenset({"activities", "achievements", "results", "outcomes", "highlights", "overview", "summary",
                            "launch", "closing", "evaluation", "impact", "updates", "news", "status", "role", "future",
                            "history", "reform", "structure", "legacy"})
_SECTION_WORDS = frozenset({"overview", "background", "description", "highlights", "achievements", "objectives",
                            "snapshot", "number"})


def _bare(word: str) -> str:
    """A word as the head-noun lists hold it: lower case, no possessive ("Council's" -> "council")."""
    return re.sub(r"['’]s?$", "", word.lower())


# "Baghdad- The X Programme": a dateline glued before the name
_LEAD_DATELINE = re.compile(r"(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?[—–-]|[A-Z]\w+(?:\s[A-Z]\w+)?\s+News\s*/)\s+(?:The\s+)?(?=[A-Z])")


def _org_phrases(text: str) -> list[str]:
    """Capitalised phrases with an organisational head noun ("Ministry of Youth")."""
    out = []
    for m in _ORG_PHRASE.finditer(text):
        phrase = m.group(0)
        cut = _LEAD_DATELINE.match(phrase)
        phrase = phrase[cut.end() :] if cut else phrase
        given = re.search(r"\s+to\s+(?:the\s+)?(?=[A-Z])", phrase)
        if given and _bare(phrase[: given.start()].split()[-1]) in ORG_HEADS and _has_org_head(phrase[given.end() :]):
            # "awarded by the X Foundation to the Y Network": two bodies, what went from one to the other
            out += _org_phrases(phrase[: given.start()]) + _org_phrases(phrase[given.end() :])
            continue
        words = phrase.split()
        # cut at the last head noun (or a head noun followed by an "of ..." chain)
        while words and words[0].lower() in NOT_ORG_FIRST | CONNECTORS:
            words = words[1:]
        while words and words[-1].lower() in CONNECTORS:
            words = words[:-1]
        if len(words) < 2 or not any(_bare(w) in ORG_HEADS for w in words):
            continue
        if len(words) > 3 and words[0].lower() in _SECTION_LEADS and words[1] == "of":
            words = words[3:] if words[2].lower() == "the" else words[2:]  # "Activities of the X Project"
        heads = [i for i, w in enumerate(words) if _bare(w) in ORG_HEADS]
        if all(_bare(words[i]) == "society" and i and words[i - 1].lower() == "civil" for i in heads) or \
                re.search(r"\s(?:and|&)\s+Civil\s+Society$", " ".join(words), re.I):
            continue  # "Civil Society and Culture", "Government And Civil Society": a sector, no body
        words = _before_post(words)
        inner = next((i for i, w in enumerate(words[:-1]) if w.isdigit() and i and words[i - 1].lower() in _NUMBERING), None)
        if inner is not None:  # "Section 2 Ministry of X": the heading's number, then the name
            words = words[inner + 1 :]
        name = _clean_name(" ".join(words))
        # "Omar Saleh of the Dohar Agency": a person of the body (two to four names, no post or head
        # noun among them); the body is what follows "of"
        led = re.match(r"((?:[A-Z][a-z][\w'’-]*\s+){1,3}[A-Z][a-z][\w'’-]*)\s+of\s+(?:the\s+)?(.+)$", name)
        if led and not any(_bare(w) in ORG_HEADS | _POSTS for w in led.group(1).split()) \
                and _has_org_head(led.group(2)):
            name = led.group(2)
        if len(name.split()) < 2 or not _has_org_head(name) or head_then_name(name.split()):
            continue
        if is_arabic(name):
            continue
        if name.split()[-1].lower() in LOCAL_GOV_HEADS:
            continue  # handled with the gazetteer ("Tel Kaif District")
        if name.split()[-1].lower() in NOT_BODY_TAIL - DOCUMENT_WORDS:
            continue  # "the X Cooperation Framework", "Country Programme Action Plans": an instrument, no body
        if name.split()[-1].lower() in DOCUMENT_WORDS | _SECTION_WORDS:
            # "Programme Summary", "Project Overview": a page's section; "the X Fund Annual Report":
            # a document, whose body is the name up to its last head noun
            kept = name.split()
            while kept and _bare(kept[-1]) not in ORG_HEADS:
                kept.pop()
            name = " ".join(kept)
            if len(kept) < 2:
                continue
        if FIELD_LABEL.match(name + text[m.end() : m.end() + 4]):
            continue  # "Implementing Agency: X": a field's label, not a body
        out.append(name)
    return out


def headline_only(cand: str, text: str) -> bool:
    """Whether a capitalised run of six words or more stands only in headings (lines whose words
    are capitalised), in a text with running prose: a headline capitalises its verbs ("… Ministry
    Affirm Cooperation in …"), so its name runs on. Most runs are shorter: they read no line."""
    if len(cand.split()) < 6:
        return False

    def heading(ln: str) -> bool:  # a sentence crowded with names is capitalised too, but ends in a stop
        # ("Funded by: The Government of A and B" is a record's field, not a heading)
        return _title_like(ln) and not ln.rstrip(" *_").endswith((".", "!", "?", ";", ":")) and not FIELD_LINE.match(ln)

    lines = [ln for ln in text.splitlines() if cand in ln]
    return bool(lines) and all(heading(ln) for ln in lines) and _has_prose(text)


@lru_cache(maxsize=8)
def _has_prose(text: str) -> bool:
    """A line of running prose (not a heading), read once per page, not once per candidate."""
    return any(not _title_like(ln) and len(ln.split()) >= 8 for ln in text.splitlines())
