"""Map geometry for the inline SVG maps: projections, base map paths, city points and label places.

Pure computation; the markup is in templates/_figures.j2. A drawing shows North Rhine-Westphalia
(its municipalities, inside the state border) and, only where there are places outside NRW, the
smallest panel around them: Germany, Europe, or the world (with Europe beside it where places are
there: a world map cannot tell them apart). A city page's locator map is the one panel its place is on.

Labels: names beside the points where they fit without touching another name or point; where
they do not (a crowded panel, many places), the places of the Rhine-Ruhr area move to a panel of
their own at a larger scale, and where names still do not fit, each point gets a number and the
drawing a numbered list of the places beside it, which is also its text alternative.

Longer than 300 lines on purpose: the frames, their projections, the choice of panels and the
placing of labels depend on one another (a panel is chosen by where its labels fit), and one
module keeps them readable together; the markup is in the template.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .cities import CityProfile
from .clipping import clip_ring
from .collation import name_key

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


NRW = Frame("nrw", 5.75, 50.25, 9.55, 52.6, width=500, font=20, radius=6, basemap="nrw.geo.json")
# The Rhine-Ruhr area at 2.5 times NRW's scale: a crowded NRW map shows its places there.
RHINE_RUHR = Frame("ruhr", 6.4, 50.8, 7.9, 51.72, width=500, font=20, radius=6, basemap="nrw.geo.json")
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
    x = (
        2
        * math.sqrt(3)
        * math.radians(lon)
        * math.cos(theta)
        / (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1))
    )
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


# Read once per process: the base maps change only with scripts/make_geodata.py (restart
# `mkdocs serve` after running it).
@cache
def load_basemap(name: str, geo_dir: Path) -> tuple[dict, ...]:
    path = geo_dir / name
    try:
        return tuple(json.loads(path.read_text(encoding="utf-8"))["features"])
    except (OSError, ValueError, KeyError) as error:
        raise RuntimeError(
            f"{path}: cannot read the base map ({error}). Regenerate it: python3 scripts/dev.py make-geodata"
        ) from None


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
    css: str  # cn-map__land [cn-map__land--plain] | cn-map__state | cn-map__nrw | cn-map__home


@dataclass(frozen=True)
class Place:
    """What a drawing shows of a place: filled point (a member) or ring (not a member, or no longer),
    the networks it belongs to on this drawing (for the finder's filter), whether it is a seat."""

    profile: CityProfile
    member: bool = True
    networks: tuple[str, ...] = ()
    seat: bool = False


@dataclass
class Point:
    place: Place
    x: float
    y: float
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"
    current: bool = False
    labelled: bool = True  # False on a panel too crowded for any label (see MAX_LABELLED_POINTS)
    number: int | None = None  # on a numbered panel: the point's number in the list beside the map
    box: tuple[float, float, float, float] = (0, 0, 0, 0)  # the label's estimated extent
    leader: tuple[float, float, float, float] | None = None  # a line to a label set further off

    @property
    def profile(self) -> CityProfile:
        return self.place.profile


@dataclass
class Panel:
    frame: Frame
    height: int
    shapes: list[Shape]
    points: list[Point]
    marker: tuple[float, float, float, float] | None = None  # a smaller panel's frame on this one
    marked: str | None = None  # that panel's frame id (nrw, eu)
    numbered: bool = False


@dataclass
class Drawing:
    """One map: its panels and, if a panel is numbered, the numbered list of every place drawn."""

    panels: list[Panel]
    listed: list[Point] = field(default_factory=list)  # in number order

    @property
    def points(self) -> list[Point]:
        return [p for panel in self.panels for p in panel.points]


def label_width(text: str, font: float) -> float:
    """A generous estimate of the text's width in a sans-serif face (no font metrics at build time)."""
    wide = sum(1 for c in text if c.isupper() or c in "mwMW")
    return (len(text) * 0.56 + wide * 0.14) * font


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _overlap_total(box, others) -> float:
    """The sum of _overlap(box, other) over `others`, looking closer only at boxes that can overlap
    (a box left or right of this one adds nothing): the same sum, in a fraction of the time."""
    left, top, right, bottom = box
    total = 0.0
    for other in others:
        if other[0] < right and other[2] > left:
            w = min(right, other[2]) - max(left, other[0])
            h = min(bottom, other[3]) - max(top, other[1])
            if w > 0 and h > 0:
                total += w * h
    return total


def _distance(box, x: float, y: float) -> float:
    dx = max(box[0] - x, 0, x - box[2])
    dy = max(box[1] - y, 0, y - box[3])
    return math.hypot(dx, dy)


def place_labels(
    points: list[Point],
    names: dict[int, str],
    frame: Frame,
    width: float,
    height: float,
    obstacles=(),
    *,
    further_off: bool = False,
) -> None:
    """Put each label beside its point where it hides no other label, point or the frame edge:
    right, left, above, below, then the diagonals; the least bad place if none is free. Among
    free places the one farthest from the other points wins, so that a long label (Kreis
    Paderborn) leaves its neighbours room for theirs."""
    font, r = frame.font, frame.radius
    gap = r + 4
    placed: dict[int, tuple[float, float, float, float]] = {}  # point index: its label's box
    rank: dict[int, int] = {}  # point index: when its label was first placed
    dots = [(p.x - r, p.y - r, p.x + r, p.y + r) for p in points]
    step_reach = 2 * gap * (7 if further_off else 1.5)  # a bound on a candidate place's offset, both axes
    grid = _Grid(points, step_reach + 4 * font)
    widest = max((label_width(names[i], font) for i in range(len(points))), default=0.0)

    def crowd(p: Point) -> int:
        return sum(1 for q in points if q is not p and abs(q.x - p.x) < 6 * font and abs(q.y - p.y) < 3 * font)

    def place(index: int) -> None:
        p = points[index]
        w = label_width(names[index], font)
        # Every candidate box lies within `reach` of the point: a box, dot or point farther off
        # adds nothing to any candidate's cost (no overlap, no crossed line, no nearer point), so
        # only the near ones are looked at (found by the grid): the same choice as looking at all.
        reach = step_reach + w + 2 * font
        limit = 2 * reach + r + 3 * font
        # A label stands within its own reach of its point, so only the labels of points within this
        # reach and the longest label's can touch this one's; taken in the order first placed, as before.
        radius = max(limit, reach + step_reach + widest + 2 * font)
        around = [j for j in grid.near(p.x, p.y, radius) if j != index]  # in index order
        taken = [box for box in obstacles if _distance(box, p.x, p.y) <= reach]
        labelled = sorted((j for j in around if j in placed), key=rank.__getitem__)
        taken += [placed[j] for j in labelled if _distance(placed[j], p.x, p.y) <= reach]
        near_dots = [(j, dots[j]) for j in around if _distance(dots[j], p.x, p.y) <= reach]
        near_dot_boxes = [dot for _, dot in near_dots]
        near_points = [points[j] for j in around if math.hypot(points[j].x - p.x, points[j].y - p.y) < limit]
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
        # Where every place beside the point is taken (a dense cluster), a number may stand
        # further off, joined to its point by a thin line: at a cost, so a free place beside
        # the point wins. (Names that do not fit are replaced by numbers instead, see draw().)
        far = []
        for step in (gap * 2.2, gap * 3.4, gap * 4.6, gap * 5.8, gap * 7) if further_off else ():
            for turn in range(16):  # every 22.5°
                dx, dy = math.cos(turn * math.pi / 8), math.sin(turn * math.pi / 8)
                anchor = "start" if dx > 0.3 else "end" if dx < -0.3 else "middle"
                far.append((p.x + dx * step, p.y + dy * step + font * (0.35 + 0.45 * dy), anchor))
        best = None
        for number, (x, y, anchor) in enumerate(candidates + far):
            if number == len(candidates) and best[0] == 0:
                break  # a free place beside the point
            off = number >= len(candidates)
            left = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
            box = (left, y - font * 0.8, left + w, y + font * 0.25)
            outside = max(0, -box[0]) + max(0, box[2] - width) + max(0, -box[1]) + max(0, box[3] - height)
            # Any overlap costs more than a place further off (below).
            cost = 100 * _overlap_total(box, taken)
            cost += 100 * _overlap_total(box, near_dot_boxes)
            cost += outside * font * 10
            # Every further term adds to the cost (none is negative), so a place already dearer than
            # the best one cannot win: the rest of its cost is not worked out (the same choice).
            if best is not None and (cost > best[0] or (off and cost + (1 + number) > best[0])):
                continue
            own = _distance(box, p.x, p.y)
            others = [_distance(box, q.x, q.y) for q in near_points]
            if off:  # the line says whose label it is; it must not run through another point
                line = _leader(p.x, p.y, box)
                # (A Kreis drawn at its seat: the line from the town's point starts in the Kreis's.)
                crossed = [d for _, d in near_dots if _distance(d, p.x, p.y) > 0 and _crosses(line, d)]
                cost += 10 * font * font * len(crossed)
                cost += 1 + number  # the nearest free place off the point
            else:  # a label nearer to another point would be read as that one's
                cost += sum(font * font for d in others if d < own + r)
            clearance = min([3 * font, *others])
            if best is None or (cost, -clearance) < best[:2]:
                best = (cost, -clearance, x, y, anchor, box, off)
            if cost == 0 and clearance >= 3 * font and not off:
                break
        _, _, x, y, p.anchor, p.box, off = best
        p.label_x, p.label_y = round(x, 1), round(y, 1)
        p.leader = _leader(p.x, p.y, p.box) if off else None
        rank.setdefault(index, len(rank))
        placed[index] = p.box

    def touches(index: int) -> bool:
        """Whether the label touches another label or point, or its line runs through a point."""
        box, p = placed[index], points[index]
        if any(_overlap(box, other) for other in [*obstacles, *(b for j, b in placed.items() if j != index)]):
            return True
        if any(_overlap(box, dot) for j, dot in enumerate(dots) if j != index):
            return True
        return bool(p.leader) and any(
            j != index and _distance(dot, p.x, p.y) > 0 and _crosses(p.leader, dot) for j, dot in enumerate(dots)
        )

    order = sorted(range(len(points)), key=lambda i: (-crowd(points[i]), points[i].y))
    for index in order:
        place(index)
    # The first labels were placed before their neighbours': place those that touch another
    # again, now that every other label stands.
    for _ in range(5):
        touching = [i for i in order if touches(i)]
        if not touching:
            break
        for index in touching:
            place(index)


class _Grid:
    """The points by square cells, to find those near a place without looking at every point."""

    def __init__(self, points: list[Point], cell: float):
        self.cell = cell
        self.cells: dict[tuple[int, int], list[int]] = {}
        for index, p in enumerate(points):
            self.cells.setdefault((int(p.x // cell), int(p.y // cell)), []).append(index)

    def near(self, x: float, y: float, radius: float) -> list[int]:
        """The indices of every point within `radius` of (x, y) (and of some a little farther), in order."""
        steps = int(radius // self.cell) + 1
        cx, cy = int(x // self.cell), int(y // self.cell)
        found = []
        for gx in range(cx - steps, cx + steps + 1):
            for gy in range(cy - steps, cy + steps + 1):
                found += self.cells.get((gx, gy), ())
        return sorted(found)


def _leader(x: float, y: float, box) -> tuple[float, float, float, float]:
    """From the point to the nearest point of the label's box."""
    return (x, y, min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3]))


def _crosses(line, box) -> bool:
    """Whether the line passes through the box (sampled: the boxes are small beside the line)."""
    x1, y1, x2, y2 = line
    # Every sampled point lies within the line's bounding box: a box apart from that is not crossed.
    if box[0] > max(x1, x2) or box[2] < min(x1, x2) or box[1] > max(y1, y2) or box[3] < min(y1, y2):
        return False
    for step in range(1, 10):
        t = step / 10
        x, y = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
        if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
            return True
    return False


def collisions(points: list[Point], frame: Frame, width: float, height: float) -> int:
    """How many placed labels touch another label, another point or leave the frame."""
    r = frame.radius
    count = 0
    for i, p in enumerate(points):
        box = p.box
        if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
            count += 1
            continue
        for j, q in enumerate(points):
            if i == j:
                continue
            if (j > i and _overlap(box, q.box)) or _overlap(box, (q.x - r, q.y - r, q.x + r, q.y + r)):
                count += 1
                break
    return count


def inside(frame: Frame, lon: float, lat: float) -> bool:
    return frame.west <= lon <= frame.east and frame.south <= lat <= frame.north


def context_frames(profiles: list[CityProfile]) -> list[tuple[Frame, list[CityProfile]]]:
    """The panels around the places outside NRW: Germany if they are all German, Europe if they
    are all in Europe; else the world, with Europe (or Germany, if those in Europe are all German)
    on a panel of its own where places are there: a world map cannot tell them apart."""
    if all(p.city.is_german for p in profiles):
        return [(GERMANY, profiles)]
    europe = [p for p in profiles if inside(EUROPE, p.city.lon, p.city.lat)]
    if len(europe) == len(profiles):
        return [(EUROPE, profiles)]
    world = [p for p in profiles if not inside(EUROPE, p.city.lon, p.city.lat)]
    if not europe:
        return [(WORLD, world)]
    return [(GERMANY if all(p.city.is_german for p in europe) else EUROPE, europe), (WORLD, world)]


def _state(feature: dict) -> str | None:
    """The state's code (DE-NW) of a German state's feature; None for a country (Natural Earth)."""
    code = str(feature.get("id", ""))
    return code if code.startswith("DE-") else None


@cache
def base_shapes(frame: Frame, geo_dir: Path) -> tuple[Shape, ...]:
    """The land of a panel as SVG paths. The same for every page, so computed once: a city page
    draws its panel too, and the cost per page must not grow with the number of pages.

    NRW: the countries around without borders (Natural Earth's would not meet the BKG's at this
    scale), the German states over them with their borders, NRW marked. Germany: its states,
    NRW marked. Europe: Germany marked. The world: land only."""
    project, _ = projection(frame)
    shapes = []
    for feature in load_basemap(frame.basemap, geo_dir):
        state = _state(feature)
        if state == "DE-NW":
            css = "cn-map__nrw"
        elif state:
            css = "cn-map__state"
        elif frame.basemap == NRW.basemap:
            css = "cn-map__land cn-map__land--plain"
        elif frame is EUROPE and feature.get("id") == "276":
            css = "cn-map__home"
        else:
            css = "cn-map__land"
        box = (frame.west - 0.5, frame.south - 0.5, frame.east + 0.5, frame.north + 0.5) if frame is not WORLD else None
        d = path_data(feature["geometry"]["coordinates"], project, box)
        if d:
            shapes.append(Shape(d, css))
    # Borders drawn over the fill of the neighbours: NRW's last, so its outline is whole.
    shapes.sort(key=lambda shape: {"cn-map__state": 1, "cn-map__nrw": 2}.get(shape.css, 0))
    return tuple(shapes)


# Beyond this many places a panel draws points without names or numbers: they could not be
# read, and placing them costs time with the square of the number of points (a minute for
# 2,000). Each point keeps its name as the link's accessible name and tooltip; the list or the
# table with the map names every place.
MAX_LABELLED_POINTS = 150
# Beyond this many places a panel is numbered even where the names would fit: a map with more
# names than this is read as a list anyway, and the list is easier to search.
MAX_NAMED_POINTS = 24


def _panel(frame: Frame, places: list[Place], geo_dir: Path, current: str | None, marked: Frame | None) -> Panel:
    project, height = projection(frame)
    points = []
    for place in places:
        x, y = project(place.profile.city.lon, place.profile.city.lat)
        points.append(Point(place, round(x, 1), round(y, 1), current=place.profile.city.id == current))
    marker = None
    if marked is not None:
        x0, y0 = project(marked.west, marked.north)
        x1, y1 = project(marked.east, marked.south)
        marker = (round(x0, 1), round(y0, 1), round(x1 - x0, 1), round(y1 - y0, 1))
    return Panel(frame, height, list(base_shapes(frame, geo_dir)), points, marker, marked.id if marked else None)


def _label(panel: Panel, names: dict[int, str], *, further_off: bool = False) -> None:
    marker = panel.marker
    obstacles = [(marker[0], marker[1], marker[0] + marker[2], marker[1] + marker[3])] if marker else []
    place_labels(panel.points, names, panel.frame, panel.frame.width, panel.height, obstacles, further_off=further_off)


# A crowded NRW map moves the places of the Rhine-Ruhr area to a panel of their own once that
# many are there.
MIN_RHINE_RUHR_POINTS = 3


def _named(panel: Panel, lang: str) -> bool:
    """Put the names beside the points; False (names to be replaced) if they cannot all be free."""
    if len(panel.points) > MAX_NAMED_POINTS:
        return False
    _label(panel, {i: p.profile.city.name[lang] for i, p in enumerate(panel.points)})
    return not collisions(panel.points, panel.frame, panel.frame.width, panel.height)


def _nrw_panels(nrw: list[Place], lang: str, geo_dir: Path, current: str | None) -> list[Panel]:
    """NRW's panel; where its names would not fit and the Rhine-Ruhr area has places, those are
    drawn on the Rhine-Ruhr panel instead (each place once), its frame marked on NRW's."""
    whole = _panel(NRW, nrw, geo_dir, current, None)
    inset = [p for p in nrw if inside(RHINE_RUHR, p.profile.city.lon, p.profile.city.lat)]
    if len(inset) < MIN_RHINE_RUHR_POINTS or len(inset) == len(nrw) or _named(whole, lang):
        for point in whole.points:  # labels again in draw(): names, or numbers
            point.box = (0, 0, 0, 0)
        return [whole]
    ids = {p.profile.city.id for p in inset}
    outer = [p for p in nrw if p.profile.city.id not in ids]
    return [_panel(NRW, outer, geo_dir, current, RHINE_RUHR), _panel(RHINE_RUHR, inset, geo_dir, current, None)]


def draw(places: list[Place], lang: str, *, geo_dir: Path, current: str | None = None) -> Drawing:
    """The drawing of these places: NRW's panel for those in NRW, one panel around the others."""
    # A place of NRW whose coordinates lie outside NRW's frame (a mistake in the registry) is
    # drawn on the panel around, not outside its own.
    nrw = [p for p in places if p.profile.city.is_nrw and inside(NRW, p.profile.city.lon, p.profile.city.lat)]
    in_nrw = {p.profile.city.id for p in nrw}
    rest = [p for p in places if p.profile.city.id not in in_nrw]
    panels = []
    if nrw:
        panels += _nrw_panels(nrw, lang, geo_dir, current)
    if rest:
        by_id = {p.profile.city.id: p for p in rest}
        frames = context_frames([p.profile for p in rest])
        for frame, profiles in frames:
            # NRW's frame on the panel around it; the smaller panel's on the world map beside it.
            marked = (frames[0][0] if len(frames) > 1 else None) if frame is WORLD else NRW if nrw else None
            panels.append(_panel(frame, [by_id[p.city.id] for p in profiles], geo_dir, current, marked))
    numbered = []
    for panel in panels:
        if len(panel.points) > MAX_LABELLED_POINTS:
            for point in panel.points:
                point.labelled = False
            continue
        if _named(panel, lang):
            continue
        panel.numbered = True
        numbered.append(panel)
    # One numbering for the numbered panels, in the order of the names (as the list reads).
    listed = sorted((p for panel in numbered for p in panel.points), key=lambda p: name_key(p.profile.city.name[lang]))
    for number, point in enumerate(listed, 1):
        point.number = number
    for panel in numbered:
        _label(panel, {i: str(p.number) for i, p in enumerate(panel.points)}, further_off=True)
    return Drawing(panels, listed)


def profile_places(profiles: list[CityProfile]) -> list[Place]:
    """Every place of the registry as the overview and the list of cities draw it: filled where a
    German place is a current member of a network (a place abroad is a seat, a founding place or
    a home town), a ring otherwise; `networks` are those it is connected with."""
    return [
        Place(
            p,
            member=bool(p.member_networks) or not p.city.is_german,
            networks=tuple(n.id for n in p.networks),
        )
        for p in profiles
    ]


def network_places(network, profiles: dict[str, CityProfile]) -> list[Place]:
    """A network's drawing: its members (filled while current, a ring once ended or dormant) and
    its seat. Representatives' home towns are not members and are not drawn."""
    places: dict[str, Place] = {}
    for participation in network.memberships:
        city = participation.city
        current = network.state(participation) == "current"
        known = places.get(city.id)
        places[city.id] = Place(profiles[city.id], member=current or bool(known and known.member))
    if network.seat and not network.seat.until and network.seat.city.id in profiles:
        city = network.seat.city
        known = places.get(city.id)
        places[city.id] = Place(profiles[city.id], member=known.member if known else True, seat=True)
    return list(places.values())
