"""A web page on another origin (another port of 127.0.0.1) reads Lantern as a county's meeting finder would: its
script fetches the services, the Meeting Guide feed and a conditional GET, registers a device, and cannot read the
admin area. Chromium enforces CORS itself here, preflights included: no header is checked by hand."""

import json

from flask import Flask
from playwright.sync_api import expect

from tests import factories as f
from tests.browser.server import LiveServer

# The page's own script: every outcome, readable or not, lands in #results as JSON once all are settled.
SCRIPT = """
const lantern = document.body.dataset.lantern;
async function read(path, options = {}) {
  try {
    const response = await fetch(lantern + path, options);
    const text = await response.text();
    return {status: response.status, etag: response.headers.get("ETag"), body: text ? JSON.parse(text) : null};
  } catch (error) {
    return {error: String(error)};
  }
}
(async () => {
  const results = {};
  results.services = await read("/v1/services");
  results.feed = await read("/v1/meeting-guide.json");
  results.again = await read("/v1/meeting-guide.json",
                             {cache: "no-store", headers: {"If-None-Match": results.feed.etag || ""}});
  results.device = await read("/v1/devices", {method: "POST", headers: {"Content-Type": "application/json"},
                                              body: JSON.stringify({token: "web-token", platform: "web"})});
  results.admin = await read("/admin/login");
  document.getElementById("results").textContent = JSON.stringify(results);
})();
"""


def finder_site(lantern_url: str) -> Flask:
    """A county's site on its own origin: one page whose script reads Lantern."""
    site = Flask("finder")

    @site.get("/")
    def page():
        return (f'<!doctype html><html><body data-lantern="{lantern_url}"><pre id="results"></pre>'
                f'<script src="/finder.js"></script></body></html>')

    @site.get("/finder.js")
    def script():
        return SCRIPT, 200, {"Content-Type": "text/javascript"}

    return site


def test_a_page_on_another_origin_reads_the_api_and_the_feed_but_not_the_admin_area(live_server, page, browser_log):
    # Created after the live server started (building the app resets the embedded database).
    f.meeting("Tuesday Hope")
    f.service("Hope House", category="housing")

    with LiveServer(finder_site(live_server.url)) as site:
        assert site.url != live_server.url  # another port: another origin
        page.goto(site.url)
        expect(page.locator("#results")).not_to_be_empty()
        results = json.loads(page.locator("#results").text_content())

    assert results["services"]["status"] == 200
    assert {item["name"] for item in results["services"]["body"]["items"]} == {"Tuesday Hope", "Hope House"}
    assert results["feed"]["status"] == 200 and [e["name"] for e in results["feed"]["body"]] == ["Tuesday Hope"]
    assert results["feed"]["etag"]  # exposed, so the page can revalidate
    assert results["again"]["status"] == 304  # the If-None-Match header passed the preflight
    assert results["device"]["status"] == 201 and results["device"]["body"]["secret"]

    assert "error" in results["admin"] and "status" not in results["admin"]
    assert [line for line in browser_log.console_errors if "CORS" in line and "/admin/login" in line]
    assert not [line for line in browser_log.console_errors if "/v1/" in line]
    assert browser_log.blocked == []
