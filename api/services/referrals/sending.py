"""The referring side: send a referral with the client's consent, cancel it, and record a revoked consent.

Revoking consent (the client may, at any time, through either side) ends the referral and erases the client's
details at once; a place held for them is given back.
"""

import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from mongoengine import NotUniqueError

from api.domain.referral_status import OPEN, StepRefused, check_cancel
from api.errors import Conflict, NotFound
from api.i18n.text import gettext as _
from api.metrics import REFERRAL_STEPS
from api.models import Organization, Service
from api.models.fields import naive_utc
from api.models.referral import CONSENT_FORMS, Consent, Referral, Step
from api.services.referrals.access import involved, may_refer, sends
from api.services.referrals.personal import InvalidReferral, PersonalFields, Seal, checked, erase, seal
from api.services.referrals.steps import move, moved_on

# No 0/O, 1/I/L: a code read aloud over the phone, or from a crumpled card, is still one code.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_CONSENT_DAYS = 365
MAX_PURPOSE = 300


@dataclass(frozen=True)
class ConsentGiven:
    """What the worker records about the client's consent; attested and revocable must both be True."""

    given_as: str  # verbal | signed
    purpose: str
    expires_on: date  # the consent ends with this day, in the service's time zone
    revocable: bool  # the client was told they may revoke it at any time
    attested: bool  # the worker attests that the client gave it, as recorded


@dataclass(frozen=True)
class Request:
    """A referral as the worker fills it in."""

    service_id: str
    unit_code: str | None  # a unit of the listing's capacity, or None for a programme (requested) or the listing
    requested: str | None  # the programme, in the worker's words: sealed with the client's details
    personal: PersonalFields  # as given: send() checks it with everything else, and names every problem at once
    consent: ConsentGiven


def send(request: Request, sender, sealer: Seal, now: datetime, response_hours: dict[str, float]) -> Referral:
    """Create the referral (status sent, due for an answer within its category's window) with its consent."""
    if not may_refer(sender):
        raise NotFound(_("Sending referrals needs the referring permission."))
    service = Service.objects(id=request.service_id, status__ne="inactive").first()
    if service is None:
        raise InvalidReferral({"service": _("That listing is not taking referrals.")})
    unit, personal, consent = _checked(request, service, sender, now)
    stored_now = naive_utc(now)
    receiving = service.organization
    referral = Referral(
        sending_org=sender.organization, sender=sender.id, sender_name=sender.name, receiving_org=receiving.id,
        service=service.id, service_name=service.name, category=service.category, timezone=service.timezone,
        unit_code=unit.code if unit else None, requested=unit.name if unit else None,
        status="sent", steps=[Step(status="sent", at=stored_now, by=sender.id, by_name=sender.name)],
        created_at=stored_now, updated_at=stored_now,
        respond_by=stored_now + timedelta(hours=response_hours[service.category]),
        sealed=seal(sealer, personal), consent=consent)
    referral = _with_code(referral)
    REFERRAL_STEPS.labels("sent").inc()
    return referral


def cancel(referral: Referral, user, now: datetime) -> Referral:
    """The sender withdraws it (the client found elsewhere, changed their mind); a held place is given back."""
    if not sends(user, referral):
        raise NotFound(_("Only the referring worker or their organisation's admin can cancel a referral."))
    try:
        check_cancel(referral.status)
    except StepRefused:
        raise moved_on(referral) from None
    return move(referral, "cancelled", user, now)


def revoke_consent(referral: Referral, user, now: datetime) -> Referral:
    """The client withdrew consent: the referral ends and its personal fields are erased now."""
    if not (involved(user, referral) or sends(user, referral)):
        raise NotFound(_("Only the staff involved can record that the client revoked consent."))
    if referral.consent.revoked_at is not None:
        raise Conflict(_("Consent was already revoked."))
    stored_now = naive_utc(now)
    Referral.objects(id=referral.id, consent__revoked_at=None).update_one(
        set__consent__revoked_at=stored_now, set__consent__revoked_by=user.id)
    referral.reload()
    # Erased before anything else can fail: a step taken in the same moment, or a held place that cannot be given
    # back, must never leave details readable once the revocation is on record (and the sweep finishes the rest).
    erase(referral, "consent_revoked", now)
    return _closed(referral, user, now)


def _closed(referral: Referral, user, now: datetime) -> Referral:
    """The referral closed for its revoked consent, on whatever status it has now (a receiver's tap in the same
    moment moves it first); left to the sweep if it keeps moving."""
    for _attempt in range(2):
        if referral.status not in OPEN:
            return referral
        try:
            return move(referral, "closed", user, now, reason="consent_revoked")
        except Conflict:
            referral.reload()
    return referral


def display_code(code: str | None) -> str:
    """K7QH3M as K7Q-H3M: easier to read out."""
    return f"{code[:3]}-{code[3:]}" if code else ""


def _checked(request: Request, service: Service, sender, now: datetime):
    """(unit asked for, personal fields, consent), or InvalidReferral naming every problem of the request."""
    errors, unit, personal, consent = {}, None, None, None
    if request.unit_code:
        unit = next((unit for unit in service.capacity if unit.code == request.unit_code), None)
        if unit is None:
            errors["unit"] = _("That listing has no such unit.")
    try:
        given = request.personal
        personal = checked(given.name, given.contact_method, given.contact, given.note)
    except InvalidReferral as invalid:
        errors |= invalid.field_errors
    try:
        consent = _consent(request.consent, sender, service.organization, service.timezone, now)
        # What the consent covers is what is actually shared: no contact when the client will call, no empty note.
        if personal is not None:
            consent.disclosed = [item for item, given in (("name", True), ("contact", personal.contact),
                                                          ("request", True), ("note", personal.note)) if given]
            # The worker's own words can name the client: sealed with the details, never stored beside them.
            personal = replace(personal, requested=None if unit else (request.requested or "").strip()[:200] or None,
                               purpose=request.consent.purpose.strip())
    except InvalidReferral as invalid:
        errors |= invalid.field_errors
    if errors:
        raise InvalidReferral(errors)
    return unit, personal, consent


def _consent(given: ConsentGiven, sender, receiving: Organization, zone: str, now: datetime) -> Consent:
    errors = {}
    if given.given_as not in CONSENT_FORMS:
        errors["consent_given_as"] = _("Say how the client gave consent: spoken, or signed on paper.")
    if not given.attested:
        errors["consent_attested"] = _("Confirm that the client gave this consent.")
    if not given.revocable:
        errors["consent_revocable"] = _("Tell the client they can withdraw consent at any time, and confirm it.")
    purpose = (given.purpose or "").strip()
    if not purpose or len(purpose) > MAX_PURPOSE:
        errors["consent_purpose"] = _("Say what the information is shared for, in under {count} characters.",
                                      count=MAX_PURPOSE)
    today = now.astimezone(ZoneInfo(zone)).date()
    if not (today <= given.expires_on <= today + timedelta(days=MAX_CONSENT_DAYS)):
        errors["consent_expires_on"] = _("Choose an end date between today and a year from now.")
    if errors:
        raise InvalidReferral(errors)
    # The consent lasts through its last day where the service is.
    expires = datetime.combine(given.expires_on + timedelta(days=1), time(), ZoneInfo(zone))
    sending = Organization.objects.get(id=sender.organization)
    return Consent(discloser=sending.id, discloser_name=sending.name, recipient=receiving.id,
                   recipient_name=receiving.name, disclosed=["name", "contact", "request", "note"], revocable=True,
                   expires_at=naive_utc(expires), given_as=given.given_as, attested_by=sender.id,
                   attested_by_name=sender.name, given_at=naive_utc(now))


def _with_code(referral: Referral) -> Referral:
    """Save with a fresh hand-off code (a clash, one in hundreds of millions, draws again)."""
    for _attempt in range(5):
        referral.code = "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))
        try:
            return referral.save(force_insert=True)
        except NotUniqueError:
            continue
    raise Conflict(_("Could not make a hand-off code; try again."))
