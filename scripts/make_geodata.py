"""Regenerate the base maps in data/geo/ from Natural Earth, as the npm package world-atlas ships it.

    python3 scripts/make_geodata.py                 # fetches world-atlas with `npm pack` (npm registry)
    python3 scripts/make_geodata.py --atlas DIR     # uses an unpacked world-atlas package in DIR

The output is committed: the build never needs npm or the network. See data/geo/README.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from citynet.geoprep import features, prepare  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GEO_DIR = ROOT / "data" / "geo"
WORLD_ATLAS = "world-atlas@2.0.2"

# Clipping boxes (west, south, east, north), a little larger than the map frames in citynet/maps.py.
GERMANY_BOX = (3.5, 46.0, 17.5, 56.3)
EUROPE_BOX = (-13.0, 33.5, 23.0, 61.5)
WORLD_BOX = (-180.0, -57.0, 180.0, 84.0)  # without Antarctica: no city of ours is there


def fetch_atlas(work: Path) -> Path:
    subprocess.run(["npm", "pack", WORLD_ATLAS, "--silent"], cwd=work, check=True, stdout=subprocess.DEVNULL)
    archive = next(work.glob("world-atlas-*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(work, filter="data")
    return work / "package"


def write(path: Path, feature_list: list[dict], source: str) -> None:
    # One feature per line: small diffs, still a valid GeoJSON FeatureCollection.
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in feature_list]
    text = (
        '{"type":"FeatureCollection",\n"source":' + json.dumps(source) + ',\n"features":[\n'
        + ",\n".join(lines) + "\n]}\n"
    )
    path.write_text(text, encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(feature_list)} features, {len(text.encode()) // 1024} KiB")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--atlas", type=Path, help="folder of an unpacked world-atlas package")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        atlas = args.atlas or fetch_atlas(Path(tmp))
        version = json.loads((atlas / "package.json").read_text())["version"]
        countries_50m = json.loads((atlas / "countries-50m.json").read_text())
        land_110m = json.loads((atlas / "land-110m.json").read_text())
    GEO_DIR.mkdir(parents=True, exist_ok=True)
    source = f"Natural Earth via world-atlas {version}"
    write(
        GEO_DIR / "germany.geo.json",
        prepare(features(countries_50m, "countries"), box=GERMANY_BOX, tolerance=0.02, min_area=0.01, digits=3),
        source + " (countries-50m.json, clipped to Germany and its neighbours)",
    )
    write(
        GEO_DIR / "europe.geo.json",
        prepare(features(countries_50m, "countries"), box=EUROPE_BOX, tolerance=0.06, min_area=0.05, digits=2),
        source + " (countries-50m.json, clipped to western and central Europe)",
    )
    write(
        GEO_DIR / "world.geo.json",
        prepare(features(land_110m, "land"), box=WORLD_BOX, tolerance=0.3, min_area=2.0, digits=1),
        source + " (land-110m.json)",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
