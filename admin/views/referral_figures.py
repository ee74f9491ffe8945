"""The network's referral figures for funders and partners: a page and a CSV, counts only, small ones suppressed."""

import csv
import io
from datetime import date, datetime, time, timedelta

from flask import Response, request

from admin.access import staff_required
from admin.blueprint import bp
from admin.referral_pages import render
from api.domain.vocabulary import CATEGORIES
from api.services.referrals.figures import SMALL, csv_rows, figures


@bp.get("/referrals/figures")
@staff_required("network_admin", "org_admin")
def referral_figures():
    """The figures as a page, for a period if one is asked."""
    since, until = _period()
    return render("admin/referral_figures.html", rows=figures(since, until), small=SMALL, categories=CATEGORIES,
                  since=request.args.get("since", ""), until=request.args.get("until", ""))


@bp.get("/referrals/figures.csv")
@staff_required("network_admin", "org_admin")
def referral_figures_csv():
    """The same figures as a CSV download, suppressed cells as "<5"."""
    since, until = _period()
    text = io.StringIO()
    csv.writer(text).writerows(csv_rows(figures(since, until)))
    return Response(text.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=lantern-referrals.csv"})


def _period() -> tuple[datetime | None, datetime | None]:
    """The from/to dates asked for (inclusive, UTC days); an unreadable one is ignored."""
    return _day(request.args.get("since")), _day(request.args.get("until"), after=True)


def _day(text: str | None, after: bool = False) -> datetime | None:
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        return None
    return datetime.combine(day + timedelta(days=1) if after else day, time())
