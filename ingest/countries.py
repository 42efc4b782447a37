"""Foreign states named as actors: "Chile chairs the Council", "the UAE finances the bridge".

Real P/CVE texts name donor and partner states by the country's name; a list of Iraqi bodies
cannot know them. ISO 3166 names (pycountry, offline) plus the short forms of
``ingest/rules/en/countries.yaml`` give the names; a country is a body only where its sentence
makes it act (the mentions stage checks its role), never where it is a place ("camps in Syria").
The body is the state's government, shown by the country's usual name.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from graph.names import normalize_name
from ingest import rules

_GOVERNMENT_OF = re.compile(r"^(?:the\s+)?(?:[Gg]overnment\s+of\s+)?(?:the\s+)?", re.I)
HOME = "IQ"  # the country of this corpus (ISO 3166): its own government is in the registry


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Normalised name or short form -> the country's usual English name."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        if c.alpha_2 == HOME:
            continue
        usual = getattr(c, "common_name", None) or c.name
        for n in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if n and "," not in n:
                out.setdefault(normalize_name(n), usual)
    for item in rules.load("en", "countries").get("short_forms", []):
        c = pycountry.countries.get(name=item["country"])
        if c is not None:
            out[normalize_name(item["short"])] = getattr(c, "common_name", None) or c.name
    return out


def country_of(name: str) -> str:
    """The country a name stands for ("the UAE" -> "United Arab Emirates"), or ""."""
    n = _GOVERNMENT_OF.sub("", name.strip())
    return country_names().get(normalize_name(n), "")


# an organ of a state named by the state or its adjective: "the Dutch Ministry of Foreign Affairs",
# "Sweden's Foreign Ministry", "the German Embassy in Baghdad", "the Embassy of Japan"
_ORGAN = re.compile(
    r"^(?:the\s+)?(?:(?P<adj>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)??)(?:['’]s)?\s+(?:Ministry\s+(?:of|for)\s+Foreign\s+Affairs|"
    r"Foreign\s+Ministry|(?:Federal\s+)?Foreign\s+Office|(?:Embassy|High\s+Commission|Consulate(?:\s+General)?)"
    r"(?:\s+in\s+(?:Iraq|Baghdad|Erbil|Basra))?|[Gg]overnment)|"
    r"(?:Embassy|High\s+Commission|Consulate(?:\s+General)?)\s+of\s+(?:the\s+)?(?P<of>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?)"
    r"(?:\s+in\s+(?:Iraq|Baghdad|Erbil|Basra))?)$")


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    out = {}
    for item in rules.load("en", "countries").get("demonyms", []):
        c = pycountry.countries.get(name=item["country"])
        if c is not None:
            out[item["demonym"].lower()] = getattr(c, "common_name", None) or c.name
    return out


def state_named(said: str) -> str:
    """The foreign or home state a word or name stands for ("Dutch", "Japan", "the UAE"), or ""."""
    return organ_of_state(f"{said} Embassy") or country_of(said)


def organ_of_state(name: str) -> str:
    """The foreign state whose organ (foreign ministry, embassy, government) a name is, or ""."""
    m = _ORGAN.match(name.strip())
    if not m:
        return ""
    said = m.group("adj") or m.group("of") or ""
    return _demonyms().get(said.lower(), "") or country_of(said)
