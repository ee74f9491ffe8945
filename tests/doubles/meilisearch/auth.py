"""API keys: the master key, the two default keys derived from it, and tenant tokens signed with a key."""

import base64
import hashlib
import hmac
import json
import time

from .errors import MeiliError
from .store import now

SEARCH_UID = "10000000-0000-4000-8000-000000000001"
ADMIN_UID = "10000000-0000-4000-8000-000000000002"


def _missing_header() -> MeiliError:
    return MeiliError("missing_authorization_header", "The Authorization header is missing. It must use the bearer "
                                                      "authorization method.", 401, "auth")


def _invalid_key() -> MeiliError:
    return MeiliError("invalid_api_key", "The provided API key is invalid.", 403, "auth")


class Grant:
    """What one request may do: its key's actions and indexes, and a tenant token's search filters."""

    def __init__(self, actions: list[str], indexes: list[str], search_rules=None):
        self.actions, self.indexes, self.search_rules = actions, indexes, search_rules

    def allows(self, action: str, index_uid: str | None) -> bool:
        """Whether the action on the index (None for instance-wide routes) is within this grant."""
        family = action.split(".")[0] + ".*"
        if not {"*", action, family} & set(self.actions):
            return False
        if index_uid is not None and "*" not in self.indexes and index_uid not in self.indexes:
            return False
        if self.search_rules is None or index_uid is None:
            return True
        rules = self.search_rules
        return "*" in rules or index_uid in rules

    def tenant_filter(self, index_uid: str):
        """The filter a tenant token forces into every search on the index, or None."""
        if isinstance(self.search_rules, dict):
            rule = self.search_rules.get(index_uid, self.search_rules.get("*"))
            return rule.get("filter") if isinstance(rule, dict) else None
        return None


class Auth:
    """Checks the Authorization header; with no master key every request is allowed, as in Meilisearch."""

    def __init__(self, master_key: str | None):
        self.master_key = master_key
        created = now()
        self.keys = [] if master_key is None else [
            self._key(SEARCH_UID, "Default Search API Key", "Use it to search from the frontend", ["search"], created),
            self._key(ADMIN_UID, "Default Admin API Key", "Use it for anything that is not a search operation. "
                      "Caution! Do not expose it on a public frontend", ["*"], created),
        ]

    def _key(self, uid: str, name: str, description: str, actions: list[str], created: str) -> dict:
        # Meilisearch derives each key from its uid and the master key; so does the fake.
        key = hmac.new(self.master_key.encode(), uid.encode(), hashlib.sha256).hexdigest()
        return {"name": name, "description": description, "key": key, "uid": uid, "actions": actions,
                "indexes": ["*"], "expiresAt": None, "createdAt": created, "updatedAt": created}

    def key_value(self, actions: str) -> str:
        """The value of the default key whose actions are exactly `search` or `*` (for tests)."""
        return next(key["key"] for key in self.keys if key["actions"] == [actions])

    def grant(self, header: str | None, keys_route: bool = False) -> Grant:
        """The grant for an Authorization header, or the 401/403 the real server answers."""
        if self.master_key is None:
            if keys_route:
                raise MeiliError("missing_master_key", "Meilisearch is running without a master key. To access this "
                                 "API endpoint, you must have set a master key at launch.", 401, "auth")
            return Grant(["*"], ["*"])
        if not header:
            raise _missing_header()
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme != "Bearer" or not token:
            raise _invalid_key()
        if hmac.compare_digest(token, self.master_key):
            return Grant(["*"], ["*"])
        for key in self.keys:
            if hmac.compare_digest(token, key["key"]):
                return Grant(key["actions"], key["indexes"])
        return self._tenant(token)

    def _tenant(self, token: str) -> Grant:
        try:
            header, payload, signature = token.split(".")
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            parent = next(key for key in self.keys if key["uid"] == claims["apiKeyUid"])
        except (ValueError, KeyError, StopIteration, TypeError):
            raise _invalid_key() from None
        expected = hmac.new(parent["key"].encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
        actual = base64.urlsafe_b64encode(expected).decode().rstrip("=")
        expired = claims.get("exp") is not None and claims["exp"] < time.time()
        if not hmac.compare_digest(actual, signature) or expired or not {"search", "*"} & set(parent["actions"]):
            raise _invalid_key()
        return Grant(["search"], parent["indexes"], claims.get("searchRules"))

    def listing(self, query: dict[str, str]) -> dict:
        """`GET /keys`."""
        offset, limit = int(query.get("offset", 0)), int(query.get("limit", 20))
        return {"results": self.keys[offset : offset + limit], "offset": offset, "limit": limit,
                "total": len(self.keys)}

    def find(self, key_or_uid: str) -> dict:
        """`GET /keys/{key_or_uid}`."""
        for key in self.keys:
            if key_or_uid in (key["key"], key["uid"]):
                return key
        raise MeiliError("api_key_not_found", f"API key `{key_or_uid}` not found.", 404)

