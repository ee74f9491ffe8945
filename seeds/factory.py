"""Building blocks shared by the metro and the benchmark generator: sites, locations, services and capacity."""

import random
from dataclasses import dataclass, field
from datetime import datetime

from api.models import Address, Location, Organization, Service, ServiceAtLocation, TaxonomyTerm
from api.models.capacity import CapacityUnit
from api.models.contact import Phone
from api.models.schedule import Schedule
from seeds.clock import hours_before
from seeds.geography import REGION, TIMEZONE, Area, point_near, street_address
from seeds.ids import SlugBook, seed_id, slugify
from seeds.names import STAFF

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ACCESSIBILITY = ("wheelchair accessible entrance", "accessible restroom", "step-free access", "hearing loop",
                 "reserved accessible parking")
# How a unit's count looks to someone reading it at load time; "stale" is older than any freshness TTL.
CAPACITY_STATES = ("open", "full", "waitlist", "stale")


@dataclass
class Site:
    """An organisation being built, with the places it has so far and the slugs its records have taken."""

    org: Organization
    slug: str
    home: Area
    area_code: str
    fellowship: str | None = None
    locations: dict[str, Location] = field(default_factory=dict)
    services: list[Service] = field(default_factory=list)
    place_slugs: SlugBook = field(default_factory=SlugBook)
    service_slugs: SlugBook = field(default_factory=SlugBook)


@dataclass
class SeedSet:
    """Documents ready to load, by kind, in the order they must be inserted (references point backwards)."""

    terms: list[TaxonomyTerm] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)

    def add(self, site: Site) -> None:
        """Take a finished site's organisation, places and services."""
        self.organizations.append(site.org)
        self.locations.extend(site.locations.values())
        self.services.extend(site.services)

    def kinds(self) -> tuple[tuple[type, list], ...]:
        """(document class, documents) pairs in insertion order."""
        return ((TaxonomyTerm, self.terms), (Organization, self.organizations), (Location, self.locations),
                (Service, self.services))


def phone_number(rng: random.Random, area_code: str) -> str:
    """A number in the 555-0100..0199 range, which is reserved for fiction and never rings anyone."""
    return f"({area_code}) 555-01{rng.randrange(100):02d}"


def new_site(rng: random.Random, now: datetime, slug: str, name: str, home: Area, *, area_code: str = "816",
             description: str = "", fellowship: str | None = None) -> Site:
    """A fictional organisation with a reserved-range phone and .example web and mail addresses."""
    org = Organization(
        id=seed_id("org", slug), name=name, updated_at=now,
        description=f"{description} Fictional organisation in the Lantern demo data.".strip(),
        email=f"info@{slug}.example.org", website=f"https://{slug}.example.org",
        phones=[Phone(number=phone_number(rng, area_code), type="voice", languages=["en"])],
    )
    return Site(org=org, slug=slug, home=home, area_code=area_code, fellowship=fellowship)


def add_location(site: Site, rng: random.Random, now: datetime, name: str, area: Area, *,
                 confidential: bool = False) -> Location:
    """A street-address place of the site in area (confidential ones are still stored exactly, never shown)."""
    slug = f"{site.slug}--{site.place_slugs.take(name)}"
    location = Location(
        id=seed_id("loc", slug), organization=site.org, name=name, area=area.name,
        address=Address(address_1=street_address(rng), city=area.city, region=REGION, postal_code=area.postal_code),
        point=point_near(rng, area), confidential=confidential, updated_at=now,
        accessibility=rng.sample(ACCESSIBILITY, rng.randrange(len(ACCESSIBILITY))),
        transit=f"Bus route {rng.randrange(1, 60)} stops within two blocks.",
    )
    site.locations[slug] = location
    return location


def approximate_location(site: Site, now: datetime, area: Area) -> Location:
    """The site's town-only place in area (Meeting Guide "approximate"): a town centre, no street address."""
    slug = f"{site.slug}--online-{slugify(area.name)}"
    if slug not in site.locations:
        site.locations[slug] = Location(
            id=seed_id("loc", slug), organization=site.org, name=f"{area.city} (online)", area=area.name,
            address=Address(city=area.city, region=REGION, postal_code=area.postal_code),
            point=[area.lng, area.lat], updated_at=now,
        )
    return site.locations[slug]


def hours(*specs: str) -> list[Schedule]:
    """Weekly schedules from specs like "MO-FR 08:00-17:00", "TU,TH 17:30-20:30" or "daily 00:00-00:00"."""
    schedules = []
    for spec in specs:
        days, times = spec.split()
        opens_at, closes_at = times.split("-")
        schedules.append(Schedule(freq="WEEKLY", byday=_days(days), opens_at=opens_at, closes_at=closes_at))
    return schedules


def _days(text: str) -> list[str]:
    if text == "daily":
        return list(WEEKDAYS)
    if "-" in text:
        first, last = text.split("-")
        return list(WEEKDAYS[WEEKDAYS.index(first):WEEKDAYS.index(last) + 1])
    return text.split(",")


def new_service(site: Site, rng: random.Random, now: datetime, *, name: str, category: str,
                locations: list[Location], key: str | None = None, timezone: str = TIMEZONE,
                units: tuple[tuple[str, str, int, str], ...] = (), **fields) -> Service:
    """A service of site at locations; key (default: name) makes its id, units are (code, name, maximum, state)."""
    slug = f"{site.slug}--{site.service_slugs.take(key or name)}"
    service = Service(
        id=seed_id("svc", slug), organization=site.org, name=name, category=category, timezone=timezone,
        locations=[ServiceAtLocation(id=seed_id("sal", f"{slug}@{location.id}"), location=location)
                   for location in locations],
        capacity=[capacity_unit(rng, now, f"{slug}/{code}", code, unit_name, maximum, state)
                  for code, unit_name, maximum, state in units],
        # The loader inserts in bulk, bypassing Service.save(), so the first version is set here.
        version=1, created_at=now, updated_at=now, **fields,
    )
    site.services.append(service)
    return service


def capacity_unit(rng: random.Random, now: datetime, key: str, code: str, name: str, maximum: int,
                  state: str) -> CapacityUnit:
    """A unit whose count, waitlist and confirmation time put it in state (one of CAPACITY_STATES) at now."""
    available = {"open": rng.randint(1, maximum), "full": 0, "waitlist": 0,
                 "stale": rng.randint(0, maximum)}[state]
    # Fresh counts are at most 20 h old, inside every category's TTL; stale ones 5-10 days, outside all of them.
    age_hours = rng.uniform(5 * 24, 10 * 24) if state == "stale" else rng.uniform(0.5, 20)
    return CapacityUnit(
        id=seed_id("cap", key), code=code, name=name, available=available, maximum=maximum,
        waitlist_open=state == "waitlist", waitlist_length=rng.randint(1, 9) if state == "waitlist" else None,
        updated_at=hours_before(now, age_hours), updated_by=rng.choice(STAFF + ("Seed data",)),
    )


def random_state(rng: random.Random) -> str:
    """A capacity state, mostly current ones, the way a live directory looks."""
    return rng.choices(CAPACITY_STATES, weights=(4, 2, 2, 1))[0]

