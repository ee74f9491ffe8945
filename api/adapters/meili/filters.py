"""Meilisearch filter expressions from search queries: every value quoted and escaped here, and only here."""

from datetime import datetime

from api.adapters.meili.documents import hour_of, slot_of
from api.services.search import GeoFilter, MeetingQuery, ServiceQuery


def quote(value) -> str:
    """A filter literal: numbers as numbers, anything else double-quoted with backslash escapes."""
    if isinstance(value, bool):
        raise TypeError("booleans are not filter values here")
    if isinstance(value, int | float):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _any_of(field: str, values) -> str:
    return f"{field} IN [{', '.join(quote(value) for value in values)}]"


def geo_clause(geo: GeoFilter) -> str:
    return f"_geoRadius({geo.lat!r}, {geo.lng!r}, {int(geo.radius_m)})"


def service_filter(query: ServiceQuery) -> list[str]:
    """Clauses ANDed together, the same conditions mongo_filters.service_criteria expresses for MongoDB."""
    clauses = [f"status != {quote('inactive')}"]
    if query.geo:
        clauses.append(geo_clause(query.geo))
    if query.categories:
        clauses.append(_any_of("category", query.categories))
    for field, value in (("genders", query.gender), ("languages", query.language), ("moud", query.moud),
                         ("payment", query.payment), ("narr_level", query.narr_level)):
        if value is not None:
            clauses.append(f"{field} = {quote(value)}")
    if query.accepting:
        clauses.append(f"vacancy_fresh_until > {_epoch(query.now)}")
    if query.open_now:
        clauses.append(f"(open_hours = {hour_of(query.now)} OR open_slots = {slot_of(query.now)})"
                       f" AND open_slots_until > {_epoch(query.now)}")
    return clauses


def meeting_filter(query: MeetingQuery) -> list[str]:
    """Clauses for meetings; day and start time are checked against the listed starts afterwards."""
    clauses = [f"category = {quote('meeting')}", f"status = {quote('active')}"]
    if query.geo:
        clauses.append(geo_clause(query.geo))
    clauses.extend(f"meeting_types = {quote(code)}" for code in query.types)
    if query.attendance:
        clauses.append(_any_of("attendance", query.attendance))
    if query.fellowship:
        clauses.append(f"fellowship = {quote(query.fellowship)}")
    return clauses


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())
