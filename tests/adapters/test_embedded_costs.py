"""Work proportional to change on the embedded default: lookups by id read only those documents, this process's
record of its writes answers "what changed" exactly as the database would, and documents read without
dereferencing are the same documents."""

import os
import re
import threading
import time

import mongomock_ng
import pytest
from bson import DBRef
from hypothesis import given
from hypothesis import strategies as st

from api.adapters import embedded_client
from api.adapters.detached import from_row
from api.adapters.snapshot_search import _starts_a_word
from api.models import Location, Organization, Service, changes
from api.services.search import word_start_pattern
from indexer import source
from indexer.source import pending_since
from tests import factories

pytestmark = pytest.mark.skipif(bool(os.environ.get("MONGODB_URI")),
                                reason="the embedded default's own costs; a real MongoDB has indexes")

FILTERS = [
    {"_id": 7}, {"_id": 7.0}, {"_id": 7, "v": 1}, {"_id": 7, "v": 2}, {"_id": 5000},
    {"_id": {"$in": [3, 9, 3, 11, 5000]}}, {"_id": {"$in": []}}, {"_id": {"$in": [4, 5]}, "v": {"$gt": 0}},
    {"_id": {"$gt": 995}}, {"_id": {"$in": [1, {"a": 1}]}}, {"v": 2, "_id": {"$nin": [2]}}, {"_id": True},
]


@pytest.fixture
def collections():
    """The same 1,000 documents in plain mongomock-ng and in the embedded default's client."""
    documents = [{"_id": number, "v": number % 3} for number in range(1000)] + [{"_id": "text", "v": 1}]
    plain = mongomock_ng.MongoClient()["db"]["c"]
    embedded = embedded_client.EmbeddedClient()["db"]["c"]
    plain.insert_many([dict(document) for document in documents])
    embedded.insert_many([dict(document) for document in documents])
    return plain, embedded


def test_lookups_by_id_answer_as_mongomock_ng_does(collections):
    plain, embedded = collections
    for criteria in FILTERS:
        assert sorted(map(str, embedded.find(criteria))) == sorted(map(str, plain.find(criteria))), criteria
        assert embedded.count_documents(criteria) == plain.count_documents(criteria), criteria
    embedded.update_one({"_id": 7}, {"$set": {"v": 9}})
    embedded.delete_one({"_id": 8})
    assert embedded.find_one({"_id": 7})["v"] == 9 and embedded.find_one({"_id": 8}) is None


def test_a_lookup_by_id_reads_only_the_documents_named(collections, monkeypatch):
    _, embedded = collections
    tested = []
    monkeypatch.setattr(embedded_client, "filter_applies", lambda criteria, document: tested.append(document) or True)
    embedded.find_one({"_id": 7})
    list(embedded.find({"_id": {"$in": [1, 2, 3]}}))
    embedded.update_one({"_id": 4}, {"$set": {"v": 0}})
    assert len(tested) == 5


def _edit_a_little():
    organization = factories.organization("Harbor House")
    place = factories.location(org=organization)
    kept = factories.service(org=organization, places=[place], category="housing")
    gone = factories.service(org=organization, category="clinical")
    other = factories.organization("Elsewhere")
    return organization, place, kept, gone, other


def test_the_record_of_writes_says_what_the_database_says(storage):
    factories.service(org=factories.organization("Before"))
    after = changes.current()
    organization, place, kept, gone, other = _edit_a_little()
    gone.delete()
    place.name = "Renamed"
    place.save()

    recorded = pending_since(after)
    changes.RECENT.stop()
    read = pending_since(after)
    assert changes.RECENT.since(after) is None
    assert recorded == read and {kept.id, gone.id} <= recorded.service_ids


def test_a_writer_that_does_not_record_its_numbers_sends_readers_to_the_database(storage):
    after = changes.current()
    with changes.WRITE_LOCK:
        number = changes.take()
        Organization._get_collection().insert_one({"_id": "raw", "name": "Raw", "change_seq": number})
    factories.organization("Recorded")
    assert changes.RECENT.since(after) is None
    assert changes.RECENT.since(number) is not None


def test_documents_read_without_dereferencing_are_the_same_documents(storage):
    _, place, kept, _, _ = _edit_a_little()
    row = Service._get_collection().find_one({"_id": kept.id})
    fast, slow = from_row(Service, row), Service._from_son(dict(row), _auto_dereference=False)
    assert fast.to_mongo() == slow.to_mongo()
    assert isinstance(fast.organization, DBRef) and isinstance(fast.locations[0].location, DBRef)
    assert fast.locations[0].location.id == place.id
    assert isinstance(Service.objects.get(id=kept.id).organization, Organization)  # others still dereference
    assert isinstance(from_row(Location, Location._get_collection().find_one({"_id": place.id})), Location)


def test_a_write_wakes_whoever_waits_for_changes_at_once(storage):
    mark, woken = changes.SIGNAL.mark(), []
    waiter = threading.Thread(target=lambda: woken.append(changes.SIGNAL.wait(mark, 30)))
    waiter.start()
    started = time.monotonic()
    factories.organization("Wakes")
    waiter.join(timeout=5)
    assert woken == [True] and time.monotonic() - started < 2


@given(st.text(alphabet="ab cé\t\n-", max_size=40), st.text(alphabet="abcé-", min_size=1, max_size=4))
def test_finding_a_word_start_in_sorted_words_is_the_databases_pattern(text, word):
    words = tuple(sorted(set(text.split())))
    assert _starts_a_word(words, word) == bool(re.search(word_start_pattern(word), text))


def test_many_places_changed_at_once_find_their_services_as_a_few_do(storage, monkeypatch):
    organization = factories.organization()
    places = [factories.location(organization) for _ in range(3)]
    at_two = factories.service(org=organization, places=places[:2]).id
    run_by = factories.service(org=factories.organization()).id
    factories.service(org=factories.organization())  # neither its place nor its organisation changes
    after = changes.current()
    for place in places[1:]:
        place.save()
    Organization.objects.get(id=Service.objects.get(id=run_by).organization.id).save()

    by_lookup = pending_since(after)
    monkeypatch.setattr(source, "FEW", 0)
    assert pending_since(after) == by_lookup and by_lookup.service_ids == {at_two, run_by}
