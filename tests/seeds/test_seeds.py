"""The seed data as a person would meet it: a believable Riverton, loaded once, never overwriting partner edits."""

import math
import re
from datetime import datetime, timedelta

import pytest

from api.config import Config
from api.domain.vocabulary import CATEGORIES, FELLOWSHIPS, MOUD_TYPES
from api.models import Location, Organization, Service, TaxonomyTerm
from seeds.clock import local_today
from seeds.generate import generate_listings, load_generated
from seeds.geography import CENTRE
from seeds.loader import seed_database
from seeds.metro import build_metro

NOW = datetime(2026, 3, 2, 15, 30)  # naive UTC, as the models store time
HOUSING_TTL = timedelta(hours=Config({}).FRESHNESS_TTL_HOURS["housing"])
FICTIONAL_PHONE = re.compile(r"^\(\d{3}\) 555-01\d\d$")
FICTIONAL_DIAL_IN = re.compile(r"^\+1\d{3}55501\d\d,,\d+#$")


@pytest.fixture
def seeded(storage):
    """The metro seed loaded at NOW into an empty database."""
    report = seed_database(progress=False, now=NOW)
    return report


@pytest.fixture(scope="module")
def metro():
    """The metro seed built (not loaded) at NOW, validated as the loader would."""
    seedset = build_metro(NOW)
    for _, documents in seedset.kinds():
        for document in documents:
            document.validate()
    return seedset


def test_seeding_creates_a_metro_with_every_category(seeded):
    assert seeded.created["services"] >= 300
    assert seeded.created["organizations"] >= 60
    assert Service.objects.count() == seeded.created["services"]
    assert Organization.objects.count() == seeded.created["organizations"]
    assert set(Service.objects.distinct("category")) == set(CATEGORIES)
    assert set(Service.objects(category="meeting").distinct("meeting.fellowship")) == set(FELLOWSHIPS)


def test_every_stored_document_validates_as_read_back(seeded):
    for document in (TaxonomyTerm, Organization, Location, Service):
        for record in document.objects:
            record.validate()


def test_every_phone_number_is_in_the_fictional_range(metro):
    numbers = [phone.number for record in metro.organizations + metro.services for phone in record.phones]
    numbers += [contact.phone for service in metro.services for contact in service.contacts if contact.phone]
    assert numbers and all(FICTIONAL_PHONE.match(number) for number in numbers), numbers
    dial_ins = [service.meeting.conference_phone for service in metro.services
                if service.meeting and service.meeting.conference_phone]
    assert dial_ins and all(FICTIONAL_DIAL_IN.match(number) for number in dial_ins), dial_ins


def test_the_metro_is_the_same_every_time_it_is_built(metro):
    again = build_metro(NOW)
    for (_, first), (_, second) in zip(metro.kinds(), again.kinds()):
        for document in second:
            document.validate()
        assert [doc.to_mongo() for doc in first] == [doc.to_mongo() for doc in second]
    later = build_metro(NOW + timedelta(days=40))
    assert [service.id for service in later.services] == [service.id for service in metro.services]


def test_ids_are_unique_uuids(metro):
    for _, documents in metro.kinds():
        ids = [document.id for document in documents]
        assert len(set(ids)) == len(ids)
        assert all(re.fullmatch(r"[0-9a-f-]{36}", id_) for id_ in ids)


def test_seeding_twice_creates_nothing_and_keeps_staff_edits(storage):
    seed_database(progress=False)
    house = Service.objects(category="housing").first()
    house.capacity[0].available = 0
    house.capacity[0].updated_by = "Dana (house manager)"
    house.name = "Renamed by its partner"
    house.save()
    counts = {document: document.objects.count() for document in (TaxonomyTerm, Organization, Location, Service)}

    again = seed_database(progress=False)

    assert sum(again.created.values()) == 0
    assert sum(again.unchanged.values()) == sum(counts.values())
    assert {document: document.objects.count() for document in counts} == counts
    stored = Service.objects.get(id=house.id)
    assert (stored.name, stored.capacity[0].updated_by, stored.version) == ("Renamed by its partner",
                                                                           "Dana (house manager)", 2)


def test_meetings_cover_online_hybrid_late_night_monthly_and_cancelled(seeded):
    meetings = list(Service.objects(category="meeting"))
    online = [m for m in meetings if m.meeting.attendance == "online"]
    assert online and all(m.meeting.approximate and m.meeting.conference_url.startswith("https://zoom.example/j/")
                          and not m.locations[0].location.address.address_1 for m in online)
    hybrid = [m for m in meetings if m.meeting.attendance == "hybrid"]
    assert hybrid and all(m.meeting.conference_url and m.locations[0].location.address.address_1 for m in hybrid)
    schedules = [schedule for m in meetings for schedule in m.schedules]
    assert any(s.opens_at == "23:30" and s.closes_at == "00:30" for s in schedules)  # runs past midnight
    assert any(s.opens_at == "00:00" for s in schedules)
    assert any(s.opens_at == "06:30" for s in schedules)
    assert any(s.byday == ["MO", "WE", "FR"] for s in schedules)
    assert any(s.freq == "MONTHLY" and s.byday == ["2SA"] for s in schedules)
    load_day = local_today(NOW, "America/Chicago")
    assert any(e.closed and e.date > load_day for m in meetings for e in m.exceptions)
    assert any(m.status == "temporarily_closed" for m in meetings)
    assert len({code for m in meetings for code in m.meeting.types}) >= 15


def test_housing_shows_open_full_waitlist_and_stale_beds(seeded):
    units = [unit for house in Service.objects(category="housing") for unit in house.capacity]
    fresh = [unit for unit in units if NOW - unit.updated_at < HOUSING_TTL]
    assert any(unit.available > 0 for unit in fresh)
    assert any(unit.available == 0 and not unit.waitlist_open for unit in fresh)
    assert any(unit.available == 0 and unit.waitlist_open and unit.waitlist_length for unit in fresh)
    assert any(NOW - unit.updated_at > HOUSING_TTL for unit in units)
    assert all(unit.updated_at <= NOW for unit in units)
    assert {unit.name for unit in units} >= {"Bed – women", "Bed – men"}


def test_housing_detail_varies_like_real_residences(seeded):
    houses = list(Service.objects(category="housing"))
    assert len(houses) >= 40
    assert {house.housing.narr_level for house in houses} == {1, 2, 3, 4}
    expiries = [house.housing.certification_expires for house in houses if house.housing.certification_expires]
    load_day = local_today(NOW, "America/Chicago")
    assert any(day < load_day for day in expiries) and any(day > load_day for day in expiries)
    assert {gender for house in houses for gender in house.eligibility.genders} == {"women", "men"}
    for flag in ("accepts_families", "pets_allowed", "moud_friendly"):
        assert {getattr(house.housing, flag) for house in houses} == {True, False}


def test_some_places_are_confidential_and_shown_only_coarsely(seeded):
    confidential = list(Location.objects(confidential=True))
    assert len(confidential) >= 3
    assert all(place.public_point["coordinates"] != place.point["coordinates"] for place in confidential)
    safe_house = Service.objects(taxonomy_terms="dv-safe-housing", category="housing").first()
    assert safe_house.locations[0].location.confidential


def test_clinics_offer_moud_detox_and_payment_options(seeded):
    clinics = list(Service.objects(category="clinical"))
    assert {moud for clinic in clinics for moud in clinic.clinical.moud} == set(MOUD_TYPES)
    detox = [c for c in clinics if "withdrawal_management" in c.clinical.levels_of_care]
    assert any(s.opens_at == s.closes_at == "00:00" and len(s.byday) == 7 for c in detox for s in c.schedules)
    assert any(unit.code.startswith("detox-bed") for c in detox for unit in c.capacity)
    assert any(unit.code == "moud-intake" for c in clinics if "otp" in c.clinical.levels_of_care for unit in c.capacity)
    assert any(c.clinical.walk_in and c.clinical.same_day_induction for c in clinics)
    assert {"medicaid", "sliding_scale"} <= {option for c in clinics for option in c.cost.payment_options}
    assert {"en", "es", "vi", "so"} <= {language for c in clinics for language in c.languages}
    assert any(not e.closed and e.opens_at for c in clinics for e in c.exceptions)  # holiday hours


def test_community_services_keep_late_and_round_the_clock_hours(seeded):
    drop_ins = Service.objects(category="harm_reduction", taxonomy_terms="drop-in")
    assert any(s.closes_at < s.opens_at for service in drop_ins for s in service.schedules)
    crisis = list(Service.objects(category="crisis"))
    assert any(s.opens_at == s.closes_at for service in crisis for s in service.schedules)
    jobs = Service.objects(category="employment")
    assert any("justice_involved" in job.eligibility.populations for job in jobs)
    assert len({job.employment.programme_type for job in jobs}) >= 4
    assert Service.objects(status="inactive").count() >= 2


def test_a_second_time_zone_is_present(seeded):
    assert {"America/Denver", "America/New_York"} <= set(Service.objects.distinct("timezone"))


def test_taxonomy_terms_cover_what_services_reference(seeded):
    codes = set(TaxonomyTerm.objects.distinct("code"))
    assert 20 <= len(codes) <= 40
    assert set(Service.objects.distinct("taxonomy_terms")) <= codes


def test_places_spread_over_the_metro(metro):
    distances = [_km_from_centre(location.point) for location in metro.locations]
    assert max(distances) < 20
    assert max(distances) > 10  # the suburbs, not only downtown
    assert {location.area for location in metro.locations} >= {"Old Mill", "Eastgate", "Bellmont Village"}


def test_generate_listings_yields_exactly_n_valid_services_with_unique_ids():
    chunks = list(generate_listings(530, seed=3, now=NOW, chunk_size=200))
    services = [service for chunk in chunks for service in chunk.services]
    assert len(services) == 530
    assert len(chunks) >= 3  # streamed, not built in one piece
    for chunk in chunks:
        for _, documents in chunk.kinds():
            for document in documents:
                document.validate()
    for kind in ("organizations", "locations", "services"):
        ids = [document.id for chunk in chunks for document in getattr(chunk, kind)]
        assert len(set(ids)) == len(ids)
    assert {service.category for service in services} == set(CATEGORIES)
    again = [service.id for chunk in generate_listings(530, seed=3, now=NOW) for service in chunk.services]
    assert again == [service.id for service in services]
    assert max(_km_from_centre(loc.point) for chunk in chunks for loc in chunk.locations) > 40


def test_load_generated_adds_to_the_metro_and_is_idempotent(seeded):
    report = load_generated(250, progress=False, now=NOW)
    assert report.created["services"] == 250
    assert Service.objects.count() == seeded.created["services"] + 250
    assert load_generated(250, progress=False, now=NOW).created["services"] == 0


def test_progress_goes_to_stderr_only(storage, capsys):
    seed_database(progress=True, now=NOW)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Seeding Riverton" in captured.err


def _km_from_centre(point) -> float:
    lng, lat = point["coordinates"] if isinstance(point, dict) else point
    north = (lat - CENTRE[0]) * 111.0
    east = (lng - CENTRE[1]) * 111.0 * math.cos(math.radians(CENTRE[0]))
    return math.hypot(north, east)
