"""CSV import in the admin area: upload, dry run with per-row errors, apply all or nothing, same file = no change."""

import io
import re

import pytest

from api.interop.csv import importer
from api.models import Service
from api.models.audit import AuditEntry
from api.models.pending_import import PendingImport
from api.services.editing import Actor, save_edit
from tests.admin.conftest import csrf_token, page_text, signed_in_client

HEADER = "id,name,category,timezone,address_1,city,latitude,longitude,hours,capacity_code,capacity_name,available\n"
GOOD = (HEADER + "H1,Hope House,housing,America/Chicago,12 Elm St,Riverton,39.101,-94.581,MO-FR 09:00-17:00,"
        "bed-women,Bed – women,2\n"
        "P1,Peer Line,peer_support,America/Chicago,,,,,MO-SU 08:00-20:00,,,\n").encode()
BAD = GOOD.replace(b"39.101", b"north").replace(b"peer_support", b"bakery")
APPLY = re.compile(r'action="(/admin/organizations/[^/]+/import/([^/"]+)/apply)"')


def upload(client, organization_id, content=GOOD, filename="listings.csv", token=None):
    url = f"/admin/organizations/{organization_id}/import"
    data = {"csrf_token": token or csrf_token(client, url)}
    if content is not None:
        data["file"] = (io.BytesIO(content), filename)
    return client.post(url, data=data, content_type="multipart/form-data")


def apply_url(answer) -> str:
    match = APPLY.search(page_text(answer))
    assert match, page_text(answer)
    return match.group(1)


def apply(client, url):
    return client.post(url, data={"csrf_token": csrf_token(client, "/admin/")})


@pytest.fixture
def admin(admin_app, staff):
    return signed_in_client(admin_app, staff.org_admin)


def test_the_page_describes_the_format_and_offers_a_template(admin, orgs):
    text = page_text(admin.get(f"/admin/organizations/{orgs.a.id}/import"))
    assert "left alone" in text and "capacity_code" in text and "MO-FR 09:00-17:00" in text
    template = admin.get("/admin/static/listings-template.csv")
    assert template.status_code == 200 and template.data.startswith(b"id,name,category")


def test_a_dry_run_shows_each_rows_errors_and_saves_nothing(admin, orgs):
    answer = upload(admin, orgs.a.id, BAD)

    assert answer.status_code == 200  # the dry run worked: finding errors is its job
    text = page_text(answer)
    assert 'id="row-2-latitude"' in text and "not a number in decimal degrees" in text
    assert 'id="row-3-category"' in text and "&#39;bakery&#39; is not one of" in text
    assert "Apply these changes" not in text and "Nothing was saved" in text
    assert Service.objects.count() == 0 and PendingImport.objects.count() == 0


def test_a_file_problem_is_shown_beside_the_file_field(admin, orgs):
    answer = upload(admin, orgs.a.id, b"id,name,colour\nA,B,red\n")
    assert answer.status_code == 422 and "Unknown columns: &#39;colour&#39;" in page_text(answer)
    assert "field-error" in page_text(answer)
    assert "Choose a CSV file." in page_text(upload(admin, orgs.a.id, None))


def test_dry_run_then_apply_then_the_same_file_again_changes_nothing(admin, admin_app, orgs, staff):
    dry_run = upload(admin, orgs.a.id)
    assert dry_run.status_code == 200
    assert "Hope House" in page_text(dry_run) and "12 Elm St, Riverton (new place)" in page_text(dry_run)
    assert Service.objects.count() == 0

    done = apply(admin, apply_url(dry_run))

    assert done.status_code == 200 and "Imported: 2 created, 0 updated, 0 unchanged, 0 errors." in page_text(done)
    house = Service.objects.get(source_id="H1")
    assert house.organization.id == orgs.a.id and house.source == f"csv:{orgs.a.id}"
    assert AuditEntry.objects(object_id=house.id).first().actor_name == f"CSV import by {staff.org_admin.name}"
    public = admin_app.test_client().get(f"/v1/services/{house.id}").json
    assert public["name"] == "Hope House" and public["availability"]["available"] == 2
    assert PendingImport.objects.count() == 0  # used up

    again = upload(admin, orgs.a.id)
    assert "Nothing to change" in page_text(again) and "Apply these changes" not in page_text(again)
    assert Service.objects.get(id=house.id).version == house.version


def test_apply_refuses_when_a_listing_changed_since_the_dry_run(admin, orgs, staff):
    apply(admin, apply_url(upload(admin, orgs.a.id)))
    dry_run = upload(admin, orgs.a.id, GOOD.replace(b",2\n", b",5\n"))
    house = Service.objects.get(source_id="H1")
    save_edit(house.id, house.version, lambda s: setattr(s, "description", "Edited"), Actor("u-cy", "Cy"))
    version = Service.objects.get(id=house.id).version

    answer = apply(admin, apply_url(dry_run))

    assert answer.status_code == 409 and "changed since that dry run" in page_text(answer)
    assert Service.objects.get(id=house.id).version == version  # nothing written
    assert "Apply these changes" in page_text(answer)  # the new dry run can be applied
    assert apply(admin, apply_url(answer)).status_code == 200
    assert Service.objects.get(id=house.id).capacity[0].available == 5


def test_an_editor_cannot_import_and_a_network_admin_can(admin_app, staff, orgs):
    editor = signed_in_client(admin_app, staff.editor)
    their_apply = apply_url(upload(signed_in_client(admin_app, staff.org_admin), orgs.a.id))
    assert editor.get(f"/admin/organizations/{orgs.a.id}/import").status_code == 404
    assert upload(editor, orgs.a.id, token=csrf_token(editor, "/admin/")).status_code == 404
    assert apply(editor, their_apply).status_code == 404
    assert Service.objects.count() == 0

    network = signed_in_client(admin_app, staff.network_admin)
    assert apply(network, apply_url(upload(network, orgs.a.id))).status_code == 200
    assert Service.objects(organization=orgs.a.id).count() == 2


def test_an_upload_belongs_to_its_organisation_and_uploader(admin_app, staff, orgs, clock):
    theirs = signed_in_client(admin_app, staff.other_org_admin)
    their_url = apply_url(upload(theirs, orgs.b.id))
    their_id = their_url.split("/")[-2]
    admin, network = signed_in_client(admin_app, staff.org_admin), signed_in_client(admin_app, staff.network_admin)

    assert apply(admin, their_url).status_code == 404  # their organisation
    assert apply(admin, f"/admin/organizations/{orgs.a.id}/import/{their_id}/apply").status_code == 404
    assert apply(network, their_url).status_code == 404  # reaches organisation b, but did not upload this
    assert Service.objects.count() == 0

    clock.advance(hours=2)  # uploads expire (and the idle session with them: the uploader signs in again)
    assert apply(signed_in_client(admin_app, staff.other_org_admin), their_url).status_code == 404


def test_csrf_is_enforced_on_upload_and_apply(admin, orgs):
    url = f"/admin/organizations/{orgs.a.id}/import"
    refused = admin.post(url, data={"file": (io.BytesIO(GOOD), "listings.csv")}, content_type="multipart/form-data")
    assert refused.status_code == 400
    apply_at = apply_url(upload(admin, orgs.a.id))
    assert admin.post(apply_at).status_code == 400
    assert Service.objects.count() == 0


def test_a_file_over_the_limit_is_refused(admin, orgs):
    token = csrf_token(admin, f"/admin/organizations/{orgs.a.id}/import")
    just_over = upload(admin, orgs.a.id, b"id,name,category\n" + b"x" * importer.MAX_BYTES, token=token)
    assert just_over.status_code == 422 and "larger than 2 MB" in page_text(just_over)
    huge = upload(admin, orgs.a.id, b"x" * (importer.MAX_BYTES + 200_000), token=token)
    assert huge.status_code == 413 and "larger than 2 MB" in page_text(huge)
