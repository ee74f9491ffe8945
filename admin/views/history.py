"""The audit trail: who changed what and when, per listing and per organisation."""

from flask import render_template, request

from admin.access import organization_or_404, service_or_404, staff_required
from admin.blueprint import bp
from api.models.audit import AuditEntry

PAGE = 50
MAX_PAGE = 10_000  # 500,000 entries back: far enough, and a skip MongoDB can take


@bp.get("/services/<service_id>/history")
@staff_required()
def service_history(service_id: str):
    service = service_or_404(service_id)
    return _history(service.name, AuditEntry.objects(object_id=service.id))


@bp.get("/organizations/<organization_id>/history")
@staff_required()
def organization_history(organization_id: str):
    organization = organization_or_404(organization_id)
    return _history(organization.name, AuditEntry.objects(organization=organization.id))


def _history(title: str, query):
    """One page of entries, newest first."""
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
    entries = list(query.order_by("-at").skip((page - 1) * PAGE).limit(PAGE + 1))
    return render_template("admin/history.html", title=title, entries=entries[:PAGE], page=page,
                           more=len(entries) > PAGE)
