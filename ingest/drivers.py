"""Drivers and needs as real documents state them: which sentences report a driver of
violent extremism, which concepts they report, and the id of the rule that decided it.

A report names its drivers in two ways. With the vocabulary's words ("sectarian tensions",
"lack of basic services"), which ingest/extraction.py ConceptBags find, and which make a driver
statement when the sentence has a driver cue, names two drivers, is an item of a list of
drivers, or states a fact. And as problems in plain clauses with no vocabulary phrase at all
("essential services were missing", "families remain displaced", "two rival administrations",
"ما زال الاتفاق دون تنفيذ"): the shapes of ingest/rules/<lang>/drivers.yaml, each naming the
concept its clause reports. Both feed one statement per sentence, whose ``rule`` says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import field_validator

from ingest import rules
from ingest.cues import DRIVER_CUES

# Arabic diacritics and tatweel: the rules are written without them ("دمر" for "دمّر")
_AR_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# "a call for fair trials, not for revenge": a driver word the sentence denies is not reported
_DENIED = re.compile(r"\b(?:not|nor|never|rather\s+than|instead\s+of)\s+(?:for\s+|of\s+|to\s+|by\s+)?$", re.I)
# "- **Title:** ...", links: metadata lines of a digest report nothing
_METADATA = re.compile(r"https?://|^\s*[-*]?\s*\*\*[^*]+:\*\*")


class DriverRule(rules.CueRule):
    """A problem stated in a clause: the cue and the vocabulary concept it reports."""

    kind: Literal["driver"] = "driver"  # the statement kind every shape yields
    concept: str  # a driver concept id of ontologies/vocab/drivers.ttl
    status: str = "established"  # a problem a document describes is a reported fact

    @field_validator("concept")
    @classmethod
    def _is_driver(cls, v: str) -> str:
        if not v.startswith("driver:"):
            raise ValueError(f"{v}: a driver rule reports a driver concept")
        return v


@lru_cache(maxsize=4)
def driver_rules(lang: str) -> tuple[DriverRule, ...]:
    return rules.cue_rules(lang, "drivers", DriverRule)


@lru_cache(maxsize=4)
def _any_driver_cue(lang: str) -> re.Pattern[str]:
    return rules.any_of(r.cue for r in driver_rules(lang))


def _plain(sent: str, lang: str) -> str:
    return _AR_MARKS.sub("", sent) if lang == "ar" else sent


def shapes(sent: str, lang: str) -> list[tuple[DriverRule, int]]:
    """The problem-statement rules that fire on a sentence, with where each cue starts."""
    if _METADATA.search(sent):
        return []
    text = _plain(sent, lang)
    if not _any_driver_cue(lang).search(text):
        return []
    out = []
    for r in driver_rules(lang):
        m = r.regex.search(text)
        if m:
            out.append((r, m.start()))
    return out


@dataclass(frozen=True)
class DriverFinding:
    """What one sentence reports as drivers, and the id of the rule that decided it."""

    concepts: frozenset[str]
    rule: str


def find(sent: str, lang: str, vocab: list[tuple[int, str]], in_driver_list: bool, fact: bool) -> DriverFinding | None:
    """The drivers a sentence reports: the vocabulary's (``vocab``: where each driver concept
    was found, by the concept bags) when a cue, a second driver, a list of drivers or a
    statement of fact says they are reported, unless the sentence denies them; and those of
    the clause shapes, which say it by their form."""
    vocab_drivers = {cid for pos, cid in vocab if cid.startswith("driver:") and not _DENIED.search(sent[:pos])}
    shaped = shapes(sent, lang)
    concepts = set(vocab_drivers) | {r.concept for r, _ in shaped}
    if not concepts:
        return None
    if shaped:
        return DriverFinding(frozenset(concepts), shaped[0][0].id)
    if DRIVER_CUES.search(sent):
        rule = "cue"
    elif len(vocab_drivers) >= 2:
        rule = "pair"
    elif in_driver_list:
        rule = "list"
    elif fact:
        rule = "fact"
    else:
        return None
    return DriverFinding(frozenset(concepts), f"{lang}.driver.{rule}")
