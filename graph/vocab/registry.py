"""The actor registry (``ontologies/registry/actors.yaml``): well-known bodies, validated once.

A resolution aid for extraction (names, acronyms, kinds), not a closed list of bodies; its themes
are checked against the concept schemes so a typo fails at load, not in an answer.
"""

from __future__ import annotations

from functools import lru_cache

import yaml
from pydantic import BaseModel, ConfigDict, Field

from graph.model import Actor, ActorKind, Level, concept_id
from graph.settings import ONTOLOGIES
from graph.vocab.concepts import load_concepts

REGISTRY_FILE = ONTOLOGIES / "registry" / "actors.yaml"


class RegistryEntry(BaseModel):
    """One well-known body of ``registry/actors.yaml``; a resolution aid, not a closed list."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    name_ar: str = ""
    aliases: list[str] = Field(default_factory=list)
    acronyms: list[str] = Field(default_factory=list)
    kind: ActorKind
    level: Level = Level.unknown
    themes: list[str] = Field(default_factory=list)
    parent: str = ""
    english_in_prose: bool = True  # False: the English name begins others' (see actors.yaml)

    @property
    def actor_id(self) -> str:
        return "actor:" + self.id

    def names(self) -> list[str]:
        """Every name the body goes by: canonical EN and AR, aliases, acronyms."""
        return [n for n in (self.name, self.name_ar, *self.aliases, *self.acronyms) if n]

    def theme_ids(self) -> list[str]:
        return [concept_id("theme", t) for t in self.themes]

    def to_actor(self) -> Actor:
        return Actor(
            id=self.actor_id,
            name=self.name,
            name_ar=self.name_ar,
            aliases=[*self.aliases, *self.acronyms],
            kind=self.kind.value,
            level=self.level.value,
            source="registry",
        )


@lru_cache(maxsize=1)
def _registry() -> tuple[RegistryEntry, ...]:
    raw = yaml.safe_load(REGISTRY_FILE.read_text(encoding="utf-8")) or []
    entries = tuple(RegistryEntry.model_validate(item) for item in raw)
    ids = [e.id for e in entries]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"actors.yaml: duplicate ids {dupes}")
    themes = {c.id for c in load_concepts() if c.scheme == "theme"}
    for e in entries:
        if e.parent and e.parent not in ids:
            raise ValueError(f"actors.yaml: {e.id} has unknown parent {e.parent}")
        unknown = [t for t in e.theme_ids() if t not in themes]
        if unknown:
            raise ValueError(f"actors.yaml: {e.id} has unknown themes {unknown}")
    return entries


def load_registry() -> list[RegistryEntry]:
    """The actor registry, validated (kinds, levels, unique ids, parents and themes exist)."""
    return list(_registry())
