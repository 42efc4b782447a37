"""Builds api/web/static/map/: Iraq's governorate and district boundaries for the coverage map.

Source: OCHA's 2014 COD-AB boundaries (../shared/maps, CC BY-IGO, "OCHA / Central Statistical
Organization of Iraq"). Each 2014 district is tagged with the gazetteer's COD-AB 2019 place it
is (graph.vocab.district_crosswalk_2014, built from the 2014 code tables and names): a 2019
district, or a 2019 sub-district, whose parent district it is then shaded as. Coordinates are
simplified (Douglas-Peucker, ~500 m) and rounded to 3 decimals: the map is for coordination,
not for borders. Run: python scripts/build_map.py [SHARED_MAPS_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from graph.vocab import district_crosswalk_2014, load_gazetteer

REPO = Path(__file__).resolve().parent.parent
SRC = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "maps"
OUT = REPO / "api" / "web" / "static" / "map"
TOLERANCE = 0.005  # degrees (~500 m)
ATTRIBUTION = "Boundaries: OCHA / Central Statistical Organization of Iraq (COD-AB 2014), CC BY-IGO"

Ring = list[list[float]]


def _perp(p: list[float], a: list[float], b: list[float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return float(((x - x1) ** 2 + (y - y1) ** 2) ** 0.5)
    return float(abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5)


def simplify(ring: Ring, tol: float) -> Ring:
    """Douglas-Peucker (iterative); a ring keeps at least 4 points so it stays a polygon."""
    if len(ring) < 5:
        return ring
    keep = {0, len(ring) - 1}
    stack = [(0, len(ring) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = 0.0, -1
        for k in range(i + 1, j):
            d = _perp(ring[k], ring[i], ring[j])
            if d > best:
                best, at = d, k
        if best > tol and at > 0:
            keep.add(at)
            stack += [(i, at), (at, j)]
    out = [ring[k] for k in sorted(keep)]
    return out if len(out) >= 4 else ring[:: max(1, len(ring) // 4)][:3] + [ring[0]]


def _round(ring: Ring) -> Ring:
    out: Ring = []
    for x, y in ring:
        pt = [round(x, 3), round(y, 3)]
        if not out or out[-1] != pt:
            out.append(pt)
    return out


def shrink(geom: dict[str, Any]) -> dict[str, Any]:
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    out = []
    for poly in polys:
        rings = [_round(simplify(r, TOLERANCE)) for r in poly]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            out.append(rings)
    return {"type": "Polygon", "coordinates": out[0]} if len(out) == 1 else {"type": "MultiPolygon", "coordinates": out}


def main() -> None:
    gaz, xwalk = load_gazetteer(), district_crosswalk_2014()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, level in (("iraq_adm1_governorates_ocha_2014.geojson", "governorate"),
                        ("iraq_adm2_districts_ocha_2014.geojson", "district")):
        src = json.loads((SRC / name).read_text(encoding="utf-8"))
        feats = []
        for f in src["features"]:
            p = f["properties"]
            code = p["A1Code"] if level == "governorate" else p["A2Code"]
            pid = xwalk.get(code, "")
            place = gaz.get(pid) if pid else None
            # a 2014 district that is a 2019 sub-district is shaded as its 2019 district
            district = place.parent if place and place.level == "subdistrict" else pid
            gov = xwalk.get(p["A1Code"], "")
            props = {"code2014": code, "place": pid, "district": district if level == "district" else "",
                     "governorate": gov, "name": place.name if place and level == "governorate" else (
                         p["A1NameEn"] if level == "governorate" else p["A2NameEn"]),
                     "name_ar": p["A1NameAr"] if level == "governorate" else p["A2NameAr"]}
            if level == "district" and place and place.level == "district":
                props["name"] = place.name
            feats.append({"type": "Feature", "properties": props, "geometry": shrink(f["geometry"])})
        out = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": feats}
        target = OUT / ("governorates.geojson" if level == "governorate" else "districts.geojson")
        target.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        unmapped = [f["properties"]["code2014"] for f in feats if not f["properties"]["place"]]
        print(f"{target.relative_to(REPO)}: {len(feats)} features, {target.stat().st_size // 1024} KiB; "
              f"no 2019 code: {unmapped or 'none'}")


if __name__ == "__main__":
    main()
