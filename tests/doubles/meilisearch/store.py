"""Indexes and their documents and settings; the write operations here run only on the task worker."""

import json
import re
import threading
from datetime import UTC, datetime

from . import filters
from .errors import MeiliError, index_not_found
from .fields import as_number
from .settings import apply_patch, defaults

INDEX_UID = re.compile(r"^[A-Za-z0-9_-]{1,400}$")
DOCUMENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,511}$")


def now() -> str:
    """An RFC 3339 UTC timestamp with microseconds, as Meilisearch writes them."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def check_index_uid(uid) -> None:
    """Reject an index uid the real server refuses (synchronously, HTTP 400)."""
    if not isinstance(uid, str) or not INDEX_UID.match(uid):
        raise MeiliError(
            "invalid_index_uid",
            f"`{uid}` is not a valid index uid. Index uid can be an integer or a string containing only "
            "alphanumeric characters, hyphens (-) and underscores (_), and can not be more than 400 bytes.",
        )


class Index:
    """One index: uid, primary key, documents keyed by id (in insertion order) and settings."""

    def __init__(self, uid: str, primary_key: str | None = None):
        self.uid, self.primary_key = uid, primary_key
        self.created_at = self.updated_at = now()
        self.documents: dict[str, dict] = {}
        self.settings = defaults()

    def describe(self) -> dict:
        """The index object of `GET /indexes/{uid}`."""
        return {"uid": self.uid, "primaryKey": self.primary_key, "createdAt": self.created_at,
                "updatedAt": self.updated_at}

    def touch(self) -> None:
        """Record a change, as `updatedAt` shows."""
        self.updated_at = now()


def _document_id(document: dict, primary_key: str) -> str:
    if primary_key not in document:
        raise MeiliError("missing_document_id", f"Document doesn't have a `{primary_key}` attribute: `{document}`.")
    value = document[primary_key]
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not DOCUMENT_ID.match(value):
        raise MeiliError(
            "invalid_document_id",
            f"Document identifier `{json.dumps(value)}` is invalid. A document identifier can be of type integer or "
            "string, only composed of alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_), "
            "and can not be more than 511 bytes.",
        )
    return value


def _check_geo(document: dict, doc_id: str) -> None:
    geo = document.get("_geo")
    if geo is None:
        return
    if not isinstance(geo, dict) or as_number(geo.get("lat")) is None or as_number(geo.get("lng")) is None:
        raise MeiliError(
            "invalid_document_geo_field",
            f"The `_geo` field in the document with the id: `{doc_id}` must be an object with `lat` and `lng` numbers.",
        )


def _infer_primary_key(documents: list[dict]) -> str:
    first = documents[0] if documents else {}
    candidates = [name for name in first if name.lower().endswith("id")]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise MeiliError(
            "index_primary_key_no_candidate_found",
            "The primary key inference failed as the engine did not find any field ending with `id` in its name. "
            "Please specify the primary key manually using the `primaryKey` query parameter.",
        )
    raise MeiliError(
        "index_primary_key_multiple_candidates_found",
        f"The primary key inference failed as the engine found {len(candidates)} fields ending with `id` in their "
        f"names: '{candidates[0]}' and '{candidates[1]}'. Please specify the primary key manually using the "
        "`primaryKey` query parameter.",
    )


class Store:
    """All indexes. `lock` serialises the worker's writes against the request threads' reads."""

    def __init__(self):
        self.lock = threading.RLock()
        self.indexes: dict[str, Index] = {}

    def get(self, uid: str) -> Index:
        """The index, or the 404 Meilisearch gives for a missing one."""
        if uid not in self.indexes:
            raise index_not_found(uid)
        return self.indexes[uid]

    def ensure(self, uid: str, primary_key: str | None = None) -> Index:
        """The index, created first if missing (document and settings writes auto-create, as in Meilisearch)."""
        if uid not in self.indexes:
            self.indexes[uid] = Index(uid, primary_key)
        return self.indexes[uid]

    def create_index(self, uid: str, primary_key: str | None) -> dict:
        """Task body of indexCreation."""
        if uid in self.indexes:
            raise MeiliError("index_already_exists", f"Index `{uid}` already exists.", 409)
        self.ensure(uid, primary_key)
        return {"primaryKey": primary_key}

    def update_index(self, uid: str, primary_key: str | None, new_uid: str | None) -> dict:
        """Task body of indexUpdate: set the primary key (only while empty) and/or rename."""
        index = self.get(uid)
        if primary_key is not None and primary_key != index.primary_key:
            if index.documents:
                raise MeiliError("index_primary_key_already_exists", f"Index `{uid}` already has a primary key: "
                                 f"`{index.primary_key}`.", 409)
            index.primary_key = primary_key
        if new_uid is not None and new_uid != uid:
            if new_uid in self.indexes:
                raise MeiliError("index_already_exists", f"Index `{new_uid}` already exists.", 409)
            index.uid = new_uid
            self.indexes[new_uid] = self.indexes.pop(uid)
        index.touch()
        return {"primaryKey": primary_key, **({"newIndexUid": new_uid} if new_uid else {})}

    def delete_index(self, uid: str) -> dict:
        """Task body of indexDeletion."""
        deleted = len(self.get(uid).documents)
        del self.indexes[uid]
        return {"deletedDocuments": deleted}

    def add_documents(self, uid: str, documents: list[dict], primary_key: str | None, merge: bool) -> dict:
        """Task body of documentAdditionOrUpdate; a bad document fails the whole batch, which then changes nothing."""
        index = self.indexes.get(uid)
        if index and index.primary_key and primary_key and primary_key != index.primary_key:
            raise MeiliError("index_primary_key_already_exists",
                             f"Index `{uid}` already has a primary key: `{index.primary_key}`.", 409)
        key = (index and index.primary_key) or primary_key or _infer_primary_key(documents)
        staged = {}
        for document in documents:
            doc_id = _document_id(document, key)
            _check_geo(document, doc_id)
            staged[doc_id] = {**staged.get(doc_id, {}), **document} if merge else document
        index = self.ensure(uid)
        index.primary_key = key
        for doc_id, document in staged.items():
            index.documents[doc_id] = {**index.documents.get(doc_id, {}), **document} if merge else document
        index.touch()
        return {"receivedDocuments": len(documents), "indexedDocuments": len(documents)}

    def delete_documents(self, uid: str, ids: list[str]) -> dict:
        """Task body of documentDeletion by ids."""
        index = self.get(uid)
        deleted = sum(index.documents.pop(str(doc_id), None) is not None for doc_id in ids)
        index.touch()
        return {"providedIds": len(ids), "deletedDocuments": deleted}

    def delete_by_filter(self, uid: str, expression) -> dict:
        """Task body of documentDeletion by filter; filterability is checked when the task runs."""
        index = self.get(uid)
        try:
            node = filters.parse(expression)
            filters.check(node, index.settings["filterableAttributes"])
        except filters.FilterError as error:
            raise MeiliError("invalid_document_filter", str(error)) from error
        doomed = [doc_id for doc_id, document in index.documents.items() if filters.matches(node, document)]
        for doc_id in doomed:
            del index.documents[doc_id]
        index.touch()
        return {"providedIds": 0, "deletedDocuments": len(doomed), "originalFilter": json.dumps(expression)}

    def clear(self, uid: str) -> dict:
        """Task body of deleting every document."""
        index = self.get(uid)
        deleted = len(index.documents)
        index.documents.clear()
        index.touch()
        return {"deletedDocuments": deleted}

    def update_settings(self, uid: str, patch: dict) -> dict:
        """Task body of settingsUpdate (the patch was validated when it was received)."""
        index = self.ensure(uid)
        apply_patch(index.settings, patch)
        index.touch()
        return patch

    def swap(self, swaps: list[dict]) -> dict:
        """Task body of indexSwap: every pair swaps at once, or nothing does."""
        missing = [uid for swap in swaps for uid in swap["indexes"] if uid not in self.indexes]
        if missing:
            names = ", ".join(f"`{uid}`" for uid in missing)
            raise MeiliError("index_not_found", f"Indexes {names} not found." if len(missing) > 1
                             else f"Index {names} not found.", 404)
        for swap in swaps:
            first, second = swap["indexes"]
            a, b = self.indexes[first], self.indexes[second]
            self.indexes[first], self.indexes[second] = b, a
            a.uid, b.uid = second, first
            a.touch()
            b.touch()
        return {"swaps": swaps}
