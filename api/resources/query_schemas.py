"""Query-string arguments shared by the search resources: place, paging, language. Unknown names are refused."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.services.search import GeoFilter

MAX_PER_PAGE = 50
MAX_PAGE = 500
MAX_RADIUS_M = 100_000
DEFAULT_RADIUS_M = 10_000
MAX_QUERY_LENGTH = 200


# A BCP 47 tag's shape: a 2–3 letter language, then subtags (script, region, variant) of up to 8 characters.
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"


class LangArgsSchema(Schema):
    # api/i18n/http.py reads lang for every request before the view runs: declared here, it is validated and
    # documented; the views themselves never need it.
    lang = fields.String(validate=validate.Regexp(LANGUAGE_TAG, error=N_("Use a language tag such as en or es.")),
                         metadata={"description": "The language of labels, summaries, hours and messages (en, es; "
                                                  "es-MX counts as es). Wins over Accept-Language; a language "
                                                  "without a catalog gets English."})


class SearchArgsSchema(LangArgsSchema):
    """Text, place and paging, validated so no bad value ever reaches the database."""

    q = fields.String(load_default="", validate=validate.Length(max=MAX_QUERY_LENGTH),
                      metadata={"description": "Words to look for in names, descriptions and types."})
    lat = fields.Float(validate=validate.Range(-90, 90), metadata={"description": "Latitude of the person."})
    lng = fields.Float(validate=validate.Range(-180, 180), metadata={"description": "Longitude of the person."})
    radius_m = fields.Integer(validate=validate.Range(1, MAX_RADIUS_M),
                              metadata={"description": f"Metres around lat/lng (default {DEFAULT_RADIUS_M})."})
    page = fields.Integer(load_default=1, validate=validate.Range(1, MAX_PAGE))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, MAX_PER_PAGE))

    @validates_schema
    def place_is_whole(self, data, **kwargs):
        """lat and lng come together, and a radius needs a place to be around."""
        if ("lat" in data) != ("lng" in data):
            missing = "lng" if "lat" in data else "lat"
            raise ValidationError(_("lat and lng must be given together."), field_name=missing)
        if "radius_m" in data and "lat" not in data:
            raise ValidationError(_("radius_m needs lat and lng."), field_name="radius_m")


def geo_filter(args: dict) -> GeoFilter | None:
    """The place a search is around, if the person gave one."""
    if "lat" not in args:
        return None
    return GeoFilter(args["lat"], args["lng"], args.get("radius_m", DEFAULT_RADIUS_M))
