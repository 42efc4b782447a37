"""3W ("who does what where") tables, CSV or XLSX, into efforts with resolved organisations.

A 3W row is an effort: organisations in roles (implementer, funder, partner), a sector and
activity (mapped onto the theme vocabulary), a place (P-code, 2014 codes crosswalked, or a
name looked up in the gazetteer), dates and status. Columns come from HXL hashtags when the
table has a hashtag row, else from a mapping the user gives, else from header names (the
inferred mapping is reported, so the user can check it). Organisation names go through the
same Resolver as names found in text, so "NRC" and "Norwegian Refugee Council" are one node,
and UNICEF in a 3W table is the UNICEF of the strategies. Bad rows are reported by number
and field; good rows go in.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.model import Actor, ActorKind, Document, Edge, Effort, Place, short_hash
from graph.names import acronym_of, name_key, normalize_name
from graph.safe_text import strip_controls
from graph.settings import get_settings
from graph.terms import TermIndex
from graph.vocab import district_crosswalk_2014, load_concepts, load_gazetteer
from ingest.extract import ActorRef, knowledge
from ingest.loaders import LoadError, decode_text, document_id
from ingest.resolve import Resolver

# canonical field -> role of the organisation in it (for org fields)
ORG_ROLES = {"org": "implementer", "org_impl": "implementer", "org_funder": "funder", "org_partner": "partner"}
FIELDS = (
    *ORG_ROLES, "sector", "activity", "adm1_code", "adm1_name", "adm2_code", "adm2_name", "adm3_code", "adm3_name",
    "status", "date_start", "date_end", "target", "budget", "title",
)
_MISSING = {"", "#n/a", "n/a", "na", "-", "none", "null", "#ref!", "#value!"}


@dataclass
class RowProblem:
    row: int
    field: str
    reason: str
    skipped: bool = True

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", {self.field}" if self.field else "")
        return f"{where}: {self.reason}" + ("" if self.skipped else " (row kept)")


@dataclass
class TableReport:
    rows: int = 0
    efforts: int = 0
    duplicates: int = 0
    mapping: dict[str, str] = field(default_factory=dict)  # field -> column header / hashtag
    mapping_source: str = ""  # hxl | given | inferred
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p.skipped)

    def summary(self) -> str:
        """One line for the file report: how many rows went in, how many were skipped and why."""
        reasons: dict[str, int] = {}
        for p in self.problems:
            key = re.sub(r"'[^']*'", "…", p.reason) + ("" if p.skipped else " (kept)")
            reasons[key] = reasons.get(key, 0) + 1
        parts = [f"{self.efforts} efforts from {self.rows} rows"]
        if self.mapping_source == "inferred":
            # an inferred mapping is shown, so the user can check it (or give their own)
            parts.append("columns inferred: " + ", ".join(f"{f}={h}" for f, h in self.mapping.items()))
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicate rows merged")
        if reasons:
            parts.append("; ".join(f"{n} × {r}" for r, n in sorted(reasons.items(), key=lambda kv: -kv[1])))
        return "; ".join(parts)


@dataclass
class TableFacts:
    """What one table becomes: the document, its efforts and the organisations in them."""

    document: Document
    actors: list[Actor]
    efforts: list[Effort]
    edges: list[Edge]
    report: TableReport


# --- reading -------------------------------------------------------------------------------


def read_rows(path: Path, data: bytes) -> list[list[str]]:
    """All rows of a CSV (any common encoding and delimiter) or the first sheet of an XLSX."""
    return list(iter_rows(path, data))


def iter_rows(path: Path, data: bytes) -> Iterator[list[str]]:
    """The rows one at a time (a large table is never held as a list of rows). A malformed CSV
    (a cell over DALIL_CSV_MAX_FIELD_KB, usually an unterminated quote) raises LoadError naming
    the line: the file fails alone, the batch goes on."""
    if path.suffix.lower() == ".xlsx":
        import zipfile

        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
            raise LoadError(path, f"not a readable XLSX workbook ({e})") from None
        try:
            ws = wb.worksheets[0]
            for r in ws.iter_rows(values_only=True):
                yield ["" if v is None else strip_controls(str(v)).strip() for v in r]
        finally:
            wb.close()
        return
    text = decode_text(path, data)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    limit_kb = get_settings().csv_max_field_kb
    csv.field_size_limit(max(limit_kb * 1024, 1024))
    reader = csv.reader(io.StringIO(text), dialect)
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            why = str(e)
            if "field larger than field limit" in why:
                why = (f"a cell larger than the limit of {limit_kb} KB (DALIL_CSV_MAX_FIELD_KB; "
                       "an unterminated quote?)")
            raise LoadError(path, f"malformed CSV in the row starting at line {line}: {why}") from None
        yield [strip_controls(c).strip() for c in row]  # a NUL in a cell never reaches the graph


def _hxl_field(tag: str) -> str | None:
    """The field a hashtag spec stands for ("#org +funder" -> org_funder)."""
    t = tag.strip().lower().replace(" ", "")
    if not t.startswith("#"):
        return None
    head, *attrs = t[1:].split("+")
    a = set(attrs)
    if head == "org":
        if a & {"funder", "donor", "funding"}:
            return "org_funder"
        if a & {"impl", "implementing", "implementer"}:
            return "org_impl"
        if a & {"prog", "partner", "lead", "reporting"}:
            return "org_partner"
        return "org"
    if head in ("adm1", "adm2", "adm3"):
        return f"{head}_code" if "code" in a else f"{head}_name"
    if head in ("sector", "subsector"):
        return "sector" if head == "sector" else "activity"
    if head == "activity":
        return "title" if "name" in a and "activity" in FIELDS else "activity"
    if head == "status":
        return "status"
    if head == "date":
        return "date_end" if a & {"end", "finish"} else "date_start" if a & {"start", "begin"} else None
    if head in ("targeted", "population", "beneficiary", "group"):
        return "target"
    if head in ("value", "budget") or (head == "meta" and "budget" in a):
        return "budget"
    return None


# header words -> field, tried in order (the first rule a header satisfies wins)
_HEADER_RULES: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    # field, words that must all appear (any one of the alternatives separated by |), words that must not
    ("org_funder", ("donor|funder|funding",), ()),
    ("org_impl", ("implementing|implementer",), ()),
    ("org_partner", ("partner",), ("implementing",)),
    ("org", ("organisation|organization|org|agency|actor|ngo",), ()),
    ("adm3_code", ("subdistrict|sub district|nahiya|adm3", "pcode|p code|code"), ()),
    ("adm2_code", ("district|qada|adm2", "pcode|p code|code"), ()),
    ("adm1_code", ("governorate|gov|province|adm1", "pcode|p code|code"), ()),
    ("adm3_name", ("subdistrict|sub district|nahiya|adm3",), ()),
    ("adm2_name", ("district|qada|adm2",), ()),
    ("adm1_name", ("governorate|province|adm1",), ()),
    ("sector", ("sector|cluster",), ()),
    ("date_start", ("start",), ()),
    ("date_end", ("end",), ()),
    ("activity", ("activity|activities",), ()),
    ("status", ("status",), ()),
    ("target", ("target|beneficiar|population",), ()),
    ("budget", ("budget|value|amount",), ()),
    ("title", ("project|title",), ()),
]


def _header_field(header: str) -> str | None:
    h = " " + re.sub(r"[^a-z0-9]+", " ", header.lower()).strip() + " "
    h = h.replace("pcode", " pcode ")
    for fld, musts, nots in _HEADER_RULES:
        if all(any(f" {alt}" in h for alt in m.split("|")) for m in musts) and not any(f" {n}" in h for n in nots):
            return fld
    return None


def infer_mapping(rows: list[list[str]], given: dict[str, str] | None = None) -> tuple[int, dict[str, int], str]:
    """(index of the first data row, field -> column, source of the mapping).

    An HXL hashtag row (within the first five rows, most non-empty cells starting with "#")
    wins; then the user's mapping (field -> header text or hashtag); then header names.
    """
    for i, r in enumerate(rows[:5]):
        cells = [c for c in r if c]
        if cells and sum(c.startswith("#") for c in cells) >= max(1, len(cells) // 2 + 1):
            m: dict[str, int] = {}
            for j, c in enumerate(r):
                f = _hxl_field(c)
                if f and f not in m:
                    m[f] = j
            return i + 1, m, "hxl"
    headers = rows[0] if rows else []
    if given:
        norm = {normalize_name(h): j for j, h in enumerate(headers)}
        m = {}
        for fld, col in given.items():
            f = _hxl_field(fld) or fld if fld.startswith("#") else fld
            if f not in FIELDS:
                raise ValueError(f"unknown field {fld!r} in the column mapping (fields: {', '.join(FIELDS)})")
            jj = norm.get(normalize_name(col))
            if jj is None:
                raise ValueError(f"column {col!r} of the mapping is not in the header ({', '.join(headers)})")
            m[f] = jj
        return 1, m, "given"
    m = {}
    for j, h in enumerate(headers):
        f = _header_field(h)
        if f and f not in m:
            m[f] = j
    return 1, m, "inferred"


# --- organisations ---------------------------------------------------------------------------

_NOISE_SUFFIX = re.compile(r"\s+(convoy)$", re.IGNORECASE)
_LOCAL_GOV = re.compile(r"\b(gov\.?|government|pc|mayor|mayor office|governorate)$", re.IGNORECASE)
_DIRECTORATE = re.compile(r"\b(directorate|department|do[A-Z][A-Za-z]{0,3}|DoH|DoE|DoW)\b")


def clean_org(raw: str) -> str:
    return re.sub(r"\s+", " ", raw.replace("’", "'")).strip(" ,;")


def _kind_of(name: str) -> str:
    if _LOCAL_GOV.search(name):
        return ActorKind.local_government.value
    if _DIRECTORATE.search(name):
        return ActorKind.unit.value
    return ActorKind.ngo.value


def org_refs(names: Iterable[str]) -> dict[str, ActorRef]:
    """One ActorRef per distinct name, with aliases that let the Resolver join spellings.

    Registry names and acronyms come first ("UNICEF"); within the table an acronym is joined
    to a full name whose initials it is ("IRC" = "International Rescue Committee"); a trailing
    logistics word is dropped ("IOM Convoy" = "IOM").
    """
    kb = knowledge()
    refs: dict[str, ActorRef] = {}
    for raw in names:
        name = clean_org(raw)
        base = _NOISE_SUFFIX.sub("", name)
        hits = kb.actor_index.find(base)
        reg = hits[0].payload if len(hits) == 1 and hits[0].start == 0 and hits[0].end >= len(base) - 1 else ""
        if reg:
            e = kb.registry[reg]
            ref = ActorRef(name=e.name, kind=e.kind, level=e.level, registry_id=reg,
                           aliases={*e.aliases, *e.acronyms, name} - {e.name},
                           themes={f"theme:{t}" for t in e.themes})
        else:
            ref = ActorRef(name=base, kind=_kind_of(base), aliases={name} - {base})
        refs[raw] = ref
    # loose keys ("Al-Ofiq" = "Ofiq"; "Gov." = "government") join spellings within the table
    by_loose: dict[str, ActorRef] = {}
    for ref in refs.values():
        if ref.registry_id:
            continue
        k = re.sub(r"\bgov\b", "government", name_key(ref.name))
        first = by_loose.setdefault(k, ref)
        if first is not ref:
            first.aliases.add(ref.name)
    full_by_acr: dict[str, list[ActorRef]] = {}
    for ref in refs.values():
        if len(ref.name.split()) >= 2:
            full_by_acr.setdefault(acronym_of(ref.name), []).append(ref)
    for ref in refs.values():
        n = ref.name
        if " " not in n and 2 <= len(n) <= 8 and n.upper() == n.replace("-", "").upper() and not ref.registry_id:
            fulls = full_by_acr.get(n.upper(), [])
            if len(fulls) == 1:
                fulls[0].aliases.add(n)
    return refs


# --- places ------------------------------------------------------------------------------------


class _Places:
    """P-codes (2019 and 2014) and names to gazetteer places, the names within their governorate."""

    def __init__(self) -> None:
        self.gaz = load_gazetteer()
        self.xwalk = district_crosswalk_2014()

    def code(self, code: str) -> Place | None:
        c = code.strip().upper()
        if c.lower() in _MISSING:
            return None
        p = self.gaz.get(c) or (self.gaz.get(self.xwalk[c]) if c in self.xwalk else None)
        return p

    def name(self, name: str, within: Place | None, level: str) -> Place | None:
        if name.strip().lower() in _MISSING:
            return None
        hits = self.gaz.lookup(name)
        if within is not None:
            hits = [p for p in hits if self.gaz.contains(within.id, p.id)]
        exact = [p for p in hits if p.level == level]
        return exact[0] if exact else (hits[0] if hits else None)


# --- import ----------------------------------------------------------------------------------


def _concept_index() -> TermIndex[str]:
    idx: TermIndex[str] = TermIndex()
    for c in load_concepts():
        if c.scheme == "driver":
            continue
        for lab in [c.label_en, c.label_ar, *c.alt_labels]:
            if lab:
                idx.add(lab, c.id, "upper" if re.fullmatch(r"[A-Z/&]{2,8}", lab) else "any")
    return idx


_CONCEPTS: TermIndex[str] | None = None


@functools.lru_cache(maxsize=8192)
def _concepts_of(text: str) -> tuple[str, ...]:
    """Cached: a table repeats a few sector and activity cells over many rows, and the term
    search was a third of a large table's import time (issue 17)."""
    global _CONCEPTS
    if _CONCEPTS is None:
        _CONCEPTS = _concept_index()
    return tuple(h.payload for h in _CONCEPTS.find(text))


def concepts_in(*texts: str) -> list[str]:
    """Themes and target groups named in a sector, activity or target-group cell."""
    out: list[str] = []
    for t in texts:
        if t:
            out += _concepts_of(t)
    return list(dict.fromkeys(out))


def _budget(v: str) -> float:
    try:
        return float(re.sub(r"[^\d.\-]", "", v) or 0)
    except ValueError:
        return 0.0


def import_table(
    path: Path, resolver: Resolver, mapping: dict[str, str] | None = None, data: bytes | None = None,
    doc_id: str = "",
) -> TableFacts:
    """A 3W table to a Document, Effort nodes, ROLE / EFFORT_IN / EFFORT_ABOUT edges and actors.

    Raises LoadError when the file cannot be a 3W table at all (unreadable, no organisation or
    no place column); row-level problems are collected in the report and the row is skipped.
    """
    path = Path(path)
    data = path.read_bytes() if data is None else data
    if not data.strip():
        raise LoadError(path, "empty file")
    rows = iter_rows(path, data)
    head = list(itertools.islice(rows, 5))  # the mapping is read from the first rows; the rest stream
    try:
        start, cols, source = infer_mapping(head, mapping)
    except ValueError as e:
        raise LoadError(path, str(e)) from None
    headers = head[start - 1] if start > 0 and head else []
    org_fields = [f for f in ORG_ROLES if f in cols]
    place_fields = [f for f in ("adm1_code", "adm1_name", "adm2_code", "adm2_name", "adm3_code", "adm3_name") if f in cols]
    missing = ([] if org_fields else ["an organisation column (#org, organisation, partner...)"]) + (
        [] if place_fields else ["a place column (#adm1/#adm2 code or name, governorate, district...)"])
    if missing:
        raise LoadError(path, f"not a 3W table: missing {' and '.join(missing)}; columns found: {', '.join(h for h in headers if h) or 'none'}")
    if "sector" not in cols and "activity" not in cols:
        raise LoadError(path, "not a 3W table: missing a sector or activity column (#sector, sector, cluster, activity)")
    doc_id = doc_id or document_id(path)  # the ingest pipeline passes the id it assigned
    report = TableReport(mapping={f: (headers[j] if j < len(headers) else str(j)) for f, j in cols.items()},
                         mapping_source=source)
    places = _Places()

    def cell(r: list[str], f: str) -> str:
        j = cols.get(f)
        return r[j].strip() if j is not None and j < len(r) else ""

    # pass 1: rows -> drafts; organisations collected for one resolution
    drafts: dict[tuple[str, ...], dict[str, object]] = {}
    org_names: set[str] = set()
    n_rows = start
    for n, r in enumerate(itertools.chain(head[start:], rows), start=start + 1):
        n_rows = n
        if not any(c.strip() for c in r):
            continue
        report.rows += 1
        orgs = [(o.strip(), ORG_ROLES[f]) for f in org_fields for o in cell(r, f).split(";")]
        orgs = [(o, role) for o, role in orgs if o.lower() not in _MISSING]
        if not orgs:
            report.problems.append(RowProblem(n, "organisation", "blank organisation name"))
            continue
        place, prob = _row_place(places, {f: cell(r, f) for f in place_fields})
        if place is None:
            report.problems.append(RowProblem(n, "place", prob or "no place"))
            continue
        if prob:
            report.problems.append(RowProblem(n, "place", prob, skipped=False))
        key = tuple(cell(r, f) for f in sorted(cols)) + (place.id,)
        if key in drafts:
            report.duplicates += 1
            d = drafts[key]
            d["count"] = int(str(d["count"])) + 1
            continue
        org_names |= {o for o, _ in orgs}
        drafts[key] = {"row": n, "orgs": orgs, "place": place, "cells": {f: cell(r, f) for f in cols}, "count": 1}
    # organisations: one resolution for the whole table, through the shared identity layer
    refs = org_refs(sorted(org_names))
    ids = resolver.resolve_refs(refs)
    actors = _actors(refs, ids, resolver, "3w")
    efforts: list[Effort] = []
    edges: list[Edge] = []
    resolved_seen: set[tuple[object, ...]] = set()
    for d in drafts.values():
        c: dict[str, str] = d["cells"]  # type: ignore[assignment]
        ef_place = d["place"]
        assert isinstance(ef_place, Place)
        n = int(str(d["row"]))
        orgs: list[tuple[str, str]] = d["orgs"]  # type: ignore[no-redef]
        # two spellings of one organisation on otherwise equal rows are one effort
        rkey = (tuple(sorted({(ids[o], role) for o, role in orgs})), ef_place.id,
                tuple(sorted((f, v) for f, v in c.items() if f not in ORG_ROLES)))
        if rkey in resolved_seen:
            report.duplicates += 1
            continue
        resolved_seen.add(rkey)
        eid = "effort:" + short_hash(doc_id, n, *sorted(c.items()))
        who = ", ".join(actors[ids[o]].name for o, _ in orgs)
        what = " — ".join(x for x in (c.get("sector", ""), c.get("activity", "")) if x)
        count = int(str(d["count"]))
        quote = f"row {n}: " + "; ".join(f"{report.mapping[f]}={v}" for f, v in c.items() if v)
        if count > 1:
            quote += f" (and {count - 1} identical row{'s' if count > 2 else ''})"
        efforts.append(Effort(
            id=eid, title=c.get("title") or f"{what or 'activity'} by {who} in {ef_place.name}",
            sector=c.get("sector", ""), activity=c.get("activity", ""), status=c.get("status", ""),
            date_start=c.get("date_start", ""), date_end=c.get("date_end", ""), budget=_budget(c.get("budget", "")),
            doc_id=doc_id, quote=quote, page=n,
        ))
        for o, role in orgs:
            edges.append(Edge(rel="ROLE", src=ids[o], dst=eid, props={"role": role}))
        edges.append(Edge(rel="EFFORT_IN", src=eid, dst=ef_place.id))
        for cid in concepts_in(c.get("sector", ""), c.get("activity", ""), c.get("target", "")):
            edges.append(Edge(rel="EFFORT_ABOUT", src=eid, dst=cid))
    report.efforts = len(efforts)
    document = Document(
        id=doc_id, title=path.stem, path=str(path), content_hash=hashlib.sha256(data).hexdigest(),
        language="en", pages=n_rows, kind="3w",
    )
    used = {e.src for e in edges if e.rel == "ROLE"}
    return TableFacts(document, [a for a in actors.values() if a.id in used], efforts, edges, report)


def _row_place(places: _Places, cells: dict[str, str]) -> tuple[Place | None, str]:
    """The most specific place a row names, and a note when a code was unknown or disagreed."""
    note = ""
    gov = places.code(cells.get("adm1_code", "")) if cells.get("adm1_code") else None
    if cells.get("adm1_code") and gov is None and cells["adm1_code"].lower() not in _MISSING:
        note = f"unknown governorate P-code '{cells['adm1_code']}'"
    if gov is None and cells.get("adm1_name"):
        gov = places.name(cells["adm1_name"], None, "governorate")
    best: Place | None = gov
    for lvl, level in (("adm2", "district"), ("adm3", "subdistrict")):
        code, name = cells.get(f"{lvl}_code", ""), cells.get(f"{lvl}_name", "")
        p = places.code(code) if code else None
        if code and p is None and code.lower() not in _MISSING:
            note = f"unknown {level} P-code '{code}'"
        if p is None and name:
            p = places.name(name, gov, level)
            if p is None and name.lower() not in _MISSING:
                note = (note + "; " if note else "") + f"{level} '{name}' not in the gazetteer" + (
                    f", placed at {gov.name}" if gov else "")
        # a P-code wins over the governorate column (boundaries moved: Aqra is in Ninewa in 2019)
        if (p is not None and gov is not None and not places.gaz.contains(gov.id, p.id)
                and (not code or places.code(code) is None)):
            note = f"{level} {p.name} is not in {gov.name}; placed at {gov.name}"
            p = None
        if p is not None:
            best = p
    if best is None:
        return None, note or "no known place (governorate and district unknown)"
    return best, note


def _actors(refs: dict[str, ActorRef], ids: dict[str, str], resolver: Resolver, source: str) -> dict[str, Actor]:
    """Actor nodes for resolved refs, keeping what the graph already knows about a body."""
    out: dict[str, Actor] = {}
    merges: dict[str, set[str]] = {}
    for name, node, reason in getattr(resolver, "log", []):
        merges.setdefault(node, set()).add(f"{name}: {reason}")
    # the fullest spelling names a body the graph does not know yet ("IRC" -> its full name)
    fullest: dict[str, str] = {}
    for key, ref in refs.items():
        cur = fullest.get(ids[key])
        cands = [ref.name] if ref.registry_id else [ref.name, *(a for a in ref.aliases if not _NOISE_SUFFIX.search(a))]
        for cand in cands:
            if cur is None or (len(cand.split()), len(cand)) > (len(cur.split()), len(cur)):
                cur = cand
        fullest[ids[key]] = cur or ref.name
    for key, ref in refs.items():
        aid = ids[key]
        known = resolver.actors.get(aid)
        prev = out.get(aid)
        name = known.name if known else fullest[aid]
        aliases = set(ref.aliases) | {ref.name} | resolver.aliases_for(aid)
        if known:
            aliases |= set(known.aliases)
        if prev:
            aliases |= set(prev.aliases)
        aliases.discard(name)
        if normalize_name(key) != normalize_name(name):
            merges.setdefault(aid, set()).add(f"{clean_org(key)}: same body in the {source} table")
        out[aid] = Actor(
            id=aid, name=name, aliases=sorted(aliases),
            kind=known.kind if known and known.kind != "other" else ref.kind,
            level=known.level if known else ref.level, is_class=known.is_class if known else False,
            name_ar=known.name_ar if known else "", place=known.place if known else "",
            source=known.source if known else ("registry" if ref.registry_id else source),
            **({"merges": sorted(set(getattr(known, "merges", []) or []) | merges.get(aid, set()))}
               if "merges" in Actor.model_fields else {}),
        )
    return out
