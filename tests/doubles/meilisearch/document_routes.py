"""Routes for documents, search and multi-search."""

import json

from . import filters
from .errors import MeiliError, bad_request, not_in_fake
from .fields import pattern_matches
from .routing import Router, forbidden
from .search import parse_filter, search
from .store import check_index_uid

router = Router()


def _parse_json(text: str):
    try:
        return json.loads(text)
    except ValueError as error:
        raise MeiliError("malformed_payload", f"The ndjson payload provided is malformed. `{error}`.") from error


def _documents_payload(request) -> list[dict]:
    content_type = request.headers.get("Content-Type") or ""
    if not content_type:
        raise MeiliError("missing_content_type", "A Content-Type header is missing. Accepted values for the "
                         "Content-Type header are: `application/json`, `application/x-ndjson`", 415)
    if content_type.startswith("application/x-ndjson"):
        lines = [line for line in request.body.decode().splitlines() if line.strip()]
        payload = [_parse_json(line) for line in lines]
    elif content_type.startswith("application/json"):
        payload = request.json()
    else:
        raise MeiliError("invalid_content_type", f"The Content-Type `{content_type}` is invalid. Accepted values "
                         "for the Content-Type header are: `application/json`, `application/x-ndjson`", 415)
    payload = [payload] if isinstance(payload, dict) else payload
    if not isinstance(payload, list) or not all(isinstance(document, dict) for document in payload):
        raise MeiliError("malformed_payload", "The json payload provided is malformed. `expected a document, or a "
                                              "sequence of documents`.")
    return payload


def _add_documents(api, request, merge: bool):
    uid = request.params["uid"]
    check_index_uid(uid)
    documents, primary_key = _documents_payload(request), request.query.get("primaryKey")
    details = {"receivedDocuments": len(documents), "indexedDocuments": None}
    return api.enqueue("documentAdditionOrUpdate", uid,
                       lambda store: store.add_documents(uid, documents, primary_key, merge), details)


@router("POST", "/indexes/{uid}/documents", "documents.add")
def add_or_replace_documents(api, request):
    """Enqueue an addition that replaces whole documents."""
    return _add_documents(api, request, merge=False)


@router("PUT", "/indexes/{uid}/documents", "documents.add")
def add_or_update_documents(api, request):
    """Enqueue an addition that merges into existing documents."""
    return _add_documents(api, request, merge=True)


def _fetch(api, uid: str, options: dict) -> tuple[int, dict]:
    offset, limit = int(options.get("offset") or 0), int(options.get("limit") or 20)
    fields = options.get("fields") or ["*"]
    fields = fields.split(",") if isinstance(fields, str) else fields
    with api.store.lock:
        index = api.store.get(uid)
        node = parse_filter(options.get("filter"), index.settings["filterableAttributes"], "invalid_document_filter")
        selected = [doc for doc in index.documents.values() if node is None or filters.matches(node, doc)]
    results = [{k: v for k, v in doc.items() if any(pattern_matches(f, k) for f in fields)}
               for doc in selected[offset : offset + limit]]
    return 200, {"results": results, "offset": offset, "limit": limit, "total": len(selected)}


@router("GET", "/indexes/{uid}/documents", "documents.get")
def list_documents(api, request):
    """Documents, paged, optionally filtered (query string)."""
    return _fetch(api, request.params["uid"], request.query)


@router("POST", "/indexes/{uid}/documents/fetch", "documents.get")
def fetch_documents(api, request):
    """Documents, paged, optionally filtered (JSON body; what `get_documents` uses)."""
    return _fetch(api, request.params["uid"], request.json(required=False) or {})


@router("GET", "/indexes/{uid}/documents/{doc}", "documents.get")
def get_document(api, request):
    """One document, or document_not_found."""
    doc_id, fields = request.params["doc"], (request.query.get("fields") or "*").split(",")
    with api.store.lock:
        document = api.store.get(request.params["uid"]).documents.get(doc_id)
    if document is None:
        raise MeiliError("document_not_found", f"Document `{doc_id}` not found.", 404)
    return 200, {k: v for k, v in document.items() if any(pattern_matches(f, k) for f in fields)}


@router("DELETE", "/indexes/{uid}/documents/{doc}", "documents.delete")
def delete_document(api, request):
    """Enqueue the deletion of one document."""
    uid, doc_id = request.params["uid"], request.params["doc"]
    return api.enqueue("documentDeletion", uid, lambda store: store.delete_documents(uid, [doc_id]),
                       {"providedIds": 1, "deletedDocuments": None})


@router("POST", "/indexes/{uid}/documents/delete-batch", "documents.delete")
def delete_documents(api, request):
    """Enqueue the deletion of documents by id."""
    uid, ids = request.params["uid"], request.json()
    if not isinstance(ids, list) or not all(isinstance(i, (str, int)) for i in ids):
        raise bad_request("Invalid value type: expected an array of document ids.")
    return api.enqueue("documentDeletion", uid, lambda store: store.delete_documents(uid, ids),
                       {"providedIds": len(ids), "deletedDocuments": None})


@router("POST", "/indexes/{uid}/documents/delete", "documents.delete")
def delete_by_filter(api, request):
    """Enqueue the deletion of the documents a filter matches."""
    uid, body = request.params["uid"], request.json()
    expression = body.get("filter") if isinstance(body, dict) else None
    if expression in (None, "", []):
        raise MeiliError("missing_document_filter", "Missing field `filter`")
    try:
        filters.parse(expression)  # syntax is checked now; filterability when the task runs, as the real server does
    except filters.FilterError as error:
        raise MeiliError("invalid_document_filter", str(error)) from error
    return api.enqueue("documentDeletion", uid, lambda store: store.delete_by_filter(uid, expression),
                       {"providedIds": 0, "deletedDocuments": None, "originalFilter": json.dumps(expression)})


@router("DELETE", "/indexes/{uid}/documents", "documents.delete")
def delete_all_documents(api, request):
    """Enqueue the deletion of every document."""
    uid = request.params["uid"]
    return api.enqueue("documentDeletion", uid, lambda store: store.clear(uid), {"deletedDocuments": None})


@router("POST", "/indexes/{uid}/search", "search")
def search_index(api, request):
    """Search one index."""
    uid, body = request.params["uid"], request.json(required=False) or {}
    with api.store.lock:
        return 200, search(api.store.get(uid), body, request.grant.tenant_filter(uid))


@router("POST", "/multi-search", "search")
def multi_search(api, request):
    """Several searches in one request (not federated)."""
    body = request.json()
    if not isinstance(body, dict) or not isinstance(body.get("queries"), list):
        raise bad_request("Missing field `queries`")
    if body.get("federation") is not None:
        raise not_in_fake("federated multi-search")
    results = []
    for position, query in enumerate(body["queries"]):
        try:
            query = dict(query)
            uid = query.pop("indexUid", None)
            if uid is None:
                raise bad_request("Missing field `indexUid`")
            if not request.grant.allows("search", uid):
                raise forbidden()
            query.pop("federationOptions", None)
            with api.store.lock:
                results.append({"indexUid": uid, **search(api.store.get(uid), query, request.grant.tenant_filter(uid))})
        except MeiliError as error:
            error.message = f"Inside `.queries[{position}]`: {error.message}"
            raise
    return 200, {"results": results}


