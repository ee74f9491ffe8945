"""The embedded default's snapshot: a request sees every write finished before it, and never a torn state."""

import threading

import pytest

from api.adapters.snapshot import DirectorySnapshot
from api.models import changes
from tests import factories as f


def test_each_write_takes_the_next_change_number(storage):
    org = f.organization()
    place = f.location(org)
    service = f.service(org=org, places=[place])
    assert org.change_seq < place.change_seq < service.change_seq == changes.current()


def test_a_write_is_visible_on_the_next_read_and_old_states_stay_whole(storage):
    snapshot = DirectorySnapshot()
    service = f.service("Before")
    before = snapshot.current()

    service.name = "After"
    service.save()
    added = f.service("New")
    after = snapshot.current()

    assert after.services[service.id].name == "After" and added.id in after.services
    assert before.services[service.id].name == "Before" and added.id not in before.services
    assert snapshot.current() is after  # nothing changed since: the same state, no re-read


def test_concurrent_writers_and_readers_lose_nothing(storage):
    snapshot = DirectorySnapshot()
    org = f.organization()
    place = f.location(org)
    services = [f.service(f"S{i}", org=org, places=[place]) for i in range(4)]
    errors = []

    def write(service):
        for count in range(25):
            service.description = f"edit {count}"
            service.save()

    def read():
        try:
            for _ in range(50):
                snapshot.current()
        except Exception as error:  # the test reports any failure a reader meets
            errors.append(error)

    threads = [threading.Thread(target=write, args=(s,)) for s in services] + [
        threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    final = snapshot.current()
    assert errors == []
    assert all(final.services[s.id].description == "edit 24" for s in services)


def test_the_seed_loader_numbers_what_it_inserts(storage):
    from seeds.loader import seed_database
    seed_database(progress=False)
    state = DirectorySnapshot().current()
    assert len(state.services) >= 300 and state.seq == changes.current()
    assert len({service.change_seq for service in state.services.values()}) == len(state.services)


def test_a_removed_listing_leaves_the_snapshot(storage):
    snapshot = DirectorySnapshot()
    kept, removed = f.service("Kept"), f.service("Removed")
    snapshot.current()

    removed.delete()
    state = snapshot.current()

    assert kept.id in state.services and removed.id not in state.services and removed.id not in state.rows


def test_bulk_writes_that_would_skip_the_sequence_are_refused(storage):
    from api.models import Location, Service
    f.service()
    with pytest.raises(TypeError, match="change sequence"):
        Service.objects.update(set__status="inactive")
    with pytest.raises(TypeError, match="change sequence"):
        Location.objects.update(set__confidential=True)  # would also skip coarsening the public point
    with pytest.raises(TypeError, match="change sequence"):
        Service.objects.delete()


def test_an_emptied_database_empties_the_snapshot(storage):
    snapshot = DirectorySnapshot()
    for index in range(3):
        f.service(f"Old {index}")
    snapshot.current()

    storage.drop_all()
    fresh = f.service("After the reset")
    state = snapshot.current()

    assert list(state.services) == [fresh.id]
