"""Rules as data: cue lexicons and patterns per language (``en/*.yaml``, ``ar/*.yaml``).

Each pattern rule has an id, the statement kind it yields, its status policy and an example
sentence of our own; every statement records the id of the rule that produced it, so a ``why``
row can say which rule put it there. Lexicons (post titles, body head nouns) are plain lists.
The files are read once per process and validated here, so a typo fails at load, not mid-ingest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict

from graph.model import ActorKind, Level

RULES_DIR = Path(__file__).resolve().parent


def _compiles(v: str) -> str:
    re.compile(v)
    return v


# a regular expression checked when its file is read, so a typo fails at load, not mid-ingest
Regex = Annotated[str, AfterValidator(_compiles)]


class IdRule(BaseModel):
    """A rule read from a data file, known by its id (unique within the file)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str


class CueRule(IdRule):
    """A rule read from a data file: an id, a cue (a regular expression, matched
    case-insensitively, checked when the file is read) and an example sentence of our own."""

    cue: Regex
    example: str

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.cue)


class RelationRule(CueRule):
    """A cue between two bodies: "X <cue> Y" (or "<cue> Y" with X the clause's subject)."""

    kind: str  # graph.model.StatementKind value
    # who holds the statement: the body before the cue (or the clause subject), or after it;
    # "adjacent": only the body right before the cue, not the others listed with it ("A and the
    # X Committee at the Y": the committee sits in Y, A does not)
    holder: Literal["before", "after", "pair", "among", "adjacent"] = "before"
    # "sentence": the sentence's modality (may / should); otherwise a fixed status
    status: Literal["sentence", "established", "option", "recommended"] = "sentence"
    # the objects: the first body after the cue, the whole enumeration, or the clause's subject
    # ("X works with Y as implementing partner": Y implements for X)
    objects: Literal["first", "all", "clause"] = "all"
    # the number of characters allowed between the cue and the body after it
    gap: int = 40
    # whether the clause's subject stands in when no body is named right before the cue
    fallback: bool = True


@lru_cache(maxsize=512)
def _compiled(cue: str) -> re.Pattern[str]:
    return re.compile(cue, re.I)


@lru_cache(maxsize=32)
def load(lang: str, name: str) -> Any:
    path = RULES_DIR / lang / f"{name}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


R = TypeVar("R", bound=IdRule)


def cue_rules(lang: str, name: str, model: type[R]) -> tuple[R, ...]:
    """The rules of ``<lang>/<name>.yaml`` as ``model``s; ids are unique within a file."""
    found = tuple(model(**r) for r in load(lang, name))
    ids = [r.id for r in found]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise ValueError(f"duplicate rule ids in {lang}/{name}.yaml: {sorted(dupes)}")
    return found


@lru_cache(maxsize=8)
def relation_rules(lang: str) -> tuple[RelationRule, ...]:
    return cue_rules(lang, "relations", RelationRule)


def any_of(cues: Iterable[str]) -> re.Pattern[str]:
    """One pattern that matches somewhere exactly when one of ``cues`` (each read with re.I)
    does: a sentence it misses need not be tried rule by rule (most sentences carry no cue)."""
    try:
        return re.compile("|".join(f"(?:{c})" for c in cues), re.I)
    except re.error:  # cues that cannot stand side by side: every sentence is tried
        return re.compile("")


class KindRule(IdRule):
    """The kind of a body named with certain words (``en/kinds.yaml``)."""

    kind: ActorKind
    level: Level
    any: frozenset[str] = frozenset()
    all: frozenset[str] = frozenset()
    phrase: Regex = ""
    example: str

    def matches(self, name: str) -> bool:
        """Whether a body's name is of this rule (its words compared in lower case)."""
        low, words = _name_words(name)
        return ((not self.any or not self.any.isdisjoint(words)) and self.all <= words
                and (not self.phrase or bool(_compiled(self.phrase).search(low))))


@lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, frozenset[str]]:
    """A name in lower case and its words (split once per name, not once per rule)."""
    low = name.lower()
    words = re.findall(r"[a-z\-]+", low)
    # "Forums", "Councils": a plural name is of its singular's kind
    return low, frozenset(words + [w[:-1] for w in words if len(w) > 4 and w.endswith("s") and not w.endswith("ss")])


@lru_cache(maxsize=4)
def kind_rules(lang: str) -> tuple[KindRule, ...]:
    """The rules of ``<lang>/kinds.yaml``, each checked to name its own example."""
    found = cue_rules(lang, "kinds", KindRule)
    for r in found:
        if not (r.any or r.all or r.phrase):
            raise ValueError(f"kind rule {r.id} has no condition")
        if not r.matches(r.example):
            raise ValueError(f"kind rule {r.id} does not match its own example {r.example!r}")
    return found


@lru_cache(maxsize=64)
def words(lang: str, name: str, key: str) -> frozenset[str]:
    """A lexicon list as a set of lower-case entries (built once: the stages ask per token)."""
    return frozenset(str(w).lower() for w in load(lang, name)[key])
