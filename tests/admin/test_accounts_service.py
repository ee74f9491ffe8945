"""The accounts service on its own: what it stores, what it refuses, and the rules of one-time links."""

import hashlib
from datetime import timedelta

import pytest

from api.errors import Conflict, InvalidField, NotFound, Unauthorized
from api.models.staff import Invitation, StaffUser
from api.services import accounts, invitations
from tests.admin.conftest import PASSWORD, make_staff
from tests.conftest import NOW
from tests.factories import organization

KEY = "the app's secret key"


@pytest.fixture
def org(storage):
    return organization("Northside Recovery")


def test_a_user_is_stored_with_a_lower_case_email_and_an_argon2id_hash(org):
    user = accounts.create_user("  Sam@Example.ORG ", "Sam", "editor", org.id, PASSWORD)
    stored = StaffUser.objects.get(id=user.id)
    assert stored.email == "sam@example.org" and stored.active
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash


def test_an_email_is_one_account(org):
    accounts.create_user("sam@example.org", "Sam", "editor", org.id, PASSWORD)
    with pytest.raises(Conflict):
        accounts.create_user("SAM@example.org", "Sam again", "org_admin", org.id, PASSWORD)


@pytest.mark.parametrize("role, organization_id, field", [("editor", None, "organization"),
                                                          ("org_admin", "no-such-org", "organization"),
                                                          ("owner", None, "role")])
def test_roles_and_organisations_are_checked(org, role, organization_id, field):
    with pytest.raises(InvalidField) as refused:
        accounts.create_user("sam@example.org", "Sam", role, organization_id, PASSWORD)
    assert field in refused.value.errors["form"]


def test_a_network_admin_belongs_to_no_organisation(org):
    assert accounts.create_user("net@example.org", "Net", "network_admin", org.id, PASSWORD).organization is None


@pytest.mark.parametrize("password, message", [
    ("short", "at least 12 characters"),
    ("eleven char", "at least 12 characters"),
    (" " * 12, "at least 12 characters"),
    ("   eleven char   ", "at least 12 characters"),  # spaces at either end do not count
    ("Sam@Example.org", "cannot be your email address"),
    ("password1234", "very common password"),
    ("Password123!", "similar to a commonly used password"),
    ("qwertyuiop[]", "easy to guess"),
    ("aaaaaaaaaaaaaaaa", "Repeats"),
    ("lanternlantern", "Repeats"),
])
def test_the_password_policy(password, message):
    with pytest.raises(InvalidField) as refused:
        accounts.check_password_policy(password, "sam@example.org")
    assert message.lower() in str(refused.value.errors["form"]["password"]).lower()


@pytest.mark.parametrize("password", ["twelve chars", "correct horse battery staple",
                                      "wet gravel under a violet kite, " * 30])  # zxcvbn reads the first 72
def test_long_or_unusual_enough_passwords_pass(password):
    accounts.check_password_policy(password, "sam@example.org")


def test_the_wait_doubles_after_the_free_tries_up_to_a_cap():
    waits = [accounts.retry_delay(failures).total_seconds() for failures in range(1, 13)]
    assert waits == [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]
    assert accounts.retry_delay(10**6) == accounts.MAX_DELAY


def test_the_wait_holds_even_against_the_right_password_and_tries_in_it_do_not_count(org):
    user = make_staff("editor", org)
    for _ in range(accounts.FREE_FAILURES):
        with pytest.raises(Unauthorized):
            accounts.authenticate(user.email, "wrong password!", NOW, key=KEY)
    assert StaffUser.objects.get(id=user.id).throttled_until == (NOW + accounts.FIRST_DELAY).replace(tzinfo=None)
    for _ in range(3):
        with pytest.raises(Unauthorized) as refused:
            accounts.authenticate(user.email, PASSWORD, NOW + timedelta(seconds=29), key=KEY)
        assert str(refused.value) == accounts.sign_in_refused()
    assert StaffUser.objects.get(id=user.id).failed_logins == accounts.FREE_FAILURES
    assert accounts.authenticate(user.email, PASSWORD, NOW + accounts.FIRST_DELAY, key=KEY).id == user.id


def test_the_browser_the_owner_signed_in_on_has_a_count_of_its_own(org):
    user = make_staff("editor", org)
    for _ in range(accounts.FREE_FAILURES + 4):
        with pytest.raises(Unauthorized):
            accounts.authenticate(user.email, "a stranger's guess", NOW, key=KEY)
    assert accounts.authenticate(user.email, PASSWORD, NOW, known_account=user.id, key=KEY).id == user.id
    with pytest.raises(Unauthorized):  # vouching for another account is no help
        accounts.authenticate(user.email, PASSWORD, NOW, known_account="someone-else", key=KEY)


def everything_stored() -> dict:
    database = StaffUser._get_db()
    return {(name, str(document["_id"])): document for name in database.list_collection_names()
            for document in database[name].find()}


def documents_written(action) -> int:
    """How many documents an action added or changed, in every collection."""
    before = everything_stored()
    action()
    return sum(1 for key, document in everything_stored().items() if before.get(key) != document)


def refused(email: str) -> None:
    with pytest.raises(Unauthorized) as refusal:
        accounts.authenticate(email, "a wrong password", NOW, key=KEY)
    assert str(refusal.value) == accounts.sign_in_refused()


def test_an_email_without_an_account_costs_the_same_writes_as_a_wrong_password(org):
    # A write waits for the disk (the embedded default syncs each request's writes): timing would tell a guesser
    # which emails have accounts if only theirs wrote something.
    user = make_staff("editor", org)
    waiting, gone = make_staff("editor", org), make_staff("editor", org)
    StaffUser.objects(id=waiting.id).update_one(unset__password_hash=True)  # invited, link not used yet
    StaffUser.objects(id=gone.id).update_one(set__active=False)
    writes = {email: [documents_written(lambda: refused(email)) for _ in range(accounts.FREE_FAILURES + 2)]
              for email in (user.email, "nobody@example.org", waiting.email, gone.email)}
    # A write for each wrong try, until the wait starts; tries while waiting are refused unchecked and uncounted.
    assert set(map(tuple, writes.values())) == {(1,) * accounts.FREE_FAILURES + (0, 0)}
    stored = str(everything_stored())
    assert "nobody@example.org" not in stored.lower()  # counted under a keyed hash, never the email


def test_only_the_tokens_hash_is_stored_and_links_expire_by_purpose(org):
    user = make_staff("editor", org)
    invite = invitations.invite("sam@example.org", "Sam", "editor", org.id, None, NOW)
    reset = invitations.reset_link(user, None, NOW)
    assert len(invite) >= 43  # 32 random bytes, URL-safe
    stored = Invitation.objects.get(id=hashlib.sha256(reset.encode()).hexdigest())
    assert stored.expires_at == (NOW + timedelta(hours=2)).replace(tzinfo=None)
    assert Invitation.objects.get(id=hashlib.sha256(invite.encode()).hexdigest()).expires_at == (
        NOW + timedelta(days=7)).replace(tzinfo=None)
    assert not any(token in str(list(Invitation._get_collection().find())) for token in (invite, reset))


def test_an_invitation_makes_the_account_when_its_link_is_used_once(org):
    token = invitations.invite("  Sam@Example.org", "Sam", "editor", org.id, None, NOW)
    assert StaffUser.objects.count() == 0
    made = invitations.redeem(token, "a long enough password", NOW, "invite")
    assert (made.email, made.role, made.organization, made.active) == ("sam@example.org", "editor", org.id, True)
    assert made.id == Invitation.objects.get().user  # the id the staff list showed while invited
    with pytest.raises(NotFound):
        invitations.redeem(token, "another long password", NOW, "invite")
    assert accounts.authenticate("sam@example.org", "a long enough password", NOW, key=KEY).id == made.id


def test_a_reset_bumps_the_session_version(org):
    user = make_staff("editor", org)
    token = invitations.reset_link(user, None, NOW)
    assert invitations.redeem(token, "a long enough password", NOW, "reset").session_version == \
        user.session_version + 1


def test_inviting_an_address_with_an_account_elsewhere_says_nothing_and_changes_nothing(org):
    elsewhere = make_staff("editor", organization("Southside Housing"), email="sam@example.org")
    inviter = make_staff("org_admin", org)
    token = invitations.invite("sam@example.org", "Sam", "editor", org.id, inviter, NOW)  # no Conflict

    assert invitations.find_invitation(token, "invite", NOW)[1].name == "Sam"  # its page opens like any other
    with pytest.raises(NotFound) as refused:
        invitations.redeem(token, "a long enough password", NOW, "invite")
    assert str(refused.value) == invitations.LINK_REFUSED
    stored = StaffUser.objects.get(email="sam@example.org")
    assert (stored.id, stored.organization, stored.password_hash) == (elsewhere.id, elsewhere.organization,
                                                                      elsewhere.password_hash)
    with pytest.raises(Conflict):  # an address on staff the inviter manages is said, as the list shows it
        invitations.invite("sam@example.org", "Sam", "editor", org.id, make_staff("network_admin"), NOW)


def test_a_refused_password_leaves_the_link_usable(org):
    user = make_staff("editor", org)
    token = invitations.reset_link(user, None, NOW)
    with pytest.raises(InvalidField):
        invitations.redeem(token, "short", NOW, "reset")
    assert invitations.redeem(token, "long enough now", NOW, "reset").id == user.id


def test_a_link_is_refused_after_it_expires_or_for_another_purpose(org):
    user = make_staff("editor", org)
    token = invitations.reset_link(user, None, NOW)
    for purpose, when in (("invite", NOW), ("reset", NOW + timedelta(hours=2))):
        with pytest.raises(NotFound) as refused:
            invitations.redeem(token, "long enough now", when, purpose)
        assert str(refused.value) == invitations.LINK_REFUSED


def test_nobody_deactivates_themselves(org):
    user = make_staff("org_admin", org)
    with pytest.raises(Conflict):
        accounts.deactivate(user, user, NOW)
