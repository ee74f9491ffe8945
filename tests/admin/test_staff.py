"""Staff management: who sees whom, invitations and reset links shown on screen, deactivation, and their limits."""

import re

import pytest

from api.models.audit import AuditEntry
from api.models.staff import Invitation, StaffUser
from api.services import accounts, invitations
from tests.admin.conftest import PASSWORD, form_post, make_staff, page_text, sign_in, signed_in_client

NEW_PASSWORD = "a brand new passphrase"
TAKEN = "editor@elsewhere.example"


def invite(client, **fields):
    """Submit the invitation form on /admin/staff; returns the answer."""
    return form_post(client, "/admin/staff/invite", {"name": "Robin Reyes", "email": "Robin@Partner.example",
                                                     "role": "editor", **fields}, page="/admin/staff")


def one_time_link(response) -> str:
    match = re.search(r'id="one-time-link" value="([^"]+)"', page_text(response))
    assert match, page_text(response)
    return match.group(1).removeprefix("http://localhost")


def choose_password(client, link, password=NEW_PASSWORD, confirm=None):
    """Submit the link's password form (the CSRF token comes from the sign-in page: a dead link's page has none)."""
    return form_post(client, link, {"password": password, "confirm": password if confirm is None else confirm},
                     page="/admin/login")


def test_a_network_admin_sees_all_staff(admin_app, staff):
    page = page_text(signed_in_client(admin_app, staff.network_admin).get("/admin/staff"))
    assert all(person.email in page for person in vars(staff).values())


def test_an_org_admin_sees_only_their_organisations_staff(admin_app, staff):
    page = page_text(signed_in_client(admin_app, staff.org_admin).get("/admin/staff"))
    assert staff.editor.email in page and staff.org_admin.email in page
    assert staff.other_editor.email not in page and staff.other_org_admin.email not in page
    assert staff.network_admin.email not in page


@pytest.mark.parametrize("method, url", [("get", "/admin/staff"), ("post", "/admin/staff/invite"),
                                         ("post", "/admin/staff/{id}/reset"),
                                         ("post", "/admin/staff/{id}/deactivate")])
def test_editors_cannot_reach_staff_pages(admin_app, staff, method, url):
    client = signed_in_client(admin_app, staff.editor)
    url = url.format(id=staff.org_admin.id)
    answer = client.get(url) if method == "get" else form_post(client, url, {}, page="/admin/")
    assert answer.status_code == 404 and answer.mimetype == "text/html"
    assert 'href="/admin/staff"' not in page_text(client.get("/admin/"))  # and the menu does not offer them


def test_the_invitation_flow_from_link_to_signed_in(admin_app, staff, orgs):
    admin = signed_in_client(admin_app, staff.org_admin)
    answer = invite(admin, organization=orgs.a.id)
    assert answer.status_code == 200
    link = one_time_link(answer)
    assert link.startswith("/admin/invitations/")
    [invitation] = Invitation.objects
    assert (invitation.email, invitation.role, invitation.organization) == ("robin@partner.example", "editor",
                                                                            orgs.a.id)
    assert link.rsplit("/", 1)[1] not in str(invitation.id)
    assert StaffUser.objects(email="robin@partner.example").count() == 0  # the account is made by the link
    listed = page_text(admin.get("/admin/staff"))
    assert f'id="staff-{invitation.user}"' in listed and "Invited, not signed in yet" in listed

    newcomer = admin_app.test_client()
    form = newcomer.get(link)
    assert form.status_code == 200 and "Welcome, Robin Reyes" in page_text(form)
    accepted = choose_password(newcomer, link)
    assert accepted.status_code == 302 and accepted.headers["Location"] == "/admin/"
    assert "Hello, Robin Reyes" in page_text(newcomer.get("/admin/"))
    invited = StaffUser.objects.get(email="robin@partner.example")
    assert (invited.id, invited.role, invited.organization, invited.active) == (invitation.user, "editor", orgs.a.id,
                                                                                True)
    assert sign_in(admin_app.test_client(), "robin@partner.example", NEW_PASSWORD).status_code == 302
    assert [entry.action for entry in AuditEntry.objects(object_id=invited.id).order_by("at")] == [
        "invited", "created", "password_set"]


def test_an_invitation_link_works_once(admin_app, staff, orgs):
    link = one_time_link(invite(signed_in_client(admin_app, staff.org_admin), organization=orgs.a.id))
    choose_password(admin_app.test_client(), link)
    again = admin_app.test_client()
    assert again.get(link).status_code == 410
    assert choose_password(again, link, "someone else's choice").status_code == 410
    assert sign_in(admin_app.test_client(), "robin@partner.example", NEW_PASSWORD).status_code == 302


def test_an_expired_link_is_refused_with_the_same_page_as_an_unknown_one(admin_app, staff, orgs, clock):
    link = one_time_link(invite(signed_in_client(admin_app, staff.org_admin), organization=orgs.a.id))
    clock.advance(days=7, seconds=1)
    expired = admin_app.test_client().get(link)
    unknown = admin_app.test_client().get("/admin/invitations/not-a-real-token")
    assert expired.status_code == unknown.status_code == 410
    assert invitations.LINK_REFUSED in page_text(expired) and invitations.LINK_REFUSED in page_text(unknown)
    assert choose_password(admin_app.test_client(), link).status_code == 410
    assert StaffUser.objects(email="robin@partner.example").count() == 0


def test_a_new_link_replaces_the_one_given_before(admin_app, staff, orgs):
    admin = signed_in_client(admin_app, staff.org_admin)
    first = one_time_link(invite(admin, organization=orgs.a.id))
    invited = Invitation.objects.get().user
    second = one_time_link(form_post(admin, f"/admin/staff/{invited}/reset", page="/admin/staff"))
    assert second.startswith("/admin/invitations/")  # no password yet: a fresh invitation, not a reset
    assert admin_app.test_client().get(first).status_code == 410
    assert admin_app.test_client().get(second).status_code == 200


def test_password_errors_are_shown_beside_the_fields_and_nothing_is_saved(admin_app, staff, orgs):
    link = one_time_link(invite(signed_in_client(admin_app, staff.org_admin), organization=orgs.a.id))
    newcomer = admin_app.test_client()
    cases = [("short one", None, "at least 12 characters"),
             (" " * 12, None, "at least 12 characters"),
             ("password1234", None, "This is a very common password"),
             ("qwertyuiopasdf", None, "Try three or four words"),
             (NEW_PASSWORD, "something different", "not the same"),
             ("robin@partner.example", None, "cannot be your email address"),
             ("", None, "Choose a password")]
    for password, confirm, message in cases:
        answer = choose_password(newcomer, link, password, confirm)
        assert answer.status_code == 200
        assert re.search(rf'class="field-error" role="alert">[^<]*{message}', page_text(answer)), message
    assert StaffUser.objects(email="robin@partner.example").count() == 0
    assert newcomer.get(link).status_code == 200  # still usable


def test_a_reset_link_sets_a_new_password_and_ends_other_sessions(admin_app, staff):
    phone = signed_in_client(admin_app, staff.editor)
    laptop = signed_in_client(admin_app, staff.editor)
    admin = signed_in_client(admin_app, staff.org_admin)
    link = one_time_link(form_post(admin, f"/admin/staff/{staff.editor.id}/reset", page="/admin/staff"))
    assert link.startswith("/admin/reset/")
    assert choose_password(laptop, link).status_code == 302
    assert laptop.get("/admin/").status_code == 200  # the session that reset stays signed in
    assert phone.get("/admin/").status_code == 302  # every other session has ended
    assert sign_in(admin_app.test_client(), staff.editor, PASSWORD).status_code == 200  # the old password is gone
    assert sign_in(admin_app.test_client(), staff.editor, NEW_PASSWORD).status_code == 302


def test_a_reset_link_expires_after_two_hours(admin_app, staff, clock):
    admin = signed_in_client(admin_app, staff.org_admin)
    link = one_time_link(form_post(admin, f"/admin/staff/{staff.editor.id}/reset", page="/admin/staff"))
    clock.advance(hours=2, seconds=1)
    assert admin_app.test_client().get(link).status_code == 410


def test_a_reset_link_clears_the_wait_after_wrong_tries(admin_app, staff):
    for _ in range(accounts.FREE_FAILURES + 1):
        sign_in(admin_app.test_client(), staff.editor, "wrong password!")
    assert sign_in(admin_app.test_client(), staff.editor).status_code == 200  # waiting
    admin = signed_in_client(admin_app, staff.org_admin)
    link = one_time_link(form_post(admin, f"/admin/staff/{staff.editor.id}/reset", page="/admin/staff"))
    choose_password(admin_app.test_client(), link)
    assert sign_in(admin_app.test_client(), staff.editor, NEW_PASSWORD).status_code == 302


def test_an_invitation_link_does_not_open_the_reset_page(admin_app, staff, orgs):
    link = one_time_link(invite(signed_in_client(admin_app, staff.org_admin), organization=orgs.a.id))
    assert admin_app.test_client().get(link.replace("/invitations/", "/reset/")).status_code == 410


@pytest.mark.parametrize("tampered, field", [({"organization": "ORG_B"}, "organization"),
                                             ({"role": "network_admin"}, "role"),
                                             ({"organization": ""}, "organization")])
def test_an_org_admin_cannot_invite_into_another_organisation_or_above_their_role(admin_app, staff, orgs, tampered,
                                                                                  field):
    fields = {"organization": orgs.a.id, **tampered}
    fields = {key: orgs.b.id if value == "ORG_B" else value for key, value in fields.items()}
    answer = invite(signed_in_client(admin_app, staff.org_admin), **fields)
    assert answer.status_code == 422
    assert re.search(rf'id="{field}-errors"><p class="field-error"', page_text(answer))
    assert StaffUser.objects(email="robin@partner.example").count() == 0 and Invitation.objects.count() == 0


def test_a_network_admin_can_invite_anyone_anywhere(admin_app, staff, orgs):
    admin = signed_in_client(admin_app, staff.network_admin)
    assert invite(admin, organization=orgs.b.id, role="org_admin").status_code == 200
    assert invite(admin, email="boss@lantern.example", role="network_admin", organization="").status_code == 200
    assert Invitation.objects.get(email="robin@partner.example").organization == orgs.b.id
    assert Invitation.objects.get(email="boss@lantern.example").organization is None


def test_an_organisation_is_required_for_everyone_but_network_admins(admin_app, staff):
    answer = invite(signed_in_client(admin_app, staff.network_admin), role="editor", organization="")
    assert answer.status_code == 422 and "Choose an existing organisation" in page_text(answer)


@pytest.mark.parametrize("fields, field, message", [
    ({"email": TAKEN.upper()}, "email", "already has an account"),
    ({"email": "not an address"}, "email", "email"),
    ({"name": ""}, "name", "Enter their name"),
])
def test_bad_invitations_say_why_beside_the_field(admin_app, staff, orgs, fields, field, message):
    StaffUser(email=TAKEN, name="Taken", role="editor", organization=orgs.a.id).save()
    answer = invite(signed_in_client(admin_app, staff.org_admin), organization=orgs.a.id, **fields)
    assert answer.status_code == 422
    errors = re.search(rf'id="{field}-errors">(.*?)</div>', page_text(answer))
    assert errors and message.lower() in errors.group(1).lower()


@pytest.mark.parametrize("action", ["reset", "deactivate"])
def test_another_organisations_staff_are_not_found(admin_app, staff, action):
    admin = signed_in_client(admin_app, staff.org_admin)
    for person in (staff.other_editor, staff.other_org_admin, staff.network_admin):
        answer = form_post(admin, f"/admin/staff/{person.id}/{action}", page="/admin/staff")
        assert answer.status_code == 404 and "one-time-link" not in page_text(answer)
    assert form_post(admin, f"/admin/staff/no-such-id/{action}", page="/admin/staff").status_code == 404
    assert all(person.active for person in StaffUser.objects) and Invitation.objects.count() == 0


def test_deactivating_someone_ends_their_session_and_their_links(admin_app, staff):
    editor = signed_in_client(admin_app, staff.editor)
    admin = signed_in_client(admin_app, staff.org_admin)
    link = one_time_link(form_post(admin, f"/admin/staff/{staff.editor.id}/reset", page="/admin/staff"))
    answer = form_post(admin, f"/admin/staff/{staff.editor.id}/deactivate", page="/admin/staff")
    assert answer.status_code == 303 and answer.headers["Location"] == "/admin/staff"
    assert "can no longer sign in" in page_text(admin.get("/admin/staff"))
    assert editor.get("/admin/").status_code == 302
    assert sign_in(admin_app.test_client(), staff.editor).status_code == 200
    assert admin_app.test_client().get(link).status_code == 410


def test_nobody_can_deactivate_themselves(admin_app, staff):
    admin = signed_in_client(admin_app, staff.org_admin)
    answer = form_post(admin, f"/admin/staff/{staff.org_admin.id}/deactivate", page="/admin/staff",
                       follow_redirects=True)
    assert "cannot deactivate your own account" in page_text(answer)
    assert StaffUser.objects.get(id=staff.org_admin.id).active


def without_the_particulars(page: str) -> str:
    """A link page with what differs between any two invitations (names, addresses, token, time) taken out."""
    page = re.sub(r'value="[^"]*"', "", page)
    page = re.sub(r"\d{2} \w{3} \d{4} \d{2}:\d{2}", "", page)
    for particular in ("Robin Reyes", "robin@partner.example", "Sam Other", TAKEN):
        page = page.replace(particular, "")
    return page


def test_inviting_someone_with_an_account_in_another_organisation_reveals_nothing(admin_app, staff, orgs):
    theirs = make_staff("editor", orgs.b, email=TAKEN)
    admin = signed_in_client(admin_app, staff.org_admin)

    fresh = invite(admin, organization=orgs.a.id)
    taken = invite(admin, organization=orgs.a.id, email=TAKEN.upper(), name="Sam Other")

    assert fresh.status_code == taken.status_code == 200
    assert without_the_particulars(page_text(fresh)) == without_the_particulars(page_text(taken))
    listed = page_text(admin.get("/admin/staff"))
    assert listed.count("Invited, not signed in yet") == 2 and "Sam Other" in listed
    # The link opens like any other; used, it is refused like a used one, and their account is untouched.
    link = one_time_link(taken)
    assert "Welcome, Sam Other" in page_text(admin_app.test_client().get(link))
    assert choose_password(admin_app.test_client(), link).status_code == 410
    assert StaffUser.objects.get(email=TAKEN).organization == orgs.b.id
    assert sign_in(admin_app.test_client(), theirs).status_code == 302


def test_an_address_on_ones_own_staff_is_said_to_have_an_account(admin_app, staff, orgs):
    answer = invite(signed_in_client(admin_app, staff.org_admin), organization=orgs.a.id, email=staff.editor.email)
    assert answer.status_code == 422 and "already has an account" in page_text(answer)


def test_another_organisations_invitations_are_not_found(admin_app, staff, orgs):
    invite(signed_in_client(admin_app, staff.other_org_admin), organization=orgs.b.id)
    theirs = Invitation.objects.get().user
    admin = signed_in_client(admin_app, staff.org_admin)
    assert f"staff-{theirs}" not in page_text(admin.get("/admin/staff"))
    for action in ("reset", "deactivate"):
        answer = form_post(admin, f"/admin/staff/{theirs}/{action}", page="/admin/staff")
        assert answer.status_code == 404 and "one-time-link" not in page_text(answer)
    assert Invitation.objects.count() == 1
