"""One search: parameter checks, filter, text ranking, sort (attributes and geo), facets and both pagination shapes."""

import functools
import json
import re
import time

from . import filters
from .errors import MeiliError, bad_request, not_in_fake
from .fields import facet_string, geo_point, haversine, leaves, normalize_facet, pattern_matches, raw_values
from .settings import describe_filterable, filter_rule, is_sortable
from .store import Index
from .text import document_words, parse_query, signals

SUPPORTED = {"q", "offset", "limit", "page", "hitsPerPage", "attributesToRetrieve", "filter", "sort", "facets",
             "matchingStrategy", "attributesToSearchOn"}
HARMLESS = {"cropLength", "cropMarker", "highlightPreTag", "highlightPostTag"}  # no effect without crop/highlight
LEFT_OUT = {"attributesToCrop", "attributesToHighlight", "showMatchesPosition", "showRankingScore",
            "showRankingScoreDetails", "showPerformanceDetails", "distinct", "hybrid", "vector", "retrieveVectors",
            "rankingScoreThreshold", "locales", "media"}
GEO_POINT = re.compile(r"^_geoPoint\(\s*([-+\d.eE]+)\s*,\s*([-+\d.eE]+)\s*\):(asc|desc)$")


@functools.total_ordering
class _Descending:
    """Wraps a sort value so that larger values come first."""

    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return self.value == other.value

    def __lt__(self, other):
        return self.value > other.value


def _natural(body: dict, name: str, code: str) -> int | None:
    value = body.get(name)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise MeiliError(code, f"Invalid value type at `.{name}`: expected a positive integer, but found "
                               f"`{json.dumps(value)}`.")
    return value


def _strings(body: dict, name: str, code: str) -> list[str] | None:
    value = body.get(name)
    if value is not None and not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        raise MeiliError(code, f"Invalid value type at `.{name}`: expected an array of strings, but found "
                               f"`{json.dumps(value)}`.")
    return value


def _check_params(body: dict) -> None:
    for name, value in body.items():
        if name in LEFT_OUT and value not in (None, False, [], ""):
            raise not_in_fake(f"the `{name}` search parameter")
        if name not in SUPPORTED | HARMLESS | LEFT_OUT:
            raise bad_request(f"Unknown field `{name}`: expected one of {', '.join(sorted(SUPPORTED))}")
    if body.get("q") is not None and not isinstance(body["q"], str):
        raise MeiliError("invalid_search_q", f"Invalid value type at `.q`: expected a string, but found "
                                             f"`{json.dumps(body['q'])}`.")
    if body.get("matchingStrategy", "last") == "frequency":
        raise not_in_fake('matchingStrategy "frequency"')
    if body.get("matchingStrategy", "last") not in ("last", "all"):
        raise MeiliError("invalid_search_matching_strategy", "Unknown value for `.matchingStrategy`: expected one "
                                                             "of `last`, `all`, `frequency`.")


def parse_filter(expression, filterable: list, code: str = "invalid_search_filter"):
    """A parsed, filterability-checked filter (or None); a bad one is the synchronous 400 with the given code."""
    try:
        node = filters.parse(expression)
        if node is not None:
            filters.check(node, filterable)
    except filters.FilterError as error:
        raise MeiliError(code, str(error)) from error
    return node


def _sort_criteria(sort: list[str], settings: dict) -> list[tuple]:
    if sort and "sort" not in settings["rankingRules"]:
        raise MeiliError("invalid_search_sort", "You must specify where `sort` is listed in the rankingRules "
                                                "setting to use the sort parameter at search time.")
    sortable, criteria = settings["sortableAttributes"], []
    available = (f"Available sortable attributes are: `{', '.join(sortable)}`." if sortable
                 else "This index does not have configured sortable attributes.")
    for expression in sort:
        geo = GEO_POINT.match(expression)
        name, _, direction = expression.rpartition(":")
        if geo:
            if not is_sortable("_geo", sortable):
                raise MeiliError("invalid_search_sort", f"Attribute `_geo` is not sortable. {available}")
            criteria.append(("geo", (float(geo[1]), float(geo[2])), geo[3] == "desc"))
        elif name.startswith("_geoPoint") or not name or direction not in ("asc", "desc"):
            raise MeiliError("invalid_search_sort", "Invalid syntax for the sort parameter: expected expression "
                                                    f"ending by `:asc` or `:desc`, found `{expression}`.")
        elif not is_sortable(name, sortable):
            raise MeiliError("invalid_search_sort", f"Attribute `{name}` is not sortable. {available}")
        else:
            criteria.append(("field", name, direction == "desc"))
    return criteria


def _criterion_key(document: dict, criterion: tuple) -> tuple:
    # Documents without a value sort last whatever the direction; numbers come before strings.
    kind, target, descending = criterion
    if kind == "geo":
        point = geo_point(document)
        if point is None:
            return (2, 0)
        distance = haversine(target, point)
        return (0, _Descending(distance) if descending else distance)
    values = leaves(raw_values(document, target))
    numbers = [float(v) for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    texts = [normalize_facet(facet_string(v)) for v in values if isinstance(v, (str, bool))]
    group, candidates = (0, numbers) if numbers else (1, texts)
    if not candidates:
        return (2, 0)
    return (group, _Descending(max(candidates)) if descending else min(candidates))


def _rank_key(rules: list[str], scores: dict, document: dict, criteria: list[tuple]) -> list:
    key = []
    for rule in rules:
        if rule == "sort":
            key += [_criterion_key(document, criterion) for criterion in criteria]
        elif rule == "attribute":  # the pre-split rule: attribute rank, then position within it
            key += [scores["attributeRank"], scores["wordPosition"]]
        elif rule in scores:
            key.append(scores[rule])
        else:
            name, _, direction = rule.rpartition(":")
            key.append(_criterion_key(document, ("field", name, direction == "desc")))
    return key


def _facet_names(requested: list[str] | None, settings: dict, documents) -> list[str] | None:
    filterable = settings["filterableAttributes"]
    if requested is None:
        return None
    if requested == ["*"]:
        names = [e for e in filterable if isinstance(e, str) and "*" not in e]
        names += [name for doc in documents for name in doc if filter_rule(name, filterable)]
        return [name for name in dict.fromkeys(names) if name != "_geo"]
    for name in requested:
        if filter_rule(name, filterable) is None:
            raise MeiliError("invalid_search_facets", f"Invalid facet distribution, attribute `{name}` is not "
                                                      f"filterable. {describe_filterable(filterable)}")
    return requested


def _facets(names: list[str], matched: list[dict], faceting: dict) -> tuple[dict, dict]:
    distribution, stats = {}, {}
    for name in names:
        counts, numbers = {}, []
        for document in matched:
            seen = {}
            for value in leaves(raw_values(document, name)):
                text = facet_string(value)
                seen.setdefault(normalize_facet(text), text)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    numbers.append(float(value))
            for normalized, text in seen.items():  # counted once per document, however often it repeats
                counts.setdefault(normalized, [text, 0])[1] += 1
        order = faceting["sortFacetValuesBy"].get(name, faceting["sortFacetValuesBy"].get("*", "alpha"))
        ranked = sorted(counts.items(), key=lambda item: (-item[1][1], item[0]) if order == "count" else item[0])
        distribution[name] = {text: count for _, (text, count) in ranked[: faceting["maxValuesPerFacet"]]}
        if numbers:
            stats[name] = {"min": min(numbers), "max": max(numbers)}
    return distribution, stats


def _searchable(body: dict, settings: dict) -> list[str]:
    searchable, wanted = settings["searchableAttributes"], _strings(
        body, "attributesToSearchOn", "invalid_search_attributes_to_search_on")
    for name in wanted or []:
        if not any(pattern_matches(entry, name) for entry in searchable):
            raise MeiliError("invalid_search_attributes_to_search_on", f"Attribute `{name}` is not searchable. "
                                                                        f"Available searchable attributes are: "
                                                                        f"`{', '.join(searchable)}`.")
    return wanted or searchable


def _hit(document: dict, settings: dict, retrieve: list[str], criteria: list[tuple]) -> dict:
    hit = {
        name: value for name, value in document.items()
        if any(pattern_matches(p, name) for p in settings["displayedAttributes"])
        and any(pattern_matches(p, name) for p in retrieve)
    }
    origin = next((target for kind, target, _ in criteria if kind == "geo"), None)
    point = geo_point(document)
    if origin and point:
        hit["_geoDistance"] = round(haversine(origin, point))
    return hit


def search(index: Index, body: dict, tenant_filter=None) -> dict:
    """Run one search on an index and build the reply the real server sends."""
    started = time.perf_counter()
    _check_params(body)
    settings = index.settings
    limit = _natural(body, "limit", "invalid_search_limit")
    offset = _natural(body, "offset", "invalid_search_offset")
    page = _natural(body, "page", "invalid_search_page")
    per_page = _natural(body, "hitsPerPage", "invalid_search_hits_per_page")
    retrieve = _strings(body, "attributesToRetrieve", "invalid_search_attributes_to_retrieve") or ["*"]
    facet_names = _facet_names(_strings(body, "facets", "invalid_search_facets"), settings, index.documents.values())
    criteria = _sort_criteria(_strings(body, "sort", "invalid_search_sort") or [], settings)
    node = parse_filter(body.get("filter"), settings["filterableAttributes"])
    forced = parse_filter(tenant_filter, settings["filterableAttributes"])
    slots = parse_query(body.get("q") or "", settings["synonyms"])
    searchable = _searchable(body, settings)
    ranked = []
    for document in index.documents.values():
        if any(clause is not None and not filters.matches(clause, document) for clause in (node, forced)):
            continue
        words = document_words(document, searchable) if slots else []
        scores = signals(slots, words, settings["typoTolerance"], body.get("matchingStrategy") or "last")
        if scores is not None:
            ranked.append((_rank_key(settings["rankingRules"], scores, document, criteria), document))
    ranked.sort(key=lambda pair: pair[0])
    matched = [document for _, document in ranked]
    capped = matched[: settings["pagination"]["maxTotalHits"]]
    if page is not None or per_page is not None:
        page, per_page = 1 if page is None else page, 20 if per_page is None else per_page
        window = capped[(page - 1) * per_page : page * per_page] if page else []
        paging = {"hitsPerPage": per_page, "page": page, "totalPages": -(-len(capped) // per_page) if per_page else 0,
                  "totalHits": len(capped)}
    else:
        limit, offset = 20 if limit is None else limit, offset or 0
        window = capped[offset : offset + limit]
        paging = {"limit": limit, "offset": offset, "estimatedTotalHits": len(capped)}
    reply = {"hits": [_hit(document, settings, retrieve, criteria) for document in window],
             "query": body.get("q") or "", **paging}
    if facet_names is not None:
        reply["facetDistribution"], reply["facetStats"] = _facets(facet_names, matched, settings["faceting"])
    reply["processingTimeMs"] = round((time.perf_counter() - started) * 1000)
    return reply
