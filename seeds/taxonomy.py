"""The taxonomy terms seeded services are classified by (HSDS taxonomy_term, taxonomy "lantern")."""

from api.models import TaxonomyTerm
from seeds.ids import seed_id

# (code, name, parent code, description)
TERMS = (
    ("moud", "Medications for opioid use disorder", None, "Methadone, buprenorphine or naltrexone."),
    ("methadone", "Methadone", "moud", "Daily methadone from an opioid treatment program."),
    ("buprenorphine", "Buprenorphine", "moud", "Buprenorphine (Suboxone and similar), often same day."),
    ("naltrexone", "Naltrexone", "moud", "Oral or monthly injectable naltrexone."),
    ("otp", "Opioid treatment program", "moud", "A certified clinic that dispenses methadone."),
    ("bridge-clinic", "Bridge clinic", "moud", "MOUD started in an emergency department or urgent clinic."),
    ("detox", "Detox (withdrawal management)", None, "Supervised withdrawal from alcohol or drugs."),
    ("outpatient", "Outpatient treatment", None, "Treatment while living at home."),
    ("intensive-outpatient", "Intensive outpatient", "outpatient", "Several sessions a week, usually evenings."),
    ("residential-treatment", "Residential treatment", None, "Treatment while living on site."),
    ("counselling", "Counselling", None, "Individual or group therapy."),
    ("telehealth", "Telehealth", None, "Care by video or phone."),
    ("recovery-housing", "Recovery housing", None, "Alcohol- and drug-free housing for people in recovery."),
    ("sober-living", "Sober living", "recovery-housing", "Peer-run or monitored recovery residences."),
    ("recovery-residence", "Certified recovery residence", "recovery-housing",
     "A residence certified against the NARR standard."),
    ("dv-safe-housing", "Domestic violence safe housing", None, "A confidential place to stay for survivors."),
    ("mutual-support", "Mutual-support meeting", None, "Twelve-step and other peer meetings."),
    ("online-meeting", "Online meeting", "mutual-support", "A meeting you can join by video or phone."),
    ("peer-coaching", "Peer recovery coaching", None, "Support from someone with lived experience."),
    ("recovery-community-center", "Recovery community center", None, "A drop-in hub run by people in recovery."),
    ("family-support", "Family support", None, "Support for family members and friends."),
    ("reentry", "Reentry support", None, "Help after prison or jail."),
    ("drop-in", "Drop-in centre", None, "Come as you are, no appointment."),
    ("naloxone", "Naloxone", None, "Free naloxone (Narcan) to reverse an opioid overdose."),
    ("syringe-services", "Syringe services", None, "Sterile supplies and safe disposal."),
    ("fentanyl-test-strips", "Drug checking", None, "Fentanyl and xylazine test strips."),
    ("wound-care", "Wound care", None, "Care for abscesses and skin wounds."),
    ("hiv-hcv-testing", "HIV and hepatitis C testing", None, "Rapid tests and help starting treatment."),
    ("outreach", "Street outreach", None, "Workers who come to where people are."),
    ("job-training", "Job training", None, "Skills for work."),
    ("job-placement", "Job placement", None, "Help finding a job."),
    ("supported-employment", "Supported employment", None, "Individual placement and support (IPS)."),
    ("apprenticeship", "Apprenticeship", None, "Paid learning on the job."),
    ("education", "Adult education and GED", None, "GED, literacy and English classes."),
    ("crisis-line", "Crisis line", None, "Phone or text support any hour."),
    ("mobile-crisis", "Mobile crisis", "crisis-line", "A crisis team that comes to you."),
    ("crisis-center", "Crisis center", None, "A walk-in place to stabilise, open around the clock."),
    ("warmline", "Warmline", None, "Peer support by phone when you are struggling but not in crisis."),
)


def taxonomy_terms() -> list[TaxonomyTerm]:
    """The seeded terms, with ids derived from their codes."""
    return [TaxonomyTerm(id=seed_id("term", code), code=code, name=name, parent_code=parent, description=text)
            for code, name, parent, text in TERMS]
