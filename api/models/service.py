"""Service: the listing a person finds, with where, when, for whom, and how much room it has right now."""

import unicodedata

from mongoengine import (
    BooleanField,
    DateField,
    DateTimeField,
    DictField,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    ReferenceField,
    StringField,
    URLField,
    ValidationError,
)

from api.domain.meeting_types import meeting_types
from api.domain.vocabulary import (
    CATEGORIES,
    FELLOWSHIPS,
    GENDERS,
    LEVELS_OF_CARE,
    MOUD_TYPES,
    PAYMENT_OPTIONS,
    POPULATIONS,
    STATUSES,
)
from api.i18n.catalogs import translations as catalog
from api.i18n.text import gettext as _
from api.models.capacity import CapacityDoubt, CapacityUnit, still_doubted
from api.models.changes import SequencedDocument
from api.models.contact import Contact, Phone
from api.models.details import ClinicalDetail, EmploymentDetail, HousingDetail, MeetingDetail
from api.models.facts import CostOption, Funding, RequiredDocument, ServiceArea
from api.models.fields import new_id, utcnow, validate_timezone
from api.models.location import Location
from api.models.organization import Organization
from api.models.schedule import Schedule, ScheduleException
from api.models.translations import TRANSLATED, ServiceTexts, TranslationsField, all_texts, pruned

# Which detail document belongs to which category; the others must stay empty.
DETAIL_FIELDS = {"meeting": "meeting", "housing": "housing", "clinical": "clinical", "employment": "employment"}


class Eligibility(EmbeddedDocument):
    min_age = IntField(min_value=0, max_value=120)
    max_age = IntField(min_value=0, max_value=120)
    genders = ListField(StringField(choices=GENDERS))
    populations = ListField(StringField(choices=tuple(POPULATIONS)))
    description = StringField(max_length=1000)

    def clean(self):
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            raise ValidationError(_("max_age is below min_age"), field_name="max_age")


class Cost(EmbeddedDocument):
    free = BooleanField(default=False)
    fees_description = StringField(max_length=500)
    payment_options = ListField(StringField(choices=tuple(PAYMENT_OPTIONS)))


class ServiceAtLocation(EmbeddedDocument):
    """The link between a service and one place it is delivered (HSDS service_at_location)."""

    id = StringField(required=True, default=new_id)
    location = ReferenceField(Location, required=True)
    description = StringField(max_length=2000)  # what is particular to the service at this place


class Service(SequencedDocument):
    id = StringField(primary_key=True, default=new_id)
    organization = ReferenceField(Organization, required=True)
    name = StringField(required=True, max_length=200)
    alternate_name = StringField(max_length=200)
    description = StringField(max_length=4000)
    category = StringField(required=True, choices=tuple(CATEGORIES))
    taxonomy_terms = ListField(StringField(max_length=80))
    status = StringField(required=True, choices=STATUSES, default="active")
    status_note = StringField(max_length=300)
    # The texts above in other languages: {"es": ServiceTexts} (api/models/translations.py), shown in the reader's
    # language where given, else as written above.
    translations = TranslationsField(ServiceTexts)
    # For partner staff only (referring workers see it when they search): how intake works, whom to ask for. Never
    # in the public API, the index, the feeds or exports.
    partner_note = StringField(max_length=1000)
    url = URLField()
    email = StringField(max_length=200)
    phones = ListField(EmbeddedDocumentField(Phone))
    contacts = ListField(EmbeddedDocumentField(Contact))
    languages = ListField(StringField(regex=r"^[a-z]{2,3}$"))
    eligibility = EmbeddedDocumentField(Eligibility, default=Eligibility)
    cost = EmbeddedDocumentField(Cost, default=Cost)
    cost_options = ListField(EmbeddedDocumentField(CostOption))  # prices beyond cost.free and a weekly cost
    application_process = StringField(max_length=4000)
    required_documents = ListField(EmbeddedDocumentField(RequiredDocument))
    interpretation_services = StringField(max_length=1000)
    wait_time = StringField(max_length=300)
    service_areas = ListField(EmbeddedDocumentField(ServiceArea))
    funding = ListField(EmbeddedDocumentField(Funding))
    # Accreditations and licences as stated (a residence's NARR certification is housing detail instead), and when
    # and by whom the listing's information was last assured.
    accreditations = StringField(max_length=1000)
    licenses = StringField(max_length=1000)
    assured_date = DateField()
    assurer_email = StringField(max_length=200)
    timezone = StringField(required=True, validation=validate_timezone)
    locations = ListField(EmbeddedDocumentField(ServiceAtLocation))
    schedules = ListField(EmbeddedDocumentField(Schedule))
    exceptions = ListField(EmbeddedDocumentField(ScheduleException))
    capacity = ListField(EmbeddedDocumentField(CapacityUnit))
    # Set by several public reports of "full" or "closed" (api/services/reports/doubt.py); cleared by a confirmation.
    capacity_doubt = EmbeddedDocumentField(CapacityDoubt)
    meeting = EmbeddedDocumentField(MeetingDetail)
    housing = EmbeddedDocumentField(HousingDetail)
    clinical = EmbeddedDocumentField(ClinicalDetail)
    employment = EmbeddedDocumentField(EmploymentDetail)
    # Provenance of an imported listing: where it came from ("csv:<organisation id>", "hsds:<name>") and its id
    # there, so importing the same record again updates this listing instead of adding another.
    source = StringField(max_length=200)
    source_id = StringField(max_length=200)
    # The source record's fields this model has no place for, as the source gave them (api/interop/hsds/extra.py),
    # so /hsds serves them back; no edit here touches them.
    extra = DictField()
    # Lower-cased, accent-folded words the MongoDB search path matches q against ($text is not portable).
    search_text = StringField()
    version = IntField(default=0)
    created_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "services",
        "indexes": ["organization", "category", "locations.location", "change_seq", ("source", "source_id")],
    }

    def clean(self):
        """Check the category detail matches the category, and refresh the words search matches."""
        for category, field in DETAIL_FIELDS.items():
            if category != self.category and getattr(self, field) is not None:
                raise ValidationError(_("{field} detail belongs to {category} services",
                                        field=field, category=category),
                                      field_name=field)
        if self.category == "meeting" and self.meeting is None:
            raise ValidationError(_("a meeting needs its meeting detail"), field_name="meeting")
        if self.category == "employment" and self.employment is None:
            raise ValidationError(_("an employment programme needs its employment detail"), field_name="employment")
        self.translations = pruned(self.translations)
        self.search_text = fold_text(" ".join(self._search_words()))
        self.capacity_doubt = still_doubted(self.capacity_doubt, self.capacity)

    def save(self, *args, **kwargs):
        """Every save is a new version, which optimistic edits and the indexer compare."""
        self.version = (self.version or 0) + 1
        return super().save(*args, **kwargs)

    def _search_words(self):
        # clean() runs before field validation, so unknown codes are skipped here and reported there.
        yield from (self.name or "", self.alternate_name or "", self.description or "")
        yield from all_texts(self.translations, ("name", "description"))
        yield self.organization.name if isinstance(self.organization, Organization) else ""
        yield from (term.replace("-", " ").replace("_", " ") for term in self.taxonomy_terms)
        # The vocabulary's labels in every language, so "vivienda de recuperación" finds recovery housing.
        labels = [CATEGORIES.get(self.category, "")]
        if self.meeting:
            yield self.meeting.fellowship
            labels.append(FELLOWSHIPS.get(self.meeting.fellowship, ""))
            types = meeting_types()
            yield from (types[code][code_language] for code in self.meeting.types if code in types
                        for code_language in ("en", *TRANSLATED) if code_language in types[code])
        if self.clinical:
            labels += [MOUD_TYPES.get(m, "") for m in self.clinical.moud]
            labels += [LEVELS_OF_CARE.get(level, "") for level in self.clinical.levels_of_care]
        if self.cost:
            labels += [PAYMENT_OPTIONS.get(p, "") for p in self.cost.payment_options]
        for label in filter(None, labels):
            yield label
            yield from (catalog(code).gettext(label) for code in TRANSLATED)


def fold_text(text: str) -> str:
    """Lower-case and strip accents, so "Sesión" matches "sesion"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
