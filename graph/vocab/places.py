"""Iraq's places (COD-AB 2019: country, governorates, districts, sub-districts) built from the
gazetteer tables, with the 2014 OCHA codes crosswalked to them.

The tables disagree on numbering and spelling, so the 2014 units are joined by name; this module
is the one place that knows the tables' columns. Finding a place by a name is graph.vocab.gazetteer.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from graph.model import Place, place_id
from graph.names import name_key, normalize_name
from graph.settings import ONTOLOGIES

GAZETTEER_DIR = ONTOLOGIES / "gazetteer"

PLACE_LEVELS: tuple[str, ...] = ("country", "governorate", "district", "subdistrict")
LEVEL_RANK = {lvl: i for i, lvl in enumerate(PLACE_LEVELS)}

COUNTRY_PCODE = "IQ"


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


class _PlaceDraft:
    """A place being assembled from several tables; names are appended, then deduplicated."""

    def __init__(self, pcode: str, name: str, name_ar: str, level: str, parent: str) -> None:
        self.pcode = pcode
        self.name = name
        self.name_ar = name_ar
        self.level = level
        self.parent = parent
        self.alt: list[str] = []

    def add(self, *names: str) -> None:
        self.alt.extend(n.strip() for n in names if n and n.strip())

    def official_names(self) -> list[str]:
        return [self.name, self.name_ar, *self.alt]

    def to_place(self) -> Place:
        seen = {normalize_name(self.name), normalize_name(self.name_ar)}
        alts: list[str] = []
        for n in self.alt:
            key = normalize_name(n)
            if key and key not in seen:
                seen.add(key)
                alts.append(n)
        return Place(
            id=place_id(self.pcode),
            name=self.name,
            name_ar=self.name_ar,
            alt_names=alts,
            level=self.level,
            parent=place_id(self.parent) if self.parent else "",
        )


class _GazetteerData(NamedTuple):
    places: tuple[Place, ...]
    crosswalk: dict[str, str]
    unmapped: tuple[tuple[str, str], ...]


_TRAILING_DIGITS = re.compile(r"\s*\d+$")


def _keys(names: Iterable[str], strip_digits: bool = False) -> set[str]:
    out = set()
    for n in names:
        k = name_key(n)
        if strip_digits:
            k = _TRAILING_DIGITS.sub("", k)
        if k:
            out.add(k)
    return out


def _match(names: list[str], candidates: list[_PlaceDraft]) -> _PlaceDraft | None:
    """The single candidate sharing a loose name key with ``names``; trailing numbers ignored
    as a last resort ("Thawra1" -> "Al-Thawra")."""
    for strip in (False, True):
        keys = _keys(names, strip)
        hits = [c for c in candidates if keys & _keys(c.official_names(), strip)]
        if len(hits) == 1:
            return hits[0]
    return None


@lru_cache(maxsize=1)
def _gazetteer_data() -> _GazetteerData:
    adm1 = _read_csv(GAZETTEER_DIR / "iraq_adm1_pcodes_cod-ab_20190603.csv")
    adm2 = _read_csv(GAZETTEER_DIR / "iraq_adm2_pcodes_cod-ab_20190603.csv")
    adm3 = _read_csv(GAZETTEER_DIR / "iraq_adm3_pcodes_cod-ab_20190603.csv")
    drafts: dict[str, _PlaceDraft] = {}
    first = adm1[0]
    drafts[COUNTRY_PCODE] = _PlaceDraft(
        first.get("ADM0_PCODE") or COUNTRY_PCODE,
        first.get("ADM0_EN") or "Iraq",
        first.get("ADM0_AR") or "العراق",
        "country",
        "",
    )
    for rows, adm, level, parent_col in (
        (adm1, "ADM1", "governorate", "ADM0_PCODE"),
        (adm2, "ADM2", "district", "ADM1_PCODE"),
        (adm3, "ADM3", "subdistrict", "ADM2_PCODE"),
    ):
        for r in rows:
            d = _PlaceDraft(r[f"{adm}_PCODE"], r[f"{adm}_EN"], r[f"{adm}_AR"], level, r[parent_col])
            d.add(*(r.get(f"{adm}{c}", "") for c in ("_REF", "ALT1EN", "ALT2EN", "ALT1AR", "ALT2AR")))
            drafts[d.pcode] = d

    def children(parent: str, level: str) -> list[_PlaceDraft]:
        return [d for d in drafts.values() if d.parent == parent and d.level == level]

    crosswalk: dict[str, str] = {}
    unmapped: list[tuple[str, str]] = []
    # 2014 governorates: joined by name (the 2014 numbering differs from COD-AB's).
    govs = [d for d in drafts.values() if d.level == "governorate"]
    gov_by_2014: dict[str, str] = {}
    for r in _read_csv(GAZETTEER_DIR / "iraq_adm1_governorates_ocha_2014_pcodes.csv"):
        names = [
            r[c]
            for c in ("A1NameEn", "A1NameAr", "A1NameAlt1", "A1NameAlt2", "A1NameAlt", "HRname")
            if r.get(c)
        ]
        hit = _match(names, govs)
        if hit is None:
            unmapped.append((r["A1Code"], r["A1NameEn"]))
            continue
        hit.add(*names)
        gov_by_2014[r["A1Code"]] = hit.pcode
        for c in ("A1CodeAlt1", "A1CodeAlt2", "A1Code", "HRpcode"):
            if r.get(c):
                crosswalk[r[c]] = place_id(hit.pcode)
    # 2014 districts: within the governorate, first by the main names, then by the second
    # alternates (A2NameAlt2 is sometimes another place's name); COD-AB districts before
    # sub-districts (several 2014 districts are sub-districts in 2019).
    alt1_codes: dict[str, str] = {}
    alt2_codes: dict[str, str] = {}
    for r in _read_csv(GAZETTEER_DIR / "iraq_adm2_districts_ocha_2014_pcodes.csv"):
        gov = gov_by_2014.get(r["A1Code"], "")
        main = [r[c] for c in ("A2NameEn", "A2NameAr", "A2NameAlt1", "A2NaArAlt1", "HRname") if r.get(c)]
        extra = [r[c] for c in ("A2NameAlt2", "A2NameAlt") if r.get(c)]
        districts = children(gov, "district")
        subdistricts = [s for d in districts for s in children(d.pcode, "subdistrict")]
        hit = None
        for names in (main, extra):
            hit = _match(names, districts) or _match(names, subdistricts)
            if hit is not None:
                break
        if hit is None:
            unmapped.append((r["A2Code"], r["A2NameEn"]))
            continue
        hit.add(*main, *extra)
        pid = place_id(hit.pcode)
        crosswalk[r["A2Code"]] = pid
        if r.get("HRpcode"):
            crosswalk[r["HRpcode"]] = pid
        if r.get("A2CodeAlt1"):
            alt1_codes[r["A2CodeAlt1"]] = pid
        if r.get("A2CodeAlt2"):
            alt2_codes[r["A2CodeAlt2"]] = pid
    # Some alternate codes are reused by two districts; the 3W tables join on A2CodeAlt2,
    # so a second alternate code wins over a first one.
    for code, pid in (alt1_codes | alt2_codes).items():
        crosswalk.setdefault(code, pid)
    # Hand-collected alternate spellings.
    for r in _read_csv(GAZETTEER_DIR / "alternate_names.csv"):
        if r["pcode"] not in drafts:
            raise ValueError(f"alternate_names.csv: unknown P-code {r['pcode']}")
        drafts[r["pcode"]].add(r["name"])
    places = tuple(
        d.to_place() for d in sorted(drafts.values(), key=lambda d: (LEVEL_RANK[d.level], d.pcode))
    )
    return _GazetteerData(places, crosswalk, tuple(unmapped))


def load_places() -> list[Place]:
    """Iraq's COD-AB 2019 places: the country, 18 governorates, 101 districts, 294 sub-districts.

    Alternate names come from the COD-AB alternate columns, the 2014 OCHA tables (joined by
    name) and ``gazetteer/alternate_names.csv``.
    """
    return list(_gazetteer_data().places)


def district_crosswalk_2014() -> dict[str, str]:
    """2014 OCHA codes -> COD-AB place ids: districts (IQ-D091, IQ15101, IQ15100 -> place:IQG15Q09)
    and governorates (IQ-G15, IQ15 -> place:IQG15). The 3W tables use these codes."""
    return dict(_gazetteer_data().crosswalk)


def unmapped_2014_districts() -> list[tuple[str, str]]:
    """(2014 code, name) of the 2014 units with no COD-AB 2019 counterpart found by name."""
    return list(_gazetteer_data().unmapped)
