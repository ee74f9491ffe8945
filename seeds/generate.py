"""Synthetic listings for benchmarks: n services over a wide region around Riverton, built and loaded in chunks."""

import random
from collections.abc import Iterator
from datetime import datetime
from itertools import chain

from seeds.clinical import random_clinical
from seeds.clock import resolve_now
from seeds.community import random_crisis, random_employment, random_harm_reduction, random_peer_support
from seeds.factory import SeedSet, Site, add_location, new_site
from seeds.geography import Area, scattered_areas
from seeds.housing import random_residence
from seeds.loader import SeedReport, insert_missing
from seeds.meetings import random_meeting
from seeds.names import VENUE_KINDS
from seeds.roster import BLURBS
from seeds.taxonomy import taxonomy_terms

# (category, share of services, organisation name suffix, service builder): roughly the metro's mix.
CATEGORIES = (
    ("meeting", 46, "Area Intergroup", random_meeting),
    ("housing", 16, "Recovery Homes", random_residence),
    ("clinical", 15, "Treatment Center", random_clinical),
    ("peer_support", 8, "Recovery Community Center", random_peer_support),
    ("harm_reduction", 7, "Harm Reduction Project", random_harm_reduction),
    ("employment", 5, "Works", random_employment),
    ("crisis", 3, "Crisis Services", random_crisis),
)
FELLOWSHIP_WEIGHTS = {"aa": 40, "na": 20, "ca": 5, "cma": 4, "al-anon": 10, "smart": 8, "recovery-dharma": 5,
                      "celebrate-recovery": 4, "lifering": 4}
REGION_KM = 80  # wider than the metro, so radius searches at benchmark scale see a realistic spread
CHUNK_SIZE = 1000


def generate_listings(n: int, seed: int = 7, *, now: datetime | None = None,
                      chunk_size: int = CHUNK_SIZE) -> Iterator[SeedSet]:
    """Exactly n synthetic services with their organisations and locations, as SeedSets of about chunk_size."""
    now = resolve_now(now)
    rng = random.Random(seed)
    towns = scattered_areas(rng, max(10, n // 50), REGION_KM)
    chunk, made, number = SeedSet(), 0, 0
    while made < n:
        number += 1
        category, _, suffix, build = rng.choices(CATEGORIES, weights=[row[1] for row in CATEGORIES])[0]
        site = _site(rng, now, f"bench-{seed}-{number:06d}", category, suffix, rng.choice(towns))
        for _ in range(min(rng.randint(2, 8), n - made)):
            build(rng, site, now)
        made += len(site.services)
        chunk.add(site)
        if len(chunk.services) >= chunk_size:
            yield chunk
            chunk = SeedSet()
    if chunk.services:
        yield chunk


def load_generated(n: int, progress: bool = True, *, seed: int = 7, now: datetime | None = None) -> SeedReport:
    """Insert n synthetic services (and the taxonomy they use) in bulk; ids already present are skipped."""
    seedsets = chain([SeedSet(terms=taxonomy_terms())], generate_listings(n, seed, now=now))
    return insert_missing(seedsets, progress=progress, totals={"services": n}, description=f"Loading {n} listings")


def _site(rng: random.Random, now: datetime, slug: str, category: str, suffix: str, town: Area) -> Site:
    """An organisation in town: a fellowship with 1-3 venues, a provider with its office, a housing operator
    with no place yet (each house adds its own)."""
    fellowship = None
    if category == "meeting":
        fellowship = rng.choices(tuple(FELLOWSHIP_WEIGHTS), weights=tuple(FELLOWSHIP_WEIGHTS.values()))[0]
    site = new_site(rng, now, slug, f"{town.name} {suffix}", town, description=BLURBS[category],
                    fellowship=fellowship)
    if category == "meeting":
        for kind in rng.sample(VENUE_KINDS, rng.randint(1, 3)):
            add_location(site, rng, now, f"{town.name} {kind}", town)
    elif category != "housing":
        add_location(site, rng, now, site.org.name, town)
    return site
