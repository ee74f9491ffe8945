"""The client's details: sealed at rest, shown only to the staff involved, every view recorded."""

import pytest
from cryptography.fernet import Fernet

from api.adapters.sealing import FernetSeal, SealBroken
from api.models.referral import Referral, ReferralView
from api.services.referrals.personal import InvalidReferral, NotInvolved, Unreadable, checked, reseal_all, reveal
from tests.conftest import NOW, TEST_REFERRAL_KEY
from tests.services.referrals.conftest import CLIENT, send


def test_the_stored_document_holds_no_personal_field_in_the_clear(network, seal, storage):
    referral = send(network, seal)
    raw = Referral._get_collection().find_one({"_id": referral.id})
    text = repr(raw)
    for value in ("Marisol", "816 555 0147", "8165550147", "bottom bunk", "bus"):
        assert value not in text
    assert set(raw) >= {"sealed", "consent", "status", "code"} and "name" not in raw
    assert Fernet(TEST_REFERRAL_KEY.encode()).decrypt(raw["sealed"].encode())  # it is a Fernet token of ours


def test_the_staff_involved_see_the_details_and_each_view_is_recorded(network, seal):
    referral = send(network, seal)
    for viewer in (network.worker, network.intake, network.bluestem_admin):
        shown = reveal(referral, viewer, seal, "page", NOW)
        assert (shown.name, shown.contact, shown.note) == (CLIENT["name"], CLIENT["contact"], CLIENT["note"])
    views = ReferralView.objects(referral=referral.id).order_by("at")
    assert [view.viewer_name for view in views] == ["Wes Worker", "Ivy Intake", "Bo Boss"]
    assert all(view.via == "page" for view in views)


@pytest.mark.parametrize("who", ["network_admin", "outreach_admin", "stranger"])
def test_anyone_else_sees_no_details_and_leaves_no_view(network, seal, who):
    referral = send(network, seal)
    with pytest.raises(NotInvolved):
        reveal(referral, getattr(network, who), seal, "page", NOW)
    assert ReferralView.objects.count() == 0


def test_a_new_key_put_first_still_opens_old_records_and_reseals_them(network, seal):
    referral = send(network, seal)
    new_key = FernetSeal.new_key()
    rotated = FernetSeal([new_key, TEST_REFERRAL_KEY])
    assert reveal(referral, network.worker, rotated, "page", NOW).name == "Marisol"
    assert reseal_all(rotated) == 1
    assert FernetSeal([new_key]).open(referral.reload().sealed)["name"] == "Marisol"  # the old key can go now
    with pytest.raises(SealBroken):
        FernetSeal([TEST_REFERRAL_KEY]).open(referral.sealed)


def test_personal_fields_are_checked_before_anything_is_kept():
    with pytest.raises(InvalidReferral) as refused:
        checked("", "phone", "call me", "x" * 501)
    assert set(refused.value.field_errors) == {"name", "contact", "note"}
    assert checked(" Ana ", "client_will_call", "816 555 0100", "").contact is None  # not kept when not wanted


@pytest.mark.parametrize("written", ["(816) 555-0199", "816-555-0199", "+1 816 555 0199", "816.555.0199"])
def test_a_phone_number_is_taken_however_people_write_it(written):
    assert checked("Ana", "phone", written, "").contact == written


@pytest.mark.parametrize("written", ["555", "call me", "(816) 555", "816 555 0199 0199 0199 0199"])
def test_a_number_no_one_could_dial_is_refused(written):
    with pytest.raises(InvalidReferral) as refused:
        checked("Ana", "phone", written, "")
    assert set(refused.value.field_errors) == {"contact"}


def test_details_no_configured_key_opens_are_refused_plainly_and_not_recorded(network, seal):
    referral = send(network, seal)
    with pytest.raises(Unreadable):
        reveal(referral, network.intake, FernetSeal([FernetSeal.new_key()]), "page", NOW)
    assert ReferralView.objects.count() == 0


def test_the_consent_names_what_is_actually_shared(network, seal):
    assert send(network, seal).consent.disclosed == ["name", "contact", "request", "note"]
    quiet = send(network, seal, contact_method="client_will_call", contact=None, note=None)
    assert quiet.consent.disclosed == ["name", "request"]
