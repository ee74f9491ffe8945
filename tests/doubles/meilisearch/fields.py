"""Reading documents the way Meilisearch does: dotted paths, attribute patterns, facet values and `_geo` points."""

import math
import unicodedata

EARTH_RADIUS_M = 6_371_000


def normalize_facet(value: str) -> str:
    """Meilisearch's facet normalisation: trimmed, NFKD, lower-cased (accents stay, as decomposed marks)."""
    return unicodedata.normalize("NFKD", value.strip()).lower()


def raw_values(node, path: str) -> list:
    """Every value found at a dotted path; arrays of objects are walked, so `a.b` reaches into `a: [{b: 1}]`."""
    if isinstance(node, list):
        return [value for item in node for value in raw_values(item, path)]
    if not isinstance(node, dict):
        return []
    if path in node:
        return [node[path]]
    found = []
    for key, value in node.items():
        if path.startswith(key + "."):
            found += raw_values(value, path[len(key) + 1 :])
    return found


def leaves(values: list) -> list:
    """The scalar values (strings, numbers, booleans) inside values, arrays flattened, nulls and objects dropped."""
    out = []
    for value in values:
        if isinstance(value, list):
            out += leaves(value)
        elif isinstance(value, (str, int, float)):
            out.append(value)
    return out


def as_number(value) -> float | None:
    """The number a facet value or filter literal stands for, or None (booleans are strings to Meilisearch)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def facet_string(value) -> str:
    """How a scalar reads as a string facet: booleans as true/false, numbers without a useless `.0`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return value


def pattern_matches(pattern: str, field: str) -> bool:
    """Whether a settings entry (`name`, `*`, `pre*`, `*suf`, `*mid*`) covers a field or one nested inside it."""
    if field == pattern or field.startswith(pattern + "."):
        return True
    if "*" not in pattern:
        return False
    if pattern == "*":
        return True
    stripped = pattern.strip("*")
    if pattern.startswith("*") and pattern.endswith("*"):
        return stripped in field
    if pattern.endswith("*"):
        return field.startswith(stripped)
    return field.endswith(stripped)


def geo_point(document: dict) -> tuple[float, float] | None:
    """The document's `_geo` as (lat, lng), or None when it has none."""
    geo = document.get("_geo")
    if not isinstance(geo, dict):
        return None
    lat, lng = as_number(geo.get("lat")), as_number(geo.get("lng"))
    return None if lat is None or lng is None else (lat, lng)


def haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres on Meilisearch's sphere (R = 6,371,000 m)."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))
