"""The place form: an address, whether it is confidential, its coordinates (looked up when left empty) and how
to find it, in English and Spanish (admin/translated_texts.py)."""

from wtforms import BooleanField, FloatField, FormField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import HiddenInput

from admin.forms import PageForm
from admin.translated_texts import PlaceTranslations, texts_data, texts_values
from api.i18n.text import gettext as _
from api.i18n.text import lazy_gettext
from api.services.geocoding import FAILED, NOT_FOUND

ADDRESS = ("address_1", "address_2", "city", "region", "postal_code", "country")


class LocationForm(PageForm):
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    # Set when a lookup of this address just failed, so coordinates typed in next are recorded as hand-placed.
    lookup = HiddenField(validators=[Optional(), Regexp(f"^({NOT_FOUND}|{FAILED})$")])
    name = StringField(lazy_gettext("Name (optional)"), [Optional(), Length(max=200)])
    address_1 = StringField(lazy_gettext("Street address"), [Optional(), Length(max=200)])
    address_2 = StringField(lazy_gettext("Address line 2 (optional)"), [Optional(), Length(max=200)])
    city = StringField(lazy_gettext("Town or city"), [InputRequired(lazy_gettext("Enter the town or city.")),
                                                      Length(max=120)])
    region = StringField(lazy_gettext("State or region (optional)"), [Optional(), Length(max=120)])
    postal_code = StringField(lazy_gettext("Postal code (optional)"), [Optional(), Length(max=20)])
    country = StringField(lazy_gettext("Country code"), [
        InputRequired(lazy_gettext("Enter the two-letter country code, such as US.")),
        Regexp(r"^[A-Za-z]{2}$", message=lazy_gettext("Two letters, such as US or GB."))], default="US")
    area = StringField(lazy_gettext("Neighbourhood or area"), [Optional(), Length(max=120)],
                       description=lazy_gettext("what people would recognise; all the public sees of a confidential "
                                                "place"))
    confidential = BooleanField(lazy_gettext("Confidential address (a recovery residence, a shelter): the public sees "
                                             "only the area and “call for address”"))
    latitude = FloatField(lazy_gettext("Latitude"), [Optional(), NumberRange(
        -90, 90, lazy_gettext("Latitude is a number from -90 to 90."))], render_kw={"inputmode": "decimal"})
    longitude = FloatField(lazy_gettext("Longitude"), [Optional(), NumberRange(
        -180, 180, lazy_gettext("Longitude is a number from -180 to 180."))], render_kw={"inputmode": "decimal"})

    description = TextAreaField(lazy_gettext("About the place (optional)"), [Optional(), Length(max=2000)],
                                description=lazy_gettext("which door, which floor: what helps people find the way in"))
    transit = StringField(lazy_gettext("How to get there (optional)"), [Optional(), Length(max=500)],
                          description=lazy_gettext("buses, trains, parking"))
    translations = FormField(PlaceTranslations)

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if valid and (self.latitude.data is None) != (self.longitude.data is None):
            missing = self.longitude if self.longitude.data is None else self.latitude
            missing.errors = [*missing.errors, _("Enter both latitude and longitude, or leave both empty to look the "
                                                 "address up.")]
            return False
        return valid

    def point(self) -> list[float] | None:
        """[lng, lat] when both were given."""
        if self.latitude.data is None or self.longitude.data is None:
            return None
        return [self.longitude.data, self.latitude.data]


def location_data(location) -> dict:
    lng, lat = location.point["coordinates"] if isinstance(location.point, dict) else location.point
    address = location.address
    return {"version": location.version, "name": location.name, "area": location.area,
            "confidential": location.confidential, "latitude": lat, "longitude": lng,
            "description": location.description, "transit": location.transit,
            "translations": texts_data(location.translations), **{name: getattr(address, name) for name in ADDRESS}}


def location_values(form: LocationForm, point: list[float]) -> dict:
    """The plain values api/services/locations.py applies."""
    return {"name": _text(form.name.data), "area": _text(form.area.data), "confidential": form.confidential.data,
            "address": {name: _text(form[name].data) for name in ADDRESS} | {"country": form.country.data.upper()},
            "point": point, "description": _text(form.description.data), "transit": _text(form.transit.data),
            "translations": texts_values(form.translations)}


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None
