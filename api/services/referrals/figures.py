"""The network's referral figures: per receiving organisation and category, how many were sent, answered (and how
fast), accepted and arrived. Counts only, from what every referral keeps after its client's details are erased.

Small counts are suppressed, as public-health tables do: a count from 1 to 4 is shown as "fewer than 5", and so is
a median over fewer than 5 answers. Within each category a second count is suppressed when only one organisation's
was, so the category's total cannot give the hidden one back (complementary suppression).

Suppression only holds if no two tables can be subtracted, so the one period there is is a whole calendar month (UTC)
that has ended: no day ranges, no running total, no second size of period. Two overlapping periods differ by a third
that nobody suppressed (six referrals on the 1st against seven on the 1st and 2nd give away the one on the 2nd; a
quarter less two of its months gives the third; today's running total less yesterday's gives one day), while months
do not overlap. A month is also counted as it stood when it ended (steps taken later are left out), so its table never
changes and looking again later cannot reveal, by difference, one step taken since. Months rather than quarters:
a month's figures can be read days after it ends, and a small network's quarter is three months' rows.
"""

import statistics
from dataclasses import dataclass, replace
from datetime import date, datetime, time

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


def figures(month: date) -> list[Row]:
    """Every (organisation, category) with referrals created in the month starting `month`, as it stood when the
    month ended, then a network row per category; suppressed as the module says."""
    since, until = datetime.combine(month, time()), datetime.combine(_next(month), time())
    raw: dict[tuple[str | None, str], dict] = {}
    for referral in Referral.objects(created_at__gte=since, created_at__lt=until).only(
            "receiving_org", "category", "created_at", "answered_at", "steps"):
        reached = {step.status for step in referral.steps if step.at < until}
        for key in ((referral.receiving_org, referral.category), (None, referral.category)):
            counts = raw.setdefault(key, {"sent": 0, "answered": 0, "accepted": 0, "arrived": 0, "hours": []})
            counts["sent"] += 1
            counts["accepted"] += "accepted" in reached
            counts["arrived"] += "arrived" in reached
            if referral.answered_at and referral.answered_at < until:
                counts["answered"] += 1
                counts["hours"].append((referral.answered_at - referral.created_at).total_seconds() / 3600)
    names = {organization.id: organization.name
             for organization in Organization.objects(id__in=[key[0] for key in raw if key[0]]).only("name")}
    rows = [_row(key, counts, names) for key, counts in raw.items()]
    rows.sort(key=lambda row: (row.category, row.organization is None, row.organization_name.lower()))
    return _complementary(rows)


def months(now: datetime) -> list[date]:
    """The months figures are given for, newest first (each as its first day): every one that has ended, back to the
    first referral's; the last month alone before there is any."""
    last = _previous(date(now.year, now.month, 1))
    first = Referral.objects.order_by("created_at").only("created_at").first()
    month, found = last, [last]
    while first is not None and month > first.created_at.date():
        month = _previous(month)
        found.append(month)
    return found


def month_named(text: str | None, now: datetime) -> date | None:
    """ "2026-10" as the first day of that month, if it has ended by `now`; None otherwise."""
    try:
        month = datetime.strptime(text or "", "%Y-%m").date()
    except ValueError:
        return None
    return month if _next(month) <= date(now.year, now.month, 1) else None


def _next(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _previous(month: date) -> date:
    return date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


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
