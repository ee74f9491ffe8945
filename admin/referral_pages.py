"""What the referral pages share: rendering with the translation functions, a referral the signed-in person may see
(404 otherwise), times in the service's zone, and the QR code a client's sheet carries."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import segno
from babel.dates import format_date, format_skeleton, format_time
from flask import abort, current_app, render_template, url_for
from flask_login import current_user
from markupsafe import Markup

from api.backends import backends
from api.domain.referral_status import DECLINE_REASONS, STATUSES
from api.errors import NotFound
from api.i18n.language import current
from api.i18n.text import gettext, ngettext
from api.models.referral import Referral
from api.services.referrals import access, queues
from api.services.referrals.sending import display_code


def render(template: str, **context):
    """render_template with the referral helpers, and the words of the moment's language at hand (_, ngettext):
    the admin area's own template functions when it installs them, else api.i18n's."""
    words = {name: function for name, function in (("_", gettext), ("ngettext", ngettext))
             if name not in current_app.jinja_env.globals}
    return render_template(template, status_label=status_label, when=when, last_day=last_day, code=display_code,
                           overdue=lambda referral: queues.overdue(referral, now()),
                           reasons={code: gettext(label) for code, label in DECLINE_REASONS.items()},
                           **words, **context)


def referral_or_404(referral_id: str) -> Referral:
    """The referral if the signed-in person may see it; a 404 page otherwise, whether or not it exists."""
    try:
        return access.referral_for(current_user, referral_id)
    except NotFound:
        abort(404)


def now() -> datetime:
    """The app's clock (tests move it)."""
    return backends().clock()


def status_label(status: str) -> str:
    """A status in the reader's language."""
    return gettext(STATUSES[status])


def when(moment: datetime | None, zone: str) -> str:
    """A stored (naive UTC) time as the service's local day and time: "Tue, Nov 24 10:05 AM"."""
    if moment is None:
        return ""
    local = moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(zone))
    return f"{format_skeleton('MMMEd', local, locale=current())} {format_time(local, 'short', locale=current())}"


def last_day(end: datetime, zone: str) -> str:
    """The last day a consent covers, with its year: it is stored as the start of the day after (the moment it ends),
    which read as a time would say a day too late."""
    local = end.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(zone)) - timedelta(microseconds=1)
    return format_date(local.date(), "medium", locale=current())


def listing_url(service_id: str) -> str:
    """The listing's public address for a client: LISTING_URL, else this server's own /v1/services/{id}."""
    template = backends().config.LISTING_URL
    if template:
        return template.replace("{id}", service_id)
    return url_for("services.ServiceById", service_id=service_id, _external=True)


def qr_code(url: str) -> str:
    """A QR code of url as an SVG data URI (the admin area's CSP allows data: images, and nothing from elsewhere)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def referral_attention(organization_ids: list[str] | None) -> Markup:
    """The block that tops "needs attention": referrals to these organisations waiting past half their window."""
    if organization_ids is None:  # a network admin receives none
        return Markup()
    waiting = queues.needing_attention(organization_ids, now())
    return Markup(render("admin/_referral_attention.html", waiting=waiting)) if waiting else Markup()
