"""Clip a polygon ring to a box: the maps cut the base map to each panel's frame (citynet/maps.py),
and scripts/make_geodata.py cuts Natural Earth to the areas the maps show."""

from __future__ import annotations

Ring = list[tuple[float, float]]  # (lon, lat), closed: first point == last point


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
