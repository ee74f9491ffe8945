"""Accepting with a hold takes a free place through the editing path (versioned, audited, sequenced), and a client
who does not come gives it back."""

from datetime import timedelta

import pytest

from api.models import Service
from api.models.audit import AuditEntry
from api.services.editing import InvalidEdit
from api.services.referrals import sending, steps
from tests.conftest import NOW
from tests.services.referrals.conftest import send


def free(service) -> int:
    return Service.objects.get(id=service.id).capacity[0].available


def test_accepting_with_a_hold_takes_one_place_as_an_audited_edit(network, seal):
    before = Service.objects.get(id=network.house.id)
    unit = before.capacity[0]
    steps.answer(send(network, seal), "accepted", network.intake, NOW + timedelta(minutes=5), hold_unit=unit.id)

    after = Service.objects.get(id=network.house.id)
    assert after.capacity[0].available == 1
    assert after.version == before.version + 1 and after.change_seq > before.change_seq  # search and feeds follow
    assert after.capacity[0].updated_by == "Ivy Intake"  # a count someone set is a count they confirmed
    entry = AuditEntry.objects(object_id=network.house.id).order_by("-at").first()
    assert entry.actor_name == "Ivy Intake" and entry.action == "held a place for a referral at"
    assert "Marisol" not in str(entry.to_mongo())


def test_a_client_who_does_not_arrive_gives_the_place_back(network, seal):
    unit = network.house.capacity[0]
    referral = steps.answer(send(network, seal), "accepted", network.intake, NOW, hold_unit=unit.id)
    referral = steps.answer(referral, "did_not_arrive", network.intake, NOW + timedelta(days=1))
    assert free(network.house) == 2 and referral.hold_released


def test_an_arrival_keeps_the_place_taken(network, seal):
    unit = network.house.capacity[0]
    referral = steps.answer(send(network, seal), "accepted", network.intake, NOW, hold_unit=unit.id)
    steps.answer(referral, "arrived", network.intake, NOW + timedelta(hours=2))
    assert free(network.house) == 1


def test_cancelling_an_accepted_referral_gives_the_place_back(network, seal):
    unit = network.house.capacity[0]
    referral = steps.answer(send(network, seal), "accepted", network.intake, NOW, hold_unit=unit.id)
    sending.cancel(referral, network.worker, NOW + timedelta(hours=1))
    assert free(network.house) == 2


def test_a_hold_on_a_full_unit_is_refused_and_the_referral_stays_unanswered(network, seal):
    house = Service.objects.get(id=network.house.id)
    house.capacity[0].available = 0
    house.save()
    referral = send(network, seal)
    with pytest.raises(InvalidEdit):
        steps.answer(referral, "accepted", network.intake, NOW, hold_unit=house.capacity[0].id)
    assert referral.reload().status == "sent" and free(network.house) == 0


def test_an_unrelated_edit_in_between_is_no_conflict(network, seal):
    referral = send(network, seal)
    house = Service.objects.get(id=network.house.id)
    house.description = "Edited while the referral waited"
    house.save()
    steps.answer(referral, "accepted", network.intake, NOW, hold_unit=house.capacity[0].id)
    assert free(network.house) == 1
