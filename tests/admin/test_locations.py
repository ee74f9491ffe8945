"""Places: addresses looked up by the configured geocoder (a geopy fake here), or placed by hand; confidential
places kept from the public; edits versioned and audited like listings."""

import re

import pytest

from api.adapters.geocoding import GeopyGeocoder
from api.models import Location, Service
from api.models.audit import AuditEntry
from tests import factories as f
from tests.admin.conftest import page_text, signed_in_client
from tests.admin.html_forms import form_fields
from tests.doubles.geocoder import FakeGeopyGeocoder

ELM_ST = "12 Elm St, Riverton, MO 64101, US"
ELM = {"name": "Elm House", "address_1": "12 Elm St", "city": "Riverton", "region": "MO", "postal_code": "64101",
       "country": "US", "area": "Northside"}


@pytest.fixture
def editor(admin_app, staff):
    return signed_in_client(admin_app, staff.editor)


@pytest.fixture
def geocoder(admin_app):
    """A geopy geocoder that knows Elm St and times out on Slow Rd, in place of the configured one."""
    fake = FakeGeopyGeocoder({ELM_ST: (39.1234, -94.5678)}, slow=("1 Slow Rd, Riverton, MO 64101, US",))
    admin_app.extensions["lantern"].geocoder = GeopyGeocoder(fake, "fake")
    return fake


def new_place(client, organization, **answers):
    url = f"/admin/organizations/{organization.id}/locations/new"
    fields = form_fields(page_text(client.get(url)), url)
    return client.post(url, data={**fields, **answers})


def errors_beside(html: str, field_id: str) -> str:
    found = re.search(rf'<div id="{re.escape(field_id)}-errors">(.*?)</div>', html, re.S)
    return found.group(1) if found else ""


def test_an_address_without_coordinates_is_looked_up(staff, orgs, editor, geocoder):
    answer = new_place(editor, orgs.a, **ELM)

    assert answer.status_code == 303
    place = Location.objects.get(name="Elm House")
    assert place.point["coordinates"] == [-94.5678, 39.1234] and place.geocode_status == "geocoded"
    shown = page_text(editor.get(answer.headers["Location"]))
    assert "Place Elm House saved. Its point was found from the address" in shown and "39.12340, -94.56780" in shown
    [entry] = AuditEntry.objects(object_id=place.id)
    assert (entry.object_type, entry.action, entry.actor_name) == ("location", "created", staff.editor.name)
    assert entry.organization == orgs.a.id


@pytest.mark.parametrize("address_1, status", [("99 Nowhere Ln", "not_found"), ("1 Slow Rd", "failed")])
def test_an_address_the_geocoder_cannot_give_asks_for_coordinates(orgs, editor, geocoder, address_1, status):
    answer = new_place(editor, orgs.a, **(ELM | {"address_1": address_1}))

    assert answer.status_code == 422
    html = page_text(answer)
    assert "We could not find this address" in errors_beside(html, "latitude")
    assert "enter the coordinates by hand" in errors_beside(html, "latitude")
    assert Location.objects.count() == 0

    # Coordinates typed in next: saved, and listed for checking as a place the geocoder could not find.
    url = f"/admin/organizations/{orgs.a.id}/locations/new"
    answer = editor.post(url, data=form_fields(html, url) | {"latitude": "39.2", "longitude": "-94.6"})
    assert answer.status_code == 303
    place = Location.objects.get(name="Elm House")
    assert place.point["coordinates"] == [-94.6, 39.2] and place.geocode_status == status
    quality = page_text(editor.get(f"/admin/organizations/{orgs.a.id}/quality"))
    assert "Places the geocoder could not find" in quality and "Elm House" in quality


def test_without_a_geocoder_coordinates_are_asked_for(orgs, editor):
    answer = new_place(editor, orgs.a, **ELM)

    assert answer.status_code == 422
    assert "No geocoder is configured here; enter the coordinates." in errors_beside(page_text(answer), "latitude")
    answer = new_place(editor, orgs.a, **ELM, latitude="39.1", longitude="-94.58")
    assert answer.status_code == 303
    assert Location.objects.get(name="Elm House").geocode_status == "manual"
    quality = page_text(editor.get(f"/admin/organizations/{orgs.a.id}/quality"))
    assert "Places the geocoder could not find" not in quality


def test_coordinates_given_by_hand_are_never_looked_up(orgs, editor, geocoder):
    assert new_place(editor, orgs.a, **ELM, latitude="39.3", longitude="-94.4").status_code == 303
    assert geocoder.asked == [] and Location.objects.get().point["coordinates"] == [-94.4, 39.3]


def test_a_confidential_address_is_never_looked_up_coordinates_are_asked_for(orgs, editor, geocoder):
    answer = new_place(editor, orgs.a, **ELM, confidential="y")

    assert answer.status_code == 422 and geocoder.asked == []
    asked = errors_beside(page_text(answer), "latitude")
    assert "confidential" in asked and "a public place nearby" in asked
    assert Location.objects.count() == 0

    url = f"/admin/organizations/{orgs.a.id}/locations/new"
    fields = form_fields(page_text(answer), url) | {"latitude": "39.1", "longitude": "-94.5"}
    assert editor.post(url, data=fields).status_code == 303
    saved = Location.objects.get(name="Elm House")
    assert saved.confidential and saved.geocode_status == "manual" and geocoder.asked == []


def test_a_confidential_place_made_public_without_coordinates_is_not_looked_up(orgs, editor, geocoder):
    place = f.location(orgs.a, name="Elm House", address_1="12 Elm St", confidential=True)
    url = f"/admin/locations/{place.id}/edit"
    fields = form_fields(page_text(editor.get(url)), url)
    fields = {key: value for key, value in fields.items() if key != "confidential"}  # the box unticked

    answer = editor.post(url, data=fields | {"latitude": "", "longitude": ""})

    assert answer.status_code == 422 and geocoder.asked == []
    assert "confidential" in errors_beside(page_text(answer), "latitude")
    assert Location.objects.get(id=place.id).confidential


@pytest.mark.parametrize("bad, field_id, message", [
    ({"latitude": "91", "longitude": "-94.5"}, "latitude", "Latitude is a number from -90 to 90."),
    ({"latitude": "39", "longitude": "-194.5"}, "longitude", "Longitude is a number from -180 to 180."),
    ({"latitude": "north", "longitude": "-94.5"}, "latitude", "Not a valid float value"),
    ({"latitude": "39.1", "longitude": ""}, "longitude", "Enter both latitude and longitude"),
    ({"city": "", "latitude": "39.1", "longitude": "-94.5"}, "city", "Enter the town or city."),
    ({"country": "USA", "latitude": "39.1", "longitude": "-94.5"}, "country", "Two letters"),
])
def test_bad_place_input_comes_back_beside_its_field(orgs, editor, geocoder, bad, field_id, message):
    audited = AuditEntry.objects.count()

    answer = new_place(editor, orgs.a, **(ELM | bad))

    assert answer.status_code == 422
    assert message in errors_beside(page_text(answer), field_id)
    assert Location.objects.count() == 0 and AuditEntry.objects.count() == audited and geocoder.asked == []


def test_a_confidential_place_shows_the_public_only_its_area(admin_app, orgs, editor):
    new_place(editor, orgs.a, **ELM, confidential="y", latitude="39.1234", longitude="-94.5678")
    place = Location.objects.get(name="Elm House")
    house = f.service("Elm recovery home", category="housing", org=orgs.a, places=[place])

    [shown] = admin_app.test_client().get(f"/v1/services/{house.id}").json["locations"]

    assert (shown["area"], shown["address_1"], shown["name"], shown["postal_code"]) == ("Northside", None, None, None)
    assert shown["address_note"] == "Call for address" and shown["confidential"] is True
    assert (shown["point"]["lat"], shown["point"]["lng"]) != (39.1234, -94.5678)  # only the ~2 km cell's centre


def test_an_edit_is_audited_and_moves_its_listings(admin_app, staff, orgs, editor):
    place = f.location(orgs.a, name="Old hall")
    group = f.service("Hall group", org=orgs.a, places=[place])
    url = f"/admin/locations/{place.id}/edit"
    fields = form_fields(page_text(editor.get(url)), url)

    answer = editor.post(url, data=fields | {"name": "New hall", "latitude": "39.2", "longitude": "-94.7"})

    assert answer.status_code == 303
    saved = Location.objects.get(id=place.id)
    assert (saved.name, saved.version, saved.geocode_status) == ("New hall", place.version + 1, "manual")
    [entry] = AuditEntry.objects(object_id=place.id)
    assert entry.action == "updated" and entry.changes["name"] == ["Old hall", "New hall"]
    public = admin_app.test_client().get(f"/v1/services/{group.id}").json
    assert public["locations"][0]["name"] == "New hall" and public["locations"][0]["point"]["lat"] == 39.2
    assert "New hall" in page_text(editor.get(f"/admin/organizations/{orgs.a.id}/history"))


def test_an_edit_that_leaves_the_point_alone_keeps_where_it_came_from(orgs, editor):
    place = f.location(orgs.a, name="Checked hall")
    place.geocode_status = "not_found"
    place.save()
    url = f"/admin/locations/{place.id}/edit"

    editor.post(url, data=form_fields(page_text(editor.get(url)), url) | {"area": "Riverside"})

    assert Location.objects.get(id=place.id).geocode_status == "not_found"  # still worth checking


def test_a_stale_place_edit_gets_the_conflict_screen(admin_app, staff, orgs):
    place = f.location(orgs.a, name="Hall")
    first, second = signed_in_client(admin_app, staff.editor), signed_in_client(admin_app, staff.org_admin)
    url = f"/admin/locations/{place.id}/edit"
    mine, theirs = (form_fields(page_text(client.get(url)), url) for client in (first, second))
    assert second.post(url, data=theirs | {"name": "Their hall"}).status_code == 303

    answer = first.post(url, data=mine | {"name": "My hall"})

    assert answer.status_code == 409
    text = page_text(answer)
    assert "Their hall was changed while you had it open" in text and f"changed by {staff.org_admin.name}" in text
    assert Location.objects.get(id=place.id).name == "Their hall"


def test_a_place_of_a_legacy_record_without_a_version_can_be_edited(orgs, editor):
    place = f.location(orgs.a, name="Seeded hall")
    Location._get_collection().update_one({"_id": place.id}, {"$unset": {"version": ""}})
    url = f"/admin/locations/{place.id}/edit"
    fields = form_fields(page_text(editor.get(url)), url)
    assert fields["version"] == ["0"]

    assert editor.post(url, data=fields | {"name": "Hall"}).status_code == 303
    assert Location.objects.get(id=place.id).name == "Hall"


def test_the_places_page_lists_the_organisations_own(orgs, editor):
    f.location(orgs.a, name="Our hall")
    f.location(orgs.b, name="Their hall")
    f.service("Group", org=orgs.a, places=[Location.objects.get(name="Our hall")])

    text = page_text(editor.get(f"/admin/organizations/{orgs.a.id}/locations"))

    assert "Our hall" in text and "1 listing here" in text and "Their hall" not in text
    assert Service.objects.count() == 1


def session_contents(app, client) -> str:
    """What the (signed, not encrypted) session cookie carries: anyone holding the cookie can read it."""
    cookie = client.get_cookie("session")
    return repr(app.session_interface.get_signing_serializer(app).loads(cookie.value)) if cookie else ""


@pytest.mark.parametrize("confidential", ["y", ""])
def test_saving_a_place_keeps_its_address_out_of_the_session_cookie(admin_app, orgs, editor, geocoder, confidential):
    given = ELM | {"name": ""} | ({"latitude": "39.1", "longitude": "-94.5"} if confidential else {})
    answer = new_place(editor, orgs.a, **given, confidential=confidential)
    assert answer.status_code == 303

    carried = session_contents(admin_app, editor)
    assert "Place saved" in carried  # the flash message is there, without the place
    assert "Elm" not in carried and "39.1" not in carried and "-94.5" not in carried
    shown = page_text(editor.get(answer.headers["Location"]))
    assert "Place saved" in shown and "12 Elm St" in shown


def test_a_confidential_places_name_stays_out_of_the_session_cookie(admin_app, orgs, editor):
    answer = new_place(editor, orgs.a, **ELM, confidential="y", latitude="39.1", longitude="-94.5")
    assert answer.status_code == 303
    assert "Elm" not in session_contents(admin_app, editor)
