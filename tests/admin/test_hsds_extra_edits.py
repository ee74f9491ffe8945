"""An imported HSDS record keeps what the admin forms do not show: editing its listing or its place from the admin
area changes what was edited and drops nothing else that /hsds serves back (extra data, source ids, rules)."""

import json

from api.interop.hsds import importer as hsds_import
from api.models import Location, Service
from tests.admin.conftest import page_text, signed_in_client
from tests.admin.html_forms import form_fields
from tests.admin.test_listings import edit_form, filled
from tests.interop.test_hsds_import import ACTOR, SOURCE, KnownAddresses, example
from tests.interop.test_hsds_import import read_bytes as read_hsds

RECORD = json.loads(example("service_full.json"))


def imported_into(organization) -> Service:
    plan = hsds_import.plan(read_hsds(example("service_full.json")), hsds_import.Scope(organization, True), SOURCE,
                            category="clinical", geocoder=KnownAddresses())
    hsds_import.apply(plan, ACTOR)
    return Service.objects.get()


def kept_fields(served: dict) -> dict:
    """What the forms do not show, as /hsds serves it."""
    place = served["service_at_locations"][0]["location"]
    return {"program": served["program"], "fees": served["fees"], "metadata": served["metadata"],
            "phone_language": served["phones"][0]["languages"][0], "phone_id": served["phones"][0]["id"],
            "schedule": {key: served["schedules"][0][key] for key in ("id", "count", "wkst", "bymonthday", "notes")},
            "documents": served["required_documents"], "areas": served["service_areas"],
            "place": {key: place[key] for key in ("alternate_name", "external_identifier", "url", "phones")}}


def test_editing_an_imported_listing_and_its_place_keeps_what_the_forms_do_not_show(admin_app, staff, orgs):
    service = imported_into(orgs.a)
    hsds = admin_app.test_client()
    before = kept_fields(hsds.get(f"/hsds/services/{service.id}").json)
    assert before["program"] == RECORD["program"] and before["phone_id"] == RECORD["phones"][0]["id"]
    client = signed_in_client(admin_app, staff.org_admin)

    url, fields = edit_form(client, service)
    answer = client.post(url, data=filled(fields, description="Counselling, now on Saturdays too.",
                                          phones__0__number="+44 1234 999999", schedules__0__closes_at="19:00"))
    assert answer.status_code == 303
    place = Location.objects.get()
    url = f"/admin/locations/{place.id}/edit"
    answer = client.post(url, data=form_fields(page_text(client.get(url)), url) | {"name": "Civic Centre"})
    assert answer.status_code == 303

    served = hsds.get(f"/hsds/services/{service.id}").json
    assert served["description"] == "Counselling, now on Saturdays too."
    assert served["phones"][0]["number"] == "+44 1234 999999" and served["schedules"][0]["closes_at"][:5] == "19:00"
    assert served["service_at_locations"][0]["location"]["name"] == "Civic Centre"
    assert kept_fields(served) == before
