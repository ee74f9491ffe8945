"""Index settings, kept in code and applied the same way at start and at every reindex."""

from api.services.search import SERVICE_FACETS

SEARCHABLE = ["name", "alternate_name", "organization", "category_label", "fellowship_name", "meeting_type_labels",
              "taxonomy_terms", "area", "city", "description"]
FILTERABLE = ["_geo", "id", "service_id", "category", "status", "languages", "genders", "moud", "payment", "narr_level",
              "populations", "levels_of_care", "vacancy_fresh_until", "open_hours", "open_slots", "open_slots_until",
              "fellowship", "meeting_types", "attendance"]
SORTABLE = ["_geo", "name_sort"]
# Words people type for the same thing; Meilisearch applies them both ways within each group.
SYNONYM_GROUPS = [
    ["aa", "alcoholics anonymous"],
    ["na", "narcotics anonymous"],
    ["ca", "cocaine anonymous"],
    ["mat", "moud", "medication for opioid use disorder", "medication assisted treatment"],
    ["suboxone", "buprenorphine", "bupe"],
    ["vivitrol", "naltrexone"],
    ["sober living", "recovery residence", "sober house", "recovery housing"],
    ["detox", "withdrawal management"],
    ["narcan", "naloxone"],
    ["nsp", "syringe services", "needle exchange"],
    ["otp", "methadone clinic", "opioid treatment program"],
]


def index_settings() -> dict:
    """The complete settings document for the services index."""
    synonyms = {}
    for group in SYNONYM_GROUPS:
        for word in group:
            synonyms[word] = [other for other in group if other != word]
    return {
        "searchableAttributes": SEARCHABLE,
        "filterableAttributes": FILTERABLE,
        "sortableAttributes": SORTABLE,
        "rankingRules": ["words", "typo", "proximity", "attributeRank", "sort", "wordPosition", "exactness"],
        "synonyms": synonyms,
        "typoTolerance": {"enabled": True, "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9}},
        "faceting": {"maxValuesPerFacet": 100},
        "pagination": {"maxTotalHits": 1000},
    }


FACETS = list(SERVICE_FACETS)
