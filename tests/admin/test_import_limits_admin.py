"""The import pages keep to the configured limits: a dry run of thousands of bad records is a small page listing the
first errors and counting the rest, and a file over the configured size or count is refused with the limit named."""

import io
import re

from tests.admin.conftest import csrf_token, page_text, signed_in_client
from tests.interop.bombs import junk_ndjson, million_row_services


def upload(client, organization_id, content, filename, page="hsds"):
    url = f"/admin/organizations/{organization_id}/{page}"
    data = {"csrf_token": csrf_token(client, url), "category": "clinical", "timezone": "Europe/London",
            "file": (io.BytesIO(content), filename)}
    return client.post(url, data=data, content_type="multipart/form-data")


def test_a_dry_run_of_thousands_of_bad_records_lists_a_hundred_and_counts_the_rest(admin_app, staff, orgs):
    admin = signed_in_client(admin_app, staff.org_admin)
    answer = upload(admin, orgs.a.id, junk_ndjson(5000), "services.ndjson")
    text = page_text(answer)
    assert answer.status_code == 200 and "Apply these changes" not in text
    assert text.count('class="field-error"') == 100
    assert "… and 4,900 more errors, not listed" in text  # 5,000 unreadable lines and the service's own error
    assert len(text) < 100_000  # before: every one of them listed (a million lines made a 153 MB page)


def test_the_number_listed_is_configured(admin_app, staff, orgs):
    admin_app.extensions["lantern"].config.IMPORT_LISTED_ERRORS = 10
    admin = signed_in_client(admin_app, staff.org_admin)
    text = page_text(upload(admin, orgs.a.id, junk_ndjson(50), "services.ndjson"))
    assert text.count('class="field-error"') == 10 and "… and 40 more errors" in text


def test_a_bomb_is_refused_whole_with_the_limit_it_passed(admin_app, staff, orgs):
    admin = signed_in_client(admin_app, staff.org_admin)
    answer = upload(admin, orgs.a.id, million_row_services(), "hsds.zip")
    assert answer.status_code == 422
    assert "The file has more than 10,000 services: split it into smaller files." in page_text(answer)


def test_the_upload_limits_are_configured(admin_app, staff, orgs):
    config = admin_app.extensions["lantern"].config
    config.HSDS_IMPORT_MAX_MB, config.CSV_IMPORT_MAX_ROWS = 1.5, 2
    admin = signed_in_client(admin_app, staff.org_admin)
    assert "(at most 1.5 MB)" in page_text(admin.get(f"/admin/organizations/{orgs.a.id}/hsds"))
    too_large = upload(admin, orgs.a.id, b" " * 1_700_000, "services.json")
    assert too_large.status_code == 413 and "larger than 1.5 MB" in page_text(too_large)
    rows = b"id,name,category\n" + b"".join(b"%d,Name,crisis\n" % n for n in range(3))
    answer = upload(admin, orgs.a.id, rows, "listings.csv", page="import")
    assert answer.status_code == 422 and re.search("more than 2 listings", page_text(answer))
