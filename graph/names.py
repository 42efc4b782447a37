"""Name normalisation: the one definition of "the same name" used for identity everywhere.

Resolution merges bodies, persons and places across spellings and scripts ("International
Organisation for Migration" = "International Organization for Migration"; "والأنبار" = "الانبار";
"Al-Mosul" = "Mosul"). Every component that compares names must go through these functions,
so that the gazetteer, the registry, the extractor and the resolver agree on what matches.
All functions are pure and cheap; none of them is meant for display.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "GENERIC_WORDS",
    "acronym_of",
    "is_arabic",
    "name_key",
    "normalize_arabic",
    "normalize_english",
    "normalize_name",
]

# --- English ------------------------------------------------------------------------------

# British -> American spellings seen in P/CVE and aid texts. Both sides of a comparison are
# normalised, so mapping to either spelling works; American is used because it is also what
# the "-isation" -> "-ization" rule below produces.
_UK_US: dict[str, str] = {
    "organisation": "organization",
    "organisations": "organizations",
    "organisational": "organizational",
    "programme": "program",
    "programmes": "programs",
    "labour": "labor",
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "centre": "center",
    "centres": "centers",
    "theatre": "theater",
    "behaviour": "behavior",
    "behaviours": "behaviors",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "neighbourhood": "neighborhood",
    "neighbourhoods": "neighborhoods",
    "honour": "honor",
    "favour": "favor",
    "harbour": "harbor",
    "colour": "color",
    "endeavour": "endeavor",
    "counselling": "counseling",
    "counsellor": "counselor",
    "counsellors": "counselors",
    "travelling": "traveling",
    "modelling": "modeling",
    "enrolment": "enrollment",
    "judgement": "judgment",
    "ageing": "aging",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "dialogues": "dialogs",
    "analyse": "analyze",
    "mobilise": "mobilize",
    "organise": "organize",
    "prioritise": "prioritize",
    "recognise": "recognize",
    "stabilise": "stabilize",
    "radicalise": "radicalize",
    "marginalise": "marginalize",
}
# "-isation(s)", "-ised", "-ising": regular British forms (mobilisation, organised, ...).
_ISATION = re.compile(r"\b(\w{2,})is(ation|ations|ed|ing)\b")
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u02bb`\u00b4]")
_NON_WORD = re.compile(r"[^\w\u0600-\u06ff]+")
_SPACES = re.compile(r"\s+")

# Dropped by `name_key` (the loose key): articles, the Latin transliteration of the Arabic
# article ("Al-Anbar" = "Anbar") and glue words that vary between renderings of one name.
GENERIC_WORDS: frozenset[str] = frozenset({"the", "a", "an", "al", "el", "of", "for", "and"})

# Skipped by `acronym_of`: the words official acronyms leave out.
_ACRONYM_SKIP: frozenset[str] = frozenset(
    {"for", "of", "the", "and", "in", "on", "to", "a", "an", "at", "by", "with"}
)

# --- Arabic -------------------------------------------------------------------------------

_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_AR_TATWEEL = "\u0640"
# Invisible direction and joiner marks that PDF extraction leaves inside Arabic words.
_INVISIBLE = re.compile("[\u200b-\u200f\u061c\u2066-\u2069\ufeff]")
_AR_LETTER_MAP = str.maketrans(
    {
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0622": "\u0627",  # آ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u0629": "\u0647",  # ة -> ه
        "\u0649": "\u064a",  # ى -> ي
        "\u06cc": "\u064a",  # Persian/Kurdish ی -> ي
        "\u06a9": "\u0643",  # Persian/Kurdish ک -> ك
        "\u06d5": "\u0647",  # Kurdish ە -> ه
        "\u06be": "\u0647",  # ھ -> ه
        "\u060c": " ",  # Arabic comma
        "\u061b": " ",  # Arabic semicolon
        "\u061f": " ",  # Arabic question mark
        "\u066b": ".",  # Arabic decimal separator
        "\u066c": ",",  # Arabic thousands separator
    }
    | {chr(0x0660 + i): str(i) for i in range(10)}  # Arabic-Indic digits
    | {chr(0x06F0 + i): str(i) for i in range(10)}  # Extended Arabic-Indic digits
)
_AR_LETTERS = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LATIN_LETTERS = re.compile("[A-Za-z\u00c0-\u024f]")
_AR_ARTICLE = "\u0627\u0644"  # ال
_AR_WAW = "\u0648"  # و


def _strip_arabic_prefixes(token: str) -> str:
    """Drop attached "و" (and) and "ال" (the): "والأنبار", "الأنبار" and "أنبار" are one name.

    The article goes when at least two letters remain; a bare "و" when at least three remain
    (short words that merely begin with "و" are common). Stripping repeats until nothing
    changes, so the result is the same whichever prefixes a form carried ("الوزارة", "وزارة",
    "والوزارة" agree) and normalising twice changes nothing.
    """
    if not _AR_LETTERS.match(token):
        return token
    while True:
        if token.startswith(_AR_ARTICLE) and len(token) - 2 >= 2:
            token = token[2:]
        elif token.startswith(_AR_WAW) and len(token) - 1 >= 3:
            token = token[1:]
        else:
            return token


def _fold(s: str) -> str:
    """NFKC, case-fold, and script-level cleanup shared by every normaliser."""
    s = unicodedata.normalize("NFKC", s)
    s = _INVISIBLE.sub("", s)
    s = s.replace(_AR_TATWEEL, "")
    s = _AR_DIACRITICS.sub("", s)
    s = s.translate(_AR_LETTER_MAP)
    return s.casefold()


def fold(s: str) -> str:
    """Letter forms folded (alef variants, ة, ى, diacritics, tatweel, case) without touching
    prefixes: "وزارة" stays "وزاره" (normalize_arabic would take the و for a conjunction)."""
    return _fold(s)


def _tokens(folded: str) -> list[str]:
    s = folded.replace("&", " and ")
    s = _APOSTROPHES.sub("", s)
    s = _NON_WORD.sub(" ", s).replace("_", " ")
    return _SPACES.sub(" ", s).strip().split(" ") if s.strip() else []


def normalize_arabic(s: str) -> str:
    """Arabic-script normalisation: no diacritics or tatweel, one alef, ة→ه, ى→ي, no و/ال prefixes.

    These are the variations that differ between typists, PDF extractors and official lists
    (COD-AB writes "الانبار", a strategy "والأنبار") without changing the name.
    """
    return " ".join(_strip_arabic_prefixes(t) for t in _tokens(_fold(s)))


def normalize_english(s: str) -> str:
    """Latin-script normalisation: no punctuation, one spelling (American), no leading "the"."""
    toks = _tokens(_fold(s))
    out = [_UK_US.get(t, t) for t in toks]
    joined = _ISATION.sub(lambda m: m.group(1) + "iz" + m.group(2), " ".join(out))
    out = joined.split(" ") if joined else []
    if len(out) > 1 and out[0] == "the":
        out = out[1:]
    return " ".join(out)


def normalize_name(s: str) -> str:
    """The identity form of a name in either script (or both): compare names by this.

    NFKC and case-fold; punctuation and hyphens become spaces (apostrophes vanish, so
    "Mada'in" = "Madain"; "&" = "and"); British spellings become American; a leading "the"
    goes; Arabic words lose diacritics, tatweel and attached و/ال, and alef/taa/yaa forms
    are unified.
    """
    toks = [_strip_arabic_prefixes(t) for t in normalize_english(s).split(" ") if t]
    return " ".join(toks)


def name_key(s: str) -> str:
    """A looser key than `normalize_name`: also drops generic words ("the", "al", "of", ...).

    For candidate generation ("Al Anbar" ~ "Anbar", "Ministry of the Interior" ~ "Ministry
    Interior"); a hit on this key is weaker evidence than an equal `normalize_name`.
    Falls back to the normalised name if every word is generic.
    """
    norm = normalize_name(s)
    toks = [t for t in norm.split(" ") if t and t not in GENERIC_WORDS]
    return " ".join(toks) if toks else norm


@lru_cache(maxsize=4096)
def is_arabic(s: str) -> bool:
    """True when most letters of ``s`` are Arabic script (decides which normaliser and label apply).
    Cached: extraction asks it of the same sentence a dozen times, each a count of all its letters."""
    ar = len(_AR_LETTERS.findall(s))
    latin = len(_LATIN_LETTERS.findall(s))
    return ar > 0 and ar >= latin


_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def acronym_of(name: str) -> str:
    """Initials of the significant words: "International Organization for Migration" → "IOM".

    Texts introduce bodies as "Full Name (ACRONYM)" and later use only the acronym; this gives
    the acronym a full name implies so the two can be linked. Hyphenated parts count as words
    ("Counter-Terrorism" → "CT"); words in parentheses and function words ("for", "of", "the",
    "and", "in", "on", ...) are skipped. Arabic names give "".
    """
    s = _PARENTHESES.sub(" ", unicodedata.normalize("NFKC", name))
    s = _APOSTROPHES.sub("", s)
    words = [w for w in re.split(r"[^A-Za-z\u00c0-\u024f0-9]+", s) if w]
    initials = [w[0] for w in words if w.casefold() not in _ACRONYM_SKIP and w[0].isalpha()]
    return "".join(initials).upper()
