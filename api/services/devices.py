"""Devices registered for push and what they follow: register, authenticate, change, forget, (un)subscribe."""

from datetime import UTC, datetime

from api.errors import Conflict, InvalidField, NotFound, Unauthorized
from api.i18n.text import gettext as _
from api.models.device import MAX_SUBSCRIPTIONS, Device, Subscription
from api.models.location import coarse_point, coordinates
from api.models.push import PendingPush
from api.services.directory import DirectoryReader

# What a subscription of each kind may hold besides lat/lng; anything else in a request is refused before here.
KIND_FIELDS = {"service": ("service",), "area": ("category", "gender", "accepting", "radius_km"),
               "meetings": ("types", "radius_km")}


def register(fields: dict, now: datetime) -> tuple[Device, str]:
    """A new device and its secret, which is never shown again; the same token registered again replaces it."""
    stamp = _naive(now)
    return Device.register(**fields, created_at=_day(stamp), last_seen_at=_day(stamp))


def get(device_id: str, secret: str | None, now: datetime) -> Device:
    """The device the secret unlocks, marked as seen today (one write a day at most: the day is all we keep)."""
    device = Device.objects(id=device_id).first()
    if device is None:
        raise NotFound(_("No device with id {id}.", id=repr(device_id[:100])))
    if not secret:
        raise Unauthorized(_("Send the device secret as 'Authorization: Bearer <secret>'."), given=False)
    if not device.verifies(secret):
        raise Unauthorized(_("That secret does not belong to this device."), given=True)
    today = _day(_naive(now))
    if device.last_seen_at is None or device.last_seen_at < today:
        device.last_seen_at = today
        Device.objects(id=device.id).update_one(set__last_seen_at=today)
    return device


def update(device: Device, changes: dict) -> Device:
    """A new token (and its kind), locale or lock-screen discretion; a token held by another device moves here."""
    token = changes.get("token")
    if token and token != device.token:
        for stale in Device.objects(token=token, id__ne=device.id):
            stale.forget()  # the same rule as registering: one device per token, the latest claim wins
    for name, value in changes.items():
        setattr(device, name, value)
    device.save()
    # Messages already queued carry the device's token and wording too: a change applies to them as well.
    PendingPush.objects(device=device.id, state="queued").update(
        set__token=device.token, set__locale=device.locale, set__discreet=device.discreet)
    return device


def forget(device: Device) -> None:
    """Delete the device with its subscriptions, queued pushes and delivery records."""
    device.forget()


def subscriptions(device: Device) -> list[Subscription]:
    """What the device follows, oldest first."""
    return list(device.subscriptions)  # kept in the order they were added


def subscribe(device: Device, reader: DirectoryReader, fields: dict, now: datetime) -> tuple[Subscription, bool]:
    """(the subscription, whether it is new): following a service twice gives back the first subscription."""
    kind = fields["kind"]
    if kind == "service":
        existing = [s for s in device.subscriptions if s.kind == "service" and s.service == fields["service"]]
        if existing:
            return existing[0], False
        found = reader.service(fields["service"])
        if found is None or found[0].status == "inactive":
            raise InvalidField("service_id", _("No listed service has this id."))
    if len(device.subscriptions) >= MAX_SUBSCRIPTIONS:
        raise Conflict(_("A device follows at most {count} things; remove one first.", count=MAX_SUBSCRIPTIONS))
    subscription = Subscription(kind=kind, created_at=_day(_naive(now)),
                                **{name: fields[name] for name in KIND_FIELDS[kind] if name in fields})
    if "lat" in fields:
        # Only the cell centre is kept: the point the person asked about never reaches the database.
        subscription.centre = coarse_point(fields["lng"], fields["lat"])
    # Appended in the database, not by saving the whole device: two subscribes at once must not lose one.
    Device.objects(id=device.id).update_one(push__subscriptions=subscription)
    device.subscriptions.append(subscription)
    return subscription, True


def unsubscribe(device: Device, subscription_id: str) -> None:
    """Stop following one thing; its coarse cell goes with it."""
    if not any(subscription.id == subscription_id for subscription in device.subscriptions):
        raise NotFound(_("This device has no subscription with id {id}.", id=repr(subscription_id[:100])))
    Device.objects(id=device.id).update_one(pull__subscriptions__id=subscription_id)


def device_view(device: Device) -> dict:
    """What the owner may read back: never the token, never the secret."""
    return {"id": device.id, "token_kind": device.token_kind, "platform": device.platform, "locale": device.locale,
            "discreet": device.discreet, "created_at": _utc(device.created_at),
            "last_seen_at": device.last_seen_at.date() if device.last_seen_at else None,
            "subscription_count": len(device.subscriptions),
            "subscription_limit": MAX_SUBSCRIPTIONS}


def subscription_view(subscription: Subscription) -> dict:
    """The subscription as stored, with only the fields of its kind; a place is its cell centre."""
    view = {"id": subscription.id, "kind": subscription.kind}
    for name in KIND_FIELDS[subscription.kind]:
        value = getattr(subscription, name)
        if value is not None:
            view["service_id" if name == "service" else name] = list(value) if name == "types" else value
    if subscription.centre is not None:
        lng, lat = coordinates(subscription.centre)
        view["centre"] = {"lat": lat, "lng": lng}
    return view | {"created_at": _utc(subscription.created_at)}


def _naive(moment: datetime) -> datetime:
    """Naive UTC to the millisecond: what MongoDB keeps, so an answer shows what a later read will."""
    moment = moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _day(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def _utc(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None else None
