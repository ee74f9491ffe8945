"""Peer support, harm reduction, employment and crisis services: the community side of the directory."""

from functools import partial

from api.models.details import EmploymentDetail
from seeds.templates import Template, random_from


def _peer(**kwargs) -> Template:
    return Template(category="peer_support", free=True, payment=("free",), holiday="closed", **kwargs)


def _harm_reduction(**kwargs) -> Template:
    return Template(category="harm_reduction", free=True, payment=("free",), **kwargs)


def _employment(programme: str, paid: bool = False, weeks: int | None = None, **kwargs) -> Template:
    return Template(category="employment", free=True, payment=("free",), holiday="closed",
                    detail=partial(EmploymentDetail, programme_type=programme, paid=paid, duration_weeks=weeks),
                    **kwargs)


def _crisis(**kwargs) -> Template:
    return Template(category="crisis", free=True, payment=("free",), **kwargs)


PEER_SUPPORT = {
    "coaching": _peer(
        name="Peer recovery coaching",
        description="One-to-one support from a certified peer specialist with lived experience: goals, "
                    "appointments, housing and benefits, at your pace. All pathways to recovery welcome.",
        hours=("MO-FR 09:00-18:00",), taxonomy=("peer-coaching",)),
    "cafe": _peer(
        name="Recovery café drop-in",
        description="A free, substance-free place to be: coffee, a hot meal on weekdays, and people who get it.",
        hours=("MO-FR 10:00-20:00", "SA 11:00-16:00"), taxonomy=("recovery-community-center", "drop-in")),
    "family": _peer(
        name="Family recovery support",
        description="Coaching and a weekly group for parents, partners and friends of someone who uses drugs "
                    "or alcohol, including naloxone training.",
        hours=("TU,TH 12:00-20:00",), taxonomy=("family-support", "peer-coaching"), populations=("families",)),
    "ed_bridge": _peer(
        name="Hospital peer bridge",
        description="Peer specialists meet people in the emergency department after an overdose and stay in "
                    "touch for 90 days.",
        hours=("daily 08:00-00:00",), taxonomy=("peer-coaching", "bridge-clinic")),
    "reentry": _peer(
        name="Reentry peer mentoring",
        description="Mentors who have been through the justice system help with the first months after release: "
                    "ID, housing, treatment and check-ins.",
        hours=("MO-FR 08:30-17:00",), taxonomy=("peer-coaching", "reentry"), populations=("justice_involved",)),
    "wellness": _peer(
        name="Recovery wellness activities",
        description="Yoga, walking group, art and cooking classes led by people in recovery.",
        hours=("MO,WE,FR 16:00-19:00", "SA 09:00-12:00"), taxonomy=("recovery-community-center",)),
    "youth": _peer(
        name="Young adult peer support",
        description="Peer support for people aged 18 to 26: school, work, friends, and recovery on your terms.",
        hours=("MO-TH 14:00-20:00",), taxonomy=("peer-coaching",), populations=("youth",),
        min_age=18, max_age=26),
    "veterans": _peer(
        name="Veteran peer support",
        description="Veterans supporting veterans in recovery; help with VA benefits and housing.",
        hours=("MO-FR 09:00-17:00",), taxonomy=("peer-coaching",), populations=("veterans",)),
    "spanish": _peer(
        name="Peer support in Spanish",
        description="Recovery support in Spanish from peer specialists with lived experience of recovery.",
        hours=("TU-SA 10:00-18:00",), taxonomy=("peer-coaching",), languages=("es", "en")),
}

HARM_REDUCTION = {
    "syringe": _harm_reduction(
        name="Syringe services program",
        description="Sterile supplies, safe disposal, wound care referrals and testing. No ID, no names needed.",
        hours=("MO-FR 10:00-18:00", "SA 12:00-16:00"), taxonomy=("syringe-services", "naloxone")),
    "naloxone": _harm_reduction(
        name="Naloxone distribution and training",
        description="Free naloxone (Narcan) kits and a five-minute training on how to use them. Walk in.",
        hours=("MO-FR 09:00-17:00",), taxonomy=("naloxone",), holiday="closed"),
    "test_strips": _harm_reduction(
        name="Fentanyl test strips",
        description="Free fentanyl and xylazine test strips with instructions, no questions asked.",
        hours=("MO-FR 10:00-18:00",), taxonomy=("fentanyl-test-strips", "naloxone")),
    "night_drop_in": _harm_reduction(
        name="Night drop-in centre",
        description="Open late: a warm place to sit, snacks, supplies, naloxone, showers, and staff who can "
                    "connect you to detox the same night.",
        hours=("daily 18:00-02:00",), taxonomy=("drop-in", "naloxone", "syringe-services")),
    "wound_care": _harm_reduction(
        name="Wound care clinic",
        description="A nurse treats abscesses and skin wounds without judgement; bring a friend if you like.",
        hours=("TU,TH 13:00-17:00",), taxonomy=("wound-care",)),
    "testing": _harm_reduction(
        name="HIV and hepatitis C testing",
        description="Rapid HIV and hepatitis C tests with results in 20 minutes, and help starting treatment.",
        hours=("MO,WE,FR 09:00-16:00",), taxonomy=("hiv-hcv-testing",), holiday="closed"),
    "outreach": _harm_reduction(
        name="Mobile outreach van",
        description="The van visits camps and parks with supplies, naloxone and a peer worker. Call or text for "
                    "today's stops.",
        hours=("MO-SA 15:00-23:00",), taxonomy=("outreach", "naloxone"), phone_types=("voice", "text")),
    "vending": _harm_reduction(
        name="Naloxone vending machine",
        description="Free naloxone and test strips from a machine in the entrance, any hour.",
        hours=("daily 00:00-00:00",), taxonomy=("naloxone", "fentanyl-test-strips")),
    "mail_out": _harm_reduction(
        name="Test strip mail-out (pilot)",
        description="Test strips by post. The pilot has ended; pick strips up at our drop-in instead.",
        hours=("MO-FR 09:00-17:00",), taxonomy=("fentanyl-test-strips",),
        status="inactive", status_note="Pilot ended; supplies are available at the drop-in centre."),
}

EMPLOYMENT = {
    "reentry_jobs": _employment(
        "job_placement", name="Second-chance job placement",
        description="Job search and placement with fair-chance employers for people with a record.",
        hours=("MO-FR 09:00-16:00",), taxonomy=("job-placement", "reentry"), populations=("justice_involved",)),
    "job_training": _employment(
        "job_training", weeks=8, name="Job readiness training",
        description="Eight weeks of workplace skills, CV writing, interview practice and a work placement.",
        hours=("MO-TH 09:00-13:00",), taxonomy=("job-training",)),
    "ips": _employment(
        "supported_employment", name="Supported employment (IPS)",
        description="An employment specialist works with you and your treatment team to find and keep a job you "
                    "choose.",
        hours=("MO-FR 08:30-17:00",), taxonomy=("supported-employment",)),
    "placement": _employment(
        "job_placement", name="Recovery-friendly job placement",
        description="Matching with employers who have signed the recovery-friendly workplace pledge.",
        hours=("MO-FR 09:00-17:00",), taxonomy=("job-placement",)),
    "trades": _employment(
        "apprenticeship", paid=True, weeks=52, name="Building trades apprenticeship",
        description="A paid year-long apprenticeship in carpentry, electrical or plumbing, with a recovery "
                    "mentor on every crew.", hours=("MO-FR 07:00-15:30",), taxonomy=("apprenticeship",),
        populations=("adults", "justice_involved")),
    "culinary": _employment(
        "apprenticeship", paid=True, weeks=26, name="Culinary apprenticeship",
        description="Six paid months in a working kitchen, leading to a food-handler certificate.",
        hours=("TU-SA 08:00-16:00",), taxonomy=("apprenticeship", "job-training")),
    "ged": _employment(
        "education", weeks=16, name="GED and adult education classes",
        description="Free GED preparation, digital skills and English classes, mornings or evenings.",
        hours=("MO-TH 09:00-12:00", "MO,WE 18:00-20:30"), taxonomy=("education",), languages=("en", "es")),
    "transitional": _employment(
        "job_training", paid=True, weeks=12, name="Paid transitional job",
        description="Twelve weeks of paid work in our social-enterprise bakery while you look for a permanent job.",
        hours=("MO-FR 06:00-14:00",), taxonomy=("job-training", "reentry"), populations=("justice_involved",)),
    "summer_youth": _employment(
        "job_placement", paid=True, weeks=8, name="Summer youth jobs",
        description="Paid summer jobs for 16 to 21 year olds. Applications reopen in spring.",
        hours=("MO-FR 09:00-15:00",), taxonomy=("job-placement",), populations=("youth",),
        min_age=16, max_age=21, status="inactive", status_note="Seasonal; applications reopen in spring."),
}

CRISIS = {
    "line": _crisis(
        name="24/7 crisis and support line", phone_types=("hotline",),
        description="Talk to a trained counsellor any time, about anything: overdose, suicidal thoughts, "
                    "a bad night. Free and confidential.",
        hours=("daily 00:00-00:00",), taxonomy=("crisis-line",), languages=("en", "es")),
    "text": _crisis(
        name="Crisis text line", phone_types=("text",),
        description="Text us any time. A counsellor replies within minutes.",
        hours=("daily 00:00-00:00",), taxonomy=("crisis-line",)),
    "mobile": _crisis(
        name="Mobile crisis response", phone_types=("hotline",),
        description="A counsellor and a peer come to you, at home or on the street, instead of the police.",
        hours=("daily 00:00-00:00",), taxonomy=("mobile-crisis",)),
    "walk_in": _crisis(
        name="Behavioral health crisis center (walk-in)",
        description="Walk in or be dropped off, any hour, for a safe place to stabilise, detox referral and "
                    "a plan for tomorrow.", hours=("daily 00:00-00:00",), taxonomy=("crisis-center", "detox"),
        units=(("crisis-chair", "Crisis stabilisation chair", 12),)),
    "dv_hotline": _crisis(
        name="Domestic violence hotline and safe shelter", phone_types=("hotline", "text"),
        description="24-hour hotline; safety planning and an emergency place to stay for survivors and their "
                    "children. The shelter address is given by phone.",
        hours=("daily 00:00-00:00",), taxonomy=("crisis-line", "dv-safe-housing"),
        populations=("parents",)),
    "warmline": _crisis(
        name="Peer warmline", phone_types=("voice", "text"),
        description="Not in crisis but struggling? Talk to a peer in recovery, afternoons until midnight.",
        hours=("daily 16:00-00:00",), taxonomy=("warmline", "peer-coaching")),
    "youth_text": _crisis(
        name="Youth crisis text line", phone_types=("text",),
        description="For young people up to 24: text a counsellor any time.",
        hours=("daily 00:00-00:00",), taxonomy=("crisis-line",), populations=("youth",), max_age=24),
}

random_peer_support = random_from(PEER_SUPPORT)
random_harm_reduction = random_from(HARM_REDUCTION)
random_employment = random_from(EMPLOYMENT)
random_crisis = random_from(CRISIS)
