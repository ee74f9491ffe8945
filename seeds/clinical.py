"""Treatment and MOUD: the kinds of clinical service Riverton's clinics, hospitals and programmes offer."""

from functools import partial

from api.models.details import ClinicalDetail
from seeds.templates import Template, random_from

INSURED = ("medicaid", "medicare", "private_insurance", "sliding_scale")
PUBLIC = ("medicaid", "medicare", "sliding_scale", "self_pay", "state_funded")


def _clinic(**kwargs) -> Template:
    return Template(category="clinical", **kwargs)


CLINICAL = {
    "otp": _clinic(
        name="Opioid treatment program (methadone and buprenorphine)",
        description="Daily dosing with methadone or buprenorphine, counselling and take-home planning. "
                    "New patients are seen for intake on weekday mornings.",
        hours=("MO-FR 05:30-13:00", "SA 07:00-10:00"), taxonomy=("moud", "methadone", "buprenorphine", "otp"),
        payment=PUBLIC, units=(("moud-intake", "MOUD intake slot", 6),), holiday="short",
        detail=partial(ClinicalDetail, moud=["methadone", "buprenorphine"], walk_in=True, same_day_induction=True,
                       levels_of_care=["otp", "outpatient"])),
    "detox": _clinic(
        name="Medically monitored withdrawal management (detox)",
        description="Around-the-clock detox from alcohol, opioids and other drugs, with MOUD started on site "
                    "and a warm hand-off to ongoing care.",
        hours=("daily 00:00-00:00",), taxonomy=("detox", "moud", "buprenorphine"), payment=PUBLIC,
        units=(("detox-bed-women", "Detox bed – women", 6), ("detox-bed-men", "Detox bed – men", 10)),
        detail=partial(ClinicalDetail, moud=["buprenorphine"], walk_in=True, same_day_induction=True,
                       levels_of_care=["withdrawal_management"])),
    "inpatient_detox": _clinic(
        name="Inpatient withdrawal management",
        description="Medically managed detox for people with complicated withdrawal or other health needs, "
                    "admitted through the emergency department.",
        hours=("daily 00:00-00:00",), taxonomy=("detox",), payment=INSURED + ("self_pay",),
        units=(("detox-bed", "Detox bed", 8),),
        detail=partial(ClinicalDetail, moud=["buprenorphine", "methadone"],
                       levels_of_care=["withdrawal_management", "inpatient"])),
    "bridge_clinic": _clinic(
        name="Emergency department bridge clinic",
        description="Buprenorphine started in the emergency department any time of day, with a follow-up "
                    "appointment within three days and a peer recovery coach.",
        hours=("daily 00:00-00:00",), taxonomy=("moud", "buprenorphine", "bridge-clinic"),
        payment=INSURED + ("self_pay", "free"),
        detail=partial(ClinicalDetail, moud=["buprenorphine"], walk_in=True, same_day_induction=True)),
    "bupe_walk_in": _clinic(
        name="Walk-in buprenorphine clinic",
        description="Office-based buprenorphine with same-day starts for walk-ins before 3 pm; primary care "
                    "and counselling in the same building.",
        hours=("MO-FR 08:00-17:00",), taxonomy=("moud", "buprenorphine"), payment=INSURED,
        holiday="closed",
        detail=partial(ClinicalDetail, moud=["buprenorphine", "naltrexone"], walk_in=True, same_day_induction=True,
                       levels_of_care=["outpatient"])),
    "naltrexone": _clinic(
        name="Naltrexone and alcohol use treatment",
        description="Oral and monthly injectable naltrexone for alcohol and opioid use, with counselling.",
        hours=("MO-TH 09:00-18:00", "FR 09:00-13:00"), taxonomy=("moud", "naltrexone", "outpatient"),
        payment=INSURED, holiday="closed",
        detail=partial(ClinicalDetail, moud=["naltrexone"], levels_of_care=["outpatient"])),
    "outpatient": _clinic(
        name="Outpatient counselling",
        description="Individual and group counselling for substance use, one to three sessions a week, "
                    "evening groups available.",
        hours=("MO-TH 08:00-19:00", "FR 08:00-16:00"), taxonomy=("outpatient", "counselling"), payment=INSURED,
        holiday="closed", detail=partial(ClinicalDetail, levels_of_care=["outpatient"])),
    "iop": _clinic(
        name="Intensive outpatient program (evenings)",
        description="Nine hours a week of group and individual therapy over three evenings, so people can "
                    "keep working.",
        hours=("MO,TU,TH 17:30-20:30",), taxonomy=("intensive-outpatient", "counselling"), payment=INSURED,
        holiday="closed",
        detail=partial(ClinicalDetail, moud=["buprenorphine", "naltrexone"], levels_of_care=["intensive_outpatient"])),
    "php": _clinic(
        name="Partial hospitalization program",
        description="A structured day programme five days a week for people stepping down from inpatient "
                    "care or needing more than outpatient.",
        hours=("MO-FR 09:00-15:00",), taxonomy=("counselling",), payment=INSURED,
        holiday="closed", detail=partial(ClinicalDetail, levels_of_care=["partial_hospitalization"])),
    "residential": _clinic(
        name="Residential treatment",
        description="28 to 90 days of residential treatment with MOUD continued or started on site.",
        hours=("daily 00:00-00:00",), taxonomy=("residential-treatment", "moud"), payment=PUBLIC,
        units=(("residential-bed-women", "Residential bed – women", 12),
               ("residential-bed-men", "Residential bed – men", 16)),
        detail=partial(ClinicalDetail, moud=["buprenorphine", "naltrexone"], levels_of_care=["residential"])),
    "pregnant_moud": _clinic(
        name="MOUD for pregnant and parenting women",
        description="Buprenorphine and methadone care coordinated with prenatal care, childcare during "
                    "appointments and parenting support.",
        hours=("MO-FR 08:00-16:30",), taxonomy=("moud", "buprenorphine", "methadone"),
        payment=("medicaid", "sliding_scale", "state_funded"), genders=("women",), populations=("pregnant", "parents"),
        holiday="closed",
        detail=partial(ClinicalDetail, moud=["buprenorphine", "methadone"], walk_in=True,
                       levels_of_care=["outpatient"])),
    "youth_outpatient": _clinic(
        name="Adolescent outpatient program",
        description="After-school counselling for young people aged 13 to 19 and their families.",
        hours=("MO-TH 15:30-19:00",), taxonomy=("outpatient", "counselling"), payment=INSURED, populations=("youth",),
        min_age=13, max_age=19, holiday="closed", detail=partial(ClinicalDetail, levels_of_care=["outpatient"])),
    "telehealth_bupe": _clinic(
        name="Telehealth buprenorphine",
        description="Video visits with a prescriber, often the same day; prescriptions sent to a local pharmacy. "
                    "Our call centre keeps Eastern time.",
        hours=("MO-FR 08:00-22:00", "SA,SU 10:00-18:00"), taxonomy=("moud", "buprenorphine", "telehealth"),
        payment=INSURED + ("self_pay",),
        detail=partial(ClinicalDetail, moud=["buprenorphine"], same_day_induction=True,
                       levels_of_care=["outpatient"])),
    "telehealth_counselling": _clinic(
        name="Telehealth recovery counselling (pilot)",
        description="Weekly video counselling. The pilot has ended; existing clients were referred on.",
        hours=("MO-FR 09:00-17:00",), taxonomy=("telehealth", "counselling"), payment=INSURED,
        status="inactive", status_note="Pilot ended; not taking referrals.",
        detail=partial(ClinicalDetail, levels_of_care=["outpatient"])),
}

random_clinical = random_from(CLINICAL)
