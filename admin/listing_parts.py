"""The parts of the listing form: repeated rows (phones, hours, dated exceptions, capacity units), each ignored when
left blank, and the sections (who it is for, cost, and each category's detail).

Every message a person can cause is given here, beside its field; the model's own validation stays the last word
(admin/listing_values.py puts its messages beside the fields too).
"""

import re
import unicodedata

from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    Form,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import URL, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from api.domain.meeting_types import meeting_types
from api.domain.vocabulary import (
    EMPLOYMENT_PROGRAMMES,
    FELLOWSHIPS,
    GENDERS,
    LEVELS_OF_CARE,
    MOUD_TYPES,
    NARR_LEVELS,
    PAYMENT_OPTIONS,
    PHONE_TYPES,
    POPULATIONS,
)
from api.models.capacity import MAX_UNITS
from api.models.schedule import BYDAY

TIME = Regexp(r"^([01]\d|2[0-3]):[0-5]\d$", message="Use a 24-hour time such as 09:00 or 19:30.")
CODE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class Needed(InputRequired):
    """Required in a row that is filled in, without marking the inputs `required`: spare rows may stay blank."""

    field_flags = {}


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes: easier to tap on a phone than a multiple select."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _filled(field) -> bool:
    value = field.raw_data[0] if field.raw_data else field.data
    return value is not None and str(value).strip() != ""


class Row(Form):
    """A repeated row; a blank one (none of `key_fields` filled in) is neither validated nor saved."""

    key_fields: tuple[str, ...] = ()

    def is_blank(self) -> bool:
        return not any(_filled(self[name]) for name in self.key_fields)

    def validate(self, extra_validators=None):
        return True if self.is_blank() else super().validate(extra_validators)


class PhoneRow(Row):
    key_fields = ("number", "extension", "description")
    number = StringField("Number", [Needed("Enter the number."), Length(max=40),
                                    Regexp(r"^[0-9+()\-. ]{3,40}$", message="Use digits, spaces and + ( ) - . only.")])
    extension = StringField("Extension", [Optional(), Length(max=10)])
    type = SelectField("Kind", choices={kind: kind.title() for kind in PHONE_TYPES})
    description = StringField("Note (optional)", [Optional(), Length(max=200)])


class ScheduleRow(Row):
    key_fields = ("byday", "opens_at", "closes_at", "description")
    freq = SelectField("Repeats", choices={"WEEKLY": "Every week", "MONTHLY": "Every month"})
    byday = StringField("Days", [Needed("Enter the days, such as MO, WE.")],
                        description="MO TU WE TH FR SA SU; every month: 2SA = 2nd Saturday, -1FR = last Friday")
    opens_at = StringField("Opens", [Needed("Enter the opening time."), TIME], render_kw={"type": "time"})
    closes_at = StringField("Closes", [Needed("Enter the closing time."), TIME], render_kw={"type": "time"})
    description = StringField("Note (optional)", [Optional(), Length(max=300)])

    def validate_byday(self, field):
        for code in day_codes(field.data):
            match = BYDAY.match(code)
            if not match:
                raise ValidationError(f"{code} is not a day: use MO TU WE TH FR SA SU, or for every month "
                                      "2SA (2nd Saturday), -1FR (last Friday).")
            if self.freq.data == "WEEKLY" and code != match.group(1):
                raise ValidationError(f"{code} names a week of the month: choose “Every month” for it.")


class ExceptionRow(Row):
    key_fields = ("date", "opens_at", "closes_at", "reason")
    date = DateField("Date", [Needed("Enter the date.")])
    kind = SelectField("That day", choices={"closed": "Closed all day", "hours": "Special hours"})
    opens_at = StringField("Opens", [Optional(), TIME], render_kw={"type": "time"})
    closes_at = StringField("Closes", [Optional(), TIME], render_kw={"type": "time"})
    reason = StringField("Reason (optional)", [Optional(), Length(max=200)])

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)  # (an empty optional field skips its own inline check)
        special = not self.is_blank() and self.kind.data == "hours"
        if valid and special and not (self.opens_at.data and self.closes_at.data):
            self.opens_at.errors = [*self.opens_at.errors, "Special hours need an opening and a closing time."]
            return False
        return valid


UNIT_COUNT = NumberRange(0, MAX_UNITS, f"Between 0 and {MAX_UNITS:,}.")


class UnitRow(Row):
    key_fields = ("code", "name", "available", "maximum")
    id = HiddenField()
    name = StringField("Unit", [Needed("Name the unit, such as Bed – women."), Length(max=120)])
    code = StringField("Code (optional)", [Optional(), Length(max=60)],
                       description="made from the name when left empty, such as bed-women")
    available = IntegerField("Free now", [Needed("Enter how many are free now (0 when full)."), UNIT_COUNT])
    maximum = IntegerField("Of at most (optional)", [Optional(), UNIT_COUNT])
    waitlist_open = BooleanField("Waitlist open")

    def validate_code(self, field):
        if field.data and not CODE.match(field.data):
            raise ValidationError("Lower-case letters, digits, - and _ only, such as bed-women.")

    def validate_available(self, field):
        if field.data is not None and self.maximum.data is not None and field.data > self.maximum.data:
            raise ValidationError(f"More free places than the maximum ({self.maximum.data}).")


class EligibilityForm(Form):
    genders = MultiCheckboxField("Only for (leave all empty for anyone)", choices={g: g.title() for g in GENDERS})
    populations = MultiCheckboxField("Especially for", choices=dict(POPULATIONS))
    min_age = IntegerField("Youngest age (optional)", [Optional(), NumberRange(0, 120, "An age from 0 to 120.")])
    max_age = IntegerField("Oldest age (optional)", [Optional(), NumberRange(0, 120, "An age from 0 to 120.")])
    description = StringField("Who else may come (optional)", [Optional(), Length(max=1000)])

    def validate_max_age(self, field):
        if field.data is not None and self.min_age.data is not None and field.data < self.min_age.data:
            raise ValidationError("The oldest age is below the youngest.")


class CostForm(Form):
    free = BooleanField("Free")
    fees_description = StringField("Fees (optional)", [Optional(), Length(max=500)])
    payment_options = MultiCheckboxField("Payment accepted", choices=dict(PAYMENT_OPTIONS))


class MeetingForm(Form):
    fellowship = SelectField("Fellowship", choices=dict(FELLOWSHIPS))
    attendance = SelectField("How people attend", choices={"in_person": "In person", "online": "Online",
                                                           "hybrid": "In person and online"})
    types = MultiCheckboxField("Meeting types", choices=dict(sorted(
        ((code, labels["en"]) for code, labels in meeting_types().items()), key=lambda choice: choice[1])))
    conference_url = StringField("Link to join (online)", [Optional(), Length(max=500),
                                                          URL(message="Enter a full link such as https://…")])
    conference_phone = StringField("Phone to join (online)", [Optional(), Length(max=60), Regexp(
        r"^[0-9+,*#]+$", message="Digits, +, commas (pauses), * and # only, no spaces.")])
    approximate = BooleanField("The address is only approximate (the town, not a door)")

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)  # (an empty optional field skips its own inline check)
        if self.attendance.data in ("online", "hybrid") and not (self.conference_url.data or
                                                                 self.conference_phone.data):
            self.conference_url.errors = [*self.conference_url.errors,
                                          "An online or hybrid meeting needs a link or a phone number to join."]
            return False
        return valid


class HousingForm(Form):
    narr_level = SelectField("NARR level", choices={"": "Not certified / not known",
                                                    **{str(level): label for level, label in NARR_LEVELS.items()}})
    certified_by = StringField("Certified by (optional)", [Optional(), Length(max=200)])
    certification_expires = DateField("Certification expires (optional)", [Optional()])
    moud_friendly = BooleanField("Welcomes residents taking MOUD")
    accepts_families = BooleanField("Takes families")
    pets_allowed = BooleanField("Pets allowed")
    weekly_cost = FloatField("Weekly cost (optional)", [Optional(), NumberRange(min=0, message="Cannot be below 0.")])


class ClinicalForm(Form):
    moud = MultiCheckboxField("Medication for opioid use disorder", choices=dict(MOUD_TYPES))
    walk_in = BooleanField("Walk-in, no appointment needed")
    same_day_induction = BooleanField("Same-day induction")
    levels_of_care = MultiCheckboxField("Levels of care", choices=dict(LEVELS_OF_CARE))


class EmploymentForm(Form):
    programme_type = SelectField("Programme", choices=dict(EMPLOYMENT_PROGRAMMES))
    paid = BooleanField("Paid")
    duration_weeks = IntegerField("Length in weeks (optional)",
                                  [Optional(), NumberRange(1, 520, "From 1 to 520 weeks.")])


DETAIL_FORMS = {"meeting": MeetingForm, "housing": HousingForm, "clinical": ClinicalForm,
                "employment": EmploymentForm}


def day_codes(text: str | None) -> list[str]:
    return [code for code in re.split(r"[\s,;]+", (text or "").strip().upper()) if code]


def unit_code(row: UnitRow) -> str:
    """The code given, or one made from the name: "Bed – women" becomes bed-women."""
    if row.code.data:
        return row.code.data.strip()
    folded = unicodedata.normalize("NFKD", row.name.data or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60]
