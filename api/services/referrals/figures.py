"""The network's referral figures: per receiving organisation and category, how many were sent, answered (and how
fast), accepted and arrived. Counts only, from what every referral keeps after its client's details are erased.

Small counts are suppressed, as public-health tables do: a count from 1 to 4 is shown as "fewer than 5", and so is
a median over fewer than 5 answers. Within each category a second count is suppressed when only one organisation's
was, so the category's total cannot give the hidden one back (complementary suppression).
"""

import statistics
from dataclasses import dataclass, replace
from datetime import datetime

from api.models import Organization
from api.models.referral import Referral

SMALL = 5
MEASURES = ("sent", "answered", "accepted", "arrived")
SUPPRESSED = "<5"


@dataclass(frozen=True)
class Row:
    """One organisation's (or, with organization None, the whole network's) figures in one category.

    Counts are ints, or None where suppressed; median_hours likewise."""

    organization: str | None
    organization_name: str
    category: str
    sent: int | None = 0
    answered: int | None = 0
    accepted: int | None = 0
    arrived: int | None = 0
    median_hours: float | None = None  # None: suppressed, or nothing answered (answered is then 0)


def figures(since: datetime | None = None, until: datetime | None = None) -> list[Row]:
    """Every (organisation, category) with referrals created in [since, until), then a network row per category;
    suppressed as the module says."""
    query = Referral.objects
    if since:
        query = query.filter(created_at__gte=since)
    if until:
        query = query.filter(created_at__lt=until)
    raw: dict[tuple[str | None, str], dict] = {}
    for referral in query.only("receiving_org", "category", "created_at", "answered_at", "steps"):
        reached = {step.status for step in referral.steps}
        for key in ((referral.receiving_org, referral.category), (None, referral.category)):
            counts = raw.setdefault(key, {"sent": 0, "answered": 0, "accepted": 0, "arrived": 0, "hours": []})
            counts["sent"] += 1
            counts["accepted"] += "accepted" in reached
            counts["arrived"] += "arrived" in reached
            if referral.answered_at:
                counts["answered"] += 1
                counts["hours"].append((referral.answered_at - referral.created_at).total_seconds() / 3600)
    names = {organization.id: organization.name
             for organization in Organization.objects(id__in=[key[0] for key in raw if key[0]]).only("name")}
    rows = [_row(key, counts, names) for key, counts in raw.items()]
    rows.sort(key=lambda row: (row.category, row.organization is None, row.organization_name.lower()))
    return _complementary(rows)


def _row(key, counts: dict, names: dict) -> Row:
    organization, category = key
    return Row(organization, names.get(organization, "") if organization else "", category,
               **{measure: _shown(counts[measure]) for measure in MEASURES},
               median_hours=round(statistics.median(counts["hours"]), 1) if len(counts["hours"]) >= SMALL else None)


def _shown(count: int) -> int | None:
    return None if 0 < count < SMALL else count


def _complementary(rows: list[Row]) -> list[Row]:
    """Where exactly one organisation's count of a measure is hidden in a category, hide the next smallest too."""
    by_category: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        if row.organization is not None:
            by_category.setdefault(row.category, []).append(index)
    for indexes in by_category.values():
        for measure in MEASURES:
            hidden = [i for i in indexes if getattr(rows[i], measure) is None]
            shown = [i for i in indexes if getattr(rows[i], measure)]
            if len(hidden) == 1 and shown:
                smallest = min(shown, key=lambda i: getattr(rows[i], measure))
                rows[smallest] = replace(rows[smallest], **{measure: None})
    return rows


def csv_rows(rows: list[Row]) -> list[list]:
    """The figures as CSV rows, header first; suppressed cells read "<5", the network's rows say "All"."""
    table = [["organisation", "category", "sent", "answered", "median_hours_to_answer", "accepted", "arrived"]]
    for row in rows:
        median = "" if row.answered == 0 else _cell(row.median_hours)
        table.append([row.organization_name if row.organization else "All", row.category, _cell(row.sent),
                      _cell(row.answered), median, _cell(row.accepted), _cell(row.arrived)])
    return table


def _cell(value):
    return SUPPRESSED if value is None else value
