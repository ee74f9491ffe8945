"""The message catalogs: one gettext .po per language in api/translations, compiled in memory on first use.

The .po files are the only form kept in git; there are no .mo files to build or forget. A process compiles each
catalog once, with Babel's own reader and writer (what `pybabel compile` does), in a few milliseconds: so a fresh
clone, an installed wheel, `make run` and `make test` all read the catalog exactly as committed, and a compiled
copy can never lag behind its .po. Fuzzy entries are left out, as `pybabel compile` leaves them out: until someone
confirms them, English is shown.
"""

import gettext
from functools import cache
from importlib import resources
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# The language the code is written in: its msgids are the English text, so English needs no catalog.
SOURCE_LANGUAGE = "en"
LANGUAGES = (SOURCE_LANGUAGE, "es")
DOMAIN = "messages"


def catalog_path(language: str):
    """Where the .po of a language lives (inside the installed package)."""
    return resources.files("api").joinpath(f"translations/{language}/LC_MESSAGES/{DOMAIN}.po")


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of one of LANGUAGES (the source language translates to itself)."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    with catalog_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
