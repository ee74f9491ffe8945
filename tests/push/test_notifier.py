"""Notifications end to end: an edit, the notifier's pass, and what the fake FCM received through the real SDK."""

import json
from datetime import date

import pytest

from api.models import checkpoint
from api.models.device import Device
from api.models.push import PendingPush, SentPush
from api.models.schedule import ScheduleException
from api.models.translations import ServiceTexts
from tests import factories as f

LOCK_SCREEN_WORDS = ("addiction", "detox", "recovery", "sober", "rehab", "treatment", "alcohol", "drug", "opioid",
                     "adicción", "desintoxicación", "recuperación", "sobrio", "droga")


def full_house(name="Hope House"):
    return f.service(name, category="housing", capacity=[f.unit(0, 6, hours_ago=2)])


def open_a_bed(service, available=1):
    service.capacity = [f.unit(available, 6, hours_ago=0)]
    service.save()


def notifications(fake, token):
    return [delivery.message for delivery in fake.delivered_to(token)]


def test_a_follower_hears_once_and_discreetly_when_a_bed_opens_and_never_for_a_typo(world, fake_fcm):
    house = full_house()
    world.start()
    device = world.device("phone-1")
    world.subscribe(device, kind="service", service_id=house.id)

    open_a_bed(house)
    world.run()
    house.description = "Fixed a typo"
    house.save()
    world.later(minutes=30).run()

    [message] = notifications(fake_fcm, "phone-1")
    title, body = message["notification"]["title"], message["notification"]["body"]
    assert message["data"]["service_id"] == house.id and message["data"]["news"] == "vacancy_opened"
    assert "Hope House" not in title + body
    assert not any(word in (title + body).lower() for word in LOCK_SCREEN_WORDS)
    assert message["android"]["collapse_key"] == message["apns"]["headers"]["apns-collapse-id"]
    assert message["android"]["priority"] == "high" and message["android"]["ttl"] == "3600s"


def test_a_dead_token_is_forgotten_after_the_first_failure(world, fake_fcm):
    house = full_house()
    world.start()
    device = world.device("gone-phone")
    world.subscribe(device, kind="service", service_id=house.id)
    fake_fcm.unregister("gone-phone")

    open_a_bed(house)
    world.run()

    assert Device.objects(id=device[0]).count() == 0
    assert world.client.get(f"/v1/devices/{device[0]}", headers=device[1]).status_code == 404
    assert PendingPush.objects(device=device[0]).count() == 0


def test_quota_and_outage_are_retried_after_retry_after_and_delivered_once(world, fake_fcm):
    house = full_house()
    world.start()
    world.subscribe(world.device("busy-phone"), kind="service", service_id=house.id)
    fake_fcm.fail_next(1, status=429, retry_after=30)

    open_a_bed(house)
    world.run()
    assert notifications(fake_fcm, "busy-phone") == []
    world.later(seconds=10).run()
    assert notifications(fake_fcm, "busy-phone") == []  # Retry-After is the floor
    fake_fcm.fail_next(1, status=503)
    world.later(seconds=25).run()  # the 503 is not retried inside the SDK: it goes back in the queue
    assert notifications(fake_fcm, "busy-phone") == []
    world.later(minutes=15).run()
    world.later(minutes=15).run()

    assert len(notifications(fake_fcm, "busy-phone")) == 1
    assert [attempt.status for attempt in fake_fcm.attempts] == [429, 503, 200]


def test_news_within_the_window_waits_and_merges_and_latest_state_wins(world, fake_fcm):
    house = full_house()
    world.start()
    world.subscribe(world.device("phone-2"), kind="service", service_id=house.id)
    open_a_bed(house)
    world.run()

    house.capacity = [f.unit(0, 6, hours_ago=0)]  # taken
    house.save()
    world.later(minutes=1).run()
    open_a_bed(house)  # free again: news, but inside the window
    world.later(minutes=2).run()
    house.status = "temporarily_closed"
    house.save()
    world.later(minutes=3).run()
    assert len(notifications(fake_fcm, "phone-2")) == 1

    world.later(minutes=10).run()
    first, second = notifications(fake_fcm, "phone-2")
    assert second["data"]["news"] == "temporarily_closed"  # the free bed of a closed house is no news


def test_a_device_hears_at_most_its_hourly_limit_and_the_rest_later(world, fake_fcm):
    houses = [full_house(f"House {n}") for n in range(3)]
    world.restart(hourly_max=2).start()
    device = world.device("phone-8")
    for house in houses:
        world.subscribe(device, kind="service", service_id=house.id)

    for house in houses:
        open_a_bed(house)
    world.run()
    assert len(notifications(fake_fcm, "phone-8")) == 2
    world.later(minutes=30).run()
    assert len(notifications(fake_fcm, "phone-8")) == 2
    world.later(minutes=31).run()  # an hour after the first two
    assert len(notifications(fake_fcm, "phone-8")) == 3


def test_spanish_text_and_a_cancelled_meeting_named_only_when_discretion_is_off(world, fake_fcm):
    meeting = f.meeting("Grupo Esperanza", day="TH")
    world.start()
    world.subscribe(world.device("es-phone", locale="es-MX", discreet=False), kind="service", service_id=meeting.id)

    meeting.exceptions = [ScheduleException(date=date(2026, 11, 26), closed=True, reason="Día feriado")]
    meeting.save()
    world.run()

    [message] = notifications(fake_fcm, "es-phone")
    assert message["notification"]["title"] == "Cancelada"
    assert message["notification"]["body"] == "Grupo Esperanza se cancela el jueves, 26 de noviembre."
    assert message["data"]["date"] == "2026-11-26"


def test_a_device_reading_spanish_gets_the_name_its_partner_gave_in_spanish(world, fake_fcm):
    house = f.service("Hope House", category="housing", capacity=[f.unit(0, 6, hours_ago=2)],
                      translations={"es": ServiceTexts(name="Casa Esperanza")})
    world.start()
    for token, locale in (("es-phone", "es-MX"), ("en-phone", "en-US")):
        world.subscribe(world.device(token, locale=locale, discreet=False), kind="service", service_id=house.id)

    open_a_bed(house)
    world.run()

    [spanish] = notifications(fake_fcm, "es-phone")
    [english] = notifications(fake_fcm, "en-phone")
    assert "Casa Esperanza" in spanish["notification"]["body"] and "Hope House" not in spanish["notification"]["body"]
    assert "Hope House" in english["notification"]["body"]


def test_an_area_subscription_hears_of_nearby_matching_vacancies_only(world, fake_fcm):
    near = f.location(lat=39.10, lng=-94.58)
    far = f.location(lat=39.10, lng=-94.20)  # ~33 km east
    women = f.service("Women near", category="housing", places=[near], capacity=[f.unit(0, 6)],
                      eligibility={"genders": ["women"]})
    men = f.service("Men near", category="housing", places=[near], capacity=[f.unit(0, 6)],
                    eligibility={"genders": ["men"]})
    distant = f.service("Women far", category="housing", places=[far], capacity=[f.unit(0, 6)],
                        eligibility={"genders": ["women"]})
    world.start()
    world.subscribe(world.device("area-phone"), kind="area", category="housing", gender="women", accepting=True,
                    lat=39.11, lng=-94.57, radius_km=10)

    for house in (women, men, distant):
        open_a_bed(house)
    world.run()

    [message] = notifications(fake_fcm, "area-phone")
    assert message["data"]["service_id"] == women.id


def test_a_new_meeting_nearby_and_one_moving_online(world, fake_fcm):
    place = f.location(lat=39.10, lng=-94.58)
    existing = f.meeting("Old group", types=("W", "O"), places=[place])
    world.start()
    world.subscribe(world.device("meet-phone"), kind="meetings", types=["W"], lat=39.10, lng=-94.58, radius_km=5)

    f.meeting("New women's group", types=("W", "C"), places=[place])
    f.meeting("Men's group", types=("M",), places=[place])
    existing.meeting.attendance = "hybrid"
    existing.meeting.conference_url = "https://meet.example/j/2"
    existing.save()
    world.run()

    news = sorted(message["data"]["news"] for message in notifications(fake_fcm, "meet-phone"))
    assert news == ["meeting_online", "new_service"]


def test_a_restart_never_sends_twice(world, fake_fcm):
    house = full_house()
    world.start()
    world.subscribe(world.device("phone-3"), kind="service", service_id=house.id)
    open_a_bed(house)
    world.run()

    checkpoint.save("push", 0)  # a crash before the checkpoint moved: every change is replayed
    world.restart().later(hours=2).run()

    assert len(notifications(fake_fcm, "phone-3")) == 1


class Crash(BaseException):
    """The process dying mid-send (not an error the notifier could catch)."""


class CrashingSender:
    name = "crashing"

    def send(self, messages):
        raise Crash


def test_a_crash_while_sending_counts_as_sent(world, fake_fcm):
    house = full_house()
    world.start()
    device = world.device("phone-4")
    world.subscribe(device, kind="service", service_id=house.id)
    open_a_bed(house)
    with pytest.raises(Crash):
        world.restart(CrashingSender()).run()
    assert PendingPush.objects(state="sending").count() == 1

    world.restart().later(minutes=1).run()  # FCM may have it: at most once, never twice

    assert notifications(fake_fcm, "phone-4") == [] and PendingPush.objects.count() == 0
    assert SentPush.objects(device=device[0]).count() == 1


class BrokenSender:
    name = "broken"

    def send(self, messages):
        raise RuntimeError("credential refresh failed")


def test_a_sender_that_fails_as_a_whole_is_retried_not_lost(world, fake_fcm):
    house = full_house()
    world.start()
    world.subscribe(world.device("phone-11"), kind="service", service_id=house.id)
    open_a_bed(house)
    world.restart(BrokenSender()).run()
    assert PendingPush.objects(state="queued").count() == 1

    world.restart().later(minutes=15).run()

    assert len(notifications(fake_fcm, "phone-11")) == 1


def test_auth_errors_are_counted_not_retried(world, fake_fcm):
    from prometheus_client import REGISTRY
    house = full_house()
    world.start()
    world.subscribe(world.device("phone-5"), kind="service", service_id=house.id)
    before = REGISTRY.get_sample_value("lantern_push_auth_errors_total") or 0
    fake_fcm.reject_auth(True)

    open_a_bed(house)
    world.run()
    fake_fcm.reject_auth(False)
    world.later(hours=1).run()

    assert REGISTRY.get_sample_value("lantern_push_auth_errors_total") == before + 1
    assert notifications(fake_fcm, "phone-5") == [] and PendingPush.objects.count() == 0


def test_a_long_name_stays_within_the_payload_limit(world, fake_fcm):
    house = full_house("A" * 200)
    world.start()
    world.subscribe(world.device("phone-6", discreet=False), kind="service", service_id=house.id)
    open_a_bed(house)
    world.run()

    [message] = notifications(fake_fcm, "phone-6")
    assert len(json.dumps(message).encode()) < 4096 and message["notification"]["body"].startswith("A" * 79 + "…")


def test_closing_for_good_and_stale_devices(world, fake_fcm):
    house = full_house()
    world.start()
    world.subscribe(world.device("phone-7"), kind="service", service_id=house.id)
    house.delete()
    world.run()
    assert [m["data"]["news"] for m in notifications(fake_fcm, "phone-7")] == ["closed_for_good"]

    world.later(days=61, hours=2).run()
    assert Device.objects.count() == 0


def test_cosmetic_hours_and_closures_of_non_meetings_are_no_news(world, fake_fcm):
    from api.models.schedule import Schedule
    clinic = f.service("Clinic", category="clinical", schedules=[Schedule(byday=["MO", "WE"], opens_at="09:00",
                                                                          closes_at="17:00")])
    meeting = f.meeting("Group", schedules=[Schedule(byday=["MO", "WE"], opens_at="19:00", closes_at="20:00")])
    world.start()
    device = world.device("phone-9")
    for listing in (clinic, meeting):
        world.subscribe(device, kind="service", service_id=listing.id)

    clinic.exceptions = [ScheduleException(date=date(2026, 12, 25), closed=True, reason="Holiday")]
    clinic.save()
    meeting.schedules = [Schedule(byday=["WE", "MO"], opens_at="19:00", closes_at="20:00")]
    meeting.save()
    world.run()

    assert notifications(fake_fcm, "phone-9") == []


def test_confirming_a_lapsed_count_again_is_no_news(world, fake_fcm):
    house = f.service("Lapsed", category="housing", capacity=[f.unit(2, 6, hours_ago=24 * 30)])
    world.start()
    world.subscribe(world.device("phone-10"), kind="service", service_id=house.id)

    house.capacity = [f.unit(2, 6, hours_ago=0)]
    house.save()
    world.run()

    assert notifications(fake_fcm, "phone-10") == []


def test_a_crash_before_the_news_is_queued_finds_it_again(world, fake_fcm, monkeypatch):
    from indexer.push import outbox
    house = full_house()
    world.start()
    world.subscribe(world.device("phone-12"), kind="service", service_id=house.id)
    open_a_bed(house)
    real = outbox.enqueue

    def crash(*args, **kwargs):
        raise Crash

    monkeypatch.setattr(outbox, "enqueue", crash)
    with pytest.raises(Crash):
        world.run()
    monkeypatch.setattr(outbox, "enqueue", real)
    world.restart().later(minutes=1).run()

    assert len(notifications(fake_fcm, "phone-12")) == 1
