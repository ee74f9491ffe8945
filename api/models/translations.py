"""Listing content in more than one language: a listing's and a place's texts written again in another language.

A listing's own fields (name, description, ...) are written in the directory's language, English (ORIGINAL).
Beside them, `translations` maps a language code to the same texts in that language:

    Service.translations  = {"es": {"name": ..., "description": ..., "status_note": ...,
                                    "eligibility_description": ...}}
    Location.translations = {"es": {"description": ..., "transit": ...}}

Any text may be left out of a translation: it is then shown in the original, and the public API says which
language each text it serves is in. The codes a translation may have are the languages the public API answers in
(api/i18n/catalogs.LANGUAGES, less the original): a new catalog opens its language here too, with no change to
the stored shape. Empty texts and languages left with none are dropped when saved, so a form's blank Spanish
section stores (and audits) nothing.
"""

from collections.abc import Mapping

from mongoengine import EmbeddedDocument, EmbeddedDocumentField, MapField, StringField

from api.i18n.catalogs import LANGUAGES, SOURCE_LANGUAGE
from api.i18n.text import gettext as _

ORIGINAL = SOURCE_LANGUAGE  # the language of a listing's and a place's own fields
TRANSLATED = tuple(code for code in LANGUAGES if code != ORIGINAL)


class ServiceTexts(EmbeddedDocument):
    """A listing's texts in one other language (the limits are the original fields' own)."""

    name = StringField(max_length=200)
    description = StringField(max_length=4000)
    status_note = StringField(max_length=300)
    eligibility_description = StringField(max_length=1000)  # the original is eligibility.description


class PlaceTexts(EmbeddedDocument):
    """A place's directions in one other language."""

    description = StringField(max_length=2000)
    transit = StringField(max_length=500)


class TranslationsField(MapField):
    """{language code: texts}; a code other than TRANSLATED is refused, naming the ones that may be given."""

    def __init__(self, texts: type[EmbeddedDocument], **kwargs):
        super().__init__(EmbeddedDocumentField(texts), **kwargs)

    def validate(self, value):
        unknown = sorted(code for code in value or {} if code not in TRANSLATED)
        if unknown:
            self.error(_("{codes}: texts can be given in {languages} besides the original ({original})",
                         codes=", ".join(map(str, unknown))[:60], languages=", ".join(TRANSLATED), original=ORIGINAL))
        super().validate(value)


def pruned(translations: Mapping) -> dict:
    """The translations with blank texts unset and languages without any text left out."""
    kept = {}
    for code, texts in (translations or {}).items():
        for name in texts._fields:
            value = getattr(texts, name)
            setattr(texts, name, (value.strip() or None) if isinstance(value, str) else value)
        if any(getattr(texts, name) for name in texts._fields):
            kept[code] = texts
    return kept


def translated(translations: Mapping | None, name: str, language: str) -> str | None:
    """The text `name` of one language's translation, or None; translations may be documents or stored records."""
    texts = (translations or {}).get(language)
    if texts is None:
        return None
    return texts.get(name) if isinstance(texts, Mapping) else getattr(texts, name, None)


def in_language(originals: Mapping[str, str | None], translations: Mapping | None,
                language: str) -> tuple[dict, dict]:
    """(texts, languages): each of originals ({name: original text}) in language where the translation has it,
    else the original; languages says, for each text there is, which language it is in."""
    texts, languages = {}, {}
    for name, original in originals.items():
        own = translated(translations, name, language) if language != ORIGINAL else None
        texts[name] = own or original
        if texts[name]:
            languages[name] = language if own else ORIGINAL
    return texts, languages


def all_texts(translations: Mapping | None, names) -> list[str]:
    """Every translated text of these names, in every language (what search matches besides the originals)."""
    return [text for code in TRANSLATED for name in names if (text := translated(translations, name, code))]
