"""The report form for people rather than apps: what a meeting's feedback_url opens in a browser (the Meeting Guide
app and TSML UI link to it) is the report route itself, so GET there answers a small phone-first page.

Its form posts beside it (`.../reports/form`, form-encoded), is read by the JSON route's own schema and taken in by
the same intake, with the same rate limits and body limit (api/edge.py). No script, no cookie, nothing loaded from
elsewhere, and no device to tell: nothing links a report sent here to anyone. Only its own page may send it: no
other site can make its visitors' browsers report a listing. Not part of the OpenAPI document: it is a page.
"""

from urllib.parse import urlsplit

from babel.dates import get_day_names
from flask import Blueprint, render_template, request
from marshmallow import ValidationError

from api import rate_limits
from api.backends import backends
from api.errors import LanternError
from api.i18n.http import negotiate_on
from api.i18n.language import current
from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.i18n.validation import translate_errors
from api.models import Service
from api.models.schedule import WEEKDAYS
from api.resources.reports.schemas import KIND_FIELDS, ReportArgsSchema
from api.services.reports import doubt, intake

bp = Blueprint("report_page", __name__, template_folder="templates")
negotiate_on(bp)
rate_limits.limit_reads(bp)

# What a person picks from, in the order they are offered.
KIND_LABELS = {"closed": N_("It has closed"), "moved": N_("It has moved"), "wrong_hours": N_("The hours are wrong"),
               "full": N_("It is full, but shows room"), "phone_wrong": N_("The phone number is wrong"),
               "meeting_not_held": N_("The meeting was not held"), "other": N_("Something else")}

# Every word of the page, here so the catalog finds them (the template only lays them out).
TEXTS = {
    "title": N_("Report a problem"),
    "intro": N_("Tell the people who keep this listing what is wrong. What you report is kept, nothing about you."),
    "what": N_("What is wrong?"),
    "address": N_("The new address"), "days": N_("The days these hours are for"),
    "opens": N_("Opens"), "closes": N_("Closes"), "phone": N_("The number that works, if you know it"),
    "date": N_("The date it was not held"),
    "note": N_("Anything else they should know (no links, no names or phone numbers of yours)"),
    "send": N_("Send"), "only": N_("Only for: {kind}"),
    "thanks": N_("Thank you. The people who keep this listing will check it."),
    "fix": N_("Please check what is marked below."),
}


@bp.before_request
def own_page_only():
    """Refuse a form another site's page sent: a report must be the person's own, not one a page they visited
    made their browser send (no token is needed for that, so the page keeps its no-cookie promise)."""
    if request.method == "POST" and _sent_from_elsewhere():
        return _page(None, status=403, message=_("This form can be sent only from its own page."))
    return None


@bp.get("/v1/services/<service_id>/reports")
def report_form(service_id: str):
    """The form, for the listing as it is now."""
    service = Service.objects(id=service_id, status__ne="inactive").first()
    if service is None:
        return _page(None, status=404, message=_("This listing is not in the directory any more."))
    return _page(service)


@bp.post("/v1/services/<service_id>/reports/form")
@rate_limits.reports()
@rate_limits.doubting_reports(doubt.KINDS)
def send_report(service_id: str):
    """Check and take in what the form sent; the same page again with what to change, or a thank-you."""
    service = Service.objects(id=service_id, status__ne="inactive").first()
    if service is None:
        return _page(None, status=404, message=_("This listing is not in the directory any more."))
    sent = _sent(request.form)
    context = backends()
    try:
        fields = ReportArgsSchema().load(sent)
        intake.receive(service.id, fields, None, context.clock(), context.config)
    except ValidationError as invalid:
        return _page(service, sent, translate_errors(invalid.messages), status=422)
    except LanternError as refused:
        errors = (refused.errors or {}).get("json") or {}
        return _page(service, sent, errors, status=refused.http_status,
                     message=None if errors else str(refused))
    return _page(service, sent, status=201, thanked=True)


def _sent_from_elsewhere() -> bool:
    """Whether the browser says another site sent the request: Fetch Metadata's Sec-Fetch-Site (every current
    browser), else the Origin; a request with neither (an older browser, or none) is taken as before."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site not in ("same-origin", "none")  # "same-site" is a neighbouring host, not this page
    origin = request.headers.get("Origin")
    return origin is not None and urlsplit(origin).netloc.lower() != request.host.lower()


def _sent(form) -> dict:
    """The fields of the chosen kind, as the JSON route reads them: every kind's inputs are on the page (no script
    shows and hides them), so the others' are left out rather than refused."""
    kind = form.get("kind", "")
    sent = {"kind": kind}
    for name in (*KIND_FIELDS.get(kind, ()), "note"):
        value = form.getlist(name) if name == "days" else form.get(name, "").strip()
        if value:
            sent[name] = value
    if sent.get("note"):
        sent["language"] = current()
    return sent


def _page(service, sent: dict | None = None, errors: dict | None = None, status: int = 200,
          message: str | None = None, thanked: bool = False):
    kinds = {code: _(label) for code, label in KIND_LABELS.items() if service is not None and _offered(code, service)}
    days = get_day_names("wide", locale=current())
    texts = {key: _(text) for key, text in TEXTS.items() if key != "only"}
    only = {code: _(TEXTS["only"], kind=label) for code, label in kinds.items()}
    html = render_template("report_form.html", service=service, kinds=kinds, sent=sent or {}, errors=errors or {},
                           message=message, thanked=thanked, language=current(), t=texts, only=only,
                           days=[(code, days[index]) for index, code in enumerate(WEEKDAYS)])
    return html, status, {"Content-Type": "text/html; charset=utf-8"}


def _offered(kind: str, service: Service) -> bool:
    """A kind the listing can have: places counted to be full, a meeting to be not held, open to be closed."""
    return {"full": bool(service.capacity), "meeting_not_held": service.category == "meeting",
            "closed": service.status == "active"}.get(kind, True)
