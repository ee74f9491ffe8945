"""mongomock-ng's client for the embedded default, with lookups by _id answered from the store instead of a scan.

mongomock-ng reads and tests every document of a collection for every query, and `{"_id": {"$in": ids}}` compares
each document with each id: a save, a get by id or a bulk lookup costs the size of the collection, which made work
at start grow with its square (3.5 minutes for the notifier's first pass at 10,000 listings). Its store keeps
documents in a dict by id, so a filter that names ids (one, or `$in` a list) takes just those documents and then
applies the whole filter to them as usual: the answers are the same, at the cost of what was asked for.
Only the order of a `$in` answer differs (the ids' order, not insertion order), which MongoDB leaves undefined too.
"""

import uuid
from datetime import datetime

import mongomock_ng
from bson import ObjectId
from mongomock_ng.collection import Collection
from mongomock_ng.database import Database
from mongomock_ng.filtering import filter_applies

# Ids a dict lookup finds exactly as MongoDB's equality would (dicts, lists and regexes go the usual way).
SCALAR_IDS = (str, int, float, ObjectId, uuid.UUID, datetime)


def wanted_ids(filter) -> list | None:
    """The ids a filter confines itself to, or None when it names none that a lookup can serve."""
    wanted = filter.get("_id") if isinstance(filter, dict) else None
    if isinstance(wanted, SCALAR_IDS) and not isinstance(wanted, bool):
        return [wanted]
    if isinstance(wanted, dict) and list(wanted) == ["$in"] and isinstance(wanted["$in"], (list, tuple)):
        ids = wanted["$in"]
        if all(isinstance(value, SCALAR_IDS) and not isinstance(value, bool) for value in ids):
            return list(dict.fromkeys(ids))
    return None


class EmbeddedCollection(Collection):
    def _iter_documents(self, filter):
        ids = wanted_ids(filter)
        if ids is None:
            return super()._iter_documents(filter)
        store, found = self._store, []
        for key in ids:
            try:
                found.append(store[key])
            except KeyError:
                continue
        return (document for document in found if filter_applies(filter, document))

    def with_options(self, *args, **kwargs):
        collection = super().with_options(*args, **kwargs)
        collection.__class__ = EmbeddedCollection  # mongomock-ng builds a plain Collection: same state, our lookups
        return collection


class EmbeddedDatabase(Database):
    def get_collection(self, name, *args, **kwargs):
        if name not in self._collection_accesses:
            self._ensure_valid_collection_name(name)
            self._collection_accesses[name] = EmbeddedCollection(self, name=name, read_preference=self.read_preference,
                                                                 codec_options=self._codec_options,
                                                                 _db_store=self._store)
        return super().get_collection(name, *args, **kwargs)

    def with_options(self, *args, **kwargs):
        database = super().with_options(*args, **kwargs)
        database.__class__ = EmbeddedDatabase
        return database


class EmbeddedClient(mongomock_ng.MongoClient):
    """The client mongoengine connects with on the embedded default."""

    def get_database(self, name=None, *args, **kwargs):
        if name is not None and name not in self._database_accesses:
            self._database_accesses[name] = EmbeddedDatabase(self, name, read_preference=self.read_preference,
                                                             codec_options=self._codec_options,
                                                             _store=self._store[name])
        return super().get_database(name, *args, **kwargs)
