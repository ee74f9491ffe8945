"""Meeting Guide type codes and their translations, read from the copied specification file.

The specification translates its own type names, so they come from it rather than from our catalog: in the
language of the moment when the specification has it, else in English.
"""

import json
from functools import cache
from importlib import resources

from api.i18n.language import current


@cache
def meeting_types() -> dict[str, dict[str, str]]:
    """Return {code: {language: label}} exactly as the Meeting Guide spec publishes it."""
    text = resources.files("api").joinpath("data/meeting-guide/types.json").read_text("utf-8")
    return json.loads(text)


def is_meeting_type(code: str) -> bool:
    """Whether code is one of the standard Meeting Guide type codes (case-sensitive, as the spec is)."""
    return code in meeting_types()


def meeting_type_label(code: str) -> str:
    """A type code's name in the language of the moment (English where the specification lacks it)."""
    labels = meeting_types()[code]
    return labels.get(current(), labels["en"])


# The type codes that say which language a meeting is held in, by ISO 639 code (ASL has only a 639-3 code), as
# the specification names them: S is Spanish.
LANGUAGE_TYPES = {
    "af": "AF", "am": "AM", "ar": "AR", "ase": "ASL", "bg": "BG", "da": "DA", "de": "DE", "el": "EL", "en": "EN",
    "es": "S", "fa": "FA", "fi": "FI", "fr": "FR", "he": "HE", "hi": "HI", "hr": "HR", "hu": "HU", "is": "IS",
    "it": "ITA", "ja": "JA", "ka": "KA", "ko": "KOR", "lt": "LT", "ml": "ML", "mt": "MT", "ne": "NE", "nl": "NL",
    "no": "NO", "pa": "PUN", "pl": "POL", "pt": "POR", "ru": "RUS", "sk": "SK", "sl": "SL", "sv": "SV", "th": "TH",
    "tl": "TL", "tr": "TUR", "uk": "UK",
}
TYPE_LANGUAGES = {code: language for language, code in LANGUAGE_TYPES.items()}


def language_types(languages, implicit: str) -> list[str]:
    """The type codes of the languages a meeting is held in; the implicit one (the directory's own) gets none, as
    a feed in the US marks its Spanish meetings, not its English ones."""
    return [LANGUAGE_TYPES[code] for code in languages if code in LANGUAGE_TYPES and code != implicit]


def languages_from_types(languages, codes, implicit: str) -> list[str]:
    """A meeting's languages once its type codes are read: the languages they name, then those it had that no
    type could name (or the implicit one, which feeds leave unsaid): a language type dropped drops its language."""
    named = [TYPE_LANGUAGES[code] for code in codes if code in TYPE_LANGUAGES]
    kept = [code for code in languages if code not in LANGUAGE_TYPES or code == implicit]
    return list(dict.fromkeys(named + kept))
