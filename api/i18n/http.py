"""The public API's language: negotiated once per request, announced on the answer, documented in the OpenAPI.

`lang=` (a query parameter, BCP 47: es, es-MX) decides when given; otherwise the client's Accept-Language; a
language Lantern has no catalog for gets English. Every answer says which language it is in (Content-Language),
and that it differs by Accept-Language (Vary), so a shared cache never hands a Spanish answer to an English reader.
The exchange formats (/hsds, the Meeting Guide feed) are written for other software in the directory's own words:
they do not negotiate, and answer in English.
"""

from apispec import BasePlugin
from flask import Blueprint, Flask, g, request

from api.i18n import language
from api.i18n.catalogs import LANGUAGES, translations

CONTENT_LANGUAGE = {"description": "The language of the answer's labels, summaries and messages (en or es).",
                    "schema": {"type": "string", "enum": ["en", "es"]}}
VARY = {"description": "Includes Accept-Language: the answer differs by it when lang is not given.",
        "schema": {"type": "string"}}
ACCEPT_LANGUAGE = {"name": "Accept-Language", "required": False, "schema": {"type": "string"},
                   "description": "Languages the reader prefers (RFC 9110), used when lang is not given. "
                                  "Answers come in English or Spanish; any other language gets English."}
# The blueprints that negotiate, by name (their routes, and the OpenAPI's documentation of them).
NEGOTIATED: set[str] = set()
HEADERS = {"Content-Language": {"$ref": "#/components/headers/ContentLanguage"},
           "Vary": {"$ref": "#/components/headers/Vary"}}


def negotiate_on(blueprint: Blueprint) -> None:
    """Answer this blueprint's requests in the negotiated language, and say so on every answer."""
    NEGOTIATED.add(blueprint.name)


def init_app(app: Flask) -> None:
    """Negotiate first thing in each request of those blueprints. Call it before any other request hook is added:
    hooks run in that order, and one may answer early (the rate limiter's 429), in the reader's language too."""
    for code in LANGUAGES:
        translations(code)  # compiled now: a broken catalog stops the start, not a reader's request
    app.before_request(_begin)
    app.after_request(_announce)
    app.teardown_request(_end)


def accepted(request) -> list[str]:
    """The client's Accept-Language tags, best first, less those it marked q=0 ("not this")."""
    # Parsed only when sent (an app or script often sends none): this runs on every request of the hot paths.
    if "HTTP_ACCEPT_LANGUAGE" not in request.environ:
        return []
    return [tag for tag, quality in request.accept_languages if quality > 0]


def _begin() -> None:
    if request.blueprint in NEGOTIATED:
        g.language_token = language.begin(language.negotiate(request.args.get("lang"), accepted(request)))


def _announce(response):
    if request.blueprint in NEGOTIATED:
        response.headers["Content-Language"] = language.current()
        _vary_by_language(response.headers)
    return response


def _vary_by_language(headers) -> None:
    """Add Accept-Language to the one Vary header (api/cors.py merged any second one), as response.vary.add would,
    without parsing it into a set and writing it back on every answer."""
    vary = headers.get("Vary")
    if not vary:
        headers["Vary"] = "Accept-Language"
    elif "accept-language" not in (name.strip().lower() for name in vary.split(",")):
        headers["Vary"] = f"{vary}, Accept-Language"


def _end(error=None) -> None:
    if "language_token" in g:
        language.end(g.pop("language_token"))


class LanguageDocs(BasePlugin):
    """apispec plugin: every operation takes Accept-Language and answers with Content-Language and Vary (the lang
    parameter is documented by the argument schemas that accept it)."""

    def init_spec(self, spec):
        self.spec = spec
        spec.components.header("ContentLanguage", CONTENT_LANGUAGE)
        spec.components.header("Vary", VARY)
        spec.components.parameter("AcceptLanguage", "header", ACCEPT_LANGUAGE)

    def operation_helper(self, path=None, operations=None, rule=None, **kwargs):
        if rule is None or rule.endpoint.split(".")[0] not in NEGOTIATED:
            return
        for operation in (operations or {}).values():
            operation.setdefault("parameters", []).append("AcceptLanguage")
            for response in operation.get("responses", {}).values():
                # A shared error answer is a reference to a component: its headers are documented there, once.
                target = self.spec.components.responses.get(response) if isinstance(response, str) else response
                if target is not None:
                    target.setdefault("headers", {}).update(HEADERS)
