"""Views of /admin/api/referrals: arguments in, referral service call, response out."""

from http import HTTPStatus

from flask import abort, g
from flask.views import MethodView
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from admin.referrals_api import CSRF, SESSION, blp
from admin.referrals_api.schemas import (
    AlertOffSchema,
    AlertSchema,
    AlertsSchema,
    ClientSchema,
    CsrfSchema,
    FigureArgsSchema,
    FigureListSchema,
    NewReferralSchema,
    ReferralListArgsSchema,
    ReferralListSchema,
    ReferralSchema,
    StepArgsSchema,
)
from api.backends import backends
from api.domain.referral_status import fhir_task_status
from api.errors import InvalidField, LanternError
from api.i18n.text import gettext as _
from api.services.referrals import alerts, queues, sending, steps
from api.services.referrals.figures import figures, month_named, months
from api.services.referrals.personal import PersonalFields, reveal

READ = [{SESSION: []}]
WRITE = [{SESSION: [], CSRF: []}]


class Gone(LanternError):
    """What was asked for existed and was erased."""

    http_status = HTTPStatus.GONE


@blp.route("/csrf-token")
class CsrfToken(MethodView):
    @blp.doc(security=READ)
    @blp.response(200, CsrfSchema)
    def get(self):
        """The session's CSRF token, for the X-CSRFToken header of every change."""
        return {"csrf_token": generate_csrf()}


@blp.route("")
class Referrals(MethodView):
    @blp.doc(security=READ)
    @blp.arguments(ReferralListArgsSchema, location="query")
    @blp.response(200, ReferralListSchema)
    def get(self, args):
        """Referrals to your organisation, sent by you, or (network admins) across the network."""
        now, user = backends().clock(), current_user
        if args["box"] == "network" and user.role != "network_admin" or args["box"] != "network" and \
                not user.organization:
            abort(404)
        found = {"inbox": lambda: queues.inbox(user.organization, now), "sent": lambda: queues.sent(user, now),
                 "network": lambda: queues.network(now)}[args["box"]]()
        return {"items": [_view(referral) for referral in found]}

    @blp.doc(security=WRITE)
    @blp.arguments(NewReferralSchema)
    @blp.response(201, ReferralSchema)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def post(self, fields):
        """Send a referral, with the client's consent (the referring permission needed)."""
        consent = sending.ConsentGiven(fields["consent_given_as"], fields["consent_purpose"],
                                       fields["consent_expires_on"], fields["consent_revocable"],
                                       fields["consent_attested"])
        personal = PersonalFields(fields["name"], fields["contact_method"], fields["contact"], fields["note"])
        request = sending.Request(fields["service"], fields["unit"], fields["requested"], personal, consent)
        context = backends()
        return _view(sending.send(request, current_user, context.seal, context.clock(),
                                  context.config.REFERRAL_RESPONSE_HOURS))


@blp.route("/<string:referral_id>")
class ReferralById(MethodView):
    @blp.doc(security=READ)
    @blp.response(200, ReferralSchema)
    def get(self, referral_id):
        """One referral (no personal field); the receiving organisation opening it marks it seen."""
        return _view(steps.mark_seen(g.referral, current_user, backends().clock()))


@blp.route("/<string:referral_id>/client")
class Client(MethodView):
    @blp.doc(security=READ)
    @blp.response(200, ClientSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(410, response="GONE", description="The client's details were erased.")
    def get(self, referral_id):
        """The client's details, for the staff involved only; each call is recorded with your name."""
        shown = reveal(g.referral, current_user, backends().seal, "api", backends().clock())
        if shown is None:
            raise Gone("The client's details were erased.")
        return shown


@blp.route("/<string:referral_id>/steps")
class Steps(MethodView):
    @blp.doc(security=WRITE)
    @blp.arguments(StepArgsSchema)
    @blp.response(200, ReferralSchema)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, args, referral_id):
        """The receiver's step: accept (hold_unit: a free place held), decline (reason), waitlist, arrived, ..."""
        now = backends().clock()
        if args["step"] == "seen":
            return _view(steps.mark_seen(g.referral, current_user, now))
        return _view(steps.answer(g.referral, args["step"], current_user, now, hold_unit=args["hold_unit"],
                                  reason=args["reason"]))


@blp.route("/<string:referral_id>/cancel")
class Cancel(MethodView):
    @blp.doc(security=WRITE)
    @blp.response(200, ReferralSchema)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, referral_id):
        """The sender withdraws the referral; a place held for the client is given back."""
        return _view(sending.cancel(g.referral, current_user, backends().clock()))


@blp.route("/<string:referral_id>/consent/revoke")
class Revoke(MethodView):
    @blp.doc(security=WRITE)
    @blp.response(200, ReferralSchema)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, referral_id):
        """The client revoked consent: the referral closes and the client's details are erased now."""
        return _view(sending.revoke_consent(g.referral, current_user, backends().clock()))


@blp.route("/alerts")
class Alerts(MethodView):
    @blp.doc(security=WRITE)
    @blp.arguments(AlertSchema)
    @blp.response(200, AlertsSchema)
    def put(self, fields):
        """Alert this phone (an FCM token) of each new referral to your organisation."""
        alerts.register(current_user, fields["token"], fields["platform"], fields["locale"], backends().clock())
        return {"phones": alerts.registered(current_user)}

    @blp.doc(security=WRITE)
    @blp.arguments(AlertOffSchema)
    @blp.response(200, AlertsSchema)
    def delete(self, fields):
        """Stop alerts on one phone, or on all of yours."""
        alerts.unregister(current_user, fields["token"])
        return {"phones": alerts.registered(current_user)}


@blp.route("/figures")
class Figures(MethodView):
    @blp.doc(security=READ)
    @blp.arguments(FigureArgsSchema, location="query")
    @blp.response(200, FigureListSchema)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def get(self, args):
        """The network's figures for one whole month that has ended, per receiving organisation and category;
        counts under 5 are null."""
        if current_user.role not in ("network_admin", "org_admin"):
            abort(404)
        now = backends().clock()
        month = month_named(args["month"], now) if args["month"] else months(now)[0]
        if month is None:
            latest = months(now)[0].strftime("%Y-%m")
            raise InvalidField("month", _("Give a whole month that has ended, such as {month}.", month=latest),
                               location="query")
        return {"month": f"{month:%Y-%m}", "items": figures(month)}


def _view(referral) -> dict:
    """A referral as the API shows it: everything but the client (whose details include the worker's own words)."""
    previous = referral.steps[-2].status if len(referral.steps) > 1 else None
    return {**{name: getattr(referral, name) for name in ReferralSchema().fields if hasattr(referral, name)},
            "fhir_task_status": fhir_task_status(referral.status, previous),
            "overdue": queues.overdue(referral, backends().clock()), "erased": referral.sealed is None,
            "steps": list(referral.steps), "consent": referral.consent, "requested": referral.asked_for,
            "code": sending.display_code(referral.code) or None}
