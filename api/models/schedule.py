"""When a service is open or a meeting meets: recurring schedules and dated exceptions (HSDS schedule)."""

import re

from mongoengine import (
    BooleanField,
    DateField,
    EmbeddedDocument,
    IntField,
    ListField,
    StringField,
    URLField,
    ValidationError,
)

from api.i18n.text import gettext as _
from api.models.fields import validate_hhmm

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# RFC 5545 BYDAY: a weekday, optionally preceded by the week of the month (2SA = 2nd Saturday, -1FR = last Friday).
BYDAY = re.compile(r"^(?:[+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")


class Schedule(EmbeddedDocument):
    """A weekly or monthly recurrence with opening hours in the service's time zone.

    closes_at earlier than opens_at runs past midnight; equal times mean the full 24 hours. The other RFC 5545 parts
    (interval, count, until, bymonthday, byweekno, byyearday, wkst; dtstart anchors interval and count) narrow the
    rule as RFC 5545 says; api/domain/recurrence.py reads them.
    """

    id = StringField(max_length=200)  # the id an HSDS source gave it (provenance); unset for rules made here
    freq = StringField(required=True, choices=("WEEKLY", "MONTHLY"), default="WEEKLY")
    byday = ListField(StringField(), required=True)
    opens_at = StringField(required=True, validation=validate_hhmm)
    closes_at = StringField(required=True, validation=validate_hhmm)
    valid_from = DateField()
    valid_to = DateField()
    dtstart = DateField()
    interval = IntField(min_value=1, max_value=1000)
    count = IntField(min_value=1, max_value=10_000)
    until = DateField()
    wkst = StringField(choices=WEEKDAYS)
    bymonthday = ListField(IntField(min_value=-31, max_value=31))
    byweekno = ListField(IntField(min_value=-53, max_value=53))
    byyearday = ListField(IntField(min_value=-366, max_value=366))
    description = StringField(max_length=300)
    schedule_link = URLField()
    attending_type = StringField(max_length=300)
    notes = StringField(max_length=1000)

    def clean(self):
        if 0 in (*self.bymonthday, *self.byweekno, *self.byyearday):
            raise ValidationError(_("0 is no day, week or day of the year (RFC 5545 counts from 1 or -1)"),
                                  field_name="bymonthday")
        if (self.count or (self.interval or 1) > 1) and not (self.dtstart or self.valid_from):
            raise ValidationError(_("an interval or a count counts from a first day: give dtstart"),
                                  field_name="dtstart")
        for day in self.byday:
            match = BYDAY.match(day or "")
            if not match:
                raise ValidationError(_("{value} is not a weekday code such as MO or 2SA",
                                        value=repr(day)), field_name="byday")
            if self.freq == "WEEKLY" and day != match.group(1):
                raise ValidationError(_("a weekly schedule takes plain weekdays (MO, TU, ...)"), field_name="byday")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(_("valid_to is before valid_from"), field_name="valid_to")


class ScheduleException(EmbeddedDocument):
    """One date that differs from the schedule: closed (a holiday, a cancelled meeting) or other hours."""

    date = DateField(required=True)
    closed = BooleanField(default=True)
    opens_at = StringField(validation=validate_hhmm)
    closes_at = StringField(validation=validate_hhmm)
    reason = StringField(max_length=200)

    def clean(self):
        if not self.closed and not (self.opens_at and self.closes_at):
            raise ValidationError(_("special hours need opens_at and closes_at"), field_name="opens_at")
