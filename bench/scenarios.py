"""The benchmark's query mix: each scenario turns a seeded random.Random into request paths."""

import random
from typing import Callable
from urllib.parse import urlencode

CENTRE = (39.10, -94.58)  # downtown of the seed metro (seeds/geography.py)
# One filter per geo search, drawn evenly: the filters a person looking for help reaches for first.
SEARCH_FILTERS = (
    {"category": "housing", "accepting": "true"},
    {"category": "clinical", "moud": "buprenorphine"},
    {"language": "es"},
    {"q": "detox"},
)


def _place(rng: random.Random) -> dict:
    """A point within ±0.1° of downtown, so searches land on different neighbourhoods and suburbs."""
    return {"lat": round(CENTRE[0] + rng.uniform(-0.1, 0.1), 5), "lng": round(CENTRE[1] + rng.uniform(-0.1, 0.1), 5)}


def search_geo_filters(rng: random.Random, ids: list[str]) -> str:
    """/v1/services near a place within 5-20 km, with one filter."""
    params = _place(rng) | {"radius_m": rng.randrange(5000, 20001, 500)} | rng.choice(SEARCH_FILTERS)
    return f"/v1/services?{urlencode(params)}"


def search_open_now(rng: random.Random, ids: list[str]) -> str:
    """/v1/services open at this moment near a place."""
    return f"/v1/services?{urlencode(_place(rng) | {'open_now': 'true'})}"


def detail(rng: random.Random, ids: list[str]) -> str:
    """One listing in full, among those the API listed."""
    return f"/v1/services/{rng.choice(ids)}"


def meetings(rng: random.Random, ids: list[str]) -> str:
    """/v1/meetings near a place: women's meetings, a day after a time, or online ones."""
    filters = rng.choice((
        {"types": "W"},
        {"day": rng.randrange(7), "starting_after": f"{rng.randrange(6, 21):02d}:00"},
        {"attendance": "online"},
    ))
    return f"/v1/meetings?{urlencode(_place(rng) | filters)}"


def trivial(rng: random.Random, ids: list[str]) -> str:
    """The API root: a tiny JSON document, the yardstick for what the stack costs without the directory."""
    return "/"


# Run in this order; the keys are the names in the JSON report.
SCENARIOS: dict[str, Callable[[random.Random, list[str]], str]] = {
    "search_geo_filters": search_geo_filters,
    "search_open_now": search_open_now,
    "detail": detail,
    "meetings": meetings,
    "trivial": trivial,
}
SEARCH_SCENARIOS = ("search_geo_filters", "search_open_now", "meetings")


def paths(name: str, seed: int, count: int, ids: list[str]) -> list[str]:
    """`count` request paths for scenario `name`, the same for the same seed whatever else runs."""
    rng = random.Random(f"{seed}:{name}")
    return [SCENARIOS[name](rng, ids) for _ in range(count)]
