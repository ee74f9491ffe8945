"""Controlled vocabularies of the directory: the codes the API accepts and the labels it shows."""

CATEGORIES = {
    "meeting": "Mutual-support meeting",
    "housing": "Recovery housing",
    "clinical": "Treatment and MOUD",
    "peer_support": "Peer recovery support",
    "harm_reduction": "Harm reduction",
    "employment": "Employment and training",
    "crisis": "Crisis support",
}

STATUSES = ("active", "inactive", "temporarily_closed")

# Who a service is for; an empty list on a service means "anyone".
GENDERS = ("women", "men", "nonbinary")

POPULATIONS = {
    "adults": "Adults",
    "youth": "Young people",
    "veterans": "Veterans",
    "lgbtq": "LGBTQ+ people",
    "pregnant": "Pregnant and postpartum",
    "parents": "Parents with children",
    "justice_involved": "Justice-involved people",
    "unhoused": "People experiencing homelessness",
    "families": "Family members and friends",
}

MOUD_TYPES = {
    "methadone": "Methadone",
    "buprenorphine": "Buprenorphine",
    "naltrexone": "Naltrexone",
}

PAYMENT_OPTIONS = {
    "free": "Free",
    "medicaid": "Medicaid",
    "medicare": "Medicare",
    "private_insurance": "Private insurance",
    "sliding_scale": "Sliding scale",
    "self_pay": "Self pay",
    "state_funded": "State funded",
}

# ASAM levels of care, with withdrawal management written out as people search for it.
LEVELS_OF_CARE = {
    "withdrawal_management": "Withdrawal management (detox)",
    "outpatient": "Outpatient (ASAM 1)",
    "intensive_outpatient": "Intensive outpatient (ASAM 2.1)",
    "partial_hospitalization": "Partial hospitalization (ASAM 2.5)",
    "residential": "Residential (ASAM 3)",
    "inpatient": "Medically managed inpatient (ASAM 4)",
    "otp": "Opioid treatment program",
}

NARR_LEVELS = {1: "Level I – peer run", 2: "Level II – monitored", 3: "Level III – supervised",
               4: "Level IV – service provider"}

ATTENDANCE = ("in_person", "online", "hybrid")

FELLOWSHIPS = {
    "aa": "Alcoholics Anonymous",
    "na": "Narcotics Anonymous",
    "ca": "Cocaine Anonymous",
    "cma": "Crystal Meth Anonymous",
    "al-anon": "Al-Anon",
    "smart": "SMART Recovery",
    "recovery-dharma": "Recovery Dharma",
    "celebrate-recovery": "Celebrate Recovery",
    "lifering": "LifeRing",
}

EMPLOYMENT_PROGRAMMES = {
    "job_training": "Job training",
    "supported_employment": "Supported employment",
    "job_placement": "Job placement",
    "apprenticeship": "Apprenticeship",
    "education": "Education and GED",
}

PHONE_TYPES = ("voice", "text", "fax", "hotline")
