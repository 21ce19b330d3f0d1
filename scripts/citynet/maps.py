"""Map geometry for the inline SVG maps: projections, base map paths, city points and label places.

Pure computation; the markup is in templates/_figures.j2. Up to three panels, each drawn only if it
has cities: Germany (every German city of the registry; the NRW cities sit close together and need
the room), Europe (cities abroad in Europe, Germany's frame marked) and the world (the rest, with
Europe's frame marked).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .cities import CityProfile
from .geoprep import clip_ring

GEO_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"

Projection = Callable[[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Frame:
    """A map panel: the area shown and the size of its viewBox (in SVG user units)."""

    id: str
    west: float
    south: float
    east: float
    north: float
    width: int
    font: int  # label size in user units; chosen so labels stay >= 12 px on a 360 px screen
    radius: int
    basemap: str  # file in data/geo/


GERMANY = Frame("de", 3.6, 47.2, 15.6, 55.1, width=500, font=20, radius=6, basemap="germany.geo.json")
EUROPE = Frame("eu", -11.0, 35.0, 21.0, 60.0, width=500, font=20, radius=6, basemap="europe.geo.json")
WORLD = Frame("world", -180.0, -57.0, 180.0, 84.0, width=800, font=30, radius=8, basemap="world.geo.json")


def _equirectangular(frame: Frame) -> tuple[Projection, float]:
    """Plate carrée with the longitudes shrunk by cos(mid latitude): true to shape for a country."""
    stretch = math.cos(math.radians((frame.south + frame.north) / 2))
    scale = frame.width / ((frame.east - frame.west) * stretch)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return ((lon - frame.west) * stretch * scale, (frame.north - lat) * scale)

    return project, (frame.north - frame.south) * scale


def _equal_earth_raw(lon: float, lat: float) -> tuple[float, float]:
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    theta = math.asin(math.sqrt(3) / 2 * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * math.radians(lon) * math.cos(theta) / (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


def _equal_earth(frame: Frame) -> tuple[Projection, float]:
    """Equal Earth (Šavrič, Patterson, Jenny 2018), cropped to the frame's latitudes."""
    left, _ = _equal_earth_raw(frame.west, 0)
    right, _ = _equal_earth_raw(frame.east, 0)
    _, top = _equal_earth_raw(0, frame.north)
    _, bottom = _equal_earth_raw(0, frame.south)
    scale = frame.width / (right - left)

    def project(lon: float, lat: float) -> tuple[float, float]:
        x, y = _equal_earth_raw(lon, lat)
        return ((x - left) * scale, (top - y) * scale)

    return project, (top - bottom) * scale


def projection(frame: Frame) -> tuple[Projection, int]:
    """The frame's projection and the viewBox height it needs."""
    project, height = (_equal_earth if frame is WORLD else _equirectangular)(frame)
    return project, math.ceil(height)


@lru_cache(maxsize=None)
def load_basemap(name: str, geo_dir: Path = GEO_DIR) -> tuple[dict, ...]:
    path = geo_dir / name
    try:
        return tuple(json.loads(path.read_text(encoding="utf-8"))["features"])
    except (OSError, ValueError, KeyError) as error:
        raise RuntimeError(f"{path}: cannot read the base map ({error}). Regenerate it: python3 scripts/make_geodata.py") from None


def path_data(polygons, project: Projection, box=None) -> str:
    """SVG path data for GeoJSON MultiPolygon coordinates, whole user units (about 1–2 px),
    clipped to box (west, south, east, north) if given: nothing outside the frame is sent."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            if box:
                ring = clip_ring([tuple(p) for p in ring], box)
            points = []
            for lon, lat in ring:
                x, y = project(lon, lat)
                point = f"{round(x)} {round(y)}"
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) >= 3:
                parts.append("M" + "L".join(points) + "Z")
    return "".join(parts)


@dataclass
class Shape:
    d: str
    css: str  # cn-map__land | cn-map__home


@dataclass
class Point:
    profile: CityProfile
    x: float
    y: float
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"
    current: bool = False
    labelled: bool = True  # False on a panel too crowded for names (see MAX_LABELLED_POINTS)
    box: tuple[float, float, float, float] = (0, 0, 0, 0)  # the label's estimated extent


@dataclass
class Panel:
    frame: Frame
    height: int
    shapes: list[Shape]
    points: list[Point]
    marker: tuple[float, float, float, float] | None = None  # Germany's frame on the world map
    extra: dict = field(default_factory=dict)


def label_width(text: str, font: float) -> float:
    """A generous estimate of the text's width in a sans-serif face (no font metrics at build time)."""
    wide = sum(1 for c in text if c.isupper() or c in "mwMW")
    return (len(text) * 0.56 + wide * 0.14) * font


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _distance(box, x: float, y: float) -> float:
    dx = max(box[0] - x, 0, x - box[2])
    dy = max(box[1] - y, 0, y - box[3])
    return math.hypot(dx, dy)


def place_labels(points: list[Point], names: dict[int, str], frame: Frame, width: float, height: float, obstacles=()) -> None:
    """Put each label beside its point where it hides no other label, point or the frame edge:
    right, left, above, below, then the diagonals; the least bad place if none is free."""
    font, r = frame.font, frame.radius
    gap = r + 4
    placed: list[tuple[float, float, float, float]] = list(obstacles)
    dots = [(p.x - r, p.y - r, p.x + r, p.y + r) for p in points]

    def crowd(p: Point) -> int:
        return sum(1 for q in points if q is not p and abs(q.x - p.x) < 6 * font and abs(q.y - p.y) < 3 * font)

    for index in sorted(range(len(points)), key=lambda i: (-crowd(points[i]), points[i].y)):
        p = points[index]
        w = label_width(names[index], font)
        # (label x, baseline y, anchor); the box is computed from them
        candidates = [
            (p.x + gap, p.y + font * 0.35, "start"),
            (p.x - gap, p.y + font * 0.35, "end"),
            (p.x, p.y - gap, "middle"),
            (p.x, p.y + gap + font * 0.8, "middle"),
            (p.x + gap * 0.7, p.y - gap * 0.7, "start"),
            (p.x + gap * 0.7, p.y + gap * 0.7 + font * 0.8, "start"),
            (p.x - gap * 0.7, p.y - gap * 0.7, "end"),
            (p.x - gap * 0.7, p.y + gap * 0.7 + font * 0.8, "end"),
        ]
        best = None
        for x, y, anchor in candidates:
            left = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
            box = (left, y - font * 0.8, left + w, y + font * 0.25)
            outside = max(0, -box[0]) + max(0, box[2] - width) + max(0, -box[1]) + max(0, box[3] - height)
            cost = sum(_overlap(box, other) for other in placed)
            cost += sum(_overlap(box, dot) for j, dot in enumerate(dots) if j != index)
            cost += outside * font * 10
            own = _distance(box, p.x, p.y)
            cost += sum(font * font for j, q in enumerate(points) if j != index and _distance(box, q.x, q.y) < own + r)
            if best is None or cost < best[0]:
                best = (cost, x, y, anchor, box)
            if cost == 0:
                break
        _, p.label_x, p.label_y, p.anchor, p.box = best
        placed.append(p.box)


def inside(frame: Frame, lon: float, lat: float) -> bool:
    return frame.west <= lon <= frame.east and frame.south <= lat <= frame.north


def frame_of(profile: CityProfile) -> Frame:
    """The panel a city is drawn on."""
    city = profile.city
    if city.is_german:
        return GERMANY
    return EUROPE if inside(EUROPE, city.lon, city.lat) else WORLD


@lru_cache(maxsize=None)
def base_shapes(frame: Frame, geo_dir: Path = GEO_DIR) -> tuple[Shape, ...]:
    """The land of a panel as SVG paths. The same for every page, so computed once: a city page
    draws its panel too, and the cost per page must not grow with the number of pages."""
    project, _ = projection(frame)
    shapes = []
    for feature in load_basemap(frame.basemap, geo_dir):
        css = "cn-map__home" if frame is not WORLD and feature.get("id") == "276" else "cn-map__land"
        box = (frame.west - 0.5, frame.south - 0.5, frame.east + 0.5, frame.north + 0.5) if frame is not WORLD else None
        d = path_data(feature["geometry"]["coordinates"], project, box)
        if d:
            shapes.append(Shape(d, css))
    return tuple(shapes)


# Beyond this many cities a panel draws points without names: the names could not be read, and
# placing them costs time with the square of the number of points (a minute for 2,000). Each
# point keeps its name as the link's accessible name and tooltip; the table beside the map
# lists every city.
MAX_LABELLED_POINTS = 80

# Which smaller frame each panel marks as a rectangle.
_MARKED = {"eu": GERMANY, "world": EUROPE}


def panels(profiles: list[CityProfile], lang: str, *, current: str | None = None, geo_dir: Path = GEO_DIR) -> list[Panel]:
    """The map panels that have cities to show, each city on exactly one of them."""
    result = []
    for frame in (GERMANY, EUROPE, WORLD):
        members = [p for p in profiles if frame_of(p) is frame]
        if not members:
            continue
        project, height = projection(frame)
        shapes = list(base_shapes(frame, geo_dir))
        points = []
        for profile in members:
            x, y = project(profile.city.lon, profile.city.lat)
            points.append(Point(profile, round(x, 1), round(y, 1), current=profile.city.id == current))
        marker = None
        if frame.id in _MARKED:
            small = _MARKED[frame.id]
            x0, y0 = project(small.west, small.north)
            x1, y1 = project(small.east, small.south)
            marker = (round(x0, 1), round(y0, 1), round(x1 - x0, 1), round(y1 - y0, 1))
        if len(points) <= MAX_LABELLED_POINTS:
            names = {i: p.profile.city.name[lang] for i, p in enumerate(points)}
            obstacles = [(marker[0], marker[1], marker[0] + marker[2], marker[1] + marker[3])] if marker else []
            place_labels(points, names, frame, frame.width, height, obstacles)
        else:
            for point in points:
                point.labelled = False
        result.append(Panel(frame, height, shapes, points, marker))
    return result
