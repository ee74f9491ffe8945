"""Meilisearch-shaped errors: one exception that carries the HTTP status and the `{message, code, type, link}` body."""


class MeiliError(Exception):
    """An error the fake answers (or records on a failed task) exactly as Meilisearch shapes it."""

    def __init__(self, code: str, message: str, status: int = 400, kind: str = "invalid_request"):
        super().__init__(message)
        self.code, self.message, self.status, self.kind = code, message, status, kind

    def body(self) -> dict:
        """The JSON body Meilisearch sends for this error."""
        return {
            "message": self.message,
            "code": self.code,
            "type": self.kind,
            "link": f"https://docs.meilisearch.com/errors#{self.code}",
        }


def index_not_found(uid: str) -> MeiliError:
    """The 404 for a missing index, used by every route that needs one."""
    return MeiliError("index_not_found", f"Index `{uid}` not found.", 404)


def bad_request(message: str) -> MeiliError:
    """A malformed request body (unknown field, wrong JSON type)."""
    return MeiliError("bad_request", message)


def not_in_fake(feature: str) -> MeiliError:
    """A real Meilisearch feature the fake deliberately leaves out: fail loudly rather than answer wrongly."""
    return MeiliError("not_supported_by_fake", f"The fake Meilisearch does not implement {feature}.", 501, "system")
