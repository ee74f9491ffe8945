"""How stored fields, their coded values and the audit trail's actions read to a partner, in their language.

The history, the conflict screen, report previews and import dry runs show listings and places field by field, as
stored: these name each field a partner edits (a rarer one an import brought keeps its stored name, humanised) and
write the codes of the directory's vocabularies as their labels.
"""

from markupsafe import Markup

from admin import language
from admin.blueprint import bp
from api.domain.vocabulary import (
    CATEGORIES,
    EMPLOYMENT_PROGRAMMES,
    FELLOWSHIPS,
    LEVELS_OF_CARE,
    MOUD_TYPES,
    PAYMENT_OPTIONS,
    POPULATIONS,
)
from api.i18n.text import N_
from api.i18n.text import gettext as _

FIELDS = {
    # a listing
    "name": N_("Name"), "alternate_name": N_("Other name"), "description": N_("Description"),
    "category": N_("Kind of service"), "status": N_("Status"), "status_note": N_("Status note"),
    "partner_note": N_("Note for partner staff"), "url": N_("Website"), "email": N_("Email"), "phones": N_("Phones"),
    "languages": N_("Languages"), "timezone": N_("Time zone"), "locations": N_("Places"), "schedules": N_("Hours"),
    "exceptions": N_("Dates that differ"), "capacity": N_("Room right now"), "eligibility": N_("Who it is for"),
    "cost": N_("Cost"), "meeting": N_("Meeting"), "housing": N_("Recovery residence"), "clinical": N_("Treatment"),
    "employment": N_("Employment programme"), "taxonomy_terms": N_("Topics"), "translations": N_("Translations"),
    # the parts of its sections
    "genders": N_("Only for"), "populations": N_("Especially for"), "min_age": N_("Youngest age"),
    "max_age": N_("Oldest age"), "free": N_("Free"), "fees_description": N_("Fees"),
    "payment_options": N_("Payment accepted"), "fellowship": N_("Fellowship"), "attendance": N_("How people attend"),
    "types": N_("Meeting types"), "conference_url": N_("Link to join"), "conference_phone": N_("Phone to join"),
    "approximate": N_("Approximate address"), "narr_level": N_("NARR level"), "certified_by": N_("Certified by"),
    "certification_expires": N_("Certification expires"), "moud_friendly": N_("Welcomes residents taking MOUD"),
    "accepts_families": N_("Takes families"), "pets_allowed": N_("Pets allowed"), "weekly_cost": N_("Weekly cost"),
    "moud": N_("Medication for opioid use disorder"), "walk_in": N_("Walk-in"),
    "same_day_induction": N_("Same-day induction"), "levels_of_care": N_("Levels of care"),
    "programme_type": N_("Programme"), "paid": N_("Paid"), "duration_weeks": N_("Length in weeks"),
    # a place
    "address": N_("Address"), "area": N_("Neighbourhood or area"), "confidential": N_("Confidential address"),
    "point": N_("Coordinates"), "geocode_status": N_("Where the coordinates came from"),
    "address_1": N_("Street address"), "address_2": N_("Address line 2"), "city": N_("Town or city"),
    "region": N_("State or region"), "postal_code": N_("Postal code"), "country": N_("Country"),
    "transit": N_("How to get there"),
    # a translation's texts (api/models/translations.py) not named above
    "eligibility_description": N_("Who else may come"),
    # a staff member
    "role": N_("Role"), "active": N_("Active"),
}
# Coded values written as their labels: the vocabularies' own, and those the listing form offers.
CODES = {
    "category": CATEGORIES, "populations": POPULATIONS, "payment_options": PAYMENT_OPTIONS, "moud": MOUD_TYPES,
    "levels_of_care": LEVELS_OF_CARE, "fellowship": FELLOWSHIPS, "programme_type": EMPLOYMENT_PROGRAMMES,
    "genders": {"women": N_("Women"), "men": N_("Men"), "nonbinary": N_("Nonbinary people")},
    "attendance": {"in_person": N_("In person"), "online": N_("Online"), "hybrid": N_("In person and online")},
    "status": {"active": N_("Open"), "temporarily_closed": N_("Temporarily closed"),
               "inactive": N_("Not listed (inactive)")},
    "phone_type": {"voice": N_("Voice"), "text": N_("Text"), "fax": N_("Fax"), "hotline": N_("Hotline")},
}
# What the audit trail records someone did, as a sentence about who and what.
ACTIONS = {
    "created": N_("{who} created {what}"), "updated": N_("{who} updated {what}"),
    "confirmed": N_("{who} confirmed {what} as accurate"), "deactivated": N_("{who} deactivated {what}"),
    "reverted": N_("{who} undid a change to {what}"), "removed": N_("{who} removed {what}"),
    "updated (from a public report)": N_("{who} updated {what} from a public report"),
    "marked unconfirmed, as people report it": N_("{who} marked {what} unconfirmed, as people report it"),
    "password_set": N_("{who} set a password for {what}"), "invited": N_("{who} invited {what}"),
    "reset_link_created": N_("{who} made a password reset link for {what}"),
}


@bp.app_template_global()
def field_label(name: str) -> str:
    """A stored field's name as a partner reads it ("status_note": "Status note")."""
    label = FIELDS.get(name)
    return _(label) if label else name.replace("_", " ").capitalize()


@bp.app_template_global()
def code_label(field: str, code) -> str:
    """A coded value of a field as its label ("populations", "veterans": "Veterans"); anything else as stored."""
    label = CODES.get(field, {}).get(code) if isinstance(code, str) else None
    return _(label) if label else code


@bp.app_template_global()
def readable(field: str, stored) -> str:
    """A stored value that is no summary: yes or no, codes as their labels, lists joined, the rest as stored."""
    if isinstance(stored, bool):
        return _("yes") if stored else _("no")
    if isinstance(stored, list | tuple):
        return ", ".join(str(code_label(field, item)) for item in stored)
    return code_label(field, stored)


@bp.app_template_global()
def history_line(action: str, who, what) -> Markup:
    """One entry of the audit trail as a sentence, "Rosa updated Maple House" (who and what escaped, or Markup)."""
    sentence = ACTIONS.get(action)
    return language.gettext(sentence, who=who, what=what) if sentence else Markup("{} · {} · {}").format(who, action,
                                                                                                      what)
