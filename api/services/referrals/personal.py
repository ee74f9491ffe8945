"""The client's details on a referral: checked and sealed when sent, opened only for the staff involved (each opening
recorded), erased when their time is up. Nothing here logs them or puts them anywhere but the sealed token."""

from dataclasses import asdict, dataclass
from datetime import datetime
from http import HTTPStatus
from typing import Protocol

import phonenumbers

from api.errors import LanternError
from api.i18n.text import gettext as _
from api.models.fields import naive_utc
from api.models.referral import CONTACT_METHODS, Referral, ReferralView
from api.services.referrals.access import involved

MAX_NAME, MAX_CONTACT, MAX_NOTE = 60, 40, 500


class Seal(Protocol):
    """Seals a dict into a token and opens it (api/adapters/sealing.py)."""

    def seal(self, fields: dict) -> str:
        """The fields as one token."""

    def open(self, token: str) -> dict:
        """The fields again; ValueError when no key opens the token."""

    def reseal(self, token: str) -> str:
        """The same fields under the first key."""


@dataclass(frozen=True)
class PersonalFields:
    """The least a hand-off needs: what to call the client, how to reach them if they want, and a short note; sealed
    with them, what the worker wrote in their own words, since free text can name the client too."""

    name: str
    contact_method: str  # client_will_call | phone | text
    contact: str | None = None
    note: str | None = None
    requested: str | None = None  # a programme the worker typed (a unit of the listing is a code, stored plainly)
    purpose: str | None = None  # the consent's purpose, 42 CFR 2.31(a)(5)


class InvalidReferral(LanternError):
    """What a referral form or request got wrong: {field: message}. Nothing was saved."""

    http_status = HTTPStatus.UNPROCESSABLE_ENTITY

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.field_errors = errors
        self.errors = {"json": {field: [message] for field, message in errors.items()}}


class Unreadable(LanternError):
    """The configured keys do not open these details (REFERRAL_KEY changed, or a restore without its key)."""

    http_status = HTTPStatus.SERVICE_UNAVAILABLE


class NotInvolved(LanternError):
    """The person may see the referral but not its client's details."""

    http_status = HTTPStatus.FORBIDDEN


class SignInAgain(LanternError):
    """Someone involved, in a session a one-time link started: whoever issued the link could be the one using it."""

    http_status = HTTPStatus.FORBIDDEN


def checked(name: str | None, contact_method: str | None, contact: str | None, note: str | None) -> PersonalFields:
    """The personal fields cleaned up, or InvalidReferral naming each problem."""
    errors = {}
    name, contact, note = (name or "").strip(), (contact or "").strip(), (note or "").strip()
    if not name:
        errors["name"] = _("Enter the first name or chosen name the client wants to be called.")
    elif len(name) > MAX_NAME:
        errors["name"] = _("Keep the name under {count} characters.", count=MAX_NAME)
    if contact_method not in CONTACT_METHODS:
        errors["contact_method"] = _("Choose how the service can reach the client, or that the client will call.")
    elif contact_method != "client_will_call" and not _dialable(contact):
        errors["contact"] = _("Enter a phone number, such as 816 555 0100.")
    if len(note) > MAX_NOTE:
        errors["note"] = _("Keep the note under {count} characters.", count=MAX_NOTE)
    if errors:
        raise InvalidReferral(errors)
    return PersonalFields(name, contact_method, contact if contact_method != "client_will_call" else None,
                          note or None)


def seal(seal: Seal, fields: PersonalFields) -> str:
    """The token stored in place of the fields."""
    return seal.seal(asdict(fields))


def reveal(referral: Referral, viewer, seal: Seal, via: str, now: datetime) -> PersonalFields | None:
    """The client's details for someone involved, recorded as viewed by them now; None once erased.

    Not in a session started by a one-time link (viewer.through_link): an admin who issues a worker a password reset
    could use it themselves and read the worker's clients; the worker's own sign-in with their password opens them."""
    if not involved(viewer, referral):
        raise NotInvolved(_("Only the staff involved in a referral see the client's details."))
    if referral.sealed is None:
        return None
    if getattr(viewer, "through_link", False):
        raise SignInAgain(_("You were signed in by a one-time link, which whoever made it could have used too: sign "
                            "out and sign in with your email and password to see a client's details."))
    try:
        fields = seal.open(referral.sealed)
    except ValueError:  # a broken seal: no configured key opens it
        raise Unreadable(_("This server's referral key cannot open the client's details: ask whoever runs Lantern "
                           "to restore the key the referral was sent under.")) from None
    ReferralView(referral=referral.id, viewer=viewer.id, viewer_name=viewer.name, organization=viewer.organization,
                 via=via, at=naive_utc(now)).save()
    return PersonalFields(**fields)


def erase(referral: Referral, because: str, now: datetime) -> bool:
    """Forget the client: the sealed fields and the hand-off code (and free text a referral stored before it was
    sealed kept beside them: a programme typed, the consent's purpose); returns whether there was anything to erase.

    One conditional write, so a sweep and a revocation at the same moment erase once."""
    typed = {} if referral.unit_code else {"unset__requested": True}
    done = Referral.objects(id=referral.id, sealed__ne=None).update_one(
        unset__sealed=True, unset__code=True, unset__consent__purpose=True, set__erased_at=naive_utc(now),
        set__erased_because=because, **typed)
    if done:
        referral.reload()
    return bool(done)


def reseal_all(seal: Seal) -> int:
    """Seal every stored record again with the first key (after a new key is put first in REFERRAL_KEY, and before
    the old one is dropped); returns how many. Each write is conditional, so an erasure meanwhile stays erased."""
    done = 0
    for referral in Referral.objects(sealed__ne=None).only("sealed"):
        done += Referral.objects(id=referral.id, sealed=referral.sealed).update_one(
            set__sealed=seal.reseal(referral.sealed))
    return done


def _dialable(contact: str) -> bool:
    """A number a receiving partner could call or text, however it is written: "(816) 555-0199", "+1 816 555 0199"
    (libphonenumber's rules, US numbers by default)."""
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(contact, "US"))
    except phonenumbers.NumberParseException:
        return False
