"""The hot paths serialise their views with orjson (api/resources/answers.py): each view must be exactly what its
marshmallow response schema, which documents it in the OpenAPI, would have dumped. Checked over the whole seed
city, every category, in both languages."""

import gzip
import json
import os

import orjson
import pytest

from api.adapters.storage import MongoStorage
from api.domain.meeting_times import next_occurrence
from api.i18n import language
from api.models import Location, Organization, Service
from api.resources.meetings.schemas import MeetingPageSchema
from api.resources.services.schemas import ServiceDetailSchema, ServicePageSchema
from api.services.prepared_views import PreparedViews
from seeds.loader import seed_database
from tests import factories
from tests.conftest import NOW, TEST_DB, make_config

TTL = make_config().FRESHNESS_TTL_HOURS


@pytest.fixture(scope="module")
def city():
    """The seed city, read once: (services, organizations by id, locations by id)."""
    storage = MongoStorage(os.environ.get("MONGODB_URI"), TEST_DB)
    storage.drop_all()
    seed_database(progress=False, now=NOW)
    found = (list(Service.objects.no_dereference()), {o.id: o for o in Organization.objects},
             {place.id: place for place in Location.objects})
    yield found
    storage.drop_all()


def _as_sent(view) -> object:
    return orjson.loads(orjson.dumps(view))


def _as_dumped(schema, view) -> object:
    return json.loads(json.dumps(schema.dump(view)))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_view_is_what_its_schema_would_dump(city, lang):
    services, organizations, places = city
    views = PreparedViews(0)
    summaries, meetings, mismatched = [], [], []
    with language.speaking(lang):
        for service in services:
            organization = organizations[service.organization.id]
            located = [places[link.location.id] for link in service.locations]
            detail = orjson.loads(views.detail(service, organization, located, NOW, TTL).body)
            if detail != _as_dumped(ServiceDetailSchema(), detail):
                mismatched.append(service.id)
            for place in located or [None]:
                summaries.append(views.summary(service, organization, place, NOW, TTL) | {"distance_m": 1234})
                if service.category == "meeting":
                    occurrence = next_occurrence(service, NOW, None, None)
                    meetings.append(views.meeting(service, organization, place, occurrence, NOW)
                                    | {"distance_m": None})
        services_page = {"items": summaries, "page": 1, "per_page": 20, "total": len(summaries),
                         "facets": {"category": {"housing": 3}}}
        meetings_page = {"items": meetings, "page": 1, "per_page": 20, "total": len(meetings)}
        assert _as_sent(services_page) == _as_dumped(ServicePageSchema(), services_page)
        assert _as_sent(meetings_page) == _as_dumped(MeetingPageSchema(), meetings_page)
    assert not mismatched
    assert {service.category for service in services} >= {"meeting", "housing", "clinical", "employment"}


def test_a_listing_page_follows_an_edit_at_once_and_the_clock_by_the_minute(app, client):
    listing = factories.service(schedules=[factories.weekdays(opens="09:00", closes="17:00")])
    closing = NOW.replace(hour=22, minute=59, second=30)  # 16:59:30 in Riverton, a Tuesday
    app.extensions["lantern"].clock = lambda: closing
    assert client.get(f"/v1/services/{listing.id}").json["hours"]["open_now"] is True

    listing.name = "Renamed"
    listing.save()
    assert client.get(f"/v1/services/{listing.id}").json["name"] == "Renamed"

    app.extensions["lantern"].clock = lambda: closing.replace(hour=23, minute=0, second=5)
    assert client.get(f"/v1/services/{listing.id}").json["hours"]["open_now"] is False


def test_a_compressed_listing_page_is_never_an_older_one(client):
    listing = factories.service(name="Before", description="A long description. " * 40)
    gzipped = {"Accept-Encoding": "gzip"}
    first, again = (client.get(f"/v1/services/{listing.id}", headers=gzipped) for _ in range(2))
    assert first.headers["Content-Encoding"] == "gzip" and first.data == again.data
    assert json.loads(gzip.decompress(first.data))["name"] == "Before"

    listing.name = "After"
    listing.save()
    edited = client.get(f"/v1/services/{listing.id}", headers=gzipped)
    assert json.loads(gzip.decompress(edited.data))["name"] == "After"
    assert client.get(f"/v1/services/{listing.id}").json["name"] == "After"
