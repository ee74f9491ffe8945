"""Translate search queries into MongoDB filter documents; user text only ever becomes escaped literals."""

from datetime import timedelta

from api.domain.meeting_times import MEETING_GUIDE_DAYS
from api.services.search import MeetingQuery, ServiceQuery, query_terms, word_start_pattern


def text_criteria(q: str) -> list[dict]:
    """Every term of q must be met: all words of one of its groups (its own, or a synonym's) start words of the
    listing's search text."""
    return [_any_group(term) for term in query_terms(q)]


def _any_group(groups: tuple[tuple[str, ...], ...]) -> dict:
    matches = [{"$and": [{"search_text": {"$regex": word_start_pattern(word)}} for word in group]}
               for group in groups]
    return matches[0] if len(matches) == 1 else {"$or": matches}


def service_criteria(query: ServiceQuery, location_ids=None) -> dict:
    """The MongoDB filter for a service search; location_ids limits it to services at those places."""
    clauses: list[dict] = [{"status": {"$ne": "inactive"}}, *text_criteria(query.q)]
    if location_ids is not None:
        clauses.append({"locations.location": {"$in": list(location_ids)}})
    if query.categories:
        clauses.append({"category": {"$in": list(query.categories)}})
    if query.gender:
        # A listing with no gender restriction serves everyone.
        clauses.append({"$or": [{"eligibility.genders": query.gender}, {"eligibility.genders": {"$size": 0}}]})
    if query.language:
        clauses.append({"languages": query.language})
    if query.moud:
        clauses.append({"clinical.moud": query.moud})
    if query.payment:
        clauses.append({"cost.payment_options": query.payment})
    if query.narr_level:
        clauses.append({"housing.narr_level": query.narr_level})
    if query.accepting:
        clauses.append({"capacity_doubt": None})  # people report it full: no free place until a partner confirms
        clauses.append({"$or": [_fresh_vacancy(category, hours, query.now)
                                for category, hours in query.freshness_ttl_hours.items()
                                if not query.categories or category in query.categories]})
    return {"$and": clauses}


def _fresh_vacancy(category: str, ttl_hours: float, now) -> dict:
    """A unit with a place free, confirmed within the category's freshness window."""
    cutoff = (now - timedelta(hours=ttl_hours)).replace(tzinfo=None)
    return {"category": category,
            "capacity": {"$elemMatch": {"available": {"$gt": 0}, "updated_at": {"$gte": cutoff}}}}


def meeting_criteria(query: MeetingQuery, location_ids=None) -> dict:
    """The MongoDB filter for a meeting search; day and start time are checked against real occurrences later."""
    clauses: list[dict] = [{"category": "meeting"}, {"status": {"$ne": "inactive"}}, *text_criteria(query.q)]
    if location_ids is not None:
        clauses.append({"locations.location": {"$in": list(location_ids)}})
    if query.types:
        clauses.append({"meeting.types": {"$all": list(query.types)}})
    if query.attendance:
        clauses.append({"meeting.attendance": {"$in": list(query.attendance)}})
    if query.fellowship:
        clauses.append({"meeting.fellowship": query.fellowship})
    if query.day is not None:
        code = MEETING_GUIDE_DAYS[query.day]
        clauses.append({"schedules.byday": {"$regex": rf"{code}$"}})
    return {"$and": clauses}

