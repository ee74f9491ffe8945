"""Client addresses kept out of the log lines that would carry them (gunicorn's, the rate limiter's, the
development server's), unless LOG_CLIENT_ADDRESSES says otherwise: an address ties a person to a search."""

import ipaddress
import logging
import re

# gunicorn: "Invalid request from ip=203.0.113.9: ..."; Flask-Limiter: "ratelimit 5 per 1 minute (203.0.113.9)
# exceeded ..."; Werkzeug's development server starts each request line with the client's address.
LOGGERS = ("gunicorn.error", "flask-limiter", "werkzeug")
HIDDEN = "[address]"
# Anything made of hex digits, dots and colons; ipaddress decides which of them are addresses.
_CANDIDATE = re.compile(r"[0-9A-Fa-f]*[:.][0-9A-Fa-f:.]+")
_PORT = re.compile(r":[0-9]{1,5}$")


def _hide(match: re.Match) -> str:
    token = match.group(0)
    # An address may come with a port ("203.0.113.9:5555", "::ffff:203.0.113.9:443"): try it without one too.
    for candidate in (token, token.rstrip(":."), token.lstrip(":."), _PORT.sub("", token)):
        try:
            ipaddress.ip_address(candidate)
        except ValueError:
            continue
        return token.replace(candidate, HIDDEN)
    return token


def without_addresses(text: str) -> str:
    """The text with every IPv4 or IPv6 address in it replaced by [address]."""
    return _CANDIDATE.sub(_hide, text)


class AddressFilter(logging.Filter):
    """Rewrites a record's message without the addresses in it (the record is still logged)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = without_addresses(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def keep_addresses_out(keep_addresses: bool) -> None:
    """Filter the loggers that carry client addresses, or (keep_addresses) leave them as they are."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        filters = [each for each in logger.filters if isinstance(each, AddressFilter)]
        if keep_addresses:
            for each in filters:
                logger.removeFilter(each)
        elif not filters:
            logger.addFilter(AddressFilter())
