"""Where reports wait: each organisation's queue, the network's list of unanswered ones, and the figures the
"needs attention" pages show (how many wait, how long answers take over the reports still kept)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from api.models import Organization, Service
from api.models.fields import naive_utc
from api.models.report import Report


@dataclass(frozen=True)
class Waiting:
    report: Report
    service: Service


@dataclass(frozen=True)
class Figures:
    """One organisation's reports: waiting now, waiting past the deadline, answered lately and how fast."""

    organization: Organization
    waiting: int
    overdue: int
    answered: int
    median_answer_hours: float | None


def waiting(organization_ids: list[str] | None) -> list[Waiting]:
    """Open reports (None: every organisation's), the most reported first, then the oldest."""
    query = Report.objects(state="open")
    if organization_ids is not None:
        query = query.filter(organization__in=organization_ids)
    reports = sorted(query, key=lambda report: (-report.count, report.first_at))
    services = {service.id: service for service in Service.objects(id__in=list({r.service for r in reports}))}
    return [Waiting(report, services[report.service]) for report in reports if report.service in services]


def overdue(now: datetime, days: float) -> list[Waiting]:
    """Every organisation's reports unanswered for more than `days`: the network admins' to chase or answer."""
    cutoff = naive_utc(now) - timedelta(days=days)
    return [item for item in waiting(None) if item.report.first_at < cutoff]


def figures(organization_ids: list[str] | None, now: datetime, overdue_days: float,
            period_days: float) -> list[Figures]:
    """Per organisation with a report waiting or answered in the period (None: all of them), most waiting first."""
    stamp = naive_utc(now)
    cutoff, since = stamp - timedelta(days=overdue_days), stamp - timedelta(days=period_days)
    query = Report.objects.filter(__raw__={"$or": [{"state": "open"}, {"answered_at": {"$gte": since}}]})
    if organization_ids is not None:
        query = query.filter(organization__in=organization_ids)
    by_organization: dict[str, list[Report]] = {}
    for report in query:
        by_organization.setdefault(report.organization, []).append(report)
    names = {organization.id: organization for organization in Organization.objects(id__in=list(by_organization))}
    found = []
    for organization_id, reports in by_organization.items():
        open_ = [report for report in reports if report.state == "open"]
        hours = [(report.answered_at - report.first_at).total_seconds() / 3600 for report in reports
                 if report.state != "open"]
        found.append(Figures(names.get(organization_id) or Organization(id=organization_id, name="?"), len(open_),
                             sum(1 for report in open_ if report.first_at < cutoff), len(hours),
                             round(median(hours), 1) if hours else None))
    return sorted(found, key=lambda figure: (-figure.waiting, figure.organization.name))
