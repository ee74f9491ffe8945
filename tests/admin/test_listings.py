"""Listings: a partner creates and edits a whole listing from a phone-sized form, and the public API shows it.

Forms are read from the pages and posted back as a browser would (tests/admin/html_forms.py), so what is tested
is what the page offers: its fields, its blank rows, its hidden version.
"""

import re

import pytest

from api.models import Service
from api.models.audit import AuditEntry
from api.models.contact import Phone
from api.models.schedule import Schedule
from api.services import listings as edits
from api.services.editing import Actor, InvalidEdit
from tests import factories as f
from tests.admin.conftest import page_text, signed_in_client
from tests.admin.html_forms import form_fields
from tests.conftest import NOW

STORED_NOW = NOW.replace(tzinfo=None)


def new_form(client, organization, category):
    """(url, fields) of the new-listing form for this kind of service."""
    url = f"/admin/organizations/{organization.id}/listings/new"
    page = client.get(f"{url}?category={category}")
    assert page.status_code == 200
    return url, form_fields(page_text(page), url)


def edit_form(client, service):
    url = f"/admin/services/{service.id}/edit"
    page = client.get(url)
    assert page.status_code == 200
    return url, form_fields(page_text(page), url)


def filled(fields: dict, **changes) -> dict:
    """The form with some answers given (a list for several checkboxes)."""
    return {**fields, **{name.replace("__", "-"): value for name, value in changes.items()}}


def house_answers(fields, place, **more) -> dict:
    """A women's recovery residence, open weekdays 9-5 with Thanksgiving off, two of six beds free."""
    return filled(fields, name="Maple House", description="A NARR level II home for women.", timezone="America/Chicago",
                  locations=[place.id], phones__0__number="555-0100", eligibility__genders=["women"],
                  schedules__0__byday="MO, TU, WE, TH, FR", schedules__0__opens_at="09:00",
                  schedules__0__closes_at="17:00", exceptions__0__date="2026-11-26",
                  exceptions__0__reason="Thanksgiving",
                  capacity__0__name="Bed – women", capacity__0__available="2", capacity__0__maximum="6",
                  housing__narr_level="2", housing__moud_friendly="y", **more)


def errors_beside(html: str, field_id: str) -> str:
    found = re.search(rf'<div id="{re.escape(field_id)}-errors">(.*?)</div>', html, re.S)
    return found.group(1) if found else ""


@pytest.fixture
def editor(admin_app, staff):
    return signed_in_client(admin_app, staff.editor)


@pytest.fixture
def place(orgs):
    return f.location(orgs.a, name="Maple House")


def create_house(client, organization, place, **more) -> Service:
    url, fields = new_form(client, organization, "housing")
    answer = client.post(url, data=house_answers(fields, place, **more))
    assert answer.status_code == 303, re.findall(r'field-error[^>]*>([^<]*)<', page_text(answer))
    return Service.objects.get(name="Maple House")


def test_a_new_listing_with_hours_a_closed_day_beds_and_detail_is_public(admin_app, staff, orgs, editor, place):
    listing = create_house(editor, orgs.a, place)

    public = admin_app.test_client().get(f"/v1/services/{listing.id}").json
    assert public["schedules"][0] | {} == {"freq": "WEEKLY", "byday": ["MO", "TU", "WE", "TH", "FR"],
                                           "opens_at": "09:00", "closes_at": "17:00", "valid_from": None,
                                           "valid_to": None, "description": None,
                                           "text": "Monday to Friday, 9:00\u202fAM\u2009–\u20095:00\u202fPM"}
    assert public["hours"]["open_now"] is True  # Tuesday 10:00 in Riverton
    assert public["hours"]["closes_at"].startswith("2026-11-24T17:00")
    assert public["exceptions"] == [{"date": "2026-11-26", "closed": True, "opens_at": None, "closes_at": None,
                                     "reason": "Thanksgiving"}]
    assert not any(opening["start"].startswith("2026-11-26") for opening in public["upcoming"])
    [unit] = public["availability"]["units"]
    assert (unit["name"], unit["code"], unit["available"], unit["maximum"]) == ("Bed – women", "bed-women", 2, 6)
    assert unit["confirmed_by"] == staff.editor.name and public["availability"]["state"] == "available"
    assert (public["housing"]["narr_level"], public["housing"]["moud_friendly"]) == (2, True)
    assert public["eligibility"]["genders"] == ["women"] and public["phones"][0]["number"] == "555-0100"
    assert [location["id"] for location in public["locations"]] == [place.id]
    [entry] = AuditEntry.objects(object_id=listing.id)
    assert (entry.action, entry.actor_name, entry.object_type) == ("created", staff.editor.name, "service")
    assert "Maple House" in page_text(editor.get(f"/admin/organizations/{orgs.a.id}/listings"))


def test_a_monthly_online_meeting_with_its_types(admin_app, orgs, editor):
    url, fields = new_form(editor, orgs.a, "meeting")
    answer = editor.post(url, data=filled(
        fields, name="Saturday Steps", timezone="America/Chicago", meeting__fellowship="na",
        meeting__attendance="online", meeting__conference_url="https://meet.example/j/7", meeting__types=["O", "ST"],
        schedules__0__freq="MONTHLY", schedules__0__byday="2SA, -1fr", schedules__0__opens_at="10:00",
        schedules__0__closes_at="11:00"))

    assert answer.status_code == 303
    meeting = Service.objects.get(name="Saturday Steps")
    public = admin_app.test_client().get(f"/v1/services/{meeting.id}").json
    assert public["schedules"][0]["byday"] == ["2SA", "-1FR"]
    assert public["upcoming"][0]["start"].startswith("2026-11-27T10:00")  # the last Friday of November
    assert [t["code"] for t in public["meeting"]["types"]] == ["O", "ST"]
    assert public["meeting"]["conference_url"] == "https://meet.example/j/7"


def test_an_online_meeting_needs_a_way_to_join(orgs, editor):
    url, fields = new_form(editor, orgs.a, "meeting")
    answer = editor.post(url, data=filled(fields, name="Online group", timezone="America/Chicago",
                                          meeting__attendance="online"))
    assert answer.status_code == 422
    assert "needs a link or a phone number" in errors_beside(page_text(answer), "meeting-conference_url")
    assert Service.objects.count() == 0


def test_an_edit_confirms_changed_counts_and_keeps_what_the_form_does_not_show(admin_app, staff, orgs, place):
    listing = f.service("Oak House", category="housing", org=orgs.a, places=[place],
                        capacity=[f.unit(1, 4, hours_ago=100), f.unit(0, 2, hours_ago=100, code="bed-men",
                                                                        name="Bed – men")],
                        phones=[Phone(number="555-0199", languages=["es"])],
                        schedules=[Schedule(byday=["MO"], opens_at="09:00", closes_at="12:00",
                                            valid_from=STORED_NOW.date())])
    client = signed_in_client(admin_app, staff.org_admin)
    url, fields = edit_form(client, listing)

    answer = client.post(url, data=filled(fields, capacity__0__available="3", schedules__0__closes_at="13:00",
                                          description="Now with a garden."))

    assert answer.status_code == 303
    saved = Service.objects.get(id=listing.id)
    women, men = saved.capacity
    assert (women.available, women.updated_by, women.updated_at) == (3, staff.org_admin.name, STORED_NOW)
    assert men.updated_by == "Test staff" and men.updated_at < STORED_NOW  # untouched: not confirmed again
    assert saved.schedules[0].closes_at == "13:00" and saved.schedules[0].valid_from is not None
    assert saved.phones[0].languages == ["es"]
    [entry] = AuditEntry.objects(object_id=listing.id)
    assert entry.action == "updated" and {"capacity", "schedules", "description"} <= set(entry.changes)
    public = admin_app.test_client().get(f"/v1/services/{listing.id}").json
    assert public["availability"]["available"] == 3 and public["description"] == "Now with a garden."


def test_a_stale_edit_gets_the_conflict_screen_and_overwrites_nothing(admin_app, staff, orgs, place):
    listing = f.service("Oak House", category="housing", org=orgs.a, places=[place], capacity=[f.unit(1, 4)])
    first, second = signed_in_client(admin_app, staff.editor), signed_in_client(admin_app, staff.org_admin)
    url, mine = edit_form(first, listing)
    _, theirs = edit_form(second, listing)
    assert second.post(url, data=filled(theirs, name="Oak House (North)")).status_code == 303

    answer = first.post(url, data=filled(mine, capacity__0__available="2"))

    assert answer.status_code == 409
    text = page_text(answer)
    assert "changed while you had it open" in text and f"changed by {staff.org_admin.name}" in text
    assert "Oak House (North)" in text and "Yours" in text
    saved = Service.objects.get(id=listing.id)
    assert (saved.name, saved.capacity[0].available) == ("Oak House (North)", 1)
    assert [e.action for e in AuditEntry.objects(object_id=listing.id)] == ["updated"]

    # Having seen both, the first editor may still save theirs over the current version, on purpose.
    again = first.post(url, data=form_fields(text, url))
    assert again.status_code == 303
    assert Service.objects.get(id=listing.id).name == "Oak House"


BAD_INPUT = [
    ({"schedules-0-opens_at": "25:00"}, "schedules-0-opens_at", "Use a 24-hour time"),
    ({"schedules-0-byday": "MO, XX"}, "schedules-0-byday", "XX is not a day"),
    ({"schedules-0-byday": "2SA"}, "schedules-0-byday", "names a week of the month"),
    ({"capacity-0-available": "7"}, "capacity-0-available", "More free places than the maximum (6)."),
    ({"capacity-0-available": "lots"}, "capacity-0-available", "Not a valid integer"),
    ({"capacity-0-maximum": str(10**30)}, "capacity-0-maximum", "Between 0 and 100,000."),
    ({"capacity-1-name": "Bed – women", "capacity-1-available": "1"}, "capacity-1-code", "Another unit has this code"),
    ({"timezone": "Mars/Olympus_Mons"}, "timezone", "is not a time zone"),
    ({"url": "not a web address"}, "url", "Enter a full web address"),
    ({"email": "nobody"}, "email", "Enter an email address"),
    ({"name": ""}, "name", "Give the listing a name."),
    ({"phones-0-number": "call us!"}, "phones-0-number", "Use digits"),
    ({"exceptions-0-kind": "hours"}, "exceptions-0-opens_at", "Special hours need an opening and a closing time."),
    ({"exceptions-0-date": "26/11/2026"}, "exceptions-0-date", "Not a valid date"),
    ({"eligibility-min_age": "30", "eligibility-max_age": "18"}, "eligibility-max_age", "below the youngest"),
    ({"languages": "english"}, "languages", "two- or three-letter codes"),
    ({"housing-weekly_cost": "-5"}, "housing-weekly_cost", "Cannot be below 0."),
]


@pytest.mark.parametrize("bad, field_id, message", BAD_INPUT)
def test_bad_input_comes_back_beside_its_field_and_nothing_is_saved(orgs, editor, place, bad, field_id, message):
    url, fields = new_form(editor, orgs.a, "housing")
    audited = AuditEntry.objects.count()

    answer = editor.post(url, data=house_answers(fields, place) | bad)

    assert answer.status_code == 422
    html = page_text(answer)
    assert message in errors_beside(html, field_id), re.findall(r'field-error[^>]*>([^<]*)<', html)
    assert "Nothing was saved yet" in html
    assert Service.objects.count() == 0 and AuditEntry.objects.count() == audited


def test_bad_input_on_an_edit_changes_nothing(admin_app, orgs, editor, place):
    listing = create_house(editor, orgs.a, place)
    url, fields = edit_form(editor, listing)

    answer = editor.post(url, data=filled(fields, schedules__0__closes_at="24:30", name="Renamed"))

    assert answer.status_code == 422 and "Use a 24-hour time" in errors_beside(page_text(answer),
                                                                               "schedules-0-closes_at")
    assert Service.objects.get(id=listing.id).version == listing.version
    assert AuditEntry.objects(object_id=listing.id).count() == 1  # only its creation


def test_a_listing_keeps_its_kind(orgs, editor, place):
    listing = create_house(editor, orgs.a, place)
    url, fields = edit_form(editor, listing)

    answer = editor.post(url, data=filled(fields, category="meeting"))

    assert answer.status_code == 422 and edits.KEEPS_ITS_KIND in page_text(answer)
    assert Service.objects.get(id=listing.id).category == "housing"


def test_another_organisations_place_cannot_be_attached(admin_app, staff, orgs, editor, place):
    their_place = f.location(orgs.b, name="Their house")
    url, fields = new_form(editor, orgs.a, "housing")

    answer = editor.post(url, data=house_answers(fields, place) | {"locations": [place.id, their_place.id]})

    assert answer.status_code == 422 and "not a valid choice" in page_text(answer)
    assert Service.objects.count() == 0
    # The service layer refuses it too, whatever form sent it.
    values = {"category": "housing", "locations": [their_place.id]}
    with pytest.raises(InvalidEdit, match="not one of this organisation"):
        edits.create_listing(orgs.a, values, Actor(staff.editor.id, staff.editor.name), STORED_NOW)


def test_deactivating_takes_a_listing_out_of_search_and_the_list_marks_it(admin_app, staff, orgs, editor, place):
    listing = create_house(editor, orgs.a, place)
    public = admin_app.test_client()
    assert public.get("/v1/services?q=maple").json["total"] == 1
    url, fields = edit_form(editor, listing)
    editor.post(url, data=filled(fields, capacity__0__available="1"))
    deactivate = f"/admin/services/{listing.id}/deactivate"

    answer = editor.post(deactivate, data=form_fields(page_text(editor.get(url)), deactivate))

    assert answer.status_code == 303
    assert public.get("/v1/services?q=maple").json["total"] == 0
    assert public.get(f"/v1/services/{listing.id}").json["status"] == "inactive"
    actions = [entry.action for entry in AuditEntry.objects(object_id=listing.id).order_by("version")]
    assert actions == ["created", "updated", "deactivated"]
    assert all(entry.actor_name == staff.editor.name for entry in AuditEntry.objects(object_id=listing.id))
    page = page_text(editor.get(f"/admin/organizations/{orgs.a.id}/listings"))
    assert "Maple House" in page and "Not listed (inactive)" in page
    history = page_text(editor.get(f"/admin/services/{listing.id}/history"))
    assert "deactivated" in history


def test_deactivating_from_an_old_page_gets_the_conflict_screen(admin_app, staff, orgs, editor, place):
    listing = create_house(editor, orgs.a, place)
    url, fields = edit_form(editor, listing)
    stale = form_fields(page_text(editor.get(url)), f"/admin/services/{listing.id}/deactivate")
    editor.post(url, data=filled(fields, capacity__0__available="0"))

    answer = editor.post(f"/admin/services/{listing.id}/deactivate", data=stale)

    assert answer.status_code == 409 and Service.objects.get(id=listing.id).status == "active"
