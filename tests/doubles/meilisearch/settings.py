"""Index settings: Meilisearch's defaults, validation of a settings patch, and what they allow at search time."""

import copy
import re

from .errors import MeiliError, bad_request
from .fields import pattern_matches

DEFAULT_RANKING_RULES = ["words", "typo", "proximity", "attributeRank", "sort", "wordPosition", "exactness"]
BUILT_IN_RULES = {*DEFAULT_RANKING_RULES, "attribute"}
DEFAULTS = {
    "displayedAttributes": ["*"],
    "searchableAttributes": ["*"],
    "filterableAttributes": [],
    "sortableAttributes": [],
    "rankingRules": DEFAULT_RANKING_RULES,
    "stopWords": [],
    "nonSeparatorTokens": [],
    "separatorTokens": [],
    "dictionary": [],
    "synonyms": {},
    "distinctAttribute": None,
    "proximityPrecision": "byWord",
    "typoTolerance": {
        "enabled": True,
        "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
        "disableOnWords": [],
        "disableOnAttributes": [],
        "disableOnNumbers": False,
    },
    "faceting": {"maxValuesPerFacet": 100, "sortFacetValuesBy": {"*": "alpha"}},
    "pagination": {"maxTotalHits": 1000},
    "searchCutoffMs": None,
    "localizedAttributes": None,
    "facetSearch": True,
    "prefixSearch": "indexingTime",
}
STRING_LISTS = {"displayedAttributes", "searchableAttributes", "sortableAttributes", "stopWords",
                "nonSeparatorTokens", "separatorTokens", "dictionary"}
OBJECTS = {"typoTolerance", "faceting", "pagination"}  # PATCHed field by field rather than replaced
CUSTOM_RULE = re.compile(r"^.+:(asc|desc)$")


def defaults() -> dict:
    """A fresh copy of the settings a new index starts with."""
    return copy.deepcopy(DEFAULTS)


def _invalid(name: str, message: str) -> MeiliError:
    code = "invalid_settings_" + re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
    return MeiliError(code, f"Invalid value at `.{name}`: {message}")


def _is_string_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _validate(name: str, value) -> None:
    if value is None:
        return
    if name in STRING_LISTS and not _is_string_list(value):
        raise _invalid(name, "expected an array of strings.")
    if name == "filterableAttributes" and not (
        isinstance(value, list) and all(isinstance(v, (str, dict)) for v in value)
    ):
        raise _invalid(name, "expected an array of strings or attribute-pattern objects.")
    if name == "rankingRules":
        if not isinstance(value, list) or any(
            not isinstance(rule, str) or (rule not in BUILT_IN_RULES and not CUSTOM_RULE.match(rule)) for rule in value
        ):
            raise _invalid(name, "expected built-in rules or `attribute:asc` / `attribute:desc`.")
    if name == "synonyms" and not (
        isinstance(value, dict) and all(_is_string_list(words) for words in value.values())
    ):
        raise _invalid(name, "expected an object of arrays of strings.")
    if name in OBJECTS:
        if not isinstance(value, dict):
            raise _invalid(name, "expected an object.")
        unknown = set(value) - set(DEFAULTS[name])
        if unknown:
            raise bad_request(f"Unknown field `{sorted(unknown)[0]}` inside `.{name}`.")
    if name == "pagination" and not _positive_int(value.get("maxTotalHits", 1)):
        raise _invalid(name, "`maxTotalHits` must be a positive integer.")


def _positive_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def validate_patch(patch) -> None:
    """Reject a settings body synchronously, as the real server does, before any task is enqueued."""
    if not isinstance(patch, dict):
        raise bad_request("Invalid value type: expected an object.")
    for name, value in patch.items():
        if name not in DEFAULTS:
            raise bad_request(f"Unknown field `{name}`: expected one of {', '.join(f'`{n}`' for n in DEFAULTS)}")
        _validate(name, value)


def _merge(current: dict, patch: dict, default: dict) -> dict:
    merged = dict(current)
    for key, value in patch.items():
        if value is None:
            merged[key] = copy.deepcopy(default[key])
        elif isinstance(value, dict) and isinstance(default.get(key), dict) and key != "sortFacetValuesBy":
            merged[key] = _merge(current[key], value, default[key])
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def apply_patch(settings: dict, patch: dict) -> None:
    """Apply a validated patch: null resets a setting, objects merge field by field, anything else replaces."""
    for name, value in patch.items():
        if value is None:
            settings[name] = copy.deepcopy(DEFAULTS[name])
        elif name in OBJECTS:
            settings[name] = _merge(settings[name], value, DEFAULTS[name])
        else:
            settings[name] = copy.deepcopy(value)


def filter_rule(field: str, filterable: list) -> dict | None:
    """The filter features ({equality, comparison}) the first matching filterableAttributes entry grants, or None."""
    for entry in filterable:
        if isinstance(entry, str):
            if pattern_matches(entry, field):
                return {"equality": True, "comparison": True}  # plain strings allow comparison
        elif any(pattern_matches(pattern, field) for pattern in entry.get("attributePatterns", [])):
            features = (entry.get("features") or {}).get("filter") or {}
            return {"equality": features.get("equality", True), "comparison": features.get("comparison", False)}
    return None


def describe_filterable(filterable: list) -> str:
    """The sentence Meilisearch appends to a not-filterable error."""
    if not filterable:
        return "This index does not have configured filterable attributes."
    names = [e if isinstance(e, str) else " ".join(e.get("attributePatterns", [])) for e in filterable]
    return f"Available filterable attribute patterns are: `{', '.join(names)}`."


def is_sortable(field: str, sortable: list) -> bool:
    """Whether sortableAttributes lets search sort on field."""
    return any(pattern_matches(entry, field) for entry in sortable)
