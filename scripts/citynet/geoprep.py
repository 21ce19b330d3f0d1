"""Turn Natural Earth TopoJSON (as the npm package world-atlas ships it) into the small GeoJSON
files under data/geo/ that the maps are drawn from. Used by scripts/make_geodata.py, not by the build.

Only the standard library: decode TopoJSON arcs, clip polygons to a box, simplify, round.
"""

from __future__ import annotations

import math

Ring = list[tuple[float, float]]  # (lon, lat), closed: first point == last point


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
        result.append({
            "id": geometry.get("id"),
            "name": (geometry.get("properties") or {}).get("name"),
            "polygons": [[_ring(arcs, ring) for ring in polygon] for polygon in polygons],
        })
    return result


def clip_ring(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland–Hodgman clipping of a ring to (west, south, east, north). Edges along the box are
    fine for filled shapes, which is all the maps draw."""
    west, south, east, north = box
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    ]
    points = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    for inside, cross in edges:
        if not points:
            break
        clipped = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    clipped.append(cross(previous, current))
                clipped.append(current)
            elif inside(previous):
                clipped.append(cross(previous, current))
            previous = current
        points = clipped
    return points + points[:1] if len(points) >= 3 else []


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


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
    return [p for p, k in zip(ring, keep) if k]


def _distance_to_segment(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def ring_area(ring: Ring) -> float:
    """Absolute planar area in square degrees (enough to drop specks)."""
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))) / 2


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
            out.append({
                "type": "Feature",
                "id": feature["id"],
                "properties": {"name": feature["name"]} if feature["name"] else {},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            })
    return out
