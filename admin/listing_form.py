"""The listing form: a whole listing on one phone-sized page, no JavaScript. Repeated parts are rows with a few
blank ones to fill in (admin/listing_parts.py); only the listing's own category's detail section is offered.
"""

import re

from mongoengine import ValidationError as ModelValidationError
from wtforms import FieldList, FormField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import URL, InputRequired, Length, Optional, Regexp, ValidationError
from wtforms.widgets import HiddenInput

from admin.field_names import CODES
from admin.forms import PageForm, choices
from admin.listing_parts import (
    ClinicalForm,
    CostForm,
    EligibilityForm,
    EmploymentForm,
    ExceptionRow,
    HousingForm,
    MeetingForm,
    MultiCheckboxField,
    PhoneRow,
    ScheduleRow,
    UnitRow,
    unit_code,
)
from admin.translated_texts import ListingTranslations
from api.i18n.text import gettext as _
from api.i18n.text import lazy_gettext
from api.models.fields import validate_timezone as check_timezone

SPARE_ROWS = 2  # blank rows offered under a listing's own
MAX_ROWS = 30  # bounds the rows one post can make the server build
DETAIL_SECTIONS = ("meeting", "housing", "clinical", "employment")
STATUS_LABELS = CODES["status"]  # {code: label marked for the catalog}
EMAIL = Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
               message=lazy_gettext("Enter an email address such as intake@example.org."))


class ListingForm(PageForm):
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    category = HiddenField(validators=[InputRequired()])  # chosen before the form: it decides the detail section
    name = StringField(lazy_gettext("Name"), [InputRequired(lazy_gettext("Give the listing a name.")),
                                              Length(max=200)])
    alternate_name = StringField(lazy_gettext("Other name (optional)"), [Optional(), Length(max=200)])
    description = TextAreaField(lazy_gettext("What it offers"), [Optional(), Length(max=4000)])
    status = SelectField(lazy_gettext("Status"), choices=choices(STATUS_LABELS))
    status_note = StringField(lazy_gettext("What people should know about the status (optional)"),
                              [Optional(), Length(max=300)])
    partner_note = TextAreaField(lazy_gettext("For partner staff only (optional)"), [Optional(), Length(max=1000)])
    translations = FormField(ListingTranslations)  # the texts above in Spanish (admin/translated_texts.py)
    url = StringField(lazy_gettext("Website (optional)"), [
        Optional(), Length(max=500), URL(message=lazy_gettext("Enter a full web address such as https://example.org."))])
    email = StringField(lazy_gettext("Email (optional)"), [Optional(), Length(max=200), EMAIL])
    phones = FieldList(FormField(PhoneRow), max_entries=MAX_ROWS)
    languages = StringField(lazy_gettext("Languages spoken (optional)"),
                            description=lazy_gettext("two- or three-letter codes: en, es"))
    timezone = StringField(lazy_gettext("Time zone"), [
        InputRequired(lazy_gettext("Enter the time zone, such as America/Chicago."))],
        description=lazy_gettext("the IANA name, such as America/Chicago or Europe/London"))
    locations = MultiCheckboxField(lazy_gettext("Places"))
    schedules = FieldList(FormField(ScheduleRow), max_entries=MAX_ROWS)
    exceptions = FieldList(FormField(ExceptionRow), max_entries=MAX_ROWS)
    capacity = FieldList(FormField(UnitRow), max_entries=MAX_ROWS)
    eligibility = FormField(EligibilityForm)
    cost = FormField(CostForm)
    meeting = FormField(MeetingForm)
    housing = FormField(HousingForm)
    clinical = FormField(ClinicalForm)
    employment = FormField(EmploymentForm)

    def validate_languages(self, field):
        wrong = [code for code in language_codes(field.data) if not re.match(r"^[a-z]{2,3}$", code)]
        if wrong:
            raise ValidationError(_("{codes}: use two- or three-letter codes such as en, es.", codes=", ".join(wrong)))

    def validate_timezone(self, field):
        try:
            check_timezone((field.data or "").strip())
        except ModelValidationError:
            raise ValidationError(_("{zone} is not a time zone: use an IANA name such as America/Chicago.",
                                    zone=field.data)) from None

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        codes = set()
        for row in self.capacity:
            if row.form.is_blank():
                continue
            code = unit_code(row.form)
            if not code:
                row.form.name.errors = [*row.form.name.errors, _("Use letters or digits in the name, or give a code.")]
                valid = False
            elif code in codes:
                row.form.code.errors = [*row.form.code.errors, _("Another unit has this code: give each its own.")]
                valid = False
            codes.add(code)
        return valid


def listing_form(category: str, places, data: dict | None = None, spare_rows: bool = False) -> ListingForm:
    """The form for a listing of this category (its detail section only), offering the organisation's places."""
    form = ListingForm(data=data)
    for section in DETAIL_SECTIONS:
        if section != category:
            delattr(form, section)
    form.locations.choices = {place.id: place.label for place in places}
    if spare_rows:
        for rows in (form.phones, form.schedules, form.exceptions, form.capacity):
            for _ in range(min(SPARE_ROWS, MAX_ROWS - len(rows))):
                rows.append_entry()
    return form


def language_codes(text: str | None) -> list[str]:
    return [code for code in re.split(r"[\s,;]+", (text or "").strip().lower()) if code]
