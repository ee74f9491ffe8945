"""Sealing a referral's personal fields at rest: Fernet (AES-128-CBC with HMAC-SHA256, `cryptography`).

A MultiFernet holds every configured key: the first seals, any of them opens, so a new key can be put first and the
old one kept until `reseal` has moved every stored token onto the new one. A token that no key opens (a key that was
dropped too soon) is reported as such, never as an empty record.
"""

import json
import os
from pathlib import Path
from typing import Callable

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class SealBroken(ValueError):
    """No configured key opens this token."""


class FernetSeal:
    """Seals a small JSON-friendly dict into one text token, and opens it again."""

    name = "fernet"

    def __init__(self, keys: list[str]):
        if not keys:
            raise ValueError("at least one key is needed")
        self._fernet = MultiFernet([Fernet(key.strip().encode()) for key in keys])

    @staticmethod
    def new_key() -> str:
        """A fresh random key, in the form REFERRAL_KEY takes."""
        return Fernet.generate_key().decode()

    def seal(self, fields: dict) -> str:
        """The fields as one token, sealed with the first key."""
        return self._fernet.encrypt(json.dumps(fields, ensure_ascii=False).encode()).decode()

    def open(self, token: str) -> dict:
        """The fields again; SealBroken when no configured key opens the token."""
        try:
            return json.loads(self._fernet.decrypt(token.encode()))
        except InvalidToken:
            raise SealBroken("no configured REFERRAL_KEY opens this record") from None

    def reseal(self, token: str) -> str:
        """The same fields sealed with the first key (what rotation does to each stored token)."""
        try:
            return self._fernet.rotate(token.encode()).decode()
        except InvalidToken:
            raise SealBroken("no configured REFERRAL_KEY opens this record") from None


def kept_key(path: Path, new: Callable[[], str] = FernetSeal.new_key) -> str:
    """The key in this file, made by `new` (readable by this user alone) when there is none yet."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as file:
        file.write(new() + "\n")
        file.flush()
        os.fsync(file.fileno())
    return path.read_text().strip()


def parse_keys(text: str) -> list[str]:
    """REFERRAL_KEY's comma-separated keys, each checked now so a typo stops start-up rather than a referral."""
    keys = [key.strip() for key in text.split(",") if key.strip()]
    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            raise ValueError(f"REFERRAL_KEY's key number {number} is not a Fernet key (32 bytes, url-safe base64: "
                             "make one with `lantern referrals new-key`)") from None
    return keys
