"""The Blueprint every public resource uses: flask-smorest's, with a stricter reading of repeated parameters, the
public API's read budget (api/rate_limits.py) and its language negotiation (api/i18n/http.py) on every route."""

import flask_smorest
from webargs.fields import DelimitedList
from webargs.flaskparser import FlaskParser

from api import rate_limits
from api.i18n.http import negotiate_on


class QueryStringParser(FlaskParser):
    """category=a&category=b means both (as category=a,b does); a repeated single value is refused, not cut."""

    def load_querystring(self, req, schema):
        data = {}
        for key in req.args:
            values = req.args.getlist(key)
            if isinstance(schema.fields.get(key), DelimitedList):
                data[key] = ",".join(values)
            else:
                # A list where one value belongs fails that field's validation: a 422 naming it.
                data[key] = values[0] if len(values) == 1 else values
        return data


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = QueryStringParser()

    def __init__(self, *args, translated: bool = True, **kwargs):
        """translated=False for an exchange format, which answers in the directory's own words (English)."""
        super().__init__(*args, **kwargs)
        rate_limits.limit_reads(self)
        if translated:
            negotiate_on(self)
