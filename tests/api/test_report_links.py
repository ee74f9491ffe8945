"""The exchange formats point at the report route: a Meeting Guide feed's feedback_url, an HSDS service's too,
and a report POSTed there reaches the listing's queue."""

from api.models.report import Report
from tests import factories as f


def test_the_meeting_guide_feed_links_each_meeting_to_its_report_route(client):
    meeting = f.meeting("Tuesday Night Group", day="TU")

    [entry] = client.get("/v1/meeting-guide.json").json

    assert entry["feedback_url"] == f"http://localhost/v1/services/{meeting.id}/reports"
    posted = client.post(entry["feedback_url"].removeprefix("http://localhost"), json={"kind": "closed"})
    assert posted.status_code == 201 and Report.objects.get().service == meeting.id


def test_hsds_services_carry_the_report_route_in_lists_and_in_full(client):
    service = f.service("Drop-in centre")

    listed = client.get("/hsds/services").json["contents"][0]
    full = client.get(f"/hsds/services/{service.id}").json

    assert listed["feedback_url"] == full["feedback_url"] == f"http://localhost/v1/services/{service.id}/reports"
