"""When a service is open or a meeting meets: recurring schedules and dated exceptions (HSDS schedule)."""

import re

from mongoengine import (
    BooleanField,
    DateField,
    EmbeddedDocument,
    ListField,
    StringField,
    ValidationError,
)

from api.models.fields import validate_hhmm

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# RFC 5545 BYDAY: a weekday, optionally preceded by the week of the month (2SA = 2nd Saturday, -1FR = last Friday).
BYDAY = re.compile(r"^(?:[+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")


class Schedule(EmbeddedDocument):
    """A weekly or monthly recurrence with opening hours in the service's time zone.

    closes_at earlier than opens_at runs past midnight; equal times mean the full 24 hours.
    """

    freq = StringField(required=True, choices=("WEEKLY", "MONTHLY"), default="WEEKLY")
    byday = ListField(StringField(), required=True)
    opens_at = StringField(required=True, validation=validate_hhmm)
    closes_at = StringField(required=True, validation=validate_hhmm)
    valid_from = DateField()
    valid_to = DateField()
    description = StringField(max_length=300)

    def clean(self):
        for day in self.byday:
            match = BYDAY.match(day or "")
            if not match:
                raise ValidationError(f"{day!r} is not a weekday code such as MO or 2SA", field_name="byday")
            if self.freq == "WEEKLY" and day != match.group(1):
                raise ValidationError("a weekly schedule takes plain weekdays (MO, TU, ...)", field_name="byday")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError("valid_to is before valid_from", field_name="valid_to")


class ScheduleException(EmbeddedDocument):
    """One date that differs from the schedule: closed (a holiday, a cancelled meeting) or other hours."""

    date = DateField(required=True)
    closed = BooleanField(default=True)
    opens_at = StringField(validation=validate_hhmm)
    closes_at = StringField(validation=validate_hhmm)
    reason = StringField(max_length=200)

    def clean(self):
        if not self.closed and not (self.opens_at and self.closes_at):
            raise ValidationError("special hours need opens_at and closes_at", field_name="opens_at")
