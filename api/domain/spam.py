"""Obvious spam in a free-text note: links, addresses to write to, a key held down, one word over and over.

A note is for the listing's partner, who reads it on a phone: anything that needs a link or an address to make
its point is not about the listing. The rules are plain on purpose (a refusal names what to change), and a person
who trips one can say the same thing in words.
"""

import re

from api.i18n.text import N_

LINK = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|net|org|info|biz|io|co|ru|cn|xyz|top|online|site|click|link|"
                  r"shop|store|app|me|ly|gl)\b", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
HELD_KEY = re.compile(r"(\S)\1{5,}")  # six of the same character in a row
SAME_WORD = re.compile(r"\b(\w+)\b(?:\W+\1\b){3,}", re.IGNORECASE)  # a word four times running

# An email address ends like a link: it is checked first, so the refusal names what was really there.
RULES = ((EMAIL, N_("Leave out email addresses: the listing's partner cannot answer you here.")),
         (LINK, N_("Leave out links: say in words what is wrong.")),
         (HELD_KEY, N_("Too many repeated characters.")),
         (SAME_WORD, N_("The same word over and over.")))


def spam_reason(text: str) -> str | None:
    """Why a note is refused (an English message for the catalog), or None when it reads like a note."""
    for pattern, reason in RULES:
        if pattern.search(text):
            return reason
    return None
