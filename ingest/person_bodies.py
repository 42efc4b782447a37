"""The persons stage's view of the extractor (ingest/post_bodies.py ``Bodies``): bodies by name,
local and national government, places just named; never a body invented from a person's name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.model import ActorKind
from graph.names import is_arabic
from ingest import arabic, countries, names_ar
from ingest.cues import LEVEL_WORD, _clean_name, _place_level
from ingest.extraction import Extraction
from ingest.stage_names import REGIONAL_MINISTRY

if TYPE_CHECKING:
    from ingest.stage_discourse import DiscourseStage


class StageBodies:
    """The persons stage's view of the extractor: bodies by name, local and national government."""

    def __init__(self, x: DiscourseStage, ex: Extraction) -> None:
        self.x, self.ex = x, ex

    def by_name(self, name: str) -> str:
        name = _clean_name(name)
        # a name this document gave a body already ("وزارة داخلية الإقليم" for the region's ministry)
        known = next((k for k, r in self.ex.actors.items() if is_arabic(name) and name in r.aliases), "")
        if known or not name:
            return known
        suffix = f" في {arabic.REGION_GOVERNMENT}"
        if is_arabic(name) and name.endswith(suffix) and names_ar.regional_ministry(self.x, self.ex, name[: -len(suffix)], suffix, []):
            return self.x._ref(self.ex, name, "").key  # "وزير X في حكومة إقليم كوردستان": the region's own ministry
        regional = REGIONAL_MINISTRY.fullmatch(re.sub(r"\s*\([A-Z]{2,5}\)", "", name))
        if regional:  # "the KRG's (KRG) Minister of Interior": the region's own ministry
            return self.x.regional_ministry(self.ex, regional.group(1)).key
        ref = self.x._ref(self.ex, name, self.x._registry_lookup(name))
        head = arabic.head_of(name.split()[0]) if is_arabic(name) else None
        if head and ref.kind == ActorKind.other.value:  # "وزيرة حقوق الإنسان" -> "وزارة حقوق الإنسان": a ministry
            ref.kind, ref.level = head[0].value, head[1].value
        return ref.key

    def local_government(self, place: str, word: str) -> str:
        hits = self.x.kb.place_index.find(place)
        if not word:  # the unit follows the place's level
            level = _place_level(self.x.kb.gazetteer, hits[0].payload) if hits else ""
            word = LEVEL_WORD.get(level, "City")
        place = place[:1].upper() + place[1:]  # "al-Qaim District" is "Al-Qaim District"
        name = f"{word} {place}" if is_arabic(word) else f"{place} {word}"
        ref = self.x._ref(self.ex, name, "")
        if not is_arabic(word):  # the names local_bodies gives the same body ("the local government of X")
            lvl = word.lower().replace("-", "")
            for alias in (f"{place} local government", f"local government of {place}", f"{place} {lvl} administration"):
                ref.note(alias, "the local government of the place, named by its level")
        if hits:
            ref.kind, ref.place = ActorKind.local_government.value, hits[0].payload
            ref.level = _place_level(self.x.kb.gazetteer, hits[0].payload) or ref.level
        return ref.key

    def national_government(self) -> str:
        rid = self.x._registry_lookup(NATIONAL_GOVERNMENT)
        return self.x._ref(self.ex, NATIONAL_GOVERNMENT, rid).key

    def is_place(self, text: str) -> bool:
        return self.x._is_place(text)

    def state(self, said: str) -> str:
        country = countries.state_named(said)
        return self.x._state_ref(self.ex, country, said).key if country and country != "Iraq" else ""

    def antecedent(self, word: str) -> str:
        return self.x._antecedent(word, self.ex)

    def place_here(self, level: str, before: str) -> str:
        """The place named last (in ``before``, else in the sentences before), or the place above it
        at ``level`` ("Tal Afar … the province's governor": its governorate); "" if none is near."""
        gaz = self.x.kb.gazetteer
        here = self.x.kb.place_index.find(before)
        written = {h.payload: before[h.start : h.end] for h in here}
        for pid in [h.payload for h in here][::-1] + [p for _, _, p in self.ex.place_mentions[::-1][:5]]:
            said = written.get(pid) or self.ex.place_names.get(pid, "")  # as the text writes it
            while pid and (p := gaz.get(pid)) is not None:
                if p.level == level:
                    return said or p.name
                parent = gaz.get(p.parent) if p.parent else None
                # "البصرة" names the district and its governorate alike: the word stays the text's
                same = parent is not None and said and said in (parent.name, parent.name_ar, *parent.alt_names)
                pid, said = p.parent, said if same else ""
        return ""


# The body national posts belong to when none is named ("Prime Minister X"): Dalil covers Iraq.
NATIONAL_GOVERNMENT = "Government of Iraq"
