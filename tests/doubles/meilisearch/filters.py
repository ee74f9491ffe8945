"""Meilisearch filters: the array form, the filterability check and the evaluator (the grammar is in filter_parser).

A parsed filter is a tree of tuples: ("or"|"and", [nodes]), ("not", node), ("cmp", field, op, literal),
("range", field, low, high), ("in", field, [literals]), ("exists"|"null"|"empty", field),
("geoRadius", lat, lng, metres), ("geoBox", (north, east), (south, west)).
"""

import json
import operator

from .fields import as_number, facet_string, geo_point, haversine, leaves, normalize_facet, raw_values
from .filter_parser import FilterError, Parser
from .settings import describe_filterable, filter_rule

ORDERINGS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}


def parse(expression):
    """Parse a filter given as a string or as the array form (outer AND, inner OR); None when there is no filter."""
    if expression is None:
        return None
    if isinstance(expression, str):
        return Parser(expression).parse() if expression.strip() else None
    if not isinstance(expression, list):
        raise FilterError(f"Invalid syntax for the filter parameter: `expected String, Array, found: {expression}`.")
    clauses = []
    for item in expression:
        if isinstance(item, list):
            if not all(isinstance(inner, str) for inner in item):
                raise FilterError(f"Invalid syntax for the filter parameter: `expected String, found: {item}`.")
            branches = [node for node in map(parse, item) if node is not None]
            clauses += [("or", branches)] if branches else []
        elif isinstance(item, str):
            clauses += [node for node in [parse(item)] if node is not None]
        else:
            found = json.dumps(item)
            raise FilterError(f"Invalid syntax for the filter parameter: `expected String, Array, found: {found}`.")
    return ("and", clauses) if clauses else None


def check(node, filterable: list) -> None:
    """Reject filters on attributes that are not filterable, or comparisons the attribute's rule does not allow."""
    kind = node[0]
    if kind in ("or", "and"):
        for child in node[1]:
            check(child, filterable)
        return
    if kind == "not":
        return check(node[1], filterable)
    field = "_geo" if kind.startswith("geo") else node[1]
    rule = filter_rule(field, filterable)
    if rule is None:
        raise FilterError(f"Attribute `{field}` is not filterable. {describe_filterable(filterable)}")
    op = "TO" if kind == "range" else node[2] if kind == "cmp" else "="
    if op not in ("=", "!=") and not rule["comparison"]:
        raise FilterError(f"Filter operator `{op}` is not allowed for the attribute `{field}`.")


def _equal(value, literal: str) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return as_number(literal) == float(value)
    return normalize_facet(facet_string(value)) == normalize_facet(literal)


def _ordered(value, op: str, literal: str) -> bool:
    # Numbers compare numerically; strings compare on normalised text only against non-numeric literals.
    number = as_number(literal)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number is not None and ORDERINGS[op](float(value), number)
    if isinstance(value, str) and number is None:
        return ORDERINGS[op](normalize_facet(value), normalize_facet(literal))
    return False


def _in_box(point, north_east, south_west) -> bool:
    (lat, lng), (north, east), (south, west) = point, north_east, south_west
    if not south <= lat <= north:
        return False
    return west <= lng <= east if west <= east else lng >= west or lng <= east  # a box across the antimeridian


def matches(node, document: dict) -> bool:
    """Whether a document satisfies a parsed filter; an array field matches when any element does."""
    kind = node[0]
    if kind == "or":
        return any(matches(child, document) for child in node[1])
    if kind == "and":
        return all(matches(child, document) for child in node[1])
    if kind == "not":
        return not matches(node[1], document)
    if kind in ("geoRadius", "geoBox"):
        point = geo_point(document)
        if point is None:
            return False
        if kind == "geoRadius":
            return haversine((node[1], node[2]), point) <= node[3]
        return _in_box(point, node[1], node[2])
    found = raw_values(document, node[1])
    if kind == "exists":
        return bool(found)
    if kind == "null":
        return any(value is None for value in found)
    if kind == "empty":
        return any(value in ("", [], {}) for value in found)
    scalars = leaves(found)
    if kind == "in":
        return any(_equal(value, literal) for value in scalars for literal in node[2])
    if kind == "range":
        return any(_ordered(value, ">=", node[2]) and _ordered(value, "<=", node[3]) for value in scalars)
    if node[2] == "=":
        return any(_equal(value, node[3]) for value in scalars)
    return any(_ordered(value, node[2], node[3]) for value in scalars)
