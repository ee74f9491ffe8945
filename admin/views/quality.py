"""Data quality: stale counts and missing essentials, for one organisation or (network admins) all of them."""

from flask import render_template
from flask_login import current_user

from admin.access import organization_or_404, staff_required, visible_organizations
from admin.blueprint import bp
from admin.referral_pages import referral_attention
from api.backends import backends
from api.i18n.text import gettext as _
from api.services.data_quality import geocoding_failures, problems
from api.services.reports import queue as reports


@bp.get("/quality")
@staff_required()
def quality():
    ids = None if _network_admin() else [organization.id for organization in visible_organizations()]
    return _page(_("All organisations") if ids is None else _("Your listings"), ids)


@bp.get("/organizations/<organization_id>/quality")
@staff_required()
def organization_quality(organization_id: str):
    organization = organization_or_404(organization_id)
    return _page(organization.name, [organization.id])


def _page(title: str, organization_ids: list[str] | None):
    config, now = backends().config, backends().clock()
    found = problems(organization_ids, config.FRESHNESS_TTL_HOURS, now)
    return render_template("admin/quality.html", title=title, problems=found,
                           referral_attention=referral_attention(organization_ids),
                           stale=sum(1 for problem in found if problem.needs_confirming),
                           unfound_places=geocoding_failures(organization_ids),
                           report_figures=reports.figures(organization_ids, now, config.REPORT_OVERDUE_DAYS,
                                                          config.REPORT_RETENTION_DAYS),
                           overdue_days=config.REPORT_OVERDUE_DAYS, kept_days=config.REPORT_RETENTION_DAYS)


def _network_admin() -> bool:
    return current_user.role == "network_admin"
