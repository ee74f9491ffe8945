"""Capacity: what a service can take right now, per unit (HSDS 3.1-dev service_capacity + unit)."""

from mongoengine import (
    BooleanField,
    DateTimeField,
    EmbeddedDocument,
    IntField,
    StringField,
    ValidationError,
)

from api.domain.freshness import as_utc
from api.i18n.text import gettext as _
from api.models.fields import new_id, utcnow

# More than any one service holds (and within what MongoDB stores as an integer).
MAX_UNITS = 100_000


class CapacityUnit(EmbeddedDocument):
    """One countable unit ("bed – women", "MOUD intake slot") with who confirmed its count and when."""

    id = StringField(required=True, default=new_id)
    code = StringField(required=True, max_length=60, regex=r"^[a-z0-9][a-z0-9_-]*$")
    name = StringField(required=True, max_length=120)
    description = StringField(max_length=300)
    available = IntField(required=True, min_value=0, max_value=MAX_UNITS)
    maximum = IntField(min_value=0, max_value=MAX_UNITS)
    waitlist_open = BooleanField(default=False)
    waitlist_length = IntField(min_value=0)
    updated_at = DateTimeField(required=True, default=utcnow)
    updated_by = StringField(required=True, max_length=120)

    def clean(self):
        if self.maximum is not None and self.available is not None and self.available > self.maximum:
            raise ValidationError(_("available is more than maximum"), field_name="available")


class CapacityDoubt(EmbeddedDocument):
    """Several people reported a listing full (or closed) while it showed room: its counts are unconfirmed until
    a partner confirms one (api/services/reports/doubt.py decides when; still_doubted when it ends)."""

    kind = StringField(required=True, choices=("full", "closed"))
    since = DateTimeField(required=True)  # the last report that counted
    reports = IntField(min_value=1)  # how many independent reports counted


def still_doubted(doubt: CapacityDoubt | None, units) -> CapacityDoubt | None:
    """The doubt, or None once any unit was confirmed after it: a partner's confirmation is the answer it awaits."""
    if doubt is None or not units or any(as_utc(unit.updated_at) > as_utc(doubt.since) for unit in units):
        return None
    return doubt
