"""The fake Meilisearch through the real client: tasks, indexes, settings, documents, auth, multi-search, swaps, faults.

Search semantics are in test_fake_meilisearch_search.py; fixtures (and the real-server switch, MEILI_URL) in conftest.
"""

import meilisearch
import pytest
import requests
from meilisearch.errors import MeilisearchApiError, MeilisearchCommunicationError, MeilisearchTimeoutError

from tests.doubles.meili_helpers import unique_uid, wait

MEETINGS = [
    {"id": "m1", "name": "Downtown AA Meeting", "kind": "meeting", "fee": 0},
    {"id": "m2", "name": "Northside NA Group", "kind": "meeting", "fee": 0},
    {"id": "c1", "name": "Eastside Recovery Clinic", "kind": "clinic", "fee": 40},
]


def api_error(call, *args, **kwargs) -> MeilisearchApiError:
    with pytest.raises(MeilisearchApiError) as caught:
        call(*args, **kwargs)
    return caught.value


def test_health_and_version(meili_client):
    assert meili_client.health() == {"status": "available"}
    assert meili_client.is_healthy()
    assert meili_client.get_version()["pkgVersion"]


def test_index_and_settings_writes_are_tasks_that_succeed(make_index, meili_client):
    uid = unique_uid()
    info = meili_client.create_index(uid, {"primaryKey": "id"})
    assert (info.status, info.type, info.index_uid) == ("enqueued", "indexCreation", uid)
    try:
        created = wait(meili_client, info)
        assert created.status == "succeeded" and created.finished_at >= created.started_at >= created.enqueued_at
        assert created.duration.startswith("PT")
        index = meili_client.index(uid)
        for task in (
            index.update_settings({"rankingRules": ["words", "typo", "sort", "exactness"], "stopWords": ["the"]}),
            index.update_filterable_attributes(["kind", "fee"]),
            index.update_sortable_attributes(["fee"]),
            index.update_searchable_attributes(["name"]),
            index.update_synonyms({"na": ["narcotics anonymous"]}),
            index.update_pagination_settings({"maxTotalHits": 50}),
            index.update_faceting_settings({"maxValuesPerFacet": 10}),
            index.update_typo_tolerance({"minWordSizeForTypos": {"oneTypo": 4}}),
        ):
            assert wait(meili_client, task).status == "succeeded"
        settings = index.get_settings()
        assert settings["filterableAttributes"] == ["kind", "fee"] and settings["sortableAttributes"] == ["fee"]
        assert settings["searchableAttributes"] == ["name"] and settings["pagination"] == {"maxTotalHits": 50}
        assert settings["synonyms"] == {"na": ["narcotics anonymous"]}
        assert settings["rankingRules"] == ["words", "typo", "sort", "exactness"]
        assert settings["typoTolerance"]["minWordSizeForTypos"] == {"oneTypo": 4, "twoTypos": 9}
        assert meili_client.get_index(uid).primary_key == "id"
        assert uid in [i["uid"] for i in meili_client.get_raw_indexes({"limit": 1000})["results"]]
    finally:
        assert wait(meili_client, meili_client.delete_index(uid)).status == "succeeded"
    assert api_error(meili_client.get_index, uid).code == "index_not_found"


def test_creating_an_existing_index_fails_as_a_task(make_index, meili_client):
    index = make_index()
    task = wait(meili_client, meili_client.create_index(index.uid))
    assert (task.status, task.error["code"]) == ("failed", "index_already_exists")


def test_bad_documents_fail_the_task_not_the_request(make_index, meili_client):
    index = make_index(MEETINGS)
    for documents, code in (
        ([{"id": "has space", "name": "x"}], "invalid_document_id"),
        ([{"id": 1.5, "name": "x"}], "invalid_document_id"),
        ([{"name": "no id at all"}], "missing_document_id"),
        ([{"id": "geo", "_geo": {"lat": "north"}}], "invalid_document_geo_field"),
    ):
        info = index.add_documents(documents)
        assert info.status == "enqueued"
        task = wait(meili_client, info)
        assert (task.status, task.error["code"]) == ("failed", code), documents
        assert set(task.error) == {"message", "code", "type", "link"}
    assert index.get_documents().total == len(MEETINGS)  # a failed batch changes nothing
    fresh = meili_client.index(unique_uid())
    task = wait(meili_client, fresh.add_documents([{"name": "nothing ends in i-d"}]))
    assert task.error["code"] == "index_primary_key_no_candidate_found"


def test_adding_documents_creates_the_index_and_infers_the_primary_key(meili_client):
    fresh = meili_client.index(unique_uid())
    try:
        task = wait(meili_client, fresh.add_documents([{"service_id": 7, "name": "Hotline"}]))
        assert task.status == "succeeded" and task.details["indexedDocuments"] == 1
        assert fresh.get_primary_key() == "service_id"
        assert fresh.get_document(7).name == "Hotline"
    finally:
        meili_client.delete_index(fresh.uid)


def test_documents_replace_update_and_delete(make_index, meili_client):
    index = make_index(MEETINGS, filterableAttributes=["kind"])
    assert wait(meili_client, index.add_documents([{"id": "m1", "name": "Renamed"}])).status == "succeeded"
    assert dict(index.get_document("m1")) == {"id": "m1", "name": "Renamed"}  # POST replaces
    assert wait(meili_client, index.update_documents([{"id": "m2", "fee": 3}])).status == "succeeded"
    assert dict(index.get_document("m2")) == {**MEETINGS[1], "fee": 3}  # PUT merges
    assert index.get_documents({"filter": "kind = clinic"}).results[0].id == "c1"
    assert wait(meili_client, index.delete_document("m1")).status == "succeeded"
    missing = api_error(index.get_document, "m1")
    assert (missing.status_code, missing.code) == (404, "document_not_found")
    with pytest.warns(DeprecationWarning):
        task = index.delete_documents(["m2"])
    assert wait(meili_client, task).details["deletedDocuments"] == 1
    assert wait(meili_client, index.delete_all_documents()).status == "succeeded"
    assert index.get_documents().total == 0


def test_delete_by_filter(make_index, meili_client):
    index = make_index(MEETINGS, filterableAttributes=["kind"])
    task = wait(meili_client, index.delete_documents(filter="kind = meeting"))
    assert (task.status, task.details["deletedDocuments"]) == ("succeeded", 2)
    assert [doc.id for doc in index.get_documents().results] == ["c1"]
    bad = api_error(index.delete_documents, filter="kind = meeting and fee = 0")
    assert (bad.status_code, bad.code) == (400, "invalid_document_filter")


def test_search_on_a_missing_index_is_a_404(meili_client):
    error = api_error(meili_client.index(unique_uid()).search, "aa")
    assert (error.status_code, error.code, error.type) == (404, "index_not_found", "invalid_request")


def test_multi_search(make_index, meili_client):
    meetings, clinics = make_index(MEETINGS[:2]), make_index(MEETINGS[2:])
    reply = meili_client.multi_search([{"indexUid": meetings.uid, "q": "north"}, {"indexUid": clinics.uid, "q": ""}])
    assert [r["indexUid"] for r in reply["results"]] == [meetings.uid, clinics.uid]
    assert [h["id"] for h in reply["results"][0]["hits"]] == ["m2"]
    assert reply["results"][1]["estimatedTotalHits"] == 1
    error = api_error(meili_client.multi_search, [{"indexUid": meetings.uid}, {"indexUid": unique_uid()}])
    assert error.code == "index_not_found" and "queries[1]" in error.message


def test_swap_indexes(make_index, meili_client):
    live, fresh = make_index(MEETINGS[:1]), make_index(MEETINGS[1:])
    task = wait(meili_client, meili_client.swap_indexes([{"indexes": [live.uid, fresh.uid]}]))
    assert (task.status, task.type) == ("succeeded", "indexSwap")
    assert [doc.id for doc in live.get_documents().results] == ["m2", "c1"]
    assert [doc.id for doc in fresh.get_documents().results] == ["m1"]
    failed = wait(meili_client, meili_client.swap_indexes([{"indexes": [live.uid, unique_uid()]}]))
    assert (failed.status, failed.error["code"]) == ("failed", "index_not_found")


def test_task_list_is_newest_first(make_index, meili_client):
    index = make_index(MEETINGS)
    tasks = meili_client.get_tasks({"indexUids": [index.uid], "limit": 10})
    assert [t.type for t in tasks.results] == ["documentAdditionOrUpdate", "indexCreation"]
    assert tasks.results[0].uid > tasks.results[1].uid and tasks.total == 2


def _default_key(client, action: str):
    keys = client.get_keys({"limit": 100}).results
    return next(key for key in keys if key.actions == [action] and key.indexes == ["*"])


def test_search_key_can_search_but_not_write(make_index, meili_client, meili):
    if meili_client.config.api_key is None:
        pytest.skip("the real server runs without a master key (set MEILI_MASTER_KEY)")
    index = make_index(MEETINGS, filterableAttributes=["kind"])
    search_key = _default_key(meili_client, "search")
    searcher = meilisearch.Client(meili_client.config.url, search_key.key)
    assert searcher.index(index.uid).search("clinic")["hits"][0]["id"] == "c1"
    refused = api_error(searcher.index(index.uid).add_documents, [{"id": "x"}])
    assert (refused.status_code, refused.code, refused.type) == (403, "invalid_api_key", "auth")
    assert api_error(searcher.get_keys).status_code == 403
    token = meili_client.generate_tenant_token(search_key.uid, {index.uid: {"filter": "kind = meeting"}},
                                               api_key=search_key.key)
    tenant = meilisearch.Client(meili_client.config.url, token).index(index.uid)
    assert {hit["id"] for hit in tenant.search("")["hits"]} == {"m1", "m2"}


def test_requests_without_a_valid_key_are_refused(meili_client):
    if meili_client.config.api_key is None:
        pytest.skip("the real server runs without a master key (set MEILI_MASTER_KEY)")
    url = meili_client.config.url
    missing = requests.get(f"{url}/indexes", timeout=5)  # raw: a keyless Client still sends `Bearer None`
    assert (missing.status_code, missing.json()["code"]) == (401, "missing_authorization_header")
    for key in ("not-a-key", None):
        wrong = api_error(meilisearch.Client(url, key).get_indexes)
        assert (wrong.status_code, wrong.code) == (403, "invalid_api_key")
    assert meilisearch.Client(url).health() == {"status": "available"}  # /health needs no key


def test_fake_exposes_its_default_keys(meili_client, controls):
    listed = {key.name: key.key for key in meili_client.get_keys().results}
    assert listed == {"Default Search API Key": controls.search_key, "Default Admin API Key": controls.admin_key}


def test_paused_tasks_stay_enqueued_and_run_in_order(make_index, meili_client, controls):
    index = make_index(MEETINGS[:1])
    controls.pause()
    first = index.add_documents([{"id": "late", "name": "Late Meeting"}])
    second = index.delete_document("late")
    assert meili_client.get_task(first.task_uid).status == "enqueued"
    assert index.search("late")["hits"] == []
    assert index.get_stats().is_indexing
    controls.resume()
    done = [wait(meili_client, first), wait(meili_client, second)]
    assert [t.status for t in done] == ["succeeded", "succeeded"] and done[0].finished_at <= done[1].started_at
    assert index.search("late")["hits"] == []


def test_server_down_answers_503_or_refuses_connections(make_index, meili_client, controls):
    index = make_index(MEETINGS)
    controls.set_down(True)
    assert api_error(index.search, "aa").status_code == 503
    assert not meili_client.is_healthy()
    controls.set_down(True, refuse=True)
    with pytest.raises(MeilisearchCommunicationError):
        index.search("aa")
    controls.set_down(False)
    assert index.search("clinic")["hits"][0]["id"] == "c1"  # same port, same data


def test_slow_server_times_out_the_client(meili_client, controls):
    controls.set_latency(0.3)
    with pytest.raises(MeilisearchTimeoutError):
        meilisearch.Client(meili_client.config.url, meili_client.config.api_key, timeout=0.05).health()


def test_reset_forgets_indexes_and_tasks(make_index, meili_client, controls):
    index = make_index(MEETINGS)
    controls.reset()
    assert api_error(index.search, "").code == "index_not_found"
    assert meili_client.get_tasks().total == 0
