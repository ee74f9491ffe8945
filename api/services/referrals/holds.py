"""Holding a free place for a referred client, and giving it back, through the one editing path.

Accepting with a hold is the quick-update "one fewer" edit: versioned, audited under the receiver's name, numbered in
the change sequence, so search, the change feed and notifications show one fewer free place at once. The edit is
relative (one fewer, one more), so an unrelated save in between is no conflict: it is simply tried again on the new
version.
"""

from datetime import datetime

from api.i18n.text import gettext as _
from api.models import Service
from api.services import quick_update
from api.services.editing import Actor, InvalidEdit, StaleEdit, save_edit

TRIES = 3


def hold(service_id: str, unit_id: str, actor: Actor, now: datetime) -> None:
    """One fewer free place in that unit; InvalidEdit when it has none free (or is gone)."""
    _edit(service_id, _take(unit_id, actor.name, now), actor, "held a place for a referral at")


def release(service_id: str, unit_id: str, actor: Actor, now: datetime) -> bool:
    """One more free place again (never above the unit's maximum); False when the listing or unit is gone."""
    try:
        _edit(service_id, quick_update.adjust(unit_id, 1, actor.name, now), actor, "gave back a referral's place at")
    except InvalidEdit:
        return False
    return True


def _take(unit_id: str, who: str, now: datetime) -> quick_update.Change:
    one_fewer = quick_update.adjust(unit_id, -1, who, now)

    def change(service: Service) -> None:
        unit = next((unit for unit in service.capacity if unit.id == unit_id), None)
        if unit is None:
            raise InvalidEdit({"unit": _("That unit is not part of this listing any more.")})
        if unit.available < 1:
            raise InvalidEdit({"unit": _("{unit} has no free place to hold.", unit=unit.name)})
        one_fewer(service)
    return change


def _edit(service_id: str, change: quick_update.Change, actor: Actor, action: str) -> None:
    for attempt in range(TRIES):
        service = Service.objects(id=service_id).only("version").first()
        if service is None:
            raise InvalidEdit({"service": _("This listing no longer exists.")})
        try:
            save_edit(service_id, service.version, change, actor, action=action)
            return
        except StaleEdit:
            if attempt == TRIES - 1:
                raise
