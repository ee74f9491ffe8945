"""Service templates: a kind of service an organisation offers, stamped out at each of its locations."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from api.models import Location, Service
from api.models.contact import Phone
from api.models.schedule import ScheduleException
from api.models.service import Cost, Eligibility
from seeds.clock import local_today, next_holiday
from seeds.factory import Site, hours, new_service, phone_number, random_state
from seeds.geography import TIMEZONE
from seeds.spanish import template_texts


@dataclass(frozen=True)
class Template:
    """What is the same wherever an organisation offers this kind of service."""

    category: str
    name: str
    description: str
    hours: tuple[str, ...]
    taxonomy: tuple[str, ...] = ()
    payment: tuple[str, ...] = ()
    free: bool = False
    languages: tuple[str, ...] = ("en",)
    genders: tuple[str, ...] = ()
    populations: tuple[str, ...] = ()
    min_age: int | None = None
    max_age: int | None = None
    units: tuple[tuple[str, str, int], ...] = ()  # (code, name, maximum)
    detail: Callable | None = None  # builds the category detail document (ClinicalDetail, EmploymentDetail)
    holiday: str | None = None  # "closed", or "short" for a morning-only holiday
    phone_types: tuple[str, ...] = ("voice",)
    status: str = "active"
    status_note: str | None = None


def from_template(site: Site, rng: random.Random, now: datetime, template: Template, location: Location, *,
                  languages: tuple[str, ...] = (), timezone: str = TIMEZONE) -> Service:
    """The template's service at location, with extra languages and the site's time zone."""
    # One organisation offering the same thing in several places: the area tells the listings apart.
    area = location.area if len(site.locations) > 1 else None
    name = f"{template.name} – {area}" if area else template.name
    spoken = list(dict.fromkeys(template.languages + languages))
    # The detail field is named after its category (Service.clinical, Service.employment).
    details = {template.category: template.detail()} if template.detail else {}
    return new_service(
        site, rng, now, name=name, category=template.category, locations=[location],
        timezone=timezone, description=template.description, taxonomy_terms=list(template.taxonomy),
        status=template.status, status_note=template.status_note,
        url=f"https://{site.slug}.example.org/services", languages=spoken,
        # A partner that serves people in Spanish writes its listings in Spanish too.
        translations=template_texts(template.name, area) if "es" in spoken else {},
        phones=[Phone(number=phone_number(rng, site.area_code), type=kind) for kind in template.phone_types],
        eligibility=Eligibility(genders=list(template.genders), populations=list(template.populations),
                                min_age=template.min_age, max_age=template.max_age),
        cost=Cost(free=template.free, payment_options=list(template.payment)),
        schedules=hours(*template.hours), exceptions=_holiday(template.holiday, now, timezone),
        units=tuple((code, unit_name, maximum, random_state(rng)) for code, unit_name, maximum in template.units),
        **details,
    )


def _holiday(kind: str | None, now: datetime, timezone: str) -> list[ScheduleException]:
    """The next holiday's closure or short hours, dated from the load day so it is always upcoming."""
    if kind is None:
        return []
    day, reason = next_holiday(local_today(now, timezone))
    if kind == "closed":
        return [ScheduleException(date=day, closed=True, reason=f"Closed for {reason}")]
    return [ScheduleException(date=day, closed=False, opens_at="07:00", closes_at="10:00",
                              reason=f"{reason}: open 07:00-10:00 only")]


def random_from(templates: dict[str, Template]) -> Callable[[random.Random, Site, datetime], Service]:
    """A builder that stamps a random one of templates at a random place of the site."""
    choices = tuple(templates.values())

    def build(rng: random.Random, site: Site, now: datetime) -> Service:
        return from_template(site, rng, now, rng.choice(choices), rng.choice(list(site.locations.values())))

    return build
