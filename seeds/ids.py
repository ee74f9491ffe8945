"""Deterministic ids: the same natural key always gets the same UUID, so re-seeding finds what it made before."""

import re
import unicodedata
import uuid

# Fixed for ever: changing it would give every seeded record a new id and duplicate the directory on re-seed.
NAMESPACE = uuid.UUID("6f1c2a8e-3b7d-5c41-9e0a-7d2b4c6e8f10")


def seed_id(kind: str, key: str) -> str:
    """The UUID string of the record whose natural key is "<kind>:<key>", e.g. seed_id("svc", "night-owls")."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Women's Café – Tuesday" -> "womens-cafe-tuesday"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-")


class SlugBook:
    """Hands out slugs unique within one book, numbering repeats ("-2", "-3") in the order they are asked for."""

    def __init__(self):
        self._taken: set[str] = set()

    def take(self, text: str) -> str:
        """A slug for text that this book has not handed out before."""
        base = slugify(text)
        slug, number = base, 1
        while slug in self._taken:
            number += 1
            slug = f"{base}-{number}"
        self._taken.add(slug)
        return slug
