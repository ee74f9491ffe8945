"""The network's referral figures for funders and partners: a page and a CSV, counts only, small ones suppressed,
for one whole month that has ended (api/services/referrals/figures.py says why nothing else)."""

import csv
import io
from datetime import date

from babel.dates import format_skeleton
from flask import Response, request

from admin.access import staff_required
from admin.blueprint import bp
from admin.referral_pages import now, render
from api.domain.vocabulary import CATEGORIES
from api.i18n.language import current
from api.services.referrals.figures import SMALL, csv_rows, figures, month_named, months


@bp.get("/referrals/figures")
@staff_required("network_admin", "org_admin")
def referral_figures():
    """The figures of the month asked for, or of the last one that has ended."""
    offered = months(now())
    month = _month(offered)
    named = [(f"{choice:%Y-%m}", format_skeleton("yMMMM", choice, locale=current())) for choice in offered]
    return render("admin/referral_figures.html", rows=figures(month), small=SMALL, categories=CATEGORIES,
                  month=f"{month:%Y-%m}", months=named)


@bp.get("/referrals/figures.csv")
@staff_required("network_admin", "org_admin")
def referral_figures_csv():
    """The same figures as a CSV download, suppressed cells as "<5"."""
    month = _month(months(now()))
    text = io.StringIO()
    csv.writer(text).writerows(csv_rows(figures(month)))
    return Response(text.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=lantern-referrals-{month:%Y-%m}.csv"})


def _month(offered: list[date]) -> date:
    """The month asked for (?month=2026-10) if it is offered; the last one that has ended otherwise."""
    asked = month_named(request.args.get("month"), now())
    return asked if asked in offered else offered[0]
