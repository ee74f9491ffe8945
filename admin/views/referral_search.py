"""The referring worker's side, with a client beside them: search near a place (open now, with room, and the notes
only partners see), a shortlist, the sheet to print for the client, and the referral with its consent.

The shortlist is a few listing ids in the session: nothing about the client is kept before the referral is sent.
The listing to refer to is a query parameter, not part of the path: it is another organisation's on purpose.
"""

from datetime import date, timedelta

from flask import abort, flash, redirect, request, session, url_for
from flask_login import current_user

from admin.access import staff_required
from admin.blueprint import bp
from admin.referral_pages import listing_url, now, qr_code, render
from api.backends import backends
from api.domain.vocabulary import CATEGORIES
from api.i18n.text import gettext as _
from api.models import Organization, Service
from api.services.referrals import access, finder, sending
from api.services.referrals.personal import InvalidReferral, PersonalFields
from api.services.search import GeoFilter, ServiceQuery

PER_PAGE = 20
DEFAULT_RADIUS_KM, MAX_RADIUS_KM = 10, 100
CONSENT_DAYS = 30  # the end date the form offers; the worker may choose another within a year


@bp.get("/referrals/find")
@staff_required()
def find_referral():
    """The search form and, once asked, the nearest listings with room and their partner notes."""
    _referrer_or_404()
    args, errors = _search_args(request.args)
    found, total = [], 0
    if request.args and not errors:
        context = backends()
        query = ServiceQuery(now=context.clock(), q=args["q"], geo=args["geo"], categories=args["categories"],
                             open_now=args["open_now"], accepting=args["accepting"],
                             freshness_ttl_hours=context.config.FRESHNESS_TTL_HOURS, per_page=PER_PAGE)
        found, total = finder.search(context.search, context.reader, query)
    return render("admin/referral_find.html", args=args, errors=errors, found=found, total=total,
                  searched=bool(request.args) and not errors, categories=CATEGORIES,
                  shortlist=set(session.get("shortlist", [])))


@bp.post("/referrals/shortlist")
@staff_required()
def shortlist_change():
    """Add a listing to the shortlist, or take one off."""
    _referrer_or_404()
    service_id, ids = request.form.get("service", ""), list(session.get("shortlist", []))
    if request.form.get("remove"):
        ids = [kept for kept in ids if kept != service_id]
    elif Service.objects(id=service_id, status__ne="inactive").count() and service_id not in ids:
        if len(ids) >= finder.MAX_SHORTLIST:
            flash(_("The shortlist holds {count} listings: take one off first.", count=finder.MAX_SHORTLIST), "error")
        else:
            ids.append(service_id)
            flash(_("Added to the shortlist."), "success")
    session["shortlist"] = ids
    return redirect(request.form.get("back") if _local(request.form.get("back")) else url_for("admin.shortlist"), 303)


@bp.get("/referrals/shortlist")
@staff_required()
def shortlist():
    """The listings put aside for this client, each with a Refer button."""
    _referrer_or_404()
    entries = finder.sheet(backends().reader, session.get("shortlist", []), now(), listing_url)
    return render("admin/referral_shortlist.html", entries=entries)


@bp.get("/referrals/sheet")
@staff_required()
def referral_sheet():
    """The printable sheet for the client: each shortlisted listing with a QR code to it, and nothing personal."""
    _referrer_or_404()
    entries = finder.sheet(backends().reader, session.get("shortlist", []), now(), listing_url)
    return render("admin/referral_sheet.html", entries=entries, codes={entry.service_id: qr_code(entry.url)
                                                                       for entry in entries})


@bp.route("/referrals/new", methods=["GET", "POST"])
@staff_required()
def new_referral():
    """The referral to one listing: the client's name and contact, what is asked for, a note, and their consent."""
    _referrer_or_404()
    service = Service.objects(id=request.values.get("service", ""), status__ne="inactive").first()
    if service is None:
        abort(404)
    today = now().date()
    form = request.form if request.method == "POST" else {
        "contact_method": "client_will_call", "consent_given_as": "verbal",
        "consent_expires_on": (today + timedelta(days=CONSENT_DAYS)).isoformat(),
        "consent_purpose": _("To refer the client to {service} and hear whether they got in.", service=service.name),
        "unit": service.capacity[0].code if service.capacity else ""}
    errors = {}
    if request.method == "POST":
        try:
            referral = sending.send(_request(service, form), current_user, backends().seal, now(),
                                    backends().config.REFERRAL_RESPONSE_HOURS)
        except InvalidReferral as refused:
            errors = refused.field_errors
        else:
            session["shortlist"] = [kept for kept in session.get("shortlist", []) if kept != service.id]
            flash(_("Sent to {service}. Give the client the hand-off card.", service=service.name), "success")
            return redirect(url_for("admin.referral", referral_id=referral.id), 303)
    return render("admin/referral_send.html", service=service, form=form, errors=errors,
                  organization=service.organization,
                  sending_organization=Organization.objects.get(id=current_user.organization)), 422 if errors else 200


def _request(service: Service, form) -> sending.Request:
    personal = PersonalFields(form.get("name", ""), form.get("contact_method", ""), form.get("contact"),
                              form.get("note"))
    try:
        expires = date.fromisoformat(form.get("consent_expires_on", ""))
    except ValueError:
        expires = date.min  # refused by send() with the other problems, as out of range
    consent = sending.ConsentGiven(form.get("consent_given_as", ""), form.get("consent_purpose", ""), expires,
                                   revocable=form.get("consent_revocable") == "yes",
                                   attested=form.get("consent_attested") == "yes")
    return sending.Request(service.id, form.get("unit") or None, form.get("requested"), personal, consent)


def _referrer_or_404() -> None:
    if not access.may_refer(current_user):
        abort(404)


def _search_args(given) -> tuple[dict, dict]:
    """The search form's values, and a message for each one that cannot be used."""
    errors, geo = {}, None
    lat, lng = given.get("lat", "").strip(), given.get("lng", "").strip()
    radius = given.get("radius_km", str(DEFAULT_RADIUS_KM)).strip() or str(DEFAULT_RADIUS_KM)
    if lat or lng:
        try:
            point, km = (float(lat), float(lng)), float(radius)
            if not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180 and 0 < km <= MAX_RADIUS_KM):
                raise ValueError
            geo = GeoFilter(point[0], point[1], int(km * 1000))
        except ValueError:
            errors["place"] = _("Give a latitude and longitude (or use your location) and a distance up to {km} km.",
                                km=MAX_RADIUS_KM)
    category = given.get("category", "")
    return {"q": given.get("q", "").strip()[:200], "geo": geo, "lat": lat, "lng": lng, "radius_km": radius,
            "category": category, "categories": (category,) if category in CATEGORIES else (),
            "open_now": given.get("open_now") == "1", "accepting": given.get("accepting") == "1"}, errors


def _local(url: str | None) -> bool:
    """Only back to a page of the admin area (never a redirect elsewhere)."""
    return bool(url) and url.isprintable() and url.startswith("/admin/") and "//" not in url and "\\" not in url
