"""Who hears a piece of news: devices following the service, or whose area or meeting subscriptions it matches."""

from geopy.distance import great_circle

from api.domain.push_news import KINDS
from api.models.device import Device

DEVICE_FIELDS = {"token": 1, "locale": 1, "discreet": 1, "subscriptions": 1}


def audience(service_id: str, kinds: dict, signals: dict) -> dict[str, tuple[dict, dict]]:
    """{device id: (device record, the kinds of news it asked for)}; a device matched twice hears once."""
    heard: dict[str, tuple[dict, dict]] = {}
    for device in _candidates(service_id, kinds, signals):
        wanted = {}
        for subscription in device.get("subscriptions", ()):
            wanted |= {kind: detail for kind, detail in kinds.items()
                       if _wants(subscription, kind, service_id, signals)}
        if wanted:
            heard[device["_id"]] = (device, wanted)
    return heard


def _candidates(service_id: str, kinds: dict, signals: dict):
    """Devices that may care, found by equality on their subscriptions (indexed on a real MongoDB)."""
    clauses = [{"subscriptions.service": service_id}]
    if any(KINDS[kind].for_area for kind in kinds):
        clauses.append({"subscriptions": {"$elemMatch": {"kind": "area", "category": signals["category"]}}})
    if signals["category"] == "meeting" and any(KINDS[kind].for_meetings for kind in kinds):
        clauses.append({"subscriptions.kind": "meetings"})
    seen = set()
    for clause in clauses:
        for device in Device._get_collection().find(clause, DEVICE_FIELDS):
            if device["_id"] not in seen:
                seen.add(device["_id"])
                yield device


def _wants(subscription: dict, kind: str, service_id: str, signals: dict) -> bool:
    if subscription["kind"] == "service":
        return subscription.get("service") == service_id
    if subscription["kind"] == "area":
        return (KINDS[kind].for_area and subscription.get("category") == signals["category"]
                and (not subscription.get("accepting") or kind == "vacancy_opened")
                and (not subscription.get("gender") or not signals["genders"]
                     or subscription["gender"] in signals["genders"])
                and _near(subscription, signals["points"]))
    return (KINDS[kind].for_meetings and signals["category"] == "meeting"
            and set(subscription.get("types", ())) <= set(signals["types"])
            and _near(subscription, signals["points"]))


def _near(subscription: dict, points: list) -> bool:
    lng, lat = subscription["centre"]["coordinates"]
    return any(great_circle((lat, lng), (point[1], point[0])).km <= subscription["radius_km"] for point in points)
