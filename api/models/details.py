"""Category detail: what a meeting, a recovery residence, a clinic or an employment programme adds."""

from mongoengine import (
    BooleanField,
    DateField,
    EmbeddedDocument,
    FloatField,
    IntField,
    ListField,
    StringField,
    URLField,
    ValidationError,
)

from api.domain.meeting_types import is_meeting_type
from api.domain.vocabulary import ATTENDANCE, EMPLOYMENT_PROGRAMMES, FELLOWSHIPS, LEVELS_OF_CARE, MOUD_TYPES
from api.i18n.text import gettext as _


def _validate_meeting_types(codes):
    unknown = [code for code in codes if not is_meeting_type(code)]
    if unknown:
        raise ValidationError(_("unknown Meeting Guide type codes: {codes}", codes=", ".join(unknown)))


class MeetingDetail(EmbeddedDocument):
    """Meeting Guide semantics; day and time live in the service's weekly schedule."""

    fellowship = StringField(required=True, choices=tuple(FELLOWSHIPS))
    types = ListField(StringField(), validation=_validate_meeting_types)
    attendance = StringField(required=True, choices=ATTENDANCE, default="in_person")
    conference_url = URLField()
    conference_url_notes = StringField(max_length=300)
    conference_phone = StringField(max_length=60, regex=r"^[0-9+,*#]+$")
    conference_phone_notes = StringField(max_length=300)
    group = StringField(max_length=200)
    # Meeting Guide "approximate": the address is only a town (usual for online meetings), not a door.
    approximate = BooleanField(default=False)
    notes = StringField(max_length=2000)

    def clean(self):
        if self.attendance in ("online", "hybrid") and not (self.conference_url or self.conference_phone):
            raise ValidationError(_("an online or hybrid meeting needs a conference_url or conference_phone"),
                                  field_name="conference_url")


class HousingDetail(EmbeddedDocument):
    narr_level = IntField(min_value=1, max_value=4)
    certified_by = StringField(max_length=200)
    certification_expires = DateField()
    accepts_families = BooleanField(default=False)
    pets_allowed = BooleanField(default=False)
    moud_friendly = BooleanField(default=False)
    weekly_cost = FloatField(min_value=0)
    currency = StringField(default="USD", regex=r"^[A-Z]{3}$")


class ClinicalDetail(EmbeddedDocument):
    moud = ListField(StringField(choices=tuple(MOUD_TYPES)))
    walk_in = BooleanField(default=False)
    same_day_induction = BooleanField(default=False)
    levels_of_care = ListField(StringField(choices=tuple(LEVELS_OF_CARE)))


class EmploymentDetail(EmbeddedDocument):
    programme_type = StringField(required=True, choices=tuple(EMPLOYMENT_PROGRAMMES))
    paid = BooleanField(default=False)
    duration_weeks = IntField(min_value=1, max_value=520)
