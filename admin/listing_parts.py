"""The parts of the listing form: repeated rows (phones, hours, dated exceptions, capacity units), each ignored when
left blank, and the sections (who it is for, cost, and each category's detail).

Every message a person can cause is given here, beside its field; the model's own validation stays the last word
(admin/listing_values.py puts its messages beside the fields too).
"""

import re
import unicodedata

from babel.support import LazyProxy
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from admin.field_names import CODES
from admin.forms import PartForm, choices
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
from api.i18n.language import current
from api.i18n.text import N_, lazy_gettext, number
from api.i18n.text import gettext as _
from api.models.capacity import MAX_UNITS
from api.models.schedule import BYDAY

TIME = Regexp(r"^([01]\d|2[0-3]):[0-5]\d$", message=lazy_gettext("Use a 24-hour time such as 09:00 or 19:30."))
CODE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


AGE = NumberRange(0, 120, lazy_gettext("An age from 0 to 120."))


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


class Row(PartForm):
    """A repeated row; a blank one (none of `key_fields` filled in) is neither validated nor saved."""

    key_fields: tuple[str, ...] = ()

    def is_blank(self) -> bool:
        return not any(_filled(self[name]) for name in self.key_fields)

    def validate(self, extra_validators=None):
        return True if self.is_blank() else super().validate(extra_validators)


class PhoneRow(Row):
    key_fields = ("number", "extension", "description")
    number = StringField(lazy_gettext("Number"), [
        Needed(lazy_gettext("Enter the number.")), Length(max=40),
        Regexp(r"^[0-9+()\-. ]{3,40}$", message=lazy_gettext("Use digits, spaces and + ( ) - . only."))])
    extension = StringField(lazy_gettext("Extension"), [Optional(), Length(max=10)])
    type = SelectField(lazy_gettext("Kind"), choices=choices({kind: CODES["phone_type"][kind]
                                                              for kind in PHONE_TYPES}))
    description = StringField(lazy_gettext("Note (optional)"), [Optional(), Length(max=200)])


class ScheduleRow(Row):
    key_fields = ("byday", "opens_at", "closes_at", "description")
    freq = SelectField(lazy_gettext("Repeats"), choices=choices({"WEEKLY": N_("Every week"),
                                                                 "MONTHLY": N_("Every month")}))
    byday = StringField(lazy_gettext("Days"), [Needed(lazy_gettext("Enter the days, such as MO, WE."))],
                        description=lazy_gettext("MO TU WE TH FR SA SU; every month: 2SA = 2nd Saturday, -1FR = last "
                                                 "Friday"))
    opens_at = StringField(lazy_gettext("Opens"), [Needed(lazy_gettext("Enter the opening time.")), TIME],
                           render_kw={"type": "time"})
    closes_at = StringField(lazy_gettext("Closes"), [Needed(lazy_gettext("Enter the closing time.")), TIME],
                            render_kw={"type": "time"})
    description = StringField(lazy_gettext("Note (optional)"), [Optional(), Length(max=300)])

    def validate_byday(self, field):
        for code in day_codes(field.data):
            match = BYDAY.match(code)
            if not match:
                raise ValidationError(_("{code} is not a day: use MO TU WE TH FR SA SU, or for every month 2SA (2nd "
                                        "Saturday), -1FR (last Friday).", code=code))
            if self.freq.data == "WEEKLY" and code != match.group(1):
                raise ValidationError(_("{code} names a week of the month: choose “Every month” for it.", code=code))


class ExceptionRow(Row):
    key_fields = ("date", "opens_at", "closes_at", "reason")
    date = DateField(lazy_gettext("Date"), [Needed(lazy_gettext("Enter the date."))])
    kind = SelectField(lazy_gettext("That day"), choices=choices({"closed": N_("Closed all day"),
                                                                  "hours": N_("Special hours")}))
    opens_at = StringField(lazy_gettext("Opens"), [Optional(), TIME], render_kw={"type": "time"})
    closes_at = StringField(lazy_gettext("Closes"), [Optional(), TIME], render_kw={"type": "time"})
    reason = StringField(lazy_gettext("Reason (optional)"), [Optional(), Length(max=200)])

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)  # (an empty optional field skips its own inline check)
        special = not self.is_blank() and self.kind.data == "hours"
        if valid and special and not (self.opens_at.data and self.closes_at.data):
            self.opens_at.errors = [*self.opens_at.errors, _("Special hours need an opening and a closing time.")]
            return False
        return valid


# The maximum too is written when shown, as the reader's language writes numbers (100,000; 100.000).
UNIT_COUNT = NumberRange(0, MAX_UNITS, lazy_gettext("Between 0 and {maximum}.",
                                                    maximum=LazyProxy(number, MAX_UNITS, enable_cache=False)))


class UnitRow(Row):
    key_fields = ("code", "name", "available", "maximum")
    id = HiddenField()
    name = StringField(lazy_gettext("Unit"), [Needed(lazy_gettext("Name the unit, such as Bed – women.")),
                                              Length(max=120)])
    code = StringField(lazy_gettext("Code (optional)"), [Optional(), Length(max=60)],
                       description=lazy_gettext("made from the name when left empty, such as bed-women"))
    available = IntegerField(lazy_gettext("Free now"), [
        Needed(lazy_gettext("Enter how many are free now (0 when full).")), UNIT_COUNT])
    maximum = IntegerField(lazy_gettext("Of at most (optional)"), [Optional(), UNIT_COUNT])
    waitlist_open = BooleanField(lazy_gettext("Waitlist open"))

    def validate_code(self, field):
        if field.data and not CODE.match(field.data):
            raise ValidationError(_("Lower-case letters, digits, - and _ only, such as bed-women."))

    def validate_available(self, field):
        if field.data is not None and self.maximum.data is not None and field.data > self.maximum.data:
            raise ValidationError(_("More free places than the maximum ({maximum}).", maximum=self.maximum.data))


class EligibilityForm(PartForm):
    genders = MultiCheckboxField(lazy_gettext("Only for (leave all empty for anyone)"),
                                 choices=choices({gender: CODES["genders"][gender] for gender in GENDERS}))
    populations = MultiCheckboxField(lazy_gettext("Especially for"), choices=choices(POPULATIONS))
    min_age = IntegerField(lazy_gettext("Youngest age (optional)"), [Optional(), AGE])
    max_age = IntegerField(lazy_gettext("Oldest age (optional)"), [Optional(), AGE])
    description = StringField(lazy_gettext("Who else may come (optional)"), [Optional(), Length(max=1000)])

    def validate_max_age(self, field):
        if field.data is not None and self.min_age.data is not None and field.data < self.min_age.data:
            raise ValidationError(_("The oldest age is below the youngest."))


class CostForm(PartForm):
    free = BooleanField(lazy_gettext("Free"))
    fees_description = StringField(lazy_gettext("Fees (optional)"), [Optional(), Length(max=500)])
    payment_options = MultiCheckboxField(lazy_gettext("Payment accepted"), choices=choices(PAYMENT_OPTIONS))


class MeetingForm(PartForm):
    fellowship = SelectField(lazy_gettext("Fellowship"), choices=choices(FELLOWSHIPS))
    attendance = SelectField(lazy_gettext("How people attend"), choices=choices(CODES["attendance"]))
    types = MultiCheckboxField(lazy_gettext("Meeting types"))
    conference_url = StringField(lazy_gettext("Link to join (online)"), [
        Optional(), Length(max=500), URL(message=lazy_gettext("Enter a full link such as https://…"))])
    conference_phone = StringField(lazy_gettext("Phone to join (online)"), [Optional(), Length(max=60), Regexp(
        r"^[0-9+,*#]+$", message=lazy_gettext("Digits, +, commas (pauses), * and # only, no spaces."))])
    approximate = BooleanField(lazy_gettext("The address is only approximate (the town, not a door)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The specification's own labels in the reader's language (English where it has none), in that order.
        labels = ((code, names.get(current(), names["en"])) for code, names in meeting_types().items())
        self.types.choices = [SelectChoice(code, label) for code, label in sorted(labels, key=lambda pair: pair[1])]

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)  # (an empty optional field skips its own inline check)
        if self.attendance.data in ("online", "hybrid") and not (self.conference_url.data or
                                                                 self.conference_phone.data):
            self.conference_url.errors = [*self.conference_url.errors,
                                          _("An online or hybrid meeting needs a link or a phone number to join.")]
            return False
        return valid


class HousingForm(PartForm):
    narr_level = SelectField(lazy_gettext("NARR level"), choices=choices({
        "": N_("Not certified / not known"), **{str(level): label for level, label in NARR_LEVELS.items()}}))
    certified_by = StringField(lazy_gettext("Certified by (optional)"), [Optional(), Length(max=200)])
    certification_expires = DateField(lazy_gettext("Certification expires (optional)"), [Optional()])
    moud_friendly = BooleanField(lazy_gettext("Welcomes residents taking MOUD"))
    accepts_families = BooleanField(lazy_gettext("Takes families"))
    pets_allowed = BooleanField(lazy_gettext("Pets allowed"))
    weekly_cost = FloatField(lazy_gettext("Weekly cost (optional)"), [
        Optional(), NumberRange(min=0, message=lazy_gettext("Cannot be below 0."))])


class ClinicalForm(PartForm):
    moud = MultiCheckboxField(lazy_gettext("Medication for opioid use disorder"), choices=choices(MOUD_TYPES))
    walk_in = BooleanField(lazy_gettext("Walk-in, no appointment needed"))
    same_day_induction = BooleanField(lazy_gettext("Same-day induction"))
    levels_of_care = MultiCheckboxField(lazy_gettext("Levels of care"), choices=choices(LEVELS_OF_CARE))


class EmploymentForm(PartForm):
    programme_type = SelectField(lazy_gettext("Programme"), choices=choices(EMPLOYMENT_PROGRAMMES))
    paid = BooleanField(lazy_gettext("Paid"))
    duration_weeks = IntegerField(lazy_gettext("Length in weeks (optional)"),
                                  [Optional(), NumberRange(1, 520, lazy_gettext("From 1 to 520 weeks."))])


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
