"""Controlled vocabularies of the directory: the codes the API accepts and the labels it shows.

Labels are English and marked for the catalog; gettext(label) shows one in the reader's language.
"""

from api.i18n.text import N_

CATEGORIES = {
    "meeting": N_("Mutual-support meeting"),
    "housing": N_("Recovery housing"),
    "clinical": N_("Treatment and MOUD"),
    "peer_support": N_("Peer recovery support"),
    "harm_reduction": N_("Harm reduction"),
    "employment": N_("Employment and training"),
    "crisis": N_("Crisis support"),
}

STATUSES = ("active", "inactive", "temporarily_closed")

# Who a service is for; an empty list on a service means "anyone".
GENDERS = ("women", "men", "nonbinary")

POPULATIONS = {
    "adults": N_("Adults"),
    "youth": N_("Young people"),
    "veterans": N_("Veterans"),
    "lgbtq": N_("LGBTQ+ people"),
    "pregnant": N_("Pregnant and postpartum"),
    "parents": N_("Parents with children"),
    "justice_involved": N_("Justice-involved people"),
    "unhoused": N_("People experiencing homelessness"),
    "families": N_("Family members and friends"),
}

MOUD_TYPES = {
    "methadone": N_("Methadone"),
    "buprenorphine": N_("Buprenorphine"),
    "naltrexone": N_("Naltrexone"),
}

PAYMENT_OPTIONS = {
    "free": N_("Free"),
    "medicaid": N_("Medicaid"),
    "medicare": N_("Medicare"),
    "private_insurance": N_("Private insurance"),
    "sliding_scale": N_("Sliding scale"),
    "self_pay": N_("Self pay"),
    "state_funded": N_("State funded"),
}

# ASAM levels of care, with withdrawal management written out as people search for it.
LEVELS_OF_CARE = {
    "withdrawal_management": N_("Withdrawal management (detox)"),
    "outpatient": N_("Outpatient (ASAM 1)"),
    "intensive_outpatient": N_("Intensive outpatient (ASAM 2.1)"),
    "partial_hospitalization": N_("Partial hospitalization (ASAM 2.5)"),
    "residential": N_("Residential (ASAM 3)"),
    "inpatient": N_("Medically managed inpatient (ASAM 4)"),
    "otp": N_("Opioid treatment program"),
}

NARR_LEVELS = {1: N_("Level I – peer run"), 2: N_("Level II – monitored"), 3: N_("Level III – supervised"),
               4: N_("Level IV – service provider")}

ATTENDANCE = ("in_person", "online", "hybrid")

FELLOWSHIPS = {
    "aa": N_("Alcoholics Anonymous"),
    "na": N_("Narcotics Anonymous"),
    "ca": N_("Cocaine Anonymous"),
    "cma": N_("Crystal Meth Anonymous"),
    "al-anon": N_("Al-Anon"),
    "smart": N_("SMART Recovery"),
    "recovery-dharma": N_("Recovery Dharma"),
    "celebrate-recovery": N_("Celebrate Recovery"),
    "lifering": N_("LifeRing"),
}

EMPLOYMENT_PROGRAMMES = {
    "job_training": N_("Job training"),
    "supported_employment": N_("Supported employment"),
    "job_placement": N_("Job placement"),
    "apprenticeship": N_("Apprenticeship"),
    "education": N_("Education and GED"),
}

PHONE_TYPES = ("voice", "text", "fax", "hotline")
