"""Who's who in fictional Riverton: the organisations of the metro seed, what they run and where."""

from dataclasses import dataclass

# One line on what each kind of organisation does, for the organisation's description.
BLURBS = {
    "meeting": "Lists the area's mutual-support meetings and answers the helpline.",
    "housing": "Runs recovery residences.",
    "clinical": "Provides addiction treatment and medications for opioid use disorder.",
    "peer_support": "Peer-led recovery support.",
    "harm_reduction": "Harm reduction services: meet people where they are.",
    "employment": "Employment and training for people in recovery.",
    "crisis": "Crisis support, any hour.",
}


@dataclass(frozen=True)
class Fellowship:
    """A fellowship's local service body; its meetings are held at venues in these areas."""

    slug: str
    name: str
    fellowship: str
    home: str
    venue_areas: tuple[str, ...]
    meetings: int
    area_code: str = "816"


@dataclass(frozen=True)
class Housing:
    """A recovery-housing operator and the kind of houses it runs."""

    slug: str
    name: str
    home: str
    houses: int
    genders: tuple[str, ...]
    levels: tuple[int, ...]
    confidential: bool = False
    families: bool = False
    populations: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    area_code: str = "816"


@dataclass(frozen=True)
class Provider:
    """An organisation offering template services (see seeds.clinical and seeds.community) at its places."""

    slug: str
    name: str
    category: str
    places: tuple[tuple[str, tuple[str, ...]], ...]  # (area, template keys)
    languages: tuple[str, ...] = ()
    timezone: str | None = None
    area_code: str = "816"


FELLOWSHIPS = (
    Fellowship("riverton-intergroup", "Riverton Area Intergroup of AA", "aa", "Old Mill",
               ("Old Mill", "Heron Bend", "Union Hill", "Quarry Hill", "Millbrook", "Bellmont Village",
                "Ashford Springs", "Dunmore", "Fairhaven"), 55),
    Fellowship("heartland-valley-na", "Heartland Valley Area of NA", "na", "Foundry Row",
               ("Foundry Row", "Eastgate", "Cedar Flats", "Larkspur", "Falls District", "Elk Prairie"), 30),
    Fellowship("riverton-ca", "Riverton Cocaine Anonymous", "ca", "Eastgate", ("Eastgate", "Northbank"), 6),
    Fellowship("riverton-cma", "Crystal Meth Anonymous Riverton", "cma", "Union Hill", ("Union Hill", "Larkspur"), 5),
    Fellowship("riverton-al-anon", "Al-Anon Family Groups – Riverton District", "al-anon", "Heron Bend",
               ("Heron Bend", "Gladwell Square", "Bellmont Station", "Millbrook"), 10),
    Fellowship("smart-riverton", "SMART Recovery Riverton", "smart", "Quarry Hill",
               ("Quarry Hill", "Old Mill", "Fairhaven"), 10, area_code="913"),
    Fellowship("recovery-dharma-riverton", "Recovery Dharma Riverton Sangha", "recovery-dharma", "Larkspur",
               ("Larkspur", "Northbank"), 8),
    Fellowship("hope-street-fellowship", "Hope Street Fellowship Church", "celebrate-recovery", "Millbrook",
               ("Millbrook",), 3),
    Fellowship("cornerstone-chapel-bellmont", "Cornerstone Chapel of Bellmont", "celebrate-recovery",
               "Bellmont Village", ("Bellmont Village",), 3, area_code="913"),
    Fellowship("lifering-riverton", "LifeRing Riverton", "lifering", "Cedar Flats", ("Cedar Flats", "Old Mill"), 5),
)

HOUSING = (
    Housing("bluestem-recovery-homes", "Bluestem Recovery Homes", "Heron Bend", 5, ("men",), (2,)),
    Housing("cottonwood-sober-living", "Cottonwood Sober Living", "Millbrook", 4, ("men",), (1, 2)),
    Housing("meadowlark-womens-homes", "Meadowlark Women's Recovery Homes", "Larkspur", 4, ("women",), (2, 3),
            confidential=True),
    Housing("ironweed-residences", "Ironweed Men's Residences", "Bellmont Village", 4, ("men",), (2,),
            area_code="913"),
    Housing("prairie-rose-family-housing", "Prairie Rose Family Recovery Housing", "Eastgate", 3, ("women",), (3,),
            families=True, populations=("parents", "pregnant")),
    Housing("second-wind-residences", "Second Wind Residences", "Quarry Hill", 4, ("women", "men"), (1, 2)),
    Housing("stillwater-recovery", "Stillwater Recovery Residences", "Falls District", 3, ("men",), (3, 4),
            area_code="913"),
    Housing("kindred-path-housing", "Kindred Path Housing Cooperative", "Foundry Row", 4, ("women", "men"), (1,),
            populations=("lgbtq",)),
    Housing("northbank-peer-homes", "Northbank Peer-Run Homes", "Northbank", 3, ("women", "men"), (1,)),
    Housing("open-door-residences", "Open Door Recovery Residences", "Ashford Springs", 3, ("women", "men"), (2,)),
    Housing("willow-lane-womens-homes", "Willow Lane Women's Homes", "Fairhaven", 3, ("women",), (2,),
            confidential=True),
    Housing("sunflower-haven", "Sunflower Haven Safe House", "Union Hill", 1, ("women",), (4,), confidential=True,
            families=True, terms=("dv-safe-housing",)),
    Housing("bridgeway-veterans-homes", "Bridgeway Veterans Recovery Homes", "Dunmore", 3, ("men",), (2, 3),
            populations=("veterans",)),
    Housing("elk-prairie-sober-living", "Elk Prairie Sober Living", "Elk Prairie", 3, ("women", "men"), (2,),
            area_code="913"),
    Housing("fresh-start-reentry", "Fresh Start Reentry Residences", "Cedar Flats", 3, ("men",), (3,),
            populations=("justice_involved",)),
)

PROVIDERS = (
    # Treatment and MOUD
    Provider("riverton-comprehensive", "Riverton Comprehensive Treatment Center", "clinical",
             (("Old Mill", ("otp", "outpatient", "iop")), ("Eastgate", ("otp", "outpatient")))),
    Provider("cottonwood-withdrawal", "Cottonwood Withdrawal Management Center", "clinical",
             (("Millbrook", ("detox", "residential")),)),
    Provider("st-aster-medical", "St. Aster Medical Center", "clinical",
             (("Quarry Hill", ("bridge_clinic", "inpatient_detox", "php")),), languages=("es",)),
    Provider("riverton-community-health", "Riverton Community Health", "clinical",
             (("Union Hill", ("bupe_walk_in", "outpatient")), ("Bellmont Village", ("bupe_walk_in",)),
              ("Dunmore", ("bupe_walk_in", "naltrexone")), ("Fairhaven", ("bupe_walk_in",))), languages=("es",)),
    Provider("union-hill-behavioral", "Union Hill Behavioral Health", "clinical",
             (("Union Hill", ("outpatient", "iop", "php", "youth_outpatient")),)),
    Provider("new-leaf-residential", "New Leaf Residential Treatment", "clinical",
             (("Falls District", ("residential", "detox")),), area_code="913"),
    Provider("bellmont-family-counseling", "Bellmont Family Counseling", "clinical",
             (("Bellmont Village", ("outpatient", "iop", "naltrexone")),), languages=("es",), area_code="913"),
    Provider("prairie-telehealth", "Prairie Telehealth Recovery", "clinical",
             (("Old Mill", ("telehealth_bupe", "telehealth_counselling")),), timezone="America/New_York",
             area_code="212"),
    Provider("global-neighbours-health", "Global Neighbours Health Center", "clinical",
             (("Eastgate", ("bupe_walk_in", "outpatient", "pregnant_moud")),), languages=("es", "vi", "so", "ar")),
    Provider("corwin-falls-recovery", "Corwin Falls Recovery Clinic", "clinical",
             (("Falls District", ("naltrexone", "outpatient", "iop")),), area_code="913"),
    Provider("heartland-otp", "Heartland Opioid Treatment Services", "clinical",
             (("Cedar Flats", ("otp",)), ("Elk Prairie", ("otp",)), ("Gladwell Square", ("otp",)))),
    Provider("riverton-veterans-wellness", "Riverton Veterans Wellness Center", "clinical",
             (("Dunmore", ("outpatient", "iop", "bupe_walk_in")),)),
    Provider("mothers-first-recovery", "Mothers First Recovery Program", "clinical",
             (("Larkspur", ("pregnant_moud", "outpatient", "residential")),), languages=("es",)),
    Provider("ashford-springs-clinic", "Ashford Springs Health Clinic", "clinical",
             (("Ashford Springs", ("bupe_walk_in", "naltrexone", "outpatient")),)),
    # Peer support
    Provider("riverton-rcc", "Riverton Recovery Community Center", "peer_support",
             (("Old Mill", ("coaching", "cafe", "family", "wellness", "youth", "spanish")),)),
    Provider("bridges-peer-network", "Bridges Peer Network", "peer_support",
             (("Quarry Hill", ("ed_bridge", "reentry", "coaching")), ("Dunmore", ("coaching",)))),
    Provider("heron-bend-recovery-cafe", "Heron Bend Recovery Café", "peer_support",
             (("Heron Bend", ("cafe", "wellness", "coaching")),)),
    Provider("family-recovery-alliance", "Family Recovery Alliance", "peer_support",
             (("Millbrook", ("family", "coaching", "youth")),)),
    Provider("veterans-peer-circle", "Veterans Peer Circle", "peer_support", (("Dunmore", ("veterans", "coaching")),)),
    Provider("eastgate-recovery-hub", "Eastgate Recovery Hub", "peer_support",
             (("Eastgate", ("coaching", "cafe", "spanish")), ("Elk Prairie", ("coaching",))), languages=("es",)),
    Provider("ashford-springs-peer", "Ashford Springs Peer Recovery", "peer_support",
             (("Ashford Springs", ("coaching", "family", "cafe")),)),
    # Harm reduction
    Provider("riverton-harm-reduction", "Riverton Harm Reduction Collective", "harm_reduction",
             (("Foundry Row", ("syringe", "naloxone", "test_strips", "night_drop_in", "mail_out")),
              ("Eastgate", ("syringe", "naloxone")))),
    Provider("night-light-drop-in", "Night Light Drop-In Center", "harm_reduction",
             (("Old Mill", ("night_drop_in", "wound_care", "naloxone", "test_strips")),)),
    Provider("riverton-county-health", "Riverton County Health Department", "harm_reduction",
             (("Union Hill", ("naloxone", "testing")), ("Bellmont Station", ("naloxone", "testing"))),
             languages=("es",)),
    Provider("riverton-street-outreach", "Riverton Street Outreach Team", "harm_reduction",
             (("Foundry Row", ("outreach",)),)),
    Provider("overdose-prevention-coalition", "Riverton Overdose Prevention Coalition", "harm_reduction",
             (("Old Mill", ("vending",)), ("Falls District", ("vending",)), ("Fairhaven", ("vending",)),
              ("Dunmore", ("vending",)))),
    # Employment
    Provider("second-chance-works", "Second Chance Works", "employment",
             (("Foundry Row", ("reentry_jobs", "job_training")), ("Eastgate", ("reentry_jobs",)))),
    Provider("riverton-workforce-partners", "Riverton Workforce Partners", "employment",
             (("Old Mill", ("placement", "ips", "job_training", "summer_youth")),)),
    Provider("foundry-row-trades", "Foundry Row Trades Apprenticeship Hub", "employment",
             (("Foundry Row", ("trades", "culinary")),)),
    Provider("ged-pathways", "GED Pathways Learning Center", "employment",
             (("Millbrook", ("ged",)), ("Bellmont Station", ("ged",))), area_code="913"),
    Provider("recovery-friendly-careers", "Recovery-Friendly Careers", "employment",
             (("Union Hill", ("ips", "placement")),)),
    Provider("rising-loaf-bakery", "Rising Loaf Bakery Training Program", "employment",
             (("Heron Bend", ("transitional", "culinary")),)),
    # Crisis
    Provider("riverton-crisis-line", "Riverton Crisis & Support Line", "crisis", (("Old Mill", ("line", "text")),),
             languages=("es",)),
    Provider("riverton-mobile-crisis", "Riverton Mobile Crisis Response", "crisis",
             (("Union Hill", ("mobile",)), ("Bellmont Station", ("mobile",)))),
    Provider("riverton-crisis-center", "Riverton Behavioral Health Crisis Center", "crisis",
             (("Quarry Hill", ("walk_in",)),)),
    Provider("safe-harbor-dv", "Safe Harbor Domestic Violence Services", "crisis", (("Larkspur", ("dv_hotline",)),)),
    Provider("riverton-warmline", "Riverton Peer Warmline", "crisis", (("Heron Bend", ("warmline", "youth_text")),)),
)
