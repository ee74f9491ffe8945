"""The report route in a browser (a meeting's feedback_url): a form in the reader's language, checked as the JSON
route checks, and a report taken in the same way."""

import re

import pytest

from api import create_app
from api.models.report import Report
from tests import factories as f
from tests.conftest import NOW, make_config


@pytest.fixture
def client(storage):
    app = create_app(make_config(RATE_LIMIT_REPORTS="100 per minute"))
    app.extensions["lantern"].clock = lambda: NOW
    return app.test_client()


def shown(answer, css_class: str) -> list[str]:
    return re.findall(rf'class="{css_class}"[^>]*>([^<]*)', answer.get_data(as_text=True))


def test_the_feedback_url_opens_a_form_offering_what_the_listing_can_have(client):
    meeting = f.meeting("Tuesday Night Group")
    house = f.service("Maple House", category="housing", capacity=[f.unit(2, 6)])

    page = client.get(f"/v1/services/{meeting.id}/reports", headers={"Accept": "text/html"})
    house_page = client.get(f"/v1/services/{house.id}/reports").get_data(as_text=True)

    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert page.headers["Cache-Control"] == "no-store"
    assert "Tuesday Night Group" in html and 'value="meeting_not_held"' in html and 'value="full"' not in html
    assert 'value="full"' in house_page and 'value="meeting_not_held"' not in house_page
    assert "<script" not in html and "http" not in html.split("<body>")[1].split('action="')[0]


def test_the_form_speaks_the_readers_language(client):
    meeting = f.meeting("Grupo del martes")
    html = client.get(f"/v1/services/{meeting.id}/reports", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert '<html lang="es">' in html and "Informar de un problema" in html and "martes" in html


def test_a_report_sent_from_the_form_is_taken_in_like_one_from_an_app(client):
    meeting = f.meeting("Tuesday Night Group", day="TU")

    answer = client.post(f"/v1/services/{meeting.id}/reports/form",
                         data={"kind": "meeting_not_held", "date": "2026-11-24", "note": "Hall was locked",
                               "phone": "not for this kind", "address": ""})

    assert answer.status_code == 201 and shown(answer, "done")
    [report] = Report.objects
    assert (report.kind, report.notes, report.notify) == ("meeting_not_held", ["Hall was locked"], [])
    assert report.suggestion.phone is None  # the other kinds' inputs are left out, not refused


def test_what_to_change_is_shown_beside_the_field_and_nothing_is_kept(client):
    meeting = f.meeting("Tuesday Night Group", day="TU")

    spam = client.post(f"/v1/services/{meeting.id}/reports/form", data={"kind": "other", "note": "www.pills.example"})
    wrong_day = client.post(f"/v1/services/{meeting.id}/reports/form",
                            data={"kind": "meeting_not_held", "date": "2026-11-25"})

    assert spam.status_code == 422 and "Leave out links: say in words what is wrong." in shown(spam, "error")
    assert "www.pills.example" in spam.get_data(as_text=True)  # what they wrote is given back to edit
    assert wrong_day.status_code == 422 and "The meeting does not meet on that date." in shown(wrong_day, "error")
    assert Report.objects.count() == 0


def test_a_listing_gone_from_the_directory_says_so(client):
    gone = f.service("Gone group", status="inactive")
    assert client.get(f"/v1/services/{gone.id}/reports").status_code == 404
    assert client.get("/v1/services/no-such-id/reports").status_code == 404
    assert client.post("/v1/services/no-such-id/reports/form", data={"kind": "closed"}).status_code == 404


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site", "Origin": "https://news.example"},
    {"Sec-Fetch-Site": "same-site", "Origin": "https://blog.localhost"},  # a neighbouring host is not this page
    {"Origin": "https://news.example"},  # a browser without Fetch Metadata still names the page's origin
    {"Origin": "null"},  # a sandboxed frame or a page opened from a file
], ids=["cross-site", "same-site", "origin only", "opaque origin"])
def test_another_sites_page_cannot_make_its_visitors_send_the_form(client, headers):
    house = f.service("Maple House", category="housing", capacity=[f.unit(2, 6)])
    answer = client.post(f"/v1/services/{house.id}/reports/form", data={"kind": "full"}, headers=headers)
    assert answer.status_code == 403 and answer.headers["Content-Type"].startswith("text/html")
    assert "This form can be sent only from its own page." in answer.get_data(as_text=True)
    assert Report.objects.count() == 0


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
    {"Origin": "http://localhost"},
    {},  # an older browser, or none, says nothing of where it was sent from
], ids=["same-origin", "origin only", "no headers"])
def test_the_form_sent_from_its_own_page_is_taken(client, headers):
    house = f.service("Maple House", category="housing", capacity=[f.unit(2, 6)])
    answer = client.post(f"/v1/services/{house.id}/reports/form", data={"kind": "full"}, headers=headers)
    assert answer.status_code == 201 and Report.objects.count() == 1
