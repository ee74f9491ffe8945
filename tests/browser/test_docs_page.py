"""The interactive API docs work on a phone from this server alone: Swagger UI renders, nothing else is fetched."""

from playwright.sync_api import expect


def test_docs_render_on_a_phone_without_third_parties(live_server, phone, browser_log):
    phone.goto(live_server.url + "/docs")

    expect(phone.locator(".swagger-ui .info .title")).to_contain_text("Lantern")
    expect(phone.locator(".opblock").first).to_be_visible()  # the operations list, built from /openapi.json
    assert browser_log.blocked == []
    assert browser_log.console_errors == []
    # Drawn at the phone's own width, not a shrunken 980 px desktop page.
    assert phone.evaluate("document.documentElement.scrollWidth") <= phone.viewport_size["width"]
    assert phone.evaluate("window.innerWidth") == phone.viewport_size["width"]
