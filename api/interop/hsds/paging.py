"""What the HSDS lists share: their filters, the HSDS Page, streaming, and finding places by postcode."""

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from api.interop.hsds.taxonomies import MATCH_NOTHING, Catalogue
from api.models import Location
from api.models.location import coordinates
from api.services.search import query_words, word_start_pattern

BATCH = 200  # listings built per round of bulk reads
ZIP_PLUS_FOUR = re.compile(r"^(\d{5})-\d{4}$")


@dataclass(frozen=True)
class Filters:
    """The HSDS query parameters that select services (and the service_at_locations of those services)."""

    search: str = ""
    organization_id: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    modified_after: datetime | None = None  # naive UTC
    postcode: str | None = None
    proximity_m: float | None = None


@dataclass(frozen=True)
class Listing:
    """A filtered list: how many it holds, and how to build any slice of it (limit None: to the end)."""

    total: int
    fetch: Callable[[int, int | None], Iterable[dict]]

    def page(self, number: int, per_page: int) -> dict:
        """The HSDS Page: counts and flags, then the contents of page `number`, brought into 1..the last page.

        HSDS clients page until last_page; one that asks beyond it (or below 1) is served the nearest page there is,
        and page_number says which it got, rather than a refusal the standard never mentions.
        """
        total_pages = math.ceil(self.total / per_page)
        number = min(max(number, 1), max(total_pages, 1))
        contents = list(self.fetch((number - 1) * per_page, per_page))
        return {"total_items": self.total, "total_pages": total_pages, "page_number": number,
                "size": len(contents), "first_page": number == 1, "last_page": number >= total_pages,
                "empty": not contents, "contents": contents}

    def stream(self) -> Iterator[dict]:
        """Every item, built a batch at a time (format=ndjson)."""
        return iter(self.fetch(0, None))


def in_memory(items: list) -> Listing:
    """A listing of items already built (taxonomies and terms: a few hundred at most)."""
    return Listing(len(items), lambda offset, limit: items[offset:None if limit is None else offset + limit])


def service_criteria(filters: Filters, catalogue: Catalogue, place_ids: set[str] | None) -> dict:
    """The MongoDB filter for services; place_ids (from postcode/proximity) limits them to those places.

    Inactive services stay in: a consumer mirroring the directory needs to learn that a listing closed.
    """
    clauses = [{"search_text": {"$regex": word_start_pattern(word)}} for word in query_words(filters.search)]
    if filters.organization_id is not None:
        clauses.append({"organization": filters.organization_id})
    if filters.taxonomy_term_id is not None:
        clauses.append(catalogue.term_criteria(filters.taxonomy_term_id))
    if filters.taxonomy_id is not None:
        clauses.append(catalogue.taxonomy_criteria(filters.taxonomy_id))
    if filters.modified_after is not None:  # naive UTC, as stored
        clauses.append({"updated_at": {"$gte": filters.modified_after}})
    if place_ids is not None:  # delivered at those places: an online-only meeting is delivered at none
        clauses.append({"locations.location": {"$in": sorted(place_ids)}, "meeting.attendance": {"$ne": "online"}}
                       if place_ids else MATCH_NOTHING)
    return {"$and": clauses} if clauses else {}


def places_for_postcode(postcode: str, proximity_m: float | None) -> set[str]:
    """Ids of the places a postcode (and proximity, in metres) selects.

    Without proximity: the places whose public postal code is this one. With it: every place whose public point
    lies within proximity of the centroid of those places (we hold no postcode geography of our own, so an
    unknown postcode has no centroid and selects nothing). Confidential places never match by postal code, which
    would reveal it; they are found by proximity only at their coarse point, as /v1 search finds them.
    """
    wanted = _postcode_key(postcode)
    rows = Location._get_collection().find({"confidential": {"$ne": True}},
                                           {"_id": 1, "address.postal_code": 1, "public_point": 1})
    matching = [row for row in rows
                if _postcode_key((row.get("address") or {}).get("postal_code") or "") == wanted]
    if proximity_m is None or not matching:
        return {row["_id"] for row in matching}
    points = [coordinates(row["public_point"]) for row in matching]
    lng, lat = sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    near = {"$geoNear": {"near": {"type": "Point", "coordinates": [lng, lat]}, "key": "public_point",
                         "distanceField": "distance", "maxDistance": proximity_m, "spherical": True}}
    return {row["_id"] for row in Location._get_collection().aggregate([near, {"$project": {"_id": 1}}])}


def _postcode_key(value: str) -> str:
    """Postcodes compared without case or spaces ("sw1a 1aa" is "SW1A1AA"); a ZIP+4 by its five digits."""
    key = re.sub(r"\s+", "", value).upper()
    plus_four = ZIP_PLUS_FOUR.match(key)
    return plus_four.group(1) if plus_four else key


def words_match(search: str, *texts: str | None) -> bool:
    """Whether every word of search starts a word of the texts (as /v1 matches q), accents and case aside."""
    words = query_words(search)
    if not words:
        return True
    haystack = query_words(" ".join(text or "" for text in texts))
    return all(any(candidate.startswith(word) for candidate in haystack) for word in words)


def batches(ids: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]
