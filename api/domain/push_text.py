"""The words of a notification, in the device's language, discreet on a lock screen.

Titles never name a service or a kind of help: a phone face-up on a table should not say "detox". Bodies name the
service only when the person turned discretion off; by default they say "a place you follow".
"""

from datetime import date

from babel.dates import format_date, format_skeleton

from api.i18n.catalogs import SOURCE_LANGUAGE
from api.i18n.language import current, speaking, supported
from api.i18n.text import N_
from api.i18n.text import gettext as _

# kind -> (title, body naming the service, discreet body), in English for the catalog; {name}, {date} filled in.
MESSAGES = {
    "closed_for_good": (N_("No longer listed"), N_("{name} has closed."), N_("A place you follow has closed.")),
    "temporarily_closed": (N_("Closed for now"), N_("{name} is closed for now."),
                           N_("A place you follow is closed for now.")),
    "meeting_cancelled": (N_("Cancelled"), N_("{name} is cancelled on {date}."),
                          N_("A meeting you follow is cancelled on {date}.")),
    "meeting_time_changed": (N_("New time"), N_("{name} has a new time."), N_("A meeting you follow has a new time.")),
    "meeting_online": (N_("Now online"), N_("{name} now meets online."), N_("A meeting you follow now meets online.")),
    "vacancy_opened": (N_("A place opened up"), N_("{name} has room now."), N_("A place you follow has room now.")),
    "waitlist_opened": (N_("Waitlist open"), N_("{name} opened its waitlist."),
                        N_("A place you follow opened its waitlist.")),
    "reopened": (N_("Open again"), N_("{name} is open again."), N_("A place you follow is open again.")),
    "new_service": (N_("New near you"), N_("{name} is new nearby."),
                    N_("Something new nearby matches what you follow.")),
    # The answer to a report the person sent: never the listing's name, whatever the device's discretion.
    "report_updated": (N_("Thank you"), N_("Thanks — the listing was updated."),
                       N_("Thanks — the listing was updated.")),
    "report_already_fixed": (N_("Thank you"), N_("Thanks — the listing had already been corrected."),
                             N_("Thanks — the listing had already been corrected.")),
    "report_checked": (N_("Thank you"), N_("Thanks — the listing was checked and stays as it is."),
                       N_("Thanks — the listing was checked and stays as it is.")),
}
# A name longer than this is cut: the whole message must stay far inside FCM's 4096 bytes.
MAX_NAME = 80


def text(kind: str, locale: str, name: str, detail: str | None, discreet: bool) -> tuple[str, str]:
    """(title, body) of one kind of news for a device, in its locale's language ("es-MX" -> Spanish), else English."""
    title, named, anonymous = MESSAGES[kind]
    with speaking(supported(locale) or SOURCE_LANGUAGE):
        when = _day(detail) if kind == "meeting_cancelled" else ""
        short = name if len(name) <= MAX_NAME else name[:MAX_NAME - 1] + "…"
        return _(title), _(anonymous if discreet else named, name=short, date=when)


def listing_name(signals: dict | None, locale: str) -> str:
    """A listing's name as a device reading this locale sees it: its partner's translation, else as written."""
    signals = signals or {}
    return signals.get("names", {}).get(supported(locale) or SOURCE_LANGUAGE) or signals.get("name", "")


def _day(iso_date: str) -> str:
    """A date as the language writes it with its weekday: "Thursday, November 26", "jueves, 26 de noviembre"."""
    day = date.fromisoformat(iso_date)
    # CLDR's skeletons abbreviate the weekday beside a month in Spanish ("jue"): the whole weekday is set beside it.
    return _("{weekday}, {day}", weekday=format_date(day, "EEEE", locale=current()),
             day=format_skeleton("MMMMd", day, locale=current()))
