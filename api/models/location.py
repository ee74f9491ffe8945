"""Location: where a service is delivered (HSDS location + address), with confidential addresses kept in."""

import math
import re

from mongoengine import (
    BooleanField,
    DictField,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    PointField,
    ReferenceField,
    StringField,
    URLField,
)

from api.models.changes import SequencedDocument
from api.models.contact import Contact, Phone
from api.models.fields import new_id
from api.models.organization import Organization
from api.models.translations import PlaceTexts, TranslationsField, pruned

# A confidential location is shown at the centre of a grid cell about 2 km across, so neither its coordinates
# nor distances measured to it (which could be triangulated) reveal the house.
CONFIDENTIAL_CELL_DEGREES = 0.02
# Where a place's point came from: the geocoder, or a person (after the geocoder found nothing or failed, or without
# asking it). The two failures are what the data-quality page lists: a hand-placed point nobody could check.
GEOCODE_STATUSES = ("geocoded", "manual", "not_found", "failed")
GEOCODE_FAILURES = ("not_found", "failed")


def coarse_point(lng: float, lat: float) -> list[float]:
    """The centre of the ~2 km grid cell holding (lng, lat); the cell width in longitude follows the latitude."""
    lat_cell = math.floor(lat / CONFIDENTIAL_CELL_DEGREES)
    centre_lat = (lat_cell + 0.5) * CONFIDENTIAL_CELL_DEGREES
    lng_step = CONFIDENTIAL_CELL_DEGREES / max(math.cos(math.radians(centre_lat)), 0.1)
    centre_lng = (math.floor(lng / lng_step) + 0.5) * lng_step
    return [round(centre_lng, 5), round(centre_lat, 5)]


class Address(EmbeddedDocument):
    id = StringField(max_length=200)  # the id an HSDS source gave it (provenance)
    address_1 = StringField(max_length=200)
    address_2 = StringField(max_length=200)
    city = StringField(required=True, max_length=120)
    region = StringField(max_length=120)
    postal_code = StringField(max_length=20)
    country = StringField(default="US", regex=r"^[A-Z]{2}$")


class Location(SequencedDocument):
    id = StringField(primary_key=True, default=new_id)
    organization = ReferenceField(Organization, required=True)
    name = StringField(max_length=200)
    description = StringField(max_length=2000)
    address = EmbeddedDocumentField(Address, required=True)
    # The neighbourhood or district a person would recognise; what the public sees for confidential places.
    area = StringField(max_length=120)
    point = PointField(required=True)
    public_point = PointField()
    confidential = BooleanField(default=False)
    accessibility = ListField(StringField(max_length=500))
    transit = StringField(max_length=500)
    # The description and transit in other languages: {"es": PlaceTexts} (api/models/translations.py).
    translations = TranslationsField(PlaceTexts)
    url = URLField()
    languages = ListField(StringField(regex=r"^[a-z]{2,3}$"))
    phones = ListField(EmbeddedDocumentField(Phone))
    contacts = ListField(EmbeddedDocumentField(Contact))
    geocode_status = StringField(choices=GEOCODE_STATUSES)  # unset for places loaded in bulk (seeds, imports)
    # Provenance of a place an import added (as on Service): the source and the place's id there.
    source = StringField(max_length=200)
    source_id = StringField(max_length=200)
    extra = DictField()  # the source record's fields this model has no place for (as on Service)
    version = IntField(default=0)  # bumped by every save: an edit saves only over the version its editor saw

    meta = {
        "collection": "locations",
        "indexes": [[("public_point", "2dsphere")], "organization", "change_seq"],
    }

    def save(self, *args, **kwargs):
        """Every save is a new version (its listings follow through api/services/editing.py: save_place)."""
        self.version = (self.version or 0) + 1
        return super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        """What a person calls the place: its name, else its street address, else its town."""
        address = self.address
        return self.name or (address and (address.address_1 or address.city)) or "A place"

    def clean(self):
        """Derive the point the public may see: exact for ordinary places, coarse for confidential ones."""
        self.translations = pruned(self.translations)
        if self.point is None:
            return  # field validation reports the missing point
        lng, lat = coordinates(self.point)
        self.public_point = coarse_point(lng, lat) if self.confidential else [lng, lat]


def street_key(address_1: str | None, city: str | None) -> tuple[str, str]:
    """Street and town as two places are compared: case and spacing aside ("12  elm st" is "12 Elm St")."""
    return tuple(re.sub(r"\s+", " ", (text or "").strip().casefold()) for text in (address_1, city))


def coordinates(point) -> tuple[float, float]:
    """(lng, lat) from a PointField value, whether it is still a list or already GeoJSON."""
    coords = point["coordinates"] if isinstance(point, dict) else point
    return float(coords[0]), float(coords[1])
