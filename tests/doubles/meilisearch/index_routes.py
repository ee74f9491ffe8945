"""Routes for the instance, keys, tasks, indexes, settings and index swaps."""

import copy

from .errors import MeiliError, bad_request, not_in_fake
from .routing import Router
from .settings import DEFAULTS, validate_patch
from .store import check_index_uid

FAKE_VERSION = "1.50.0"
router = Router()


@router("GET", "/health", None)
def health(api, request):
    """Liveness, open to everyone."""
    return 200, {"status": "available"}


@router("GET", "/version", "version")
def version(api, request):
    """The version the fake claims, in the real shape."""
    return 200, {"commitSha": "0" * 40, "commitDate": "2026-01-01T00:00:00Z", "pkgVersion": FAKE_VERSION}


@router("GET", "/keys", "keys.get")
def list_keys(api, request):
    """The default keys (needs a master key to be set)."""
    return 200, api.auth.listing(request.query)


@router("GET", "/keys/{key}", "keys.get")
def get_key(api, request):
    """One key by its value or uid."""
    return 200, api.auth.find(request.params["key"])


@router("GET", "/tasks", "tasks.get")
def list_tasks(api, request):
    """Tasks, newest first."""
    return 200, api.tasks.list(request.query)


@router("GET", "/tasks/{task}", "tasks.get")
def get_task(api, request):
    """One task, as `wait_for_task` polls it."""
    return 200, api.tasks.get(request.params["task"])


@router("GET", "/indexes", "indexes.get")
def list_indexes(api, request):
    """Indexes, by uid."""
    offset, limit = int(request.query.get("offset", 0)), int(request.query.get("limit", 20))
    with api.store.lock:
        indexes = sorted(api.store.indexes.values(), key=lambda index: index.uid)
        results = [index.describe() for index in indexes[offset : offset + limit]]
    return 200, {"results": results, "offset": offset, "limit": limit, "total": len(indexes)}


@router("POST", "/indexes", "indexes.create")
def create_index(api, request):
    """Enqueue an indexCreation."""
    body = request.json()
    if not isinstance(body, dict) or "uid" not in body:
        raise MeiliError("missing_index_uid", "Missing field `uid`")
    unknown = set(body) - {"uid", "primaryKey"}
    if unknown:
        raise bad_request(f"Unknown field `{sorted(unknown)[0]}`: expected one of `uid`, `primaryKey`")
    uid, primary_key = body["uid"], body.get("primaryKey")
    check_index_uid(uid)
    return api.enqueue("indexCreation", uid, lambda store: store.create_index(uid, primary_key))


@router("GET", "/indexes/{uid}", "indexes.get")
def get_index(api, request):
    """One index."""
    with api.store.lock:
        return 200, api.store.get(request.params["uid"]).describe()


@router("PATCH", "/indexes/{uid}", "indexes.update")
def update_index(api, request):
    """Enqueue an indexUpdate (primary key, rename)."""
    uid, body = request.params["uid"], request.json()
    if not isinstance(body, dict) or set(body) - {"uid", "primaryKey"}:
        raise bad_request("Expected an object with `primaryKey` and/or `uid`.")
    if body.get("uid") is not None:
        check_index_uid(body["uid"])
    return api.enqueue("indexUpdate", uid, lambda store: store.update_index(uid, body.get("primaryKey"),
                                                                            body.get("uid")))


@router("DELETE", "/indexes/{uid}", "indexes.delete")
def delete_index(api, request):
    """Enqueue an indexDeletion."""
    uid = request.params["uid"]
    return api.enqueue("indexDeletion", uid, lambda store: store.delete_index(uid))


@router("GET", "/indexes/{uid}/stats", "stats.get")
def index_stats(api, request):
    """Document count, field distribution and whether tasks are pending."""
    uid = request.params["uid"]
    with api.store.lock:
        documents = list(api.store.get(uid).documents.values())
    distribution = {}
    for document in documents:
        for name in document:
            distribution[name] = distribution.get(name, 0) + 1
    busy = api.tasks.list({"indexUids": uid, "statuses": "enqueued,processing", "limit": "1"})["total"] > 0
    return 200, {"numberOfDocuments": len(documents), "isIndexing": busy, "fieldDistribution": distribution}


def _update_settings(api, uid: str, patch) -> tuple[int, dict]:
    check_index_uid(uid)
    validate_patch(patch)
    return api.enqueue("settingsUpdate", uid, lambda store: store.update_settings(uid, patch), dict(patch))


def _setting_name(request) -> str:
    words = request.params["setting"].split("-")
    name = words[0] + "".join(word.title() for word in words[1:])
    if name not in DEFAULTS:
        raise MeiliError("not_found", f"Route `{request.path}` not found.", 404)
    return name


@router("GET", "/indexes/{uid}/settings", "settings.get")
def get_settings(api, request):
    """Every setting of an index."""
    with api.store.lock:
        return 200, copy.deepcopy(api.store.get(request.params["uid"]).settings)


@router("PATCH", "/indexes/{uid}/settings", "settings.update")
def update_settings(api, request):
    """Enqueue a settingsUpdate from a partial settings object."""
    return _update_settings(api, request.params["uid"], request.json())


@router("DELETE", "/indexes/{uid}/settings", "settings.update")
def reset_settings(api, request):
    """Enqueue a reset of every setting."""
    return _update_settings(api, request.params["uid"], dict.fromkeys(DEFAULTS))


@router("GET", "/indexes/{uid}/settings/{setting}", "settings.get")
def get_setting(api, request):
    """One setting, by its kebab-case route name."""
    name = _setting_name(request)
    with api.store.lock:
        return 200, copy.deepcopy(api.store.get(request.params["uid"]).settings[name])


@router("PUT", "/indexes/{uid}/settings/{setting}", "settings.update")
def put_setting(api, request):
    """Enqueue a settingsUpdate of one setting."""
    return _update_settings(api, request.params["uid"], {_setting_name(request): request.json(required=False)})


@router("PATCH", "/indexes/{uid}/settings/{setting}", "settings.update")
def patch_setting(api, request):
    """Enqueue a settingsUpdate of one object setting (merged field by field)."""
    return put_setting(api, request)


@router("DELETE", "/indexes/{uid}/settings/{setting}", "settings.update")
def reset_setting(api, request):
    """Enqueue a reset of one setting."""
    return _update_settings(api, request.params["uid"], {_setting_name(request): None})


@router("POST", "/swap-indexes", "indexes.swap")
def swap_indexes(api, request):
    """Enqueue an indexSwap, after the checks the real server makes synchronously."""
    swaps = request.json()
    if not isinstance(swaps, list) or not all(isinstance(swap, dict) for swap in swaps) or not all(
        isinstance(swap.get("indexes"), list) for swap in swaps
    ):
        raise bad_request("Invalid value type: expected an array of `{\"indexes\": [a, b]}` objects.")
    names = [uid for swap in swaps for uid in swap["indexes"]]
    if any(len(swap["indexes"]) != 2 for swap in swaps):
        raise MeiliError("invalid_swap_indexes", "Two indexes must be given for each swap. The list `[...]` "
                                                 "contains a different number of indexes.")
    if len(set(names)) != len(names):
        raise MeiliError("invalid_swap_duplicate_index_found", "Indexes must be declared only once during a swap.")
    if any(swap.get("rename") for swap in swaps):
        raise not_in_fake("swap with `rename: true`")
    return api.enqueue("indexSwap", None, lambda store: store.swap(swaps), {"swaps": swaps})
