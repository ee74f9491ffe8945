"""Index settings, kept in code and applied the same way at start and at every reindex."""

from api.adapters.meili.documents import in_every_language
from api.services.search import SERVICE_FACETS
from api.services.synonyms import synonyms

# Most telling first; each text beside its translations (name, name_es, ...: see documents.py).
SEARCHABLE = [*in_every_language("name"), "alternate_name", "organization", *in_every_language("category_label"),
              *in_every_language("fellowship_name"), *in_every_language("meeting_type_labels"), "taxonomy_terms",
              "area", "city", *in_every_language("description")]
FILTERABLE = ["_geo", "id", "service_id", "category", "status", "languages", "genders", "moud", "payment", "narr_level",
              "populations", "levels_of_care", "vacancy_fresh_until", "open_hours", "open_slots", "open_slots_until",
              "fellowship", "meeting_types", "attendance"]
SORTABLE = ["_geo", "name_sort"]


def index_settings() -> dict:
    """The complete settings document for the services index (synonyms in English and Spanish: one table with the
    fallback search's, api/services/synonyms.py, folded as Meilisearch compares words)."""
    return {
        "searchableAttributes": SEARCHABLE,
        "filterableAttributes": FILTERABLE,
        "sortableAttributes": SORTABLE,
        "rankingRules": ["words", "typo", "proximity", "attributeRank", "sort", "wordPosition", "exactness"],
        "synonyms": synonyms(),
        "typoTolerance": {"enabled": True, "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9}},
        "faceting": {"maxValuesPerFacet": 100},
        "pagination": {"maxTotalHits": 1000},
    }


FACETS = list(SERVICE_FACETS)
