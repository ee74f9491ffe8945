"""A referral's client never leaves it: not in the search index, the change feed, the Meeting Guide and HSDS feeds,
any push message, any log line, /metrics, nor anywhere in the database but the sealed token."""

import json
import logging

import pytest

from api.adapters.meili.source import all_documents
from api.models.referral import Referral
from indexer.push.worker import Notifier
from indexer.referrals import ReferralRunner
from tests import factories as f
from tests.admin.conftest import csrf_token, make_staff, signed_in_client
from tests.conftest import NOW

CLIENT = {"name": "Zephyrine", "contact": "816 555 0199", "note": "Needs a ground floor room"}
SECRETS = ("Zephyrine", "816 555 0199", "8165550199", "ground floor")


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret.lower() in text.lower()]


@pytest.fixture
def flow(admin_app, orgs, caplog):
    """A whole referral, logged at DEBUG: sent with consent, alerted, viewed by page and API, accepted holding the
    last bed, the client not arriving (the bed comes back, which followers hear of)."""
    caplog.set_level(logging.DEBUG)
    backends = admin_app.extensions["lantern"]
    house = f.service("Maple House", category="housing", org=orgs.b, capacity=[f.unit(1, 6, code="bed-women")])
    worker = make_staff("editor", orgs.a, name="Wes Worker")
    worker.can_refer = True
    worker.save()
    intake_account = make_staff("editor", orgs.b, name="Ivy Intake")
    public = admin_app.test_client()
    device = public.post("/v1/devices", json={"token": "phone-1", "platform": "android", "locale": "en"}).json
    public.post(f"/v1/devices/{device['id']}/subscriptions", json={"kind": "service", "service_id": house.id},
                headers={"Authorization": f"Bearer {device['secret']}"})
    notifier = Notifier.from_config(backends.config, backends.push)
    notifier.clock = lambda: NOW
    notifier.run_once()  # the directory as it stands is nobody's news

    client, intake = signed_in_client(admin_app, worker), signed_in_client(admin_app, intake_account)
    token = csrf_token(client, f"/admin/referrals/new?service={house.id}")
    client.post(f"/admin/referrals/new?service={house.id}", data={
        "csrf_token": token, "name": CLIENT["name"], "contact_method": "phone", "contact": CLIENT["contact"],
        "note": CLIENT["note"], "unit": "bed-women", "consent_purpose": "Referral to recovery housing",
        "consent_expires_on": "2026-12-24", "consent_given_as": "verbal", "consent_revocable": "yes",
        "consent_attested": "yes"})
    referral = Referral.objects.get()
    api_token = intake.get("/admin/api/referrals/csrf-token").json["csrf_token"]
    intake.put("/admin/api/referrals/alerts", json={"token": "staff-phone", "platform": "android"},
               headers={"X-CSRFToken": api_token})
    ReferralRunner(backends.push, 30, clock=lambda: NOW).run_once()
    assert CLIENT["name"] in intake.get(f"/admin/referrals/{referral.id}?details=1").get_data(as_text=True)
    assert intake.get(f"/admin/api/referrals/{referral.id}/client").json["name"] == CLIENT["name"]
    step_token = csrf_token(intake, f"/admin/referrals/{referral.id}")
    intake.post(f"/admin/referrals/{referral.id}/step", data={"csrf_token": step_token, "step": "accepted",
                                                              "hold_unit": house.capacity[0].id})
    notifier.run_once()
    intake.post(f"/admin/referrals/{referral.id}/step", data={"csrf_token": step_token, "step": "did_not_arrive"})
    notifier.run_once()
    return house, referral, public, backends


def test_no_public_answer_carries_the_client(flow):
    house, _referral, public, _backends = flow
    for url in ("/v1/services?q=Zephyrine", "/v1/services?lat=39.10&lng=-94.58", f"/v1/services/{house.id}",
                "/v1/changes?since=0", "/v1/meeting-guide.json", "/hsds/services?full=true&format=ndjson",
                f"/hsds/services/{house.id}", "/metrics", "/openapi.json"):
        answer = public.get(url)
        assert answer.status_code == 200, url
        assert leaks(answer.get_data(as_text=True)) == [], url
    assert public.get("/v1/services?q=Zephyrine").json["total"] == 0
    metrics = public.get("/metrics").get_data(as_text=True)
    assert 'lantern_referral_steps_total{status="accepted"}' in metrics  # counts, and only counts


def test_the_search_index_documents_carry_no_client(flow):
    documents = [document for batch in all_documents(NOW, flow[3].config.FRESHNESS_TTL_HOURS) for document in batch]
    assert documents and leaks(json.dumps(documents, default=str)) == []


def test_push_messages_carry_no_client(flow):
    recorded = [entry.message for entry in flow[3].push.recorded()]
    assert {message.token for message in recorded} == {"staff-phone", "phone-1"}  # the alert, and the bed's return
    assert leaks(repr(recorded)) == []


def test_no_log_line_carries_the_client(flow, caplog):
    records = caplog.get_records("setup")  # the flow ran in the fixture
    assert len(records) >= 3  # it did log: the console sender, the referral runner
    assert leaks("\n".join(f"{record.getMessage()} {record.args!r}" for record in records)) == []


def test_the_database_holds_the_client_only_sealed(flow):
    database = Referral._get_db()  # the app's connection (building the app connected afresh)
    dumped = {name: list(database[name].find()) for name in database.list_collection_names()}
    assert dumped["referrals"] and dumped["referral_views"]
    assert leaks(repr(dumped)) == []
