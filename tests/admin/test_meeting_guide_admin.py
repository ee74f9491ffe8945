"""Meeting Guide in the admin area: upload, dry run, apply all or nothing; feeds registered and run when due."""

import io
import json
import re
import threading
from datetime import timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from api.interop.meeting_guide import subscriptions as feed_subscriptions
from api.models import Service
from api.models.changes import Tombstone
from api.models.feed_subscription import FeedSubscription
from tests.admin.conftest import csrf_token, page_text, signed_in_client
from tests.conftest import NOW

ENTRY = {"name": "Tuesday Hope", "slug": "tuesday-hope", "day": 2, "time": "19:00", "types": ["O", "XX"],
         "address": "100 Main St", "city": "Riverton", "latitude": 39.1, "longitude": -94.58,
         "timezone": "America/Chicago"}
SECOND = {**ENTRY, "slug": "thursday-hope", "name": "Thursday Hope", "day": 4}
APPLY = re.compile(r'action="(/admin/organizations/[^/]+/meeting-guide/[^/"]+/apply)"')


def feed_bytes(*entries) -> bytes:
    return json.dumps(list(entries)).encode()


def upload(client, organization_id, content, name="district"):
    url = f"/admin/organizations/{organization_id}/meeting-guide"
    return client.post(url, data={"csrf_token": csrf_token(client, url), "file": (io.BytesIO(content), "feed.json"),
                                  "name": name, "fellowship": "aa", "timezone": ""},
                       content_type="multipart/form-data")


def apply(client, answer):
    match = APPLY.search(page_text(answer))
    assert match, page_text(answer)
    return client.post(match.group(1), data={"csrf_token": csrf_token(client, "/admin/")})


@pytest.fixture
def admin(admin_app, staff):
    return signed_in_client(admin_app, staff.org_admin)


def test_upload_dry_run_apply_then_the_same_feed_changes_nothing_and_a_departed_meeting_goes(admin, orgs):
    answer = upload(admin, orgs.a.id, feed_bytes(ENTRY, SECOND))
    assert answer.status_code == 200
    assert Service.objects.count() == 0  # a dry run only
    text = page_text(answer)
    assert "Meeting 1 · Tuesday Hope" in text and "Apply these changes" in text

    done = apply(admin, answer)
    assert done.status_code == 200, page_text(done)
    assert "2 created, 0 updated, 0 unchanged, 0 removed, 0 errors" in page_text(done)
    assert Service.objects(organization=orgs.a.id, source="meeting-guide:district").count() == 2
    assert "Other types: XX" in Service.objects.get(source_id="tuesday-hope").meeting.notes

    again = page_text(upload(admin, orgs.a.id, feed_bytes(ENTRY, SECOND)))
    assert 'id="nothing-to-change"' in again and "Apply these changes" not in again

    gone = Service.objects.get(source_id="thursday-hope")
    shrunk = upload(admin, orgs.a.id, feed_bytes(ENTRY))
    assert 'id="removals"' in page_text(shrunk) and "Thursday Hope" in page_text(shrunk)
    removed = apply(admin, shrunk)
    assert "0 created, 0 updated, 1 unchanged, 1 removed, 0 errors" in page_text(removed)
    assert Service.objects(id=gone.id).count() == 0 and Tombstone.objects(document_id=gone.id).count() == 1


def test_a_feed_with_a_bad_entry_shows_its_error_and_offers_no_apply(admin, orgs):
    answer = upload(admin, orgs.a.id, feed_bytes(ENTRY, {**SECOND, "time": "25:00", "timezone": "Mars/Base"}))

    text = page_text(answer)
    assert 'id="row-2-time"' in text and 'id="row-2-timezone"' in text and "Apply these changes" not in text
    assert Service.objects.count() == 0


@pytest.mark.parametrize("content, message", [(b"{}", "JSON array"), (b"not json", "not JSON")])
def test_a_file_that_is_no_feed_is_refused_whole(admin, orgs, content, message):
    answer = upload(admin, orgs.a.id, content)
    assert answer.status_code == 422 and message in page_text(answer)


def test_editors_and_other_organisations_admins_cannot_import(admin_app, staff, orgs):
    editor = signed_in_client(admin_app, staff.editor)
    assert editor.get(f"/admin/organizations/{orgs.a.id}/meeting-guide").status_code == 404
    assert editor.get(f"/admin/organizations/{orgs.a.id}/meeting-guide/feeds").status_code == 404
    other = signed_in_client(admin_app, staff.other_org_admin)
    assert other.get(f"/admin/organizations/{orgs.a.id}/meeting-guide").status_code == 404


@pytest.fixture
def feed_server(tmp_path):
    """A local web server handing out the files in tmp_path (no network beyond this machine)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_a_registered_feed_runs_when_due_and_records_each_run(admin, orgs, feed_server):
    folder, base = feed_server
    (folder / "feed.json").write_bytes(feed_bytes(ENTRY, SECOND))
    url = f"/admin/organizations/{orgs.a.id}/meeting-guide/feeds"
    answer = admin.post(url, data={"csrf_token": csrf_token(admin, url), "url": f"{base}/feed.json", "name": "d5",
                                   "every_hours": "6", "fellowship": "na", "timezone": ""}, follow_redirects=True)
    assert answer.status_code == 200 and f"{base}/feed.json" in page_text(answer)
    feed = FeedSubscription.objects.get(organization=orgs.a.id)

    now = NOW.replace(tzinfo=None)
    # The test's feed server is on 127.0.0.1, which registered feeds may not reach in production.
    assert not feed_subscriptions.run_due_feeds(now)[0].last_ok
    FeedSubscription.objects(id=feed.id).update_one(unset__last_run=True)
    [ran] = feed_subscriptions.run_due_feeds(now, public_only=False)
    assert ran.last_ok and ran.last_result == "2 created, 0 updated, 0 unchanged, 0 removed, 0 errors"
    assert {s.meeting.fellowship for s in Service.objects(source="meeting-guide:d5")} == {"na"}
    assert feed_subscriptions.run_due_feeds(now + timedelta(hours=5), public_only=False) == []  # not due yet

    (folder / "feed.json").write_bytes(feed_bytes(ENTRY, {**SECOND, "time": "nope"}))
    [failed] = feed_subscriptions.run_due_feeds(now + timedelta(hours=6), public_only=False)
    assert not failed.last_ok and "nothing applied" in failed.last_result and "meeting 2" in failed.last_result
    assert Service.objects(source="meeting-guide:d5").count() == 2

    (folder / "feed.json").unlink()
    [missing] = feed_subscriptions.run_due_feeds(now + timedelta(hours=12), public_only=False)
    assert not missing.last_ok and "404" in missing.last_result
    assert "404" in page_text(admin.get(url))

    (folder / "feed.json").write_bytes(feed_bytes(ENTRY))
    [shrunk] = feed_subscriptions.run_due_feeds(now + timedelta(hours=18), public_only=False)
    assert shrunk.last_result == "0 created, 0 updated, 1 unchanged, 1 removed, 0 errors"

    removed = admin.post(f"/admin/feeds/{feed.id}/remove", data={"csrf_token": csrf_token(admin, url)},
                         follow_redirects=True)
    assert removed.status_code == 200 and 'id="no-feeds"' in page_text(removed)
    assert Service.objects(source="meeting-guide:d5").count() == 1  # its meetings stay


@pytest.mark.parametrize("address", ["file:///etc/passwd", "ftp://example.org/feed.json", "feed.json"])
def test_only_web_addresses_can_be_registered(admin, orgs, address):
    url = f"/admin/organizations/{orgs.a.id}/meeting-guide/feeds"
    answer = admin.post(url, data={"csrf_token": csrf_token(admin, url), "url": address, "every_hours": "24",
                                   "fellowship": "aa"})
    assert answer.status_code == 422 and "https://" in page_text(answer)
    assert FeedSubscription.objects.count() == 0
