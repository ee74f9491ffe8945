"""Quick update: a partner changes a bed count in a tap, sees it in the public API and the audit log."""

from api.models import Service
from api.models.audit import AuditEntry
from tests import factories as f
from tests.admin.conftest import csrf_token, page_text, signed_in_client


def house(org, available=2):
    return f.service("Hope House", category="housing", org=org, capacity=[f.unit(available, 6, hours_ago=100)])


def tap(client, service, action, **extra):
    token = csrf_token(client, "/admin/")
    unit = service.capacity[0].id if service.capacity else ""
    return client.post(f"/admin/services/{service.id}/quick",
                       data={"csrf_token": token, "version": service.version, "action": action, "unit": unit,
                             **extra})


def test_one_tap_changes_the_public_count_and_the_audit_log(admin_app, staff, orgs):
    listing = house(orgs.a)
    client = signed_in_client(admin_app, staff.editor)
    page = client.get(f"/admin/organizations/{orgs.a.id}/quick")
    assert page.status_code == 200 and "Hope House" in page_text(page) and "Unconfirmed" in page_text(page)

    answer = tap(client, listing, "inc")

    assert answer.status_code == 303 and f"#s-{listing.id}" in answer.headers["Location"]
    public = admin_app.test_client().get(f"/v1/services/{listing.id}").json
    assert public["availability"]["available"] == 3 and public["availability"]["state"] == "available"
    assert public["availability"]["units"][0]["confirmed_by"] == staff.editor.name
    [entry] = AuditEntry.objects(object_id=listing.id)
    assert entry.actor_name == staff.editor.name
    history = page_text(client.get(f"/admin/services/{listing.id}/history"))
    assert staff.editor.name in history and "Hope House" in history


def test_a_second_tap_on_an_old_page_gets_the_conflict_screen(admin_app, staff, orgs):
    listing = house(orgs.a)
    first, second = signed_in_client(admin_app, staff.editor), signed_in_client(admin_app, staff.org_admin)
    tap(first, listing, "full")

    answer = tap(second, listing, "inc")  # the page second loaded still says version 1

    assert answer.status_code == 409
    text = page_text(answer)
    assert "changed while you had it open" in text and staff.editor.name in text
    assert Service.objects.get(id=listing.id).capacity[0].available == 0  # nothing overwritten


def test_closing_for_now_and_cancelling_a_meeting(admin_app, staff, orgs):
    listing = house(orgs.a)
    meeting = f.meeting("Tuesday group", org=orgs.a, day="TU")
    client = signed_in_client(admin_app, staff.editor)

    tap(client, listing, "close", note="Water damage")
    tap(client, meeting, "cancel", date="2026-12-01", reason="Holiday")

    public = admin_app.test_client()
    assert public.get(f"/v1/services/{listing.id}").json["status"] == "temporarily_closed"
    assert Service.objects.get(id=meeting.id).exceptions[0].reason == "Holiday"


def test_a_bad_tap_explains_itself_and_changes_nothing(admin_app, staff, orgs):
    meeting = f.meeting("Tuesday group", org=orgs.a, day="TU")
    client = signed_in_client(admin_app, staff.editor)

    answer = tap(client, meeting, "cancel", date="2026-12-02")  # a Wednesday
    assert answer.status_code == 303
    assert "does not meet on that date" in page_text(client.get(answer.headers["Location"]))
    answer = tap(client, meeting, "cancel", date="not a date")
    assert answer.status_code == 303 and Service.objects.get(id=meeting.id).exceptions == []
    assert tap(client, meeting, "explode").status_code == 303
    assert AuditEntry.objects(object_id=meeting.id).count() == 0


def test_a_missing_csrf_token_is_refused(admin_app, staff, orgs):
    listing = house(orgs.a)
    client = signed_in_client(admin_app, staff.editor)
    answer = client.post(f"/admin/services/{listing.id}/quick", data={"version": listing.version, "action": "inc",
                                                                        "unit": listing.capacity[0].id})
    assert answer.status_code == 400
    assert Service.objects.get(id=listing.id).version == listing.version


def test_needs_attention_lists_the_stale_house(admin_app, staff, orgs):
    house(orgs.a)
    client = signed_in_client(admin_app, staff.editor)
    text = page_text(client.get(f"/admin/organizations/{orgs.a.id}/quality"))
    assert "Hope House" in text and "Unconfirmed for 4 days" in text


def test_the_network_admin_sees_what_the_console_sender_recorded(admin_app, staff):
    from api.services.push import PushMessage
    message = PushMessage(token="t", title="A place opened up", body="A place you follow has room now.",
                          data={"service_id": "s1", "news": "vacancy_opened", "key": "k"}, collapse_key="s-s1",
                          ttl_s=3600, urgent=True, key="k")
    admin_app.extensions["lantern"].push.send([message])

    text = page_text(signed_in_client(admin_app, staff.network_admin).get("/admin/push"))
    assert "A place opened up" in text and "vacancy_opened" in text
    assert signed_in_client(admin_app, staff.org_admin).get("/admin/push").status_code == 404


def test_home_links_each_screen_and_history_reads_a_count_without_maximum(admin_app, staff, orgs):
    listing = f.service("Drop-in", org=orgs.a, capacity=[f.unit(3, None, code="seat", name="Seat")])
    client = signed_in_client(admin_app, staff.editor)
    home = page_text(client.get("/admin/"))
    for path in ("quick", "listings", "locations", "quality", "history"):
        assert f"/admin/organizations/{orgs.a.id}/{path}" in home
    assert f"/admin/organizations/{orgs.a.id}/import" not in home  # editors do not import
    tap(client, listing, "inc")
    history = page_text(client.get(f"/admin/services/{listing.id}/history"))
    assert "Seat: 4 " in history and " of " not in history.split("Seat: 4")[1][:5]


def test_a_history_page_far_past_the_end_is_empty_not_an_error(admin_app, staff, orgs):
    listing = house(orgs.a)
    client = signed_in_client(admin_app, staff.editor)
    answer = client.get(f"/admin/services/{listing.id}/history?page={10**20}")
    assert answer.status_code == 200 and "No changes recorded yet" in page_text(answer)
