"""Several independent "full" reports make a listing's counts unconfirmed (not zero) until its partner confirms."""

from datetime import timedelta
from itertools import count

import pytest

from api import create_app
from api.adapters.meili.source import documents_for
from api.models import Service
from api.models.audit import AuditEntry
from api.services import quick_update
from api.services.editing import Actor, save_edit
from tests import factories as f
from tests.conftest import NOW, make_config, skip_snapshot_on_a_real_database

PARTNER = Actor("staff-1", "Rosa Partner")
_people = count(1)  # each report from an address of its own, as from different people


class Clock:
    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now

    def later(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture(params=["snapshot", "mongodb"])
def client(storage, clock, request):
    skip_snapshot_on_a_real_database(request.param)
    app = create_app(make_config(SEARCH_BACKEND=request.param, RATE_LIMIT_REPORTS="100 per minute"))
    app.extensions["lantern"].clock = clock
    return app.test_client()


def house():
    return f.service("Maple House", category="housing", capacity=[f.unit(2, 6, hours_ago=2)])


def someone() -> dict:
    return {"REMOTE_ADDR": f"198.51.100.{next(_people) % 250 + 1}"}


def reported_full(client, clock, listing, times=3, apart_minutes=15, kind="full"):
    for _ in range(times):
        answer = client.post(f"/v1/services/{listing.id}/reports", json={"kind": kind}, environ_base=someone())
        assert answer.status_code in (200, 201), answer.json
        clock.later(minutes=apart_minutes)


def availability(client, listing, **headers):
    return client.get(f"/v1/services/{listing.id}", headers=headers).json["availability"]


def with_room(client):
    found = client.get("/v1/services", query_string={"lat": 39.10, "lng": -94.58, "accepting": "true"}).json
    return [item["id"] for item in found["items"]]


def test_three_spaced_reports_make_the_count_unconfirmed_not_zero(client, clock):
    listing = house()
    assert availability(client, listing)["state"] == "available" and with_room(client) == [listing.id]

    reported_full(client, clock, listing)

    shown = availability(client, listing)
    assert shown["state"] == "unconfirmed" and shown["reported"] == "full" and not shown["accepting"]
    assert shown["summary"] == "People report it may be full"
    assert shown["units"][0]["available"] == 2  # the partner's count is kept, only no longer vouched for
    assert with_room(client) == []
    [entry] = AuditEntry.objects(object_id=listing.id)
    assert entry.actor_name == "People's reports" and "capacity_doubt" in entry.changes


def test_the_listing_says_so_in_the_readers_language(client, clock):
    listing = house()
    reported_full(client, clock, listing)
    assert availability(client, listing, **{"Accept-Language": "es"})["summary"] == (
        "Hay quien informa de que puede estar lleno")


def test_closed_reports_count_too_and_say_closed(client, clock):
    listing = house()
    reported_full(client, clock, listing, kind="closed")
    assert availability(client, listing)["summary"] == "People report it may be closed"


def test_reports_in_a_burst_count_once(client, clock):
    listing = house()
    reported_full(client, clock, listing, times=5, apart_minutes=1)
    assert availability(client, listing)["state"] == "available"
    assert Service.objects.get(id=listing.id).capacity_doubt is None


def test_reports_spread_past_the_window_do_not_add_up(client, clock):
    listing = house()
    reported_full(client, clock, listing, times=3, apart_minutes=4 * 60)  # 0 h, 4 h, 8 h: two in any 6 hours
    assert availability(client, listing)["state"] == "available"


@pytest.mark.parametrize("confirmation", [
    lambda who, now: quick_update.still_accurate(who, now),
    lambda who, now: quick_update.adjust(Service.objects.first().capacity[0].id, -1, who, now),
], ids=["still accurate", "a count change"])
def test_the_partners_confirmation_clears_it_and_earlier_reports_stay_answered(client, clock, confirmation):
    listing = house()
    reported_full(client, clock, listing)
    current = Service.objects.get(id=listing.id)

    save_edit(listing.id, current.version, confirmation(PARTNER.name, clock.now.replace(tzinfo=None)), PARTNER)
    clock.later(minutes=5)

    shown = availability(client, listing)
    assert shown["state"] == "available" and shown["reported"] is None
    assert with_room(client) == [listing.id]
    reported_full(client, clock, listing, times=1)  # one more: the three before the confirmation do not count
    assert availability(client, listing)["state"] == "available"
    reported_full(client, clock, listing, times=2)
    assert availability(client, listing)["reported"] == "full"


def test_the_search_index_stops_counting_its_free_places_too(client, clock):
    listing = house()
    ttl = client.application.config["FRESHNESS_TTL_HOURS"]
    [before] = documents_for([listing.id], clock.now, ttl)
    reported_full(client, clock, listing)
    [after] = documents_for([listing.id], clock.now, ttl)
    assert before["vacancy_fresh_until"] > clock.now.timestamp() and after["vacancy_fresh_until"] == 0


@pytest.mark.parametrize("kind", ["full", "closed"])
def test_one_address_adds_one_arrival_per_listing_in_a_window(client, clock, kind):
    listing, neighbour = house(), house()
    me = {"REMOTE_ADDR": "203.0.113.7"}
    first = client.post(f"/v1/services/{listing.id}/reports", json={"kind": kind}, environ_base=me)
    answers = []
    for _ in range(3):  # spaced as three people would be, all within the one address's window
        clock.later(minutes=15)
        answers.append(client.post(f"/v1/services/{listing.id}/reports", json={"kind": kind}, environ_base=me))

    assert first.status_code == 201 and [answer.status_code for answer in answers] == [429] * 3
    hours = client.application.config["REPORT_DOUBT_WINDOW_HOURS"]
    assert hours * 3600 - 60 <= int(answers[0].headers["Retry-After"]) <= hours * 3600 + 1
    assert availability(client, listing)["state"] == "available"
    assert set(with_room(client)) == {listing.id, neighbour.id}
    assert client.post(f"/v1/services/{neighbour.id}/reports", json={"kind": kind}, environ_base=me).status_code == 201
    other = client.post(f"/v1/services/{listing.id}/reports", json={"kind": "other", "note": "No one answers"},
                        environ_base=me)
    assert other.status_code == 201  # other kinds change nothing by themselves: the usual budget alone


def test_a_refused_report_does_not_use_the_addresss_one_report(client, clock):
    meeting = f.meeting("Tuesday Group")  # counts no places: "full" is refused
    me = {"REMOTE_ADDR": "203.0.113.8"}
    refused = client.post(f"/v1/services/{meeting.id}/reports", json={"kind": "full"}, environ_base=me)
    assert refused.status_code == 422
    assert client.post(f"/v1/services/{meeting.id}/reports", json={"kind": "closed"}, environ_base=me
                       ).status_code == 201


def test_the_form_and_the_api_share_the_addresss_one_report(client, clock):
    listing = house()
    me = {"REMOTE_ADDR": "203.0.113.9"}
    assert client.post(f"/v1/services/{listing.id}/reports/form", data={"kind": "full"}, environ_base=me
                       ).status_code == 201
    clock.later(minutes=30)
    assert client.post(f"/v1/services/{listing.id}/reports", json={"kind": "full"}, environ_base=me
                       ).status_code == 429
