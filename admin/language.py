"""The admin area's language: the signed-in person's choice, else their browser's Accept-Language, else English.

It is set first thing in every admin request (api/i18n/language.py holds it), so everything written during the
request speaks it: the templates (Jinja2's i18n extension with our catalogs), flash messages, WTForms' labels and
messages (lazy_gettext, and WTForms' own Spanish for its built-in ones), the services' errors, dates and numbers
(Babel), and `<html lang>`.
"""

from datetime import UTC, date, datetime
from functools import cache

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from flask import Flask, g, request
from flask_login import current_user
from markupsafe import Markup
from wtforms.i18n import get_translations as wtforms_translations

from admin.extensions import login_manager
from api.i18n import language, text
from api.i18n.catalogs import LANGUAGES, translations
from api.i18n.text import N_, number


def init_app(app: Flask) -> None:
    """Speak the chosen language in admin requests, and give the templates the means to. Call it before the admin
    area adds any other request hook: the CSRF check and the upload limit may answer early, in that language too."""
    # What Flask-Login flashes on the way to the sign-in page, written in the language of that moment.
    login_manager.login_message = N_("Sign in to see this page.")
    login_manager.localize_callback = text.gettext
    app.before_request(_begin)
    app.teardown_request(_end)
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(gettext=gettext, ngettext=ngettext, newstyle=False)
    app.jinja_env.globals.update(page_language=language.current)
    app.jinja_env.filters.update(moment=moment, day=day, number=number, strong=strong, code=code)


def chosen(accepted: list[str]) -> str:
    """The signed-in person's language, else the first of the browser's (best first) with a catalog, else English."""
    if current_user.is_authenticated and current_user.language in LANGUAGES:
        return current_user.language
    return language.negotiate(None, accepted)


def _begin() -> None:
    # The static files need no words, and reading the signed-in person would keep their session alive.
    if not request.path.startswith("/admin") or request.endpoint == "admin.static":
        return
    accepted = [tag for tag, quality in request.accept_languages if quality > 0]
    g.admin_language_token = language.begin(chosen(accepted))


def _end(error=None) -> None:
    if "admin_language_token" in g:
        language.end(g.pop("admin_language_token"))


def gettext(message: str, **values) -> Markup:
    """For templates: the message in the current language as safe markup, its {fields} filled in escaped (a field
    may be Markup, such as a link). Only {fields} are checked against the catalog: write `_()`, not `{% trans %}`."""
    return Markup.escape(translations(language.current()).gettext(message)).format(**values)


def ngettext(singular: str, plural: str, count: int, **values) -> Markup:
    """For templates: the form that suits count, {count} written as a number of the language (1.234 in Spanish)."""
    text = translations(language.current()).ngettext(singular, plural, count)
    return Markup.escape(text).format(count=number(count), **values)


def moment(value: datetime | str | None) -> str:
    """A stored time (naive UTC, or ISO text as a change's recorded values hold it) as the reader's language writes a
    date and time: "Dec 6, 2026, 1:49 PM UTC"."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    locale = Locale.parse(language.current())
    written = locale.datetime_formats["medium"].format(format_time(aware, "short", tzinfo=UTC, locale=locale),
                                                       format_skeleton("yMMMd", aware, tzinfo=UTC, locale=locale))
    return f"{written} UTC"


def day(value: date | datetime | None, width: str = "medium") -> str:
    """A date as the reader's language writes it: medium "Dec 8, 2026", full "Tuesday, December 8, 2026"."""
    return "" if value is None else format_date(value, width, locale=language.current())


def strong(text) -> Markup:
    """Text in bold, escaped: for a value set inside a translated sentence (`_("... {name}", name=x | strong)`)."""
    return Markup("<strong>{}</strong>").format(text)


def code(text) -> Markup:
    """Text as code, escaped: a column name or an example set inside a translated sentence."""
    return Markup("<code>{}</code>").format(text)


def language_name(code: str) -> str:
    """A language named in itself ("English", "Español"), so anyone can find their own."""
    name = Locale.parse(code).get_display_name(code)
    return name[:1].upper() + name[1:]


class TranslatedMeta:
    """WTForms Meta for every admin form: WTForms' own messages ("Not a valid integer value.") in the current
    language, from the catalogs WTForms ships."""

    def get_translations(self, form):
        return _wtforms(language.current())


@cache
def _wtforms(code: str):
    return wtforms_translations([code])
