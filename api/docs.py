"""The API root, and interactive docs served from packaged Swagger UI assets (no CDN)."""

from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, jsonify, send_from_directory, url_for

SWAGGER_UI_ASSETS = Path(flask_swagger_ui.__file__).parent / "dist"

blp = Blueprint("docs", __name__)


@blp.get("/docs/assets/<path:filename>")
def swagger_asset(filename: str):
    """Swagger UI's JavaScript and CSS, from the installed package."""
    return send_from_directory(SWAGGER_UI_ASSETS, filename, max_age=86400)


@blp.get("/")
def root():
    """Where everything is, so a client can discover the API from its root."""
    return jsonify(
        name="Lantern", api_version="v1",
        openapi_url=url_for("api-docs.openapi_json", _external=False),
        docs_url=url_for("api-docs.openapi_swagger_ui", _external=False),
        links={"services": "/v1/services", "meetings": "/v1/meetings", "categories": "/v1/categories",
               "meeting_types": "/v1/meeting-types", "changes": "/v1/changes",
               "meeting_guide_feed": "/v1/meeting-guide.json", "health": "/v1/health",
               "hsds": "/hsds/"},
    )


def openapi_settings() -> dict:
    """flask-smorest settings that publish /openapi.json and /docs, pointing Swagger UI at our own assets."""
    return {"API_TITLE": "Lantern", "API_VERSION": "v1", "OPENAPI_VERSION": "3.0.3",
            "OPENAPI_URL_PREFIX": "/", "OPENAPI_JSON_PATH": "openapi.json",
            "OPENAPI_SWAGGER_UI_PATH": "/docs", "OPENAPI_SWAGGER_UI_URL": "/docs/assets/",
            # Swagger UI would otherwise send the spec to validator.swagger.io for its badge.
            "OPENAPI_SWAGGER_UI_CONFIG": {"validatorUrl": None},
            "API_SPEC_OPTIONS": {"info": {"description": (
                "Lantern's public directory API: recovery meetings, housing with vacancies, treatment and "
                "support services, with honest freshness. No account, no tracking.")}}}
