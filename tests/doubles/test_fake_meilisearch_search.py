"""Search semantics through the real client: filters, geo, sort, facets, pagination and text matching.

Each case is one bullet of shared/notes/meilisearch.md; with MEILI_URL set they run against a real server too.
"""

import pytest
from meilisearch.errors import MeilisearchApiError

DOWNTOWN = (41.8781, -87.6298)
SERVICES = [
    {"id": "aa-downtown", "name": "Downtown AA Meeting", "kind": "meeting", "tags": ["AA", "12-step"],
     "minutes": [600, 1080], "fee": 0, "city": "Riverton", "_geo": {"lat": 41.8781, "lng": -87.6298}},
    {"id": "na-north", "name": "Northside NA Group", "kind": "meeting", "tags": ["NA"], "minutes": [1140],
     "fee": 0, "city": "riverton", "_geo": {"lat": 41.95, "lng": -87.65}},
    {"id": "clinic-east", "name": "Eastside Recovery Clinic", "kind": "clinic", "tags": ["detox", "counseling"],
     "minutes": [480, 540], "fee": 40, "city": "Lakeview", "notes": None, "_geo": {"lat": 41.80, "lng": -87.60}},
    {"id": "hotline", "name": "Recovery Hotline", "kind": "hotline", "tags": [], "fee": 0, "notes": ""},
    {"id": "cafe", "name": "Café Serenity", "kind": "social", "tags": ["peer support"], "fee": 5,
     "city": "  LAKEVIEW ", "notes": "Bob's \"quiet\" corner", "_geo": {"lat": 41.70, "lng": -87.70}},
]
FILTERABLE = ["kind", "tags", "minutes", "fee", "city", "notes", "name", "_geo"]


@pytest.fixture
def services(make_index):
    """The directory sample, with every attribute the cases filter or sort on configured."""
    return make_index(SERVICES, filterableAttributes=FILTERABLE, sortableAttributes=["fee", "name", "_geo"])


def ids(reply) -> list[str]:
    return [hit["id"] for hit in reply["hits"]]


def found(index, filter_) -> set[str]:
    return set(ids(index.search("", {"filter": filter_})))


def rejected(index, q="", **params) -> MeilisearchApiError:
    with pytest.raises(MeilisearchApiError) as caught:
        index.search(q, params)
    assert caught.value.status_code == 400
    return caught.value


def test_filter_keywords_are_case_sensitive(services):
    assert found(services, "kind = meeting AND fee = 0") == {"aa-downtown", "na-north"}
    assert rejected(services, filter="kind = meeting and fee = 0").code == "invalid_search_filter"
    assert rejected(services, filter="kind = meeting Or fee = 0").code == "invalid_search_filter"


def test_filter_quoting_and_escapes(services):
    assert found(services, "name = 'Downtown AA Meeting'") == {"aa-downtown"}
    assert found(services, 'name = "Northside NA Group"') == {"na-north"}
    assert found(services, "notes = 'Bob\\'s \"quiet\" corner'") == {"cafe"}
    assert found(services, 'notes = "Bob\'s \\"quiet\\" corner"') == {"cafe"}
    assert rejected(services, filter="name = 'Downtown").code == "invalid_search_filter"


def test_string_filters_compare_trimmed_lowercased_values(services):
    assert found(services, "city = LAKEVIEW") == {"clinic-east", "cafe"}
    assert found(services, "city = Riverton") == {"aa-downtown", "na-north"}
    assert found(services, "name = 'café serenity'") == {"cafe"}


def test_not_and_not_equal_include_documents_without_the_field(services):
    everyone_but_riverton = {"clinic-east", "hotline", "cafe"}
    assert found(services, "city != riverton") == everyone_but_riverton
    assert found(services, "NOT city = riverton") == everyone_but_riverton
    assert found(services, "city NOT IN [riverton]") == everyone_but_riverton
    assert found(services, "city IN [riverton, lakeview]") == {"aa-downtown", "na-north", "clinic-east", "cafe"}


def test_array_fields_match_when_any_element_matches(services):
    assert found(services, "tags = aa") == {"aa-downtown"}
    assert found(services, "tags != aa") == {"na-north", "clinic-east", "hotline", "cafe"}
    assert found(services, "minutes 1000 TO 1100") == {"aa-downtown"}
    assert found(services, "minutes 1080 TO 1140") == {"aa-downtown", "na-north"}  # TO is inclusive
    assert found(services, "minutes > 1100") == {"na-north"}
    assert found(services, "fee >= 5 AND fee < 40") == {"cafe"}


def test_exists_is_null_and_is_empty(services):
    assert found(services, "notes EXISTS") == {"clinic-east", "hotline", "cafe"}  # null and "" exist
    assert found(services, "notes NOT EXISTS") == {"aa-downtown", "na-north"}
    assert found(services, "notes IS NULL") == {"clinic-east"}
    assert found(services, "notes IS NOT NULL") == {"aa-downtown", "na-north", "hotline", "cafe"}
    assert found(services, "notes IS EMPTY") == {"hotline"}
    assert found(services, "tags IS EMPTY") == {"hotline"}
    assert found(services, "tags IS NOT EMPTY") == {"aa-downtown", "na-north", "clinic-east", "cafe"}


def test_array_form_is_and_of_ors(services):
    assert found(services, [["kind = clinic", "kind = hotline"], "fee = 0"]) == {"hotline"}
    assert found(services, ["kind = meeting", ["city = nowhere", "tags = na"]]) == {"na-north"}


def test_filter_on_a_non_filterable_attribute_is_a_400(make_index):
    index = make_index(SERVICES, filterableAttributes=["kind"])
    error = rejected(index, filter="fee = 0")
    assert error.code == "invalid_search_filter"
    assert "not filterable" in error.message
    assert rejected(index, filter="_geoRadius(41.8, -87.6, 1000)").code == "invalid_search_filter"


def test_object_form_filterable_attribute_disallows_comparison(make_index):
    rule = {"attributePatterns": ["fee"], "features": {"facetSearch": False, "filter": {"equality": True}}}
    index = make_index(SERVICES, filterableAttributes=[rule])
    assert found(index, "fee = 40") == {"clinic-east"}
    assert rejected(index, filter="fee > 1").code == "invalid_search_filter"


def test_geo_radius_includes_the_boundary(services):
    assert found(services, "_geoRadius(41.8781, -87.6298, 0)") == {"aa-downtown"}
    assert found(services, "_geoRadius(41.8781, -87.6298, 10000)") == {"aa-downtown", "na-north", "clinic-east"}


def test_geo_bounding_box_takes_the_north_east_corner_first(services):
    assert found(services, "_geoBoundingBox([42.0, -87.5], [41.85, -87.7])") == {"aa-downtown", "na-north"}
    assert rejected(services, filter="_geoBoundingBox([41.85, -87.7], [42.0, -87.5])").code == "invalid_search_filter"


def test_geo_sort_adds_geo_distance_and_puts_documents_without_geo_last(services):
    reply = services.search("", {"sort": [f"_geoPoint({DOWNTOWN[0]}, {DOWNTOWN[1]}):asc"]})
    assert ids(reply) == ["aa-downtown", "na-north", "clinic-east", "cafe", "hotline"]
    distances = [hit.get("_geoDistance") for hit in reply["hits"]]
    assert distances[0] == 0 and all(isinstance(d, int) for d in distances[:4]) and distances[4] is None
    assert distances[:4] == sorted(distances[:4])
    plain = services.search("", {"filter": "_geoRadius(41.8781, -87.6298, 9000)", "sort": ["fee:asc"]})
    assert all("_geoDistance" not in hit for hit in plain["hits"])


def test_sort_needs_sortable_attributes(make_index, services):
    assert ids(services.search("", {"sort": ["fee:desc", "name:asc"]}))[:2] == ["clinic-east", "cafe"]
    assert rejected(services, sort=["kind:asc"]).code == "invalid_search_sort"
    assert rejected(services, sort=["fee:up"]).code == "invalid_search_sort"
    no_geo = make_index(SERVICES, sortableAttributes=["fee"])
    assert rejected(no_geo, sort=["_geoPoint(41.8, -87.6):asc"]).code == "invalid_search_sort"


def test_text_relevance_comes_before_sort(services):
    reply = services.search("recovery clinic", {"sort": ["fee:asc"]})
    assert ids(reply) == ["clinic-east", "hotline"]  # both words beat the cheaper fee; "last" keeps the one-word match


def test_facet_distribution_counts_documents_and_stats_cover_numbers(services):
    reply = services.search("", {"facets": ["kind", "tags", "fee"]})
    assert reply["facetDistribution"]["kind"] == {"clinic": 1, "hotline": 1, "meeting": 2, "social": 1}
    assert reply["facetDistribution"]["tags"]["AA"] == 1
    assert reply["facetDistribution"]["fee"] == {"0": 3, "40": 1, "5": 1}
    assert reply["facetStats"] == {"fee": {"min": 0, "max": 40}}
    filtered = services.search("", {"facets": ["kind"], "filter": "fee = 0"})
    assert filtered["facetDistribution"]["kind"] == {"hotline": 1, "meeting": 2}


def test_facets_need_filterable_attributes_and_stop_at_max_values_per_facet(make_index):
    index = make_index(SERVICES, filterableAttributes=["kind"], faceting={"maxValuesPerFacet": 2})
    assert rejected(index, facets=["fee"]).code == "invalid_search_facets"
    assert index.search("", {"facets": ["kind"]})["facetDistribution"] == {"kind": {"clinic": 1, "hotline": 1}}


def test_limit_offset_pagination(services):
    reply = services.search("", {"limit": 2, "offset": 1})
    assert len(reply["hits"]) == 2
    assert (reply["limit"], reply["offset"], reply["estimatedTotalHits"]) == (2, 1, 5)
    assert "totalPages" not in reply


def test_page_pagination(services):
    reply = services.search("", {"page": 3, "hitsPerPage": 2})
    assert len(reply["hits"]) == 1
    assert (reply["page"], reply["hitsPerPage"], reply["totalHits"], reply["totalPages"]) == (3, 2, 5, 3)
    assert "estimatedTotalHits" not in reply


def test_default_limit_and_attributes_to_retrieve(make_index):
    index = make_index([{"id": n, "name": f"Meeting {n}", "fee": n} for n in range(25)])
    reply = index.search("", {"attributesToRetrieve": ["name"]})
    assert len(reply["hits"]) == 20 and reply["limit"] == 20
    assert set(reply["hits"][0]) == {"name"}
    assert reply["query"] == "" and isinstance(reply["processingTimeMs"], int)


def test_max_total_hits_caps_totals_and_reachable_hits(make_index):
    index = make_index(SERVICES, pagination={"maxTotalHits": 3})
    assert index.search("", {})["estimatedTotalHits"] == 3
    assert len(index.search("", {"offset": 2, "limit": 10})["hits"]) == 1
    paged = index.search("", {"hitsPerPage": 2})
    assert (paged["totalHits"], paged["totalPages"]) == (3, 2)


def test_typo_tolerance_grows_with_word_length(services):
    assert ids(services.search("downtwn", {})) == ["aa-downtown"]  # 7 letters: one typo
    assert ids(services.search("detax", {})) == ["clinic-east"]  # 5 letters: one typo
    assert ids(services.search("dtox", {})) == []  # 4 letters: none
    assert ids(services.search("cuonseling", {})) == ["clinic-east"]  # 10 letters: two typos
    assert ids(services.search("hotlnie", {})) == ["hotline"]  # a swap of neighbours is one typo
    assert ids(services.search("hetlone", {})) == []  # 7 letters, two typos: too many


def test_only_the_last_word_matches_as_a_prefix(services):
    assert ids(services.search("nort", {})) == ["na-north"]
    assert ids(services.search("group nort", {"matchingStrategy": "all"})) == ["na-north"]
    assert ids(services.search("nort group", {"matchingStrategy": "all"})) == []


def test_matching_is_case_and_accent_insensitive(services):
    assert ids(services.search("CAFE", {})) == ["cafe"]
    assert ids(services.search("café serenity", {})) == ["cafe"]


def test_matching_strategy_last_ranks_full_matches_first(services):
    reply = services.search("recovery hotline", {})
    assert ids(reply) == ["hotline", "clinic-east"]
    assert ids(services.search("recovery hotline", {"matchingStrategy": "all"})) == ["hotline"]


def test_empty_query_matches_everything(services):
    assert services.search("", {})["estimatedTotalHits"] == len(SERVICES)


def test_synonyms_multi_way_and_one_way(make_index):
    index = make_index(
        [{"id": "book", "name": "Alcoholics Anonymous Big Book Study"}, {"id": "aa", "name": "AA Home Group"},
         {"id": "rehab", "name": "Rehab House"}, {"id": "detox", "name": "Detox Centre"}],
        synonyms={"aa": ["alcoholics anonymous"], "alcoholics anonymous": ["aa"], "rehab": ["detox"]},
    )
    assert set(ids(index.search("aa", {}))) == {"book", "aa"}
    assert set(ids(index.search("alcoholics anonymous", {}))) == {"book", "aa"}
    assert set(ids(index.search("rehab", {}))) == {"rehab", "detox"}
    assert ids(index.search("detox", {})) == ["detox"]  # one-way: detox does not bring back rehab
