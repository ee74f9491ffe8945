"""The OpenAPI document is valid, and the interactive docs load only from this server."""

import re

from openapi_spec_validator import validate


def test_openapi_document_validates(client):
    spec = client.get("/openapi.json").json
    validate(spec)
    for path in ("/v1/services", "/v1/services/{service_id}", "/v1/meetings", "/v1/categories",
                 "/v1/meeting-types", "/v1/health"):
        assert path in spec["paths"], path
    assert spec["paths"]["/v1/services"]["get"]["summary"].startswith("Search services")


def test_docs_use_local_assets_only(client):
    page = client.get("/docs").get_data(as_text=True)
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(source.startswith("/") for source in sources), sources
    for source in sources:
        assert client.get(source).status_code == 200, source
    assert '"validatorUrl": null' in page  # no spec sent to validator.swagger.io
    assert "http://" not in page and "https://" not in page
