"""IATI activity XML (2.0x) into efforts: who funds, who implements, what, where, when, how much.

Parsed with defusedxml (no entity expansion, no external entities). Each <iati-activity> is
an effort; participating organisations keep their IATI role (1 funding, 2 accountable,
3 extending, 4 implementing) and go through the same Resolver as names found in text; DAC
sector codes map onto the theme vocabulary; recipient country, locations (names or admin
codes) become places. A broken activity is reported by its position and identifier; the
others go in.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as DET

from graph.model import Actor, Document, Edge, Effort, short_hash
from graph.vocab import load_gazetteer
from ingest.loaders import LoadError, document_id
from ingest.resolve import Resolver
from ingest.tabular import RowProblem, TableReport, _actors, concepts_in, org_refs

ROLE_NAMES = {"1": "funding", "2": "accountable", "3": "extending", "4": "implementing"}
STATUS_NAMES = {"1": "pipeline", "2": "implementation", "3": "finalisation", "4": "closed", "5": "cancelled",
                "6": "suspended"}
# DAC 5-digit purpose codes (and 3-digit categories) -> theme ids; the most specific code wins.
DAC_THEMES: dict[str, list[str]] = {
    "15220": ["theme:social_cohesion"], "15210": ["theme:law_enforcement"], "15130": ["theme:justice"],
    "15113": ["theme:good_governance"], "15110": ["theme:good_governance"], "15112": ["theme:local_governance"],
    "15150": ["theme:civil_society"], "15160": ["theme:human_rights"], "15170": ["theme:women"],
    "15180": ["theme:gbv"], "15190": ["theme:displacement"], "15240": ["theme:reintegration"],
    "15261": ["theme:children", "theme:child_protection"], "15230": ["theme:stabilisation"],
    "15250": ["theme:stabilisation"], "16010": ["theme:protection"], "16020": ["theme:employment"],
    "16061": ["theme:culture_sport"], "11330": ["theme:vocational_training"], "11230": ["theme:youth"],
    "11420": ["theme:higher_education"], "12220": ["theme:health"], "12340": ["theme:health"],
    "72010": ["theme:protection"], "72050": ["theme:coordination"], "73010": ["theme:stabilisation"],
    "52010": ["theme:food_security"], "72040": ["theme:food_security"], "16030": ["theme:shelter"],
    "151": ["theme:good_governance"], "152": ["theme:social_cohesion"], "111": ["theme:education"],
    "112": ["theme:education"], "113": ["theme:education"], "114": ["theme:higher_education"],
    "121": ["theme:health"], "122": ["theme:health"], "130": ["theme:health"], "140": ["theme:wash"],
    "160": ["theme:protection"], "720": ["theme:protection"], "730": ["theme:stabilisation"],
}


@dataclass
class IatiFacts:
    document: Document
    actors: list[Actor]
    efforts: list[Effort]
    edges: list[Edge]
    report: TableReport


def _text(el: Element | None) -> str:
    """The narrative of an element (IATI 2: <narrative> children; 1.0x: the element's text)."""
    if el is None:
        return ""
    parts = [n.text or "" for n in el.findall("narrative")]
    return " ".join(p.strip() for p in parts if p.strip()) or (el.text or "").strip()


def _themes(act: Element) -> list[str]:
    out: list[str] = []
    for s in act.findall("sector"):
        vocab = s.get("vocabulary", "1")
        code = (s.get("code") or "").strip()
        if vocab in ("1", "2", "DAC", "DAC-3") and code:
            out += DAC_THEMES.get(code) or DAC_THEMES.get(code[:3], [])
        out += concepts_in(_text(s))
    return list(dict.fromkeys(out))


def _places(act: Element) -> list[str]:
    gaz = load_gazetteer()
    found: list[str] = []
    for loc in act.findall("location"):
        for ad in loc.findall("administrative"):
            code = (ad.get("code") or "").strip()
            p = gaz.get(code) if code else None
            if p is not None:
                found.append(p.id)
        name = _text(loc.find("name"))
        if name:
            hits = gaz.lookup(name)
            if hits:
                found.append(hits[0].id)
    # recipient-region is wider than Iraq's gazetteer: the country decides
    if not found:
        for rc in act.findall("recipient-country"):
            if (rc.get("code") or "").upper() == "IQ":
                found.append("place:IQ")
    return list(dict.fromkeys(found))


def import_iati(path: Path, resolver: Resolver, data: bytes | None = None, doc_id: str = "") -> IatiFacts:
    """Every <iati-activity> of the file to an effort; LoadError when the file is not IATI XML."""
    path = Path(path)
    data = path.read_bytes() if data is None else data
    if not data.strip():
        raise LoadError(path, "empty file")
    try:
        root = DET.fromstring(data)
    except DET.ParseError as e:
        raise LoadError(path, f"not well-formed XML ({e})") from None
    except Exception as e:  # defusedxml's refusals (entities, DTDs)
        raise LoadError(path, f"XML refused for safety ({type(e).__name__}: {e})") from None
    tag = re.sub(r"^\{.*\}", "", root.tag)
    if tag == "iati-activity":
        acts = [root]
    elif tag == "iati-activities":
        acts = root.findall("iati-activity")
    else:
        raise LoadError(path, f"not an IATI activity file: the root element is <{tag}>, "
                        "expected <iati-activities> or <iati-activity>")
    doc_id = doc_id or document_id(path)  # the ingest pipeline passes the id it assigned
    report = TableReport(mapping_source="iati")
    drafts: list[tuple[int, str, Element, list[tuple[str, str]], list[str]]] = []
    names: set[str] = set()
    for n, act in enumerate(acts, start=1):
        report.rows += 1
        ident = (act.findtext("iati-identifier") or "").strip()
        where = f"activity {n}" + (f" ({ident})" if ident else "")
        if not ident:
            report.problems.append(RowProblem(n, "iati-identifier", f"{where}: missing <iati-identifier>"))
            continue
        orgs = []
        for po in act.findall("participating-org"):
            name = _text(po) or (po.get("ref") or "").strip()
            role = ROLE_NAMES.get((po.get("role") or "").strip(), "")
            if not name:
                report.problems.append(RowProblem(n, "participating-org", f"{where}: a participating-org has no name or ref", skipped=False))
                continue
            if not role:
                report.problems.append(RowProblem(n, "participating-org", f"{where}: role '{po.get('role')}' of {name} is not 1-4; taken as implementing", skipped=False))
                role = "implementing"
            orgs.append((name, role))
        if not orgs:
            rep_org = act.find("reporting-org")
            if rep_org is not None and _text(rep_org):
                orgs.append((_text(rep_org), "accountable"))
        if not orgs:
            report.problems.append(RowProblem(n, "participating-org", f"{where}: no participating or reporting organisation"))
            continue
        places = _places(act)
        if not places:
            report.problems.append(RowProblem(n, "location", f"{where}: no recipient country IQ and no location in the gazetteer"))
            continue
        names |= {o for o, _ in orgs}
        drafts.append((n, ident, act, orgs, places))
    refs = org_refs(sorted(names))
    ids = resolver.resolve_refs(refs)
    actors = _actors(refs, ids, resolver, "iati")
    efforts: list[Effort] = []
    edges: list[Edge] = []
    for n, ident, act, orgs, places in drafts:
        eid = "effort:" + short_hash(doc_id, ident)
        title = _text(act.find("title")) or ident
        desc = _text(act.find("description"))
        dates = {d.get("type", ""): (d.get("iso-date") or "")[:10] for d in act.findall("activity-date")}
        start = dates.get("2") or dates.get("1") or dates.get("start-actual") or dates.get("start-planned") or ""
        end = dates.get("4") or dates.get("3") or dates.get("end-actual") or dates.get("end-planned") or ""
        st = act.find("activity-status")
        status = STATUS_NAMES.get((st.get("code") or "") if st is not None else "", "")
        budget = 0.0
        for b in act.findall("budget"):
            try:
                value = float((b.findtext("value") or "0").strip())
                if not math.isfinite(value):  # "NaN", "INF": never into the graph or JSON
                    raise ValueError(value)
                budget += value
            except ValueError:
                report.problems.append(RowProblem(n, "budget", f"activity {n} ({ident}): budget value is not a number", skipped=False))
        sectors = "; ".join(filter(None, (_text(s) or s.get("code", "") for s in act.findall("sector"))))
        quote = f"{ident}: {title}" + (f" — {desc[:300]}" if desc else "")
        efforts.append(Effort(
            id=eid, title=title, sector=sectors, activity=desc[:500], status=status, date_start=start,
            date_end=end, budget=budget, doc_id=doc_id, quote=quote, page=n,
        ))
        for o, role in orgs:
            edges.append(Edge(rel="ROLE", src=ids[o], dst=eid, props={"role": role}))
        edges += [Edge(rel="EFFORT_IN", src=eid, dst=p) for p in places]
        for cid in dict.fromkeys(_themes(act) + concepts_in(title)):
            edges.append(Edge(rel="EFFORT_ABOUT", src=eid, dst=cid))
    report.efforts = len(efforts)
    document = Document(id=doc_id, title=path.stem, path=str(path), content_hash=hashlib.sha256(data).hexdigest(),
                        language="en", pages=len(acts), kind="iati")
    used = {e.src for e in edges if e.rel == "ROLE"}
    return IatiFacts(document, [a for a in actors.values() if a.id in used], efforts, edges, report)
