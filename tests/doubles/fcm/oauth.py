"""OAuth for the fake: a throwaway service-account key made locally, the token endpoint it names, and bearer checks."""

import base64
import functools
import json
import secrets
import threading
import time
from urllib.parse import parse_qs

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from .errors import unauthenticated

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
TOKEN_LIFETIME = 3599  # seconds, as Google's token endpoint answers
AUDIENCE = "https://oauth2.googleapis.com/token"  # google-auth signs for Google's endpoint whatever token_uri says


@functools.cache
def _private_key() -> rsa.RSAPrivateKey:
    # Making a 2048-bit key takes tens of milliseconds: one throwaway key serves every fake in the process.
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


class Oauth:
    """Grants access tokens for assertions signed with the throwaway key, and accepts only tokens it granted."""

    def __init__(self, project_id: str):
        self.project_id = project_id
        self.client_email = f"firebase-adminsdk-fake@{project_id}.iam.gserviceaccount.com"
        self.key_id = secrets.token_hex(20)
        self.granted = 0  # token grants so far: each SDK refresh (start-up, after a 401) adds one
        self._tokens: set[str] = set()
        self._lock = threading.Lock()

    def service_account_info(self, token_uri: str) -> dict:
        """A service-account key file's contents, its token_uri pointing at the fake."""
        pem = _private_key().private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()).decode()
        return {
            "type": "service_account", "project_id": self.project_id, "private_key_id": self.key_id,
            "private_key": pem, "client_email": self.client_email, "client_id": "100000000000000000000",
            "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": token_uri,
            "universe_domain": "googleapis.com",
        }

    def grant(self, form: bytes) -> tuple[int, dict, dict]:
        """`POST /token` with a JWT-bearer assertion: an access token, or Google's invalid_grant."""
        fields = {name: values[-1] for name, values in parse_qs(form.decode()).items()}
        if fields.get("grant_type") != JWT_BEARER or "assertion" not in fields:
            return 400, {"error": "unsupported_grant_type", "error_description": "Invalid grant_type."}, {}
        problem = self._check_assertion(fields["assertion"])
        if problem:
            return 400, {"error": "invalid_grant", "error_description": problem}, {}
        token = f"ya29.fake-{secrets.token_urlsafe(24)}"
        with self._lock:
            self._tokens.add(token)
            self.granted += 1
        return 200, {"access_token": token, "expires_in": TOKEN_LIFETIME, "token_type": "Bearer"}, {}

    def _check_assertion(self, assertion: str) -> str | None:
        try:
            header, payload, signature = assertion.split(".")
            _private_key().public_key().verify(_b64decode(signature), f"{header}.{payload}".encode(),
                                               padding.PKCS1v15(), hashes.SHA256())
            claims = json.loads(_b64decode(payload))
        except (ValueError, InvalidSignature):
            return "Invalid JWT Signature."
        if claims.get("iss") != self.client_email or claims.get("aud") != AUDIENCE:
            return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe."
        if not claims.get("exp", 0) > time.time() - 60:
            return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe."
        return None

    def check(self, authorization: str | None) -> None:
        """Raise the 401 for a request without a bearer token this fake granted."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise unauthenticated(missing=True)
        with self._lock:
            known = token.strip() in self._tokens
        if not known:
            raise unauthenticated(missing=False)
