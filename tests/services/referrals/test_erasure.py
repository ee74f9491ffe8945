"""Nothing left over: a referral nobody answers expires; the client's details go the retention period after the
referral ends, at once when consent is revoked, and when consent runs out; what remains still counts."""

from datetime import date, timedelta

import pytest

from api.errors import Conflict, NotFound
from api.models import Service
from api.models.referral import Referral, ReferralView
from api.services.referrals import sending, steps
from api.services.referrals.figures import figures
from api.services.referrals.personal import reveal
from api.services.referrals.sweep import sweep
from tests.conftest import NOW
from tests.services.referrals.conftest import send

RETENTION = 30


def test_an_unanswered_referral_expires_when_its_window_passes(network, seal):
    referral = send(network, seal)  # housing: 48 hours
    assert sweep(NOW + timedelta(hours=47), RETENTION).expired == 0
    assert sweep(NOW + timedelta(hours=48), RETENTION).expired == 1
    referral.reload()
    assert referral.status == "expired" and referral.steps[-1].by == "system"
    with pytest.raises(Conflict):
        steps.answer(referral, "accepted", network.intake, NOW + timedelta(hours=49))


def test_details_are_erased_the_retention_period_after_the_referral_ends(network, seal):
    referral = steps.answer(send(network, seal), "accepted", network.intake, NOW)
    referral = steps.answer(referral, "arrived", network.intake, NOW + timedelta(days=1))
    reveal(referral, network.intake, seal, "page", NOW + timedelta(days=1))

    assert sweep(NOW + timedelta(days=30, hours=23), RETENTION).erased == 0
    assert referral.reload().sealed is not None
    assert sweep(NOW + timedelta(days=31), RETENTION).erased == 1

    referral.reload()
    assert referral.sealed is None and referral.code is None and referral.erased_because == "retention"
    assert reveal(referral, network.intake, seal, "page", NOW + timedelta(days=32)) is None
    raw = Referral._get_collection().find_one({"_id": referral.id})
    assert "sealed" not in raw and "code" not in raw
    assert ReferralView.objects.count() == 1  # who looked, when, stays; what they saw does not
    (row,) = [row for row in figures(date(2026, 11, 1)) if row.organization == network.bluestem.id]
    assert row.sent is None and row.category == "housing"  # still counted (1: shown as fewer than 5)


def test_an_open_referral_keeps_its_details_until_it_ends(network, seal):
    referral = steps.answer(send(network, seal), "waitlisted", network.intake, NOW)
    sweep(NOW + timedelta(days=29), RETENTION)
    assert referral.reload().sealed is not None and referral.status == "waitlisted"


def test_a_forgotten_accepted_referral_is_closed_and_then_erased(network, seal):
    referral = steps.answer(send(network, seal), "accepted", network.intake, NOW)
    assert sweep(NOW + timedelta(days=30), RETENTION).closed == 1
    referral.reload()
    assert referral.status == "closed" and referral.steps[-1].reason == "no_activity"
    assert sweep(NOW + timedelta(days=60), RETENTION).erased == 1


def test_revoking_consent_closes_the_referral_and_erases_at_once(network, seal):
    unit = network.house.capacity[0]
    referral = steps.answer(send(network, seal), "accepted", network.intake, NOW, hold_unit=unit.id)
    referral = sending.revoke_consent(referral, network.worker, NOW + timedelta(hours=1))

    assert referral.status == "closed" and referral.steps[-1].reason == "consent_revoked"
    assert referral.sealed is None and referral.erased_because == "consent_revoked"
    assert referral.consent.revoked_at == (NOW + timedelta(hours=1)).replace(tzinfo=None)
    assert Service.objects.get(id=network.house.id).capacity[0].available == 2  # the held place is given back
    raw = repr(Referral._get_collection().find_one({"_id": referral.id}))
    assert "Marisol" not in raw and "sealed" not in raw


def test_the_receiver_can_record_a_revocation_too_and_outsiders_cannot(network, seal):
    referral = send(network, seal)
    with pytest.raises(NotFound):
        sending.revoke_consent(referral, network.stranger, NOW)
    assert sending.revoke_consent(referral, network.intake, NOW).sealed is None


def test_expired_consent_erases_and_closes(network, seal):
    referral = steps.answer(send(network, seal, expires_on=NOW.date() + timedelta(days=2)), "waitlisted",
                            network.intake, NOW)
    sweep(NOW + timedelta(days=2), RETENTION)
    assert referral.reload().sealed is not None  # the consent lasts through its last day
    sweep(NOW + timedelta(days=3), RETENTION)
    referral.reload()
    assert referral.sealed is None and referral.erased_because == "consent_expired" and referral.status == "closed"


def test_the_workers_own_words_are_sealed_with_the_details_and_erased_with_them(network, seal):
    # A programme typed and a purpose written can name the client as surely as the name field does.
    referral = send(network, seal, unit_code=None, requested="Women's group for Marisol",
                    purpose="Refer Marisol Diaz, DOB 1990-02-03, for opioid detox")
    raw = repr(Referral._get_collection().find_one({"_id": referral.id}))
    assert "Marisol" not in raw and "1990-02-03" not in raw
    assert referral.asked_for == "Maple House"  # what everyone who sees the referral reads
    shown = reveal(referral, network.intake, seal, "page", NOW)
    assert shown.requested == "Women's group for Marisol" and shown.purpose.startswith("Refer Marisol Diaz")
    assert ReferralView.objects.count() == 1  # read like the other details, and recorded

    referral = sending.revoke_consent(referral, network.worker, NOW)
    assert referral.sealed is None and referral.consent.purpose is None


def test_a_unit_asked_for_stays_readable_as_its_name(network, seal):
    referral = send(network, seal)
    assert referral.unit_code == "bed-women" and referral.asked_for == "Bed – women"
    assert reveal(referral, network.worker, seal, "page", NOW).requested is None


def test_an_interrupted_revocation_still_erases_and_the_sweep_closes_it(network, seal, monkeypatch):
    referral = send(network, seal)
    real_move = sending.move

    def receiver_opens_it_first(referral, status, user, now, **kwargs):
        # The receiver opens the referral (sent -> seen) between the revocation's reading and its step, twice.
        Referral.objects(id=referral.id).update_one(set__status="seen" if referral.status == "sent" else "sent")
        return real_move(referral, status, user, now, **kwargs)

    monkeypatch.setattr(sending, "move", receiver_opens_it_first)
    referral = sending.revoke_consent(referral, network.worker, NOW)
    monkeypatch.setattr(sending, "move", real_move)
    assert referral.sealed is None and referral.erased_because == "consent_revoked"
    assert referral.status in ("sent", "seen")  # still open: the step kept moving under it
    with pytest.raises(Conflict):
        sending.revoke_consent(referral, network.worker, NOW)  # recorded once; nothing left to erase anyway

    assert sweep(NOW + timedelta(minutes=1), RETENTION).closed == 1
    referral.reload()
    assert referral.status == "closed" and referral.steps[-1].reason == "consent_revoked"


def test_a_revocation_whose_erasure_never_ran_is_erased_by_the_sweep(network, seal):
    # As a revocation recorded before erasure came first would have left it: consent revoked, details kept.
    referral = steps.answer(send(network, seal), "accepted", network.intake, NOW)
    Referral.objects(id=referral.id).update_one(set__consent__revoked_at=NOW.replace(tzinfo=None),
                                                set__consent__revoked_by=network.worker.id)
    report = sweep(NOW + timedelta(minutes=1), RETENTION)
    assert (report.erased, report.closed) == (1, 1)
    referral.reload()
    assert referral.sealed is None and referral.erased_because == "consent_revoked" and referral.status == "closed"
