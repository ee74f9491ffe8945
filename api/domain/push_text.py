"""The words of a notification, in the device's language, discreet on a lock screen.

Titles never name a service or a kind of help: a phone face-up on a table should not say "detox". Bodies name the
service only when the person turned discretion off; by default they say "a place you follow".
"""

from datetime import date
from functools import lru_cache

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date

LANGUAGES = ("en", "es")

# kind -> (title, body naming the service, discreet body); {name}, {date} are filled in.
TEXTS = {
    "en": {
        "closed_for_good": ("No longer listed", "{name} has closed.", "A place you follow has closed."),
        "temporarily_closed": ("Closed for now", "{name} is closed for now.", "A place you follow is closed for now."),
        "meeting_cancelled": ("Cancelled", "{name} is cancelled on {date}.",
                              "A meeting you follow is cancelled on {date}."),
        "meeting_time_changed": ("New time", "{name} has a new time.", "A meeting you follow has a new time."),
        "meeting_online": ("Now online", "{name} now meets online.", "A meeting you follow now meets online."),
        "vacancy_opened": ("A place opened up", "{name} has room now.", "A place you follow has room now."),
        "waitlist_opened": ("Waitlist open", "{name} opened its waitlist.", "A place you follow opened its waitlist."),
        "reopened": ("Open again", "{name} is open again.", "A place you follow is open again."),
        "new_service": ("New near you", "{name} is new nearby.", "Something new nearby matches what you follow."),
    },
    "es": {
        "closed_for_good": ("Ya no aparece", "{name} cerró.", "Un lugar que sigue cerró."),
        "temporarily_closed": ("Cerrado por ahora", "{name} está cerrado por ahora.",
                               "Un lugar que sigue está cerrado por ahora."),
        "meeting_cancelled": ("Cancelada", "{name} se cancela el {date}.",
                              "Una reunión que sigue se cancela el {date}."),
        "meeting_time_changed": ("Nuevo horario", "{name} tiene un nuevo horario.",
                                 "Una reunión que sigue tiene un nuevo horario."),
        "meeting_online": ("Ahora en línea", "{name} ahora se reúne en línea.",
                           "Una reunión que sigue ahora se reúne en línea."),
        "vacancy_opened": ("Hay lugar", "{name} tiene lugar ahora.", "Un lugar que sigue tiene lugar ahora."),
        "waitlist_opened": ("Lista de espera abierta", "{name} abrió su lista de espera.",
                            "Un lugar que sigue abrió su lista de espera."),
        "reopened": ("Abierto de nuevo", "{name} está abierto de nuevo.", "Un lugar que sigue está abierto de nuevo."),
        "new_service": ("Nuevo cerca", "{name} es nuevo cerca de usted.",
                        "Hay algo nuevo cerca que coincide con lo que sigue."),
    },
}
# A name longer than this is cut: the whole message must stay far inside FCM's 4096 bytes.
MAX_NAME = 80


@lru_cache(maxsize=256)
def language(locale: str) -> str:
    """The catalogue language for a BCP 47 locale ("es-MX" -> "es"); English when there is no catalogue for it."""
    try:
        parsed = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return "en"
    return parsed.language if parsed.language in LANGUAGES else "en"


def text(kind: str, locale: str, name: str, detail: str | None, discreet: bool) -> tuple[str, str]:
    """(title, body) of one kind of news for a device."""
    lang = language(locale)
    title, named, anonymous = TEXTS[lang][kind]
    when = format_date(date.fromisoformat(detail), "EEEE d MMMM", locale=lang) if kind == "meeting_cancelled" else ""
    short = name if len(name) <= MAX_NAME else name[:MAX_NAME - 1] + "…"
    return title, (anonymous if discreet else named).format(name=short, date=when)
