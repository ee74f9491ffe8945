"""POST /v1/services/{id}/reports: what a person can report, what is refused and why, and how reports merge."""

from datetime import timedelta

import pytest

from api import create_app
from api.models.report import Report
from tests import factories as f
from tests.conftest import NOW, make_config


class Clock:
    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def app(storage, clock):
    application = create_app(make_config(RATE_LIMIT_REPORTS="100 per minute"))
    application.extensions["lantern"].clock = clock
    return application


@pytest.fixture
def client(app):
    return app.test_client()


def report(client, service, **body):
    return client.post(f"/v1/services/{service.id}/reports", json=body)


def field_errors(answer) -> dict:
    assert answer.status_code == 422, answer.json
    return answer.json["errors"]["json"]


def test_a_report_is_taken_and_waits_for_the_partner(client):
    house = f.service("Maple House", category="housing", capacity=[f.unit(2, 6)])

    answer = report(client, house, kind="full", note="They said no beds this week", language="en")

    assert answer.status_code == 201 and answer.headers["Cache-Control"] == "no-store"
    assert answer.json | {"id": None} == {"id": None, "kind": "full", "count": 1, "state": "open", "notify": False}
    stored = Report.objects.get(id=answer.json["id"])
    assert stored.service == house.id and stored.organization == house.organization.id
    assert stored.notes == ["They said no beds this week"] and stored.notify == []


def test_each_kind_takes_its_own_fields_and_names_what_is_missing_or_unused(client):
    group = f.service("Tuesday group")
    assert set(field_errors(report(client, group, kind="wrong_hours", opens_at="09:00"))) == {"days", "closes_at"}
    assert field_errors(report(client, group, kind="moved"))["address"] == ["Missing data for required field."]
    assert field_errors(report(client, group, kind="other"))["note"] == ["Missing data for required field."]
    assert field_errors(report(client, group, kind="closed", phone="555-0100"))["phone"] == [
        "Not used by kind 'closed'."]
    assert "kind" in field_errors(report(client, group, kind="haunted"))
    assert "opens_at" in field_errors(report(client, group, kind="wrong_hours", days=["MO"], opens_at="9am",
                                             closes_at="17:00"))
    assert "days" in field_errors(report(client, group, kind="wrong_hours", days=["Monday"], opens_at="09:00",
                                         closes_at="17:00"))
    assert "phone" in field_errors(report(client, group, kind="phone_wrong", phone="call me maybe"))
    assert "reporter" in field_errors(report(client, group, kind="closed", reporter="Ann"))
    assert report(client, group, kind="wrong_hours", days=["MO", "WE"], opens_at="10:00",
                  closes_at="14:00").status_code == 201


def test_a_kind_the_listing_cannot_have_is_refused_by_field(client):
    group = f.service("Peer group")
    assert "kind" in field_errors(report(client, group, kind="full"))  # it counts no places
    assert "kind" in field_errors(report(client, group, kind="meeting_not_held", date="2026-11-24"))


def test_a_meeting_not_held_names_a_day_it_meets_within_reach(client):
    meeting = f.meeting("Tuesday Night Group", day="TU")  # NOW is Tuesday 24 November 2026
    assert field_errors(report(client, meeting, kind="meeting_not_held", date="2026-11-25"))["date"] == [
        "The meeting does not meet on that date."]
    assert "date" in field_errors(report(client, meeting, kind="meeting_not_held", date="2025-11-25"))
    assert report(client, meeting, kind="meeting_not_held", date="2026-11-24").status_code == 201


@pytest.mark.parametrize("note, why", [
    ("Great deals at https://pills.example", "Leave out links"),
    ("visit cheapmeds.com now", "Leave out links"),
    ("write to me at ann@example.org", "Leave out email addresses"),
    ("closed!!!!!!!!!!!", "Too many repeated characters"),
    ("spam spam spam spam", "The same word over and over"),
    ("x" * 501, "Longer than maximum length 500"),
])
def test_obvious_spam_is_refused_with_what_to_change(client, note, why):
    group = f.service("Peer group")
    [message] = field_errors(report(client, group, kind="other", note=note))["note"]
    assert message.startswith(why)
    assert Report.objects.count() == 0


def test_field_messages_speak_the_readers_language(client):
    group = f.service("Peer group")
    answer = client.post(f"/v1/services/{group.id}/reports", json={"kind": "other", "note": "www.spam.example"},
                         headers={"Accept-Language": "es"})
    assert field_errors(answer)["note"] == ["No incluya enlaces: diga con palabras qué está mal."]


def test_unknown_listing_is_404_and_what_it_already_says_is_409(client):
    assert client.post("/v1/services/no-such-id/reports", json={"kind": "closed"}).status_code == 404
    closed = f.service("Paused group", status="temporarily_closed")
    gone = f.service("Gone group", status="inactive")
    full = f.service("Full house", category="housing", capacity=[f.unit(0, 6)])
    assert report(client, closed, kind="closed").status_code == 409
    assert report(client, gone, kind="phone_wrong").status_code == 409
    answer = report(client, full, kind="full")
    assert answer.status_code == 409 and answer.json["message"] == "The listing already says it is full."


def test_a_large_body_is_refused_before_it_is_read(client):
    group = f.service("Peer group")
    answer = client.post(f"/v1/services/{group.id}/reports", data="{" + " " * 20_000 + "}",
                         content_type="application/json")
    assert answer.status_code == 413


def test_the_same_report_merges_into_one_with_a_count(client, clock):
    group = f.service("Peer group")
    first = report(client, group, kind="phone_wrong", phone="(816) 555-0100", note="Number is disconnected")
    clock.now += timedelta(minutes=30)
    again = report(client, group, kind="phone_wrong", phone="816.555.0100", note="Number is disconnected")
    other = report(client, group, kind="phone_wrong", phone="816-555-0199")

    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 201)
    assert again.json["id"] == first.json["id"] and again.json["count"] == 2
    merged = Report.objects.get(id=first.json["id"])
    assert merged.count == 2 and merged.notes == ["Number is disconnected"]
    assert [moment.minute for moment in merged.received] == [0, 30]
    assert Report.objects.count() == 2


def test_a_merged_report_keeps_its_latest_few_notes_not_all(client):
    group = f.service("Peer group")
    for number in range(8):  # every "other" report of a listing is one report
        report(client, group, kind="other", note=f"Door locked, visit {number + 1}")
    report(client, group, kind="other", note="Door locked, visit 5")  # a note it has already is not kept twice
    [merged] = Report.objects
    assert merged.count == 9
    assert merged.notes == [f"Door locked, visit {number}" for number in range(4, 9)]  # what is wrong now


def test_reports_are_rate_limited_per_address_with_retry_after(storage):
    app = create_app(make_config(RATE_LIMIT_REPORTS="2 per hour"))
    app.extensions["lantern"].clock = lambda: NOW
    client = app.test_client()
    group = f.service("Peer group")
    statuses = [report(client, group, kind="other", note="Locked").status_code for _ in range(3)]
    refused = report(client, group, kind="other", note="Locked")
    assert statuses == [201, 200, 429] and refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    form = client.post(f"/v1/services/{group.id}/reports/form", data={"kind": "other", "note": "Locked"})
    assert form.status_code == 429  # the browser's form draws on the same budget
    other = client.post(f"/v1/services/{group.id}/reports", json={"kind": "other", "note": "Locked"},
                        environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert other.status_code == 200  # another address has its own budget


def test_the_openapi_documents_the_route_and_its_answers(client):
    spec = client.get("/openapi.json").json
    operation = spec["paths"]["/v1/services/{service_id}/reports"]["post"]
    assert {"200", "201", "401", "404", "409", "413", "422", "429"} <= set(operation["responses"])
    assert {} in operation["security"]  # the device secret is optional
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/ReportArgs"}
    kinds = spec["components"]["schemas"]["ReportArgs"]["properties"]["kind"]["enum"]
    assert kinds == ["closed", "moved", "wrong_hours", "full", "phone_wrong", "meeting_not_held", "other"]


def preflight(client, listing, origin):
    return client.options(f"/v1/services/{listing.id}/reports", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, authorization"})


def cors_headers(answer) -> dict:
    return {name: value for name, value in answer.headers.items() if name.lower().startswith("access-control-")}


def test_only_the_apps_own_web_origins_may_send_reports_from_a_browser(storage):
    app = create_app(make_config(REPORT_ORIGINS="https://app.example, https://beta.app.example/"))
    client = app.test_client()
    group = f.service("Peer group")

    for origin in ("https://app.example", "https://beta.app.example"):
        allowed = preflight(client, group, origin)
        assert allowed.headers["Access-Control-Allow-Origin"] == origin and "Origin" in allowed.headers["Vary"]
        assert "POST" in allowed.headers["Access-Control-Allow-Methods"]
        assert {"authorization", "content-type"} <= set(
            allowed.headers["Access-Control-Allow-Headers"].lower().replace(" ", "").split(","))
    for origin in ("https://news.example", "https://app.example.news.example", "http://app.example", "null"):
        assert cors_headers(preflight(client, group, origin)) == {}, origin
    sent = client.post(f"/v1/services/{group.id}/reports", json={"kind": "closed"},
                       headers={"Origin": "https://app.example"})
    assert sent.status_code == 201 and sent.headers["Access-Control-Allow-Origin"] == "https://app.example"
    read = client.options(f"/v1/services/{group.id}", headers={
        "Origin": "https://app.example", "Access-Control-Request-Method": "POST"})
    assert "POST" not in read.headers.get("Access-Control-Allow-Methods", "")


def test_by_default_no_other_sites_page_can_send_a_report(client):
    group = f.service("Peer group")
    assert cors_headers(preflight(client, group, "https://news.example")) == {}
    # Without the preflight a page may send only a "simple" request, and a report is JSON: nothing is taken.
    simple = client.post(f"/v1/services/{group.id}/reports", data='{"kind": "closed"}', content_type="text/plain",
                         headers={"Origin": "https://news.example"})
    assert simple.status_code == 422 and Report.objects.count() == 0


@pytest.mark.parametrize("origins", ["*", "https://*.example", "app.example", "https://app.example/report"])
def test_report_origins_are_whole_origins_or_the_app_does_not_start(storage, origins):
    with pytest.raises(Exception, match="REPORT_ORIGINS"):
        create_app(make_config(REPORT_ORIGINS=origins))
