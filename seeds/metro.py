"""The fictional Riverton metro: about 60 organisations and 300 services, the same every time it is built."""

import random
from datetime import datetime
from itertools import cycle

from api.models.schedule import ScheduleException
from seeds.clinical import CLINICAL
from seeds.clock import local_today, next_holiday, resolve_now
from seeds.community import CRISIS, EMPLOYMENT, HARM_REDUCTION, PEER_SUPPORT
from seeds.factory import CAPACITY_STATES, WEEKDAYS, SeedSet, Site, add_location, new_site
from seeds.geography import AREAS, TIMEZONE
from seeds.housing import random_residence
from seeds.meetings import meeting, random_meeting
from seeds.names import VENUE_KINDS
from seeds.roster import BLURBS, FELLOWSHIPS, HOUSING, PROVIDERS, Fellowship, Housing, Provider
from seeds.taxonomy import taxonomy_terms
from seeds.templates import from_template

# Fixed for ever: meeting and house names, and so their ids, are drawn from it; another seed would make a re-seed
# add a second, differently named metro beside the first.
METRO_SEED = 1873
TEMPLATES = {"clinical": CLINICAL, "peer_support": PEER_SUPPORT, "harm_reduction": HARM_REDUCTION,
             "employment": EMPLOYMENT, "crisis": CRISIS}


def build_metro(now: datetime | None = None) -> SeedSet:
    """Every document of the metro seed, unsaved, with times relative to now (default: this moment)."""
    now = resolve_now(now)
    rng = random.Random(METRO_SEED)
    fellowships = {entry.slug: _fellowship(entry, rng, now) for entry in FELLOWSHIPS}
    _showcase_meetings(fellowships, rng, now)
    sites = list(fellowships.values())
    states = cycle(CAPACITY_STATES)  # houses take turns being open, full, waitlisted and stale
    sites += [_housing(entry, rng, now, states) for entry in HOUSING]
    sites += [_provider(entry, rng, now) for entry in PROVIDERS]
    seedset = SeedSet(terms=taxonomy_terms())
    for site in sites:
        seedset.add(site)
    return seedset


def _fellowship(entry: Fellowship, rng: random.Random, now: datetime) -> Site:
    site = new_site(rng, now, entry.slug, entry.name, AREAS[entry.home], area_code=entry.area_code,
                    description=BLURBS["meeting"], fellowship=entry.fellowship)
    for area in entry.venue_areas:
        add_location(site, rng, now, f"{area} {rng.choice(VENUE_KINDS)}", AREAS[area])
    for _ in range(entry.meetings):
        random_meeting(rng, site, now)
    return site


def _housing(entry: Housing, rng: random.Random, now: datetime, states) -> Site:
    site = new_site(rng, now, entry.slug, entry.name, AREAS[entry.home], area_code=entry.area_code,
                    description=BLURBS["housing"])
    # An operator's houses sit in its home area and the towns around it.
    nearby = [area for area in AREAS.values() if area.city == site.home.city] + [site.home] * 3
    for _ in range(entry.houses):
        random_residence(rng, site, now, area=rng.choice(nearby), gender=rng.choice(entry.genders),
                         level=rng.choice(entry.levels), state=next(states), confidential=entry.confidential,
                         families=entry.families, populations=entry.populations, terms=entry.terms)
    return site


def _provider(entry: Provider, rng: random.Random, now: datetime) -> Site:
    site = new_site(rng, now, entry.slug, entry.name, AREAS[entry.places[0][0]], area_code=entry.area_code,
                    description=BLURBS[entry.category])
    several = len(entry.places) > 1
    places = [(add_location(site, rng, now, f"{entry.name} – {area}" if several else entry.name, AREAS[area]), keys)
              for area, keys in entry.places]
    for location, keys in places:
        for key in keys:
            from_template(site, rng, now, TEMPLATES[entry.category][key], location, languages=entry.languages,
                          timezone=entry.timezone or TIMEZONE)
    return site


def _showcase_meetings(sites: dict[str, Site], rng: random.Random, now: datetime) -> None:
    """The meetings that make sure the directory shows every case a person meets in a real meeting list."""
    aa, na = sites["riverton-intergroup"], sites["heartland-valley-na"]
    clubhouse = add_location(aa, rng, now, "The Lantern Clubhouse (Alano club)", AREAS["Old Mill"])
    hall = next(iter(aa.locations.values()))
    holiday, holiday_name = next_holiday(local_today(now, TIMEZONE))
    every_day = list(WEEKDAYS)
    meeting(aa, rng, now, name="Night Owls", days=every_day, start="00:00", types=["O", "D"], venue=clubhouse,
            notes="Coffee is on from 23:30.")
    meeting(aa, rng, now, name="Midnight Hour", days=["FR", "SA"], start="23:30", types=["O", "D", "Y"],
            attendance="hybrid", venue=clubhouse)
    meeting(aa, rng, now, name="Early Birds", days=every_day, start="06:30", types=["O", "DR"], venue=clubhouse,
            exceptions=(ScheduleException(date=holiday, closed=True, reason=f"No meeting on {holiday_name}"),))
    meeting(aa, rng, now, name="Second Saturday Speaker Meeting", days=["2SA"], start="19:30", minutes=90,
            monthly=True, types=["O", "SP"], venue=hall, notes="Potluck from 18:30.")
    meeting(aa, rng, now, name="Women's Big Book Online", days=["TU"], start="19:00", types=["C", "W", "B"],
            attendance="online")
    meeting(aa, rng, now, name="Old Mill Step Study", days=["TH"], start="19:00", types=["C", "ST"], venue=hall,
            status="temporarily_closed", status_note="The hall is closed for repairs; the group hopes to return soon.")
    meeting(na, rng, now, name="Clean and Serene at Noon", days=["MO", "WE", "FR"], start="12:00",
            types=["O", "D", "BE"], venue=next(iter(na.locations.values())))
    meeting(sites["smart-riverton"], rng, now, name="SMART Recovery Online – Mountain Time", days=["WE"],
            start="18:00", types=["O", "D"], attendance="online", timezone="America/Denver",
            notes="Hosted by a facilitator in Denver; times are Mountain Time.")
    meeting(sites["lifering-riverton"], rng, now, name="LifeRing Online Evening", days=["TH"], start="20:00",
            types=["O", "D", "A"], attendance="online", timezone="America/New_York",
            notes="Hosted from New York; times are Eastern Time.")
    dharma = sites["recovery-dharma-riverton"]
    meeting(dharma, rng, now, name="Sunday Sangha", days=["SU"], start="10:00", minutes=90, types=["O", "MED"],
            attendance="hybrid", venue=next(iter(dharma.locations.values())))
    cma = sites["riverton-cma"]
    meeting(cma, rng, now, name="Rainbow Serenity", days=["FR"], start="20:00", types=["C", "LGBTQ", "D"],
            venue=next(iter(cma.locations.values())))
    al_anon = sites["riverton-al-anon"]
    meeting(al_anon, rng, now, name="Grupo Esperanza", days=["WE"], start="19:00", types=["O", "S", "D"],
            venue=next(iter(al_anon.locations.values())))
    # A Spanish-speaking AA group ("AA en español" finds it), meeting at the clubhouse on weekday evenings.
    meeting(aa, rng, now, name="Grupo Nueva Vida", days=["MO", "WE", "FR"], start="20:00", types=["O", "S", "D"],
            venue=clubhouse, notes="Café desde las 19:30. Coffee from 19:30.")
