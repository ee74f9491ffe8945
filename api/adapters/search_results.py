"""What the database-side search backends do alike once they have their matches: rank, count facets, page."""

from collections import Counter

from api.domain.vocabulary import GENDERS
from api.services.search import SERVICE_FACETS, Hit, SearchPage


def facet_values(category, languages, moud, payment, narr_level, genders) -> dict[str, list]:
    """The values one listing counts under in each facet."""
    return {"category": [category], "languages": list(languages or ()), "moud": list(moud or ()),
            "payment": list(payment or ()), "narr_level": [narr_level] if narr_level else [],
            # No restriction means it serves every gender, as the gender filter treats it.
            "genders": list(genders) if genders else list(GENDERS)}


def rank_key(words: list[str], folded_name: str, hit: Hit) -> tuple:
    """Name matches first when there is text, then nearest, then alphabetical for a stable order."""
    return (-sum(word in folded_name for word in words), hit.distance_m or 0, folded_name, hit.service_id)


def meeting_key(hit: Hit) -> tuple:
    """Soonest next occurrence first, then nearest."""
    return (hit.next_start, hit.distance_m or 0, hit.service_id)


class FacetCounter:
    """Counts per facet value over every hit (a service at two places counts twice, as it is listed twice)."""

    def __init__(self):
        self.counts = {name: Counter() for name in SERVICE_FACETS}

    def add(self, values: dict[str, list], hits: int) -> None:
        for name in SERVICE_FACETS:
            for value in values.get(name) or ():
                self.counts[name][str(value)] += hits

    def result(self) -> dict[str, dict[str, int]]:
        """Each facet's values, most counted first, ties by value: the same answer in every process (the hits come
        in an order that set iteration decides), so its ETag is the same whichever replica serves it."""
        return {name: dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
                for name, counts in self.counts.items()}


def page_of(hits: list[Hit], page: int, per_page: int, backend: str, facets=None) -> SearchPage:
    """The requested page of already-ordered hits, with the total over all of them."""
    start = (page - 1) * per_page
    return SearchPage(hits[start:start + per_page], len(hits), backend, facets or {})
