"""A person on a phone follows a meeting's feedback_url from the Meeting Guide feed and reports the hall locked."""

from playwright.sync_api import expect

from api.models.report import Report
from tests import factories as f


def test_a_person_reports_a_meeting_not_held_from_the_feeds_link(live_server, phone, browser_log):
    meeting = f.meeting("Tuesday Night Group", day="TU")  # the live server's clock is Tuesday 24 November 2026
    [entry] = phone.request.get(f"{live_server.url}/v1/meeting-guide.json").json()

    phone.goto(entry["feedback_url"])
    expect(phone.get_by_role("heading", name="Report a problem")).to_be_visible()
    phone.get_by_label("The meeting was not held").check()
    phone.get_by_label("The date it was not held").fill("2026-11-24")
    phone.get_by_label("Anything else they should know").fill("The hall was locked at 7")
    fits = phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.get_by_role("button", name="Send").click()

    expect(phone.get_by_text("Thank you. The people who keep this listing will check it.")).to_be_visible()
    [report] = Report.objects
    assert (report.service, report.kind, report.notes) == (meeting.id, "meeting_not_held", ["The hall was locked at 7"])
    assert fits, "the form scrolls sideways on a phone"
    assert browser_log.blocked == [] and browser_log.console_errors == []
