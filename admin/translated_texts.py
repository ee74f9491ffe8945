"""A listing's and a place's texts in other languages, in their editors: one subform per language the public API
speaks besides English (api/models/translations.py), each shown as a collapsible section titled with the
language's own name ("Español"), closed unless it holds something, so a phone scrolls past it in one line."""

from babel import Locale
from wtforms import Form, FormField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from api.i18n.text import lazy_gettext
from api.models.translations import TRANSLATED


class ListingTextsForm(Form):
    """A listing's texts in one language, labelled as their English fields (the section names the language); each
    left empty shows the English one to readers of it."""

    name = StringField(lazy_gettext("Name"), [Optional(), Length(max=200)])
    description = TextAreaField(lazy_gettext("What it offers"), [Optional(), Length(max=4000)])
    status_note = StringField(lazy_gettext("What people should know about the status (optional)"),
                              [Optional(), Length(max=300)])
    eligibility_description = StringField(lazy_gettext("Who else may come (optional)"),
                                          [Optional(), Length(max=1000)])


class PlaceTextsForm(Form):
    """A place's directions in one language."""

    description = TextAreaField(lazy_gettext("About the place (optional)"), [Optional(), Length(max=2000)])
    transit = StringField(lazy_gettext("How to get there (optional)"), [Optional(), Length(max=500)])


def _by_language(texts: type[Form]) -> type[Form]:
    """A form with one subform of texts per language, named by its code (translations-es-name)."""
    return type(f"{texts.__name__}ByLanguage", (Form,), {code: FormField(texts, label=autonym(code))
                                                          for code in TRANSLATED})



def autonym(code: str) -> str:
    """A language's name as its speakers write it ("Español"): how a language is offered whatever the page's."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


ListingTranslations = _by_language(ListingTextsForm)
PlaceTranslations = _by_language(PlaceTextsForm)


def texts_data(translations) -> dict:
    """A document's translations as the subforms' data: {"es": {"name": ..., ...}}."""
    return {code: {name: getattr(texts, name) for name in texts._fields}
            for code, texts in (translations or {}).items() if code in TRANSLATED}


def texts_values(field: FormField) -> dict[str, dict]:
    """The plain values api/services/listings.py and locations.py set, every language's texts (blank as None)."""
    return {code: {name: (value or "").strip() or None for name, value in subform.data.items()}
            for code, subform in field.form._fields.items()}
