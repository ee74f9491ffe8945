"""The partner's side of public reports: the queue with the suggested change against the listing, accept / reject /
already fixed, what follows an accepted report (history, change feed, one discreet push), and the network's view."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from api.adapters.push.console import ConsoleSender
from api.models import Service
from api.models.audit import AuditEntry
from api.models.contact import Phone
from api.models.push import PendingPush
from api.models.report import Report
from indexer.push.outbox import Limits
from indexer.push.worker import Notifier
from tests import factories as f
from tests.admin.conftest import csrf_token, page_text, signed_in_client

LOCK_SCREEN_WORDS = ("addiction", "detox", "recovery", "sober", "rehab", "treatment", "group", "house")


@pytest.fixture(autouse=True)
def generous_limits(admin_app):
    admin_app.config["RATE_LIMIT_REPORTS"] = "100 per minute"


def public_report(admin_app, listing, device=None, **body):
    headers = {"Authorization": f"Bearer {device['secret']}"} if device else {}
    extra = {"device_id": device["id"]} if device else {}
    answer = admin_app.test_client().post(f"/v1/services/{listing.id}/reports", json={**body, **extra},
                                          headers=headers)
    assert answer.status_code in (200, 201), answer.json
    return Report.objects.get(id=answer.json["id"])


def register_device(admin_app, token="tok-reporter", locale="en"):
    answer = admin_app.test_client().post("/v1/devices", json={"token": token, "platform": "android",
                                                                "locale": locale, "discreet": False})
    return answer.json


def answer(client, report, action, **form):
    token = csrf_token(client, "/admin/")
    return client.post(f"/admin/reports/{report.id}/answer", data={"csrf_token": token, "action": action, **form})


def notifier(clock, sender):
    return Notifier(sender, {category: 72.0 for category in Service.category.choices}, Limits(timedelta(0), 20),
                    timedelta(days=60), clock=lambda: clock.now)


def test_a_report_reaches_the_queue_with_its_change_against_the_listing(admin_app, staff, orgs):
    group = f.service("Northside Peer Group", org=orgs.a, phones=[Phone(number="816-555-0100")])
    public_report(admin_app, group, kind="phone_wrong", phone="816-555-0199", note="Old number is disconnected")
    public_report(admin_app, group, kind="phone_wrong", phone="(816) 555 0199")
    client = signed_in_client(admin_app, staff.editor)

    page = page_text(client.get(f"/admin/organizations/{orgs.a.id}/reports"))

    assert "Northside Peer Group" in page and "Phone number wrong" in page and "reported by 2 people" in page
    assert "Old number is disconnected" in page
    row = re.search(r"<tr><th scope=\"row\">Phones</th><td>(.*?)</td><td>(.*?)</td></tr>", page)
    assert row and "816-555-0100" in row.group(1) and "816-555-0199" in row.group(2)
    assert "Reports" in page_text(client.get("/admin/"))


def test_accepting_edits_the_listing_with_provenance_and_the_device_hears_once(admin_app, staff, orgs, clock):
    clock.now = datetime.now(UTC) + timedelta(seconds=5)  # the change feed lists settled changes only
    group = f.service("Northside Peer Group", org=orgs.a, phones=[Phone(number="816-555-0100")])
    changes = admin_app.test_client().get("/v1/changes").json
    device = register_device(admin_app)
    sender = ConsoleSender()
    notifier(clock, sender).run_once()  # the directory as it stands: the baseline, nobody's news
    report = public_report(admin_app, group, device=device, kind="phone_wrong", phone="816-555-0199")
    client = signed_in_client(admin_app, staff.editor)

    done = answer(client, report, "accept", version=Service.objects.get(id=group.id).version)

    assert done.status_code == 303 and "Report accepted" in page_text(client.get(done.headers["Location"]))
    public = admin_app.test_client().get(f"/v1/services/{group.id}").json
    assert public["phones"][0]["number"] == "816-555-0199"
    [entry] = AuditEntry.objects(object_id=group.id)
    assert entry.actor_name == staff.editor.name and entry.action == "updated (from a public report)"
    history = page_text(client.get(f"/admin/services/{group.id}/history"))
    assert "from a public report" in history and "816-555-0199" in history
    feed = admin_app.test_client().get("/v1/changes", query_string={"since": changes["next_since"]}).json
    assert [change["id"] for change in feed["changes"]] == [group.id]
    stored = Report.objects.get(id=report.id)
    assert (stored.state, stored.answered_by, stored.notify) == ("accepted", staff.editor.name, [])

    notifier(clock, sender).run_once()
    clock.now += timedelta(hours=1)
    notifier(clock, sender).run_once()

    [message] = [record.message for record in sender.recorded()]
    assert message.token == "tok-reporter" and message.data["news"] == "report_updated"
    assert (message.title, message.body) == ("Thank you", "Thanks — the listing was updated.")
    assert "Northside" not in message.title + message.body
    assert not any(word in (message.title + message.body).lower() for word in LOCK_SCREEN_WORDS)
    assert PendingPush.objects.count() == 0


def test_the_outcome_speaks_the_devices_language(admin_app, staff, orgs, clock):
    group = f.service("Grupo del martes", org=orgs.a)
    device = register_device(admin_app, token="tok-es", locale="es-MX")
    sender = ConsoleSender()
    notifier(clock, sender).run_once()
    report = public_report(admin_app, group, device=device, kind="other", note="Ya no se reúnen aquí")
    answer(signed_in_client(admin_app, staff.editor), report, "fixed")

    notifier(clock, sender).run_once()

    [record] = sender.recorded()
    assert (record.message.title, record.message.body) == ("Gracias", "Gracias: el anuncio ya estaba corregido.")


def test_reject_needs_a_reason_and_keeps_the_listing(admin_app, staff, orgs):
    house = f.service("Maple House", category="housing", org=orgs.a, capacity=[f.unit(2, 6)])
    report = public_report(admin_app, house, kind="full")
    client = signed_in_client(admin_app, staff.editor)

    refused = answer(client, report, "reject", reason="  ")
    assert "Say why" in page_text(client.get(refused.headers["Location"]))
    assert Report.objects.get(id=report.id).state == "open"

    answer(client, report, "reject", reason="We checked: two beds are free")
    stored = Report.objects.get(id=report.id)
    assert (stored.state, stored.reason) == ("rejected", "We checked: two beds are free")
    assert Service.objects.get(id=house.id).capacity[0].available == 2
    assert "No reports waiting" in page_text(client.get(f"/admin/organizations/{orgs.a.id}/reports"))


def test_an_answered_report_cannot_be_answered_again(admin_app, staff, orgs):
    group = f.service("Northside Peer Group", org=orgs.a)
    report = public_report(admin_app, group, kind="moved", address="200 Oak St, Riverton")
    client = signed_in_client(admin_app, staff.editor)
    page = page_text(client.get(f"/admin/organizations/{orgs.a.id}/reports"))
    assert "200 Oak St, Riverton" in page and "Edit the listing" in page  # a move is checked by hand

    answer(client, report, "fixed")
    again = answer(signed_in_client(admin_app, staff.org_admin), report, "accept", version=1)

    assert again.status_code == 303
    assert Report.objects.get(id=report.id).state == "fixed"
    assert AuditEntry.objects(object_id=group.id).count() == 0


def test_a_stale_listing_gets_the_conflict_screen_not_an_overwrite(admin_app, staff, orgs):
    group = f.service("Northside Peer Group", org=orgs.a, phones=[Phone(number="816-555-0100")])
    report = public_report(admin_app, group, kind="phone_wrong", phone="816-555-0199")
    seen = Service.objects.get(id=group.id).version
    group.reload()
    group.description = "Edited meanwhile"
    group.save()

    refused = answer(signed_in_client(admin_app, staff.editor), report, "accept", version=seen)

    assert refused.status_code == 409 and "was changed while you had it open" in page_text(refused)
    assert Service.objects.get(id=group.id).phones[0].number == "816-555-0100"
    assert Report.objects.get(id=report.id).state == "open"


def test_accepting_hours_and_a_cancelled_meeting(admin_app, staff, orgs):
    hall = f.service("Drop-in centre", org=orgs.a)  # Monday to Friday 09:00-17:00
    meeting = f.meeting("Tuesday Night Group", day="TU", org=orgs.a)
    hours = public_report(admin_app, hall, kind="wrong_hours", days=["SA", "MO"], opens_at="10:00",
                          closes_at="14:00")
    cancelled = public_report(admin_app, meeting, kind="meeting_not_held", date="2026-12-01")
    client = signed_in_client(admin_app, staff.editor)

    for report, listing in ((hours, hall), (cancelled, meeting)):
        answer(client, report, "accept", version=Service.objects.get(id=listing.id).version)

    rules = [(list(rule.byday), rule.opens_at, rule.closes_at) for rule in Service.objects.get(id=hall.id).schedules]
    assert rules == [(["TU", "WE", "TH", "FR"], "09:00", "17:00"), (["MO", "SA"], "10:00", "14:00")]
    [exception] = Service.objects.get(id=meeting.id).exceptions
    assert exception.closed and str(exception.date)[:10] == "2026-12-01"


def test_network_admins_see_what_partners_left_unanswered(admin_app, staff, orgs, clock):
    fresh = f.service("Fresh report", org=orgs.a)
    old = f.service("Old report", org=orgs.b)
    public_report(admin_app, old, kind="closed")
    clock.now += timedelta(days=4)
    public_report(admin_app, fresh, kind="closed")
    network = signed_in_client(admin_app, staff.network_admin)

    page = page_text(network.get("/admin/reports"))

    assert "Old report" in page and "Southside Housing" in page and "Fresh report" not in page
    partner = page_text(signed_in_client(admin_app, staff.editor).get("/admin/reports"))
    assert "Fresh report" in partner and "Old report" not in partner


def test_needs_attention_counts_reports_and_answer_times(admin_app, staff, orgs, clock):
    group = f.service("Northside Peer Group", org=orgs.a, description="Weekly", phones=[Phone(number="816-5550")])
    f.service("Cedar House", category="housing", org=orgs.a, schedules=[], description="A home",
              phones=[Phone(number="816-5551")], capacity=[f.unit(1, 4)])
    answered = public_report(admin_app, group, kind="closed")
    public_report(admin_app, group, kind="other", note="The sign says they moved upstairs")
    clock.now += timedelta(hours=6)
    answer(signed_in_client(admin_app, staff.editor), answered, "fixed")
    client = signed_in_client(admin_app, staff.editor)

    page = page_text(client.get(f"/admin/organizations/{orgs.a.id}/quality"))

    assert "1 report from the public" in page and "Northside Peer Group" in page
    assert re.search(r"Northside Recovery</a></th>\s*<td>1</td><td[^>]*>0</td><td>1</td>\s*<td>6(\.0)? h</td>", page)
    assert "Cedar House" not in page  # a recovery house has no opening hours to miss


def test_answered_reports_are_deleted_after_the_retention_period(admin_app, staff, orgs, clock):
    group, other = f.service("Northside Peer Group", org=orgs.a), f.service("Eastside Group", org=orgs.a)
    answered = public_report(admin_app, group, kind="other", note="The sign says upstairs now")
    waiting = public_report(admin_app, group, kind="closed")
    answer(signed_in_client(admin_app, staff.editor), answered, "fixed")

    clock.now += timedelta(days=89)
    public_report(admin_app, other, kind="other", note="The hall was dark")
    assert Report.objects(id=answered.id).count() == 1  # still counted in the answer-time figures
    clock.now += timedelta(days=2)
    public_report(admin_app, other, kind="other", note="The hall was dark again")

    assert Report.objects(id=answered.id).count() == 0 and Report.objects(id=waiting.id).count() == 1


def test_a_device_that_follows_the_listing_too_gets_one_message_with_both_news(admin_app, staff, orgs, clock):
    group = f.service("Northside Peer Group", org=orgs.a)
    device = register_device(admin_app, token="tok-follower")
    follows = admin_app.test_client().post(f"/v1/devices/{device['id']}/subscriptions",
                                           json={"kind": "service", "service_id": group.id},
                                           headers={"Authorization": f"Bearer {device['secret']}"})
    assert follows.status_code == 201
    sender = ConsoleSender()
    notifier(clock, sender).run_once()
    report = public_report(admin_app, group, device=device, kind="closed")

    answer(signed_in_client(admin_app, staff.editor), report, "accept",
           version=Service.objects.get(id=group.id).version)
    for _ in range(2):
        notifier(clock, sender).run_once()
        clock.now += timedelta(hours=1)

    [record] = sender.recorded()
    assert record.message.data["news"] == "temporarily_closed,report_updated"
    assert Service.objects.get(id=group.id).status == "temporarily_closed"
