"""The status machine as the two sides live it: each step by the side it belongs to, with who and when, and steps
that cannot follow refused without changing anything."""

from datetime import timedelta

import pytest

from api.domain.referral_status import RECEIVER_STEPS, STATUSES, fhir_task_status, sdoh_category
from api.errors import Conflict, NotFound
from api.models.referral import Referral
from api.services.referrals import sending, steps
from api.services.referrals.personal import InvalidReferral
from tests.conftest import NOW
from tests.services.referrals.conftest import send


def test_a_referral_goes_from_sent_to_closed_with_who_and_when(network, seal):
    referral = send(network, seal)
    assert referral.status == "sent" and len(referral.code) == 6
    assert referral.respond_by == (NOW + timedelta(hours=48)).replace(tzinfo=None)  # housing's window

    later = NOW + timedelta(minutes=20)
    referral = steps.mark_seen(referral, network.intake, later)
    referral = steps.answer(referral, "accepted", network.intake, later + timedelta(minutes=5))
    referral = steps.answer(referral, "arrived", network.bluestem_admin, later + timedelta(hours=3))
    referral = steps.answer(referral, "closed", network.intake, later + timedelta(hours=4))

    assert [step.status for step in referral.steps] == ["sent", "seen", "accepted", "arrived", "closed"]
    assert [step.by_name for step in referral.steps] == ["Wes Worker", "Ivy Intake", "Ivy Intake", "Bo Boss",
                                                         "Ivy Intake"]
    assert referral.answered_at == (later + timedelta(minutes=5)).replace(tzinfo=None)
    assert referral.ended_at == (later + timedelta(hours=3)).replace(tzinfo=None)  # arrival is the outcome


def test_only_the_receiving_staff_answer_and_only_the_sender_side_cancels(network, seal):
    referral = send(network, seal)
    for outsider in (network.worker, network.network_admin, network.stranger):
        with pytest.raises(NotFound):
            steps.answer(referral, "accepted", outsider, NOW)
    for outsider in (network.intake, network.network_admin):
        with pytest.raises(NotFound):
            sending.cancel(referral, outsider, NOW)
    assert Referral.objects.get(id=referral.id).status == "sent"
    assert sending.cancel(referral, network.outreach_admin, NOW).status == "cancelled"


def test_a_step_that_cannot_follow_is_refused_and_changes_nothing(network, seal):
    referral = send(network, seal)
    with pytest.raises(Conflict):
        steps.answer(referral, "arrived", network.intake, NOW)  # not accepted yet
    referral = steps.answer(referral, "declined", network.intake, NOW, reason="no_capacity")
    for step in ("accepted", "waitlisted", "arrived"):
        with pytest.raises(Conflict):
            steps.answer(referral, step, network.intake, NOW)
    with pytest.raises(Conflict):
        sending.cancel(referral, network.worker, NOW)
    stored = Referral.objects.get(id=referral.id)
    assert stored.status == "declined" and stored.steps[-1].reason == "no_capacity"


def test_a_decline_needs_a_reason_from_the_list(network, seal):
    referral = send(network, seal)
    with pytest.raises(InvalidReferral):
        steps.answer(referral, "declined", network.intake, NOW, reason="because")
    assert Referral.objects.get(id=referral.id).status == "sent"


def test_two_receivers_tapping_at_once_make_one_step(network, seal):
    referral = send(network, seal)
    seen_by_one, seen_by_other = Referral.objects.get(id=referral.id), Referral.objects.get(id=referral.id)
    steps.answer(seen_by_one, "accepted", network.intake, NOW)
    with pytest.raises(Conflict):
        steps.answer(seen_by_other, "declined", network.bluestem_admin, NOW, reason="no_capacity")
    stored = Referral.objects.get(id=referral.id)
    assert stored.status == "accepted" and [step.status for step in stored.steps] == ["sent", "accepted"]


def test_waitlisted_can_still_be_accepted_and_counts_as_answered(network, seal):
    referral = steps.answer(send(network, seal), "waitlisted", network.intake, NOW + timedelta(hours=1))
    referral = steps.answer(referral, "accepted", network.intake, NOW + timedelta(days=3))
    assert referral.status == "accepted"
    assert referral.answered_at == (NOW + timedelta(hours=1)).replace(tzinfo=None)


def test_only_the_receiver_marks_it_seen(network, seal):
    referral = send(network, seal)
    assert steps.mark_seen(referral, network.worker, NOW).status == "sent"
    assert steps.mark_seen(referral, network.network_admin, NOW).status == "sent"
    assert steps.mark_seen(referral, network.intake, NOW).status == "seen"
    assert steps.mark_seen(referral, network.intake, NOW).status == "seen"  # once


def test_every_status_maps_to_a_fhir_task_status():
    allowed = {"draft", "requested", "received", "accepted", "rejected", "ready", "cancelled", "in-progress",
               "on-hold", "failed", "completed", "entered-in-error"}
    assert {fhir_task_status(status) for status in STATUSES} <= allowed
    assert fhir_task_status("closed", previous="arrived") == "completed"
    assert fhir_task_status("closed", previous="declined") == "rejected"
    assert sdoh_category("housing") == "housing-instability" and sdoh_category("clinical") == \
        "sdoh-category-unspecified"
    assert set(RECEIVER_STEPS) <= set(STATUSES)


def test_a_referral_needs_the_permission_and_a_listing_that_takes_them(network, seal):
    with pytest.raises(NotFound):
        send(network, seal, sender=network.intake)  # no referring permission
    network.house.status = "inactive"
    network.house.save()
    with pytest.raises(InvalidReferral):
        send(network, seal)
    assert Referral.objects.count() == 0
