"""Messages in the language of the moment. Mark every text a person reads with one of these, so `make catalogs`
finds it: gettext (alias _) and ngettext translate now; lazy_gettext makes a constant that translates itself each
time it is shown (form labels, validator messages); N_ only marks a constant that is translated when shown.

Placeholders are Python's brace fields ("{count} open"), filled after translation so a translation may move them.
"""

from functools import cache

from babel.core import Locale
from babel.numbers import format_decimal
from babel.support import LazyProxy

from api.i18n.catalogs import translations
from api.i18n.language import current


def gettext(message: str, **values) -> str:
    """message in the current language, its {fields} filled from values."""
    text = translations(current()).gettext(message)
    return text.format(**values) if values else text


_ = gettext


def ngettext(singular: str, plural: str, count: int, **values) -> str:
    """The form of a message that suits count in the current language (Spanish: 1 lugar, 3 lugares), with
    {count} and the other fields filled in."""
    return translations(current()).ngettext(singular, plural, count).format(count=count, **values)


def lazy_gettext(message: str, **values) -> LazyProxy:
    """message as gettext writes it at the moment it is shown (str(), formatting, comparison), never cached: one
    constant made at import serves readers of every language."""
    return LazyProxy(gettext, message, enable_cache=False, **values)


def number(value) -> str:
    """A number as the current language writes it, for a {field}: 10,000 in English, 10.000 in Spanish."""
    return format_decimal(value, locale=locale())


def locale() -> Locale:
    """The current language as Babel's Locale, for Babel's formatting functions: given a name, they parse it into a
    new Locale (and load its data again) on every call."""
    return _parsed(current())


@cache  # one per language of LANGUAGES
def _parsed(language: str) -> Locale:
    return Locale.parse(language)


def N_(message: str) -> str:
    """Mark a constant for the catalog without translating it: gettext(constant) translates it where it is shown."""
    return message
