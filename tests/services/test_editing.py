"""Edits partners make: saved only over the version they saw, validated whole, audited, seen by the public API."""

from datetime import timedelta

import pytest

from api.domain.recurrence import as_date
from api.models import Service
from api.models.audit import AuditEntry
from api.services import quick_update as updates
from api.services.editing import Actor, InvalidEdit, StaleEdit, save_edit
from tests import factories as f
from tests.conftest import NOW

ALICE, BOB = Actor("u-alice", "Alice"), Actor("u-bob", "Bob")
STORED_NOW = NOW.replace(tzinfo=None)


def house(available=2, maximum=6, hours_ago=100):
    return f.service("Hope House", category="housing", capacity=[f.unit(available, maximum, hours_ago=hours_ago)])


def test_a_bed_count_edit_is_saved_audited_and_public(client):
    listing = house()
    unit = listing.capacity[0]

    saved = save_edit(listing.id, listing.version, updates.adjust(unit.id, 1, "Alice", STORED_NOW), ALICE)

    assert saved.version == listing.version + 1 and saved.capacity[0].available == 3
    [entry] = AuditEntry.objects(object_id=listing.id)
    assert (entry.actor_name, entry.action, entry.version) == ("Alice", "updated", saved.version)
    before, after = entry.changes["capacity"]
    assert (before[0]["available"], after[0]["available"]) == (2, 3) and after[0]["updated_by"] == "Alice"
    public = client.get(f"/v1/services/{listing.id}").json
    assert public["availability"]["available"] == 3 and public["availability"]["state"] == "available"


def test_a_stale_edit_is_refused_and_says_who_changed_what(app):
    listing = house()
    unit_id, seen = listing.capacity[0].id, listing.version
    save_edit(listing.id, seen, updates.full(unit_id, "Bob", STORED_NOW), BOB)

    with pytest.raises(StaleEdit) as refused:
        save_edit(listing.id, seen, updates.adjust(unit_id, 1, "Alice", STORED_NOW), ALICE)

    assert Service.objects.get(id=listing.id).capacity[0].available == 0  # Bob's stays
    (field, (was, now, who)), = refused.value.seen_and_now().items()
    assert (field, was[0]["available"], now[0]["available"], who) == ("capacity", 2, 0, "Bob")


def test_an_invalid_edit_saves_nothing_and_names_the_field(app):
    listing = house(available=6, maximum=6)

    def too_many(service):
        service.capacity[0].available = 9

    with pytest.raises(InvalidEdit) as refused:
        save_edit(listing.id, listing.version, too_many, ALICE)
    assert any("available" in field or "available" in message for field, message in refused.value.errors.items())
    assert Service.objects.get(id=listing.id).version == listing.version and AuditEntry.objects.count() == 0


def test_steppers_stay_within_zero_and_the_maximum(app):
    listing = house(available=0, maximum=1)
    unit_id = listing.capacity[0].id
    listing = save_edit(listing.id, listing.version, updates.adjust(unit_id, -1, "Alice", STORED_NOW), ALICE)
    assert listing.capacity[0].available == 0
    listing = save_edit(listing.id, listing.version, updates.adjust(unit_id, 1, "Alice", STORED_NOW), ALICE)
    listing = save_edit(listing.id, listing.version, updates.adjust(unit_id, 1, "Alice", STORED_NOW), ALICE)
    assert listing.capacity[0].available == 1


def test_still_accurate_restarts_freshness_without_changing_counts(client):
    listing = house(available=2, hours_ago=24 * 5)  # past housing's 72 h: unconfirmed
    assert client.get(f"/v1/services/{listing.id}").json["availability"]["state"] == "unconfirmed"

    save_edit(listing.id, listing.version, updates.still_accurate("Alice", STORED_NOW), ALICE, action="confirmed")

    assert client.get(f"/v1/services/{listing.id}").json["availability"]["state"] == "available"
    assert AuditEntry.objects.get(object_id=listing.id).action == "confirmed"


def test_cancelling_a_meeting_takes_a_future_date_it_meets_on(app):
    meeting = f.meeting("Tuesday group", day="TU")
    today = NOW.date()  # a Tuesday
    with pytest.raises(InvalidEdit, match="passed"):
        save_edit(meeting.id, meeting.version, updates.cancel_meeting(today - timedelta(days=7), None, today), ALICE)
    with pytest.raises(InvalidEdit, match="does not meet"):
        save_edit(meeting.id, meeting.version, updates.cancel_meeting(today + timedelta(days=1), None, today), ALICE)

    next_week = today + timedelta(days=7)
    saved = save_edit(meeting.id, meeting.version, updates.cancel_meeting(next_week, "Holiday", today), ALICE)
    assert [(as_date(e.date), e.closed, e.reason) for e in saved.exceptions] == [(next_week, True, "Holiday")]


def test_temporarily_closed_with_a_note_and_open_again(client):
    listing = house()
    listing = save_edit(listing.id, listing.version, updates.set_status("temporarily_closed", " Flooded "), ALICE)
    assert (listing.status, listing.status_note) == ("temporarily_closed", "Flooded")
    listing = save_edit(listing.id, listing.version, updates.set_status("active", None), ALICE)
    assert (listing.status, listing.status_note) == ("active", None)
