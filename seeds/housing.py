"""Recovery housing: NARR-levelled residences with certification, house rules, cost and beds by gender."""

import random
from datetime import datetime, timedelta

from api.domain.vocabulary import NARR_LEVELS
from api.models import Service
from api.models.contact import Phone
from api.models.details import HousingDetail
from api.models.service import Cost, Eligibility
from seeds.clock import local_today
from seeds.factory import Site, add_location, new_service, phone_number, random_state
from seeds.geography import TIMEZONE, Area
from seeds.names import HOUSES
from seeds.spanish import residence_texts

CERTIFIER = "Riverton Recovery Residence Alliance (NARR affiliate)"
# Typical weekly rent by NARR level: more support costs more.
WEEKLY_COST = {1: (100, 160), 2: (140, 200), 3: (180, 260), 4: (250, 400)}


def random_residence(rng: random.Random, site: Site, now: datetime, *, area: Area | None = None,
                     gender: str | None = None, level: int | None = None, state: str | None = None,
                     confidential: bool = False, families: bool | None = None,
                     populations: tuple[str, ...] = (), terms: tuple[str, ...] = ()) -> Service:
    """A house of the site; whatever is not given (area, gender, level, capacity state, ...) is drawn at random."""
    gender = gender or rng.choice(("women", "men"))
    level = level or rng.choice((1, 2, 2, 2, 3, 3, 4))
    families = rng.random() < 0.15 if families is None else families
    taken = {location.name for location in site.locations.values()}
    house = rng.choice([name for name in HOUSES if f"{name} House" not in taken])
    location = add_location(site, rng, now, f"{house} House", area or site.home, confidential=confidential)
    low, high = WEEKLY_COST[level]
    # Most houses are certified, a few lapsed (expired) and a few never were.
    certified = rng.random() < 0.9
    expires = local_today(now, TIMEZONE) + timedelta(days=rng.randint(-200, 600)) if certified else None
    beds = rng.randint(6, 14)
    units = [(f"bed-{gender}", f"Bed – {gender}", beds, state or random_state(rng))]
    if families:
        units.append(("family-room", "Family room", rng.randint(1, 3), random_state(rng)))
    # A confidential house's own name would identify it, so its listing goes by the operator's name.
    number = sum(place.confidential for place in site.locations.values())
    name = f"{site.org.name}, house {number} ({gender})" if confidential else f"{house} House ({gender})"
    spanish = rng.random() < 0.2  # drawn here, where the languages were, so every later draw stays the same
    return new_service(
        site, rng, now, name=name, category="housing", locations=[location],
        description=_describe(level, gender, families, confidential, beds),
        taxonomy_terms=["recovery-housing", "sober-living"] + (["recovery-residence"] if certified else [])
        + list(terms),
        languages=["en", "es"] if spanish else ["en"],
        translations=residence_texts(level, gender, families, confidential, beds) if spanish else {},
        phones=[Phone(number=phone_number(rng, site.area_code), type="voice", description="Intake and tours")],
        eligibility=Eligibility(genders=[gender], min_age=18,
                                populations=list(populations) + (["parents"] if families else [])),
        cost=Cost(payment_options=["self_pay", "state_funded"] if level >= 3 else ["self_pay"]),
        housing=HousingDetail(
            narr_level=level, certified_by=CERTIFIER if certified else None, certification_expires=expires,
            accepts_families=families, pets_allowed=rng.random() < 0.2, moud_friendly=rng.random() < 0.7,
            weekly_cost=float(rng.randrange(low, high + 1, 5))),
        units=tuple(units),
        # For referring partners only (never public): how a warm referral gets in.
        partner_note=("Intake calls back within the hour; same-day move-in if the call is before 3 pm. "
                      + ("Give the address only after the intake call." if confidential else
                         "Ask for the house manager.")),
    )


def _describe(level: int, gender: str, families: bool, confidential: bool, beds: int) -> str:
    parts = [f"NARR {NARR_LEVELS[level]} recovery residence for {gender}, {beds} beds.",
             "House meetings weekly; residents keep a recovery programme of their choice."]
    if families:
        parts.append("Mothers or fathers may live here with their children.")
    if confidential:
        parts.append("The address is confidential: call for an intake screening and the address.")
    return " ".join(parts)
