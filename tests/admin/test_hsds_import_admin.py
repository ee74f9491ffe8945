"""HSDS import in the admin area: upload, dry run with per-record errors, apply all or nothing, and its scoping."""

import io
import json
import re

import pytest

from api.models import Organization, Service
from api.models.pending_import import PendingImport
from tests.admin.conftest import csrf_token, page_text, signed_in_client
from tests.interop.test_hsds_import import datapackage_zip, example

APPLY = re.compile(r'action="(/admin/organizations/[^/]+/hsds/([^/"]+)/apply)"')


@pytest.fixture(autouse=True)
def knows_the_examples_address(admin_app):
    from tests.interop.test_hsds_import import KnownAddresses
    admin_app.extensions["lantern"].geocoder = KnownAddresses()


def upload(client, organization_id, content, filename="services.json", **fields):
    url = f"/admin/organizations/{organization_id}/hsds"
    data = {"csrf_token": csrf_token(client, url), "category": "clinical", "timezone": "Europe/London"} | fields
    data["file"] = (io.BytesIO(content), filename)
    return client.post(url, data=data, content_type="multipart/form-data")


def apply(client, answer):
    match = APPLY.search(page_text(answer))
    assert match, page_text(answer)
    return client.post(match.group(1), data={"csrf_token": csrf_token(client, "/admin/")})


def ours(organization_id, *records) -> bytes:
    return json.dumps([json.loads(example("service_full.json")) | {"organization_id": organization_id} | record
                       for record in records]).encode()


def test_upload_dry_run_apply_and_the_same_file_again_changes_nothing(admin_app, staff, orgs):
    admin = signed_in_client(admin_app, staff.org_admin)
    dry_run = upload(admin, orgs.a.id, ours(orgs.a.id, {}))
    assert dry_run.status_code == 200 and "Community Counselling" in page_text(dry_run)
    assert Service.objects.count() == 0

    done = apply(admin, dry_run)

    assert done.status_code == 200
    assert "Imported: 1 created, 0 updated, 0 unchanged, 0 removed, 0 errors." in page_text(done)
    assert Service.objects.get().organization.id == orgs.a.id
    again = upload(admin, orgs.a.id, ours(orgs.a.id, {}))
    assert 'id="nothing-to-change"' in page_text(again) and PendingImport.objects.count() == 0


def test_the_csv_datapackage_as_a_zip_goes_into_the_admins_organisation(admin_app, staff, orgs):
    admin = signed_in_client(admin_app, staff.org_admin)
    done = apply(admin, upload(admin, orgs.a.id, datapackage_zip(), "hsds.zip"))
    assert done.status_code == 200 and Service.objects.get().organization.id == orgs.a.id  # the file's only one


def test_bad_records_are_shown_each_and_nothing_can_be_applied(admin_app, staff, orgs):
    admin = signed_in_client(admin_app, staff.org_admin)
    answer = upload(admin, orgs.a.id, ours(orgs.a.id, {"id": "one"}, {"id": "two", "name": 5},
                                           {"id": "three", "organization_id": orgs.b.id}))
    text = page_text(answer)
    assert answer.status_code == 200 and "Apply these changes" not in text
    assert 'id="row-2-name"' in text and "must be text" in text
    assert 'id="row-3-organization_id"' in text and "not to Northside Recovery" in text
    assert Service.objects.count() == 0 and PendingImport.objects.count() == 0


def test_a_network_admin_imports_the_files_other_organisations_too(admin_app, staff, orgs):
    admin = signed_in_client(admin_app, staff.network_admin)
    done = apply(admin, upload(admin, orgs.a.id, example("organization_full.json"), "org.json",
                               **{"category": "peer_support"}))
    assert done.status_code == 200
    assert Service.objects.get().organization.id == orgs.a.id  # the file's only organisation is this one


def test_a_file_that_cannot_be_read_is_said_beside_the_field(admin_app, staff, orgs):
    admin = signed_in_client(admin_app, staff.org_admin)
    answer = upload(admin, orgs.a.id, b"not json at all")
    assert answer.status_code == 422 and "neither JSON nor" in page_text(answer)
    answer = upload(admin, orgs.a.id, ours(orgs.a.id, {}), timezone="Mars/Base")
    assert answer.status_code == 422 and "not a time zone" in page_text(answer)


@pytest.mark.parametrize("role", ["editor", "other_org_admin"])
def test_editors_and_other_organisations_admins_get_404(admin_app, staff, orgs, role):
    client = signed_in_client(admin_app, getattr(staff, role))
    assert client.get(f"/admin/organizations/{orgs.a.id}/hsds").status_code == 404
    assert Organization.objects.count() == 2
