"""Browser tests: Debian's chromium driven headless by Playwright against the app served from this process.

Every request that leaves 127.0.0.1 is blocked and recorded, and console errors are recorded, so a test can assert
that a page stands on its own. A failing test leaves a full-page screenshot of each open page in artifacts/.
Without /usr/bin/chromium the tests skip and say how to get it (`make test` installs it).
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from api.cli.serving import build_app
from tests.browser.server import LiveServer
from tests.conftest import NOW, make_config

CHROMIUM = "/usr/bin/chromium"
# Headless in a container (no sandbox, no GPU), with nothing phoning home: no component updates, no sync.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
ARTIFACTS = Path(__file__).parent / "artifacts"
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
TIMEOUT_MS = 10_000  # Playwright's 30 s default makes a broken page slow to report


@dataclass
class BrowserLog:
    """What the test's pages tried to fetch from elsewhere (blocked), and the errors their consoles showed."""

    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def pytest_configure(config):
    # Registered here rather than in pyproject.toml so the browser harness is self-contained in this folder.
    config.addinivalue_line("markers", "browser: drives Debian's chromium through Playwright (tests/browser/)")


def pytest_collection_modifyitems(items):
    """Every test that uses the browser is a `browser` test, so `-m "not browser"` leaves them out."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On failure, a full-page PNG of every page still open, named after the test; the paths go in the report."""
    report = yield
    browser = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if report.failed and report.when in ("setup", "call") and isinstance(browser, Browser):
        pages = [page for context in browser.contexts for page in context.pages]
        if pages:
            report.sections.append(("screenshots", "\n".join(_screenshots(item.name, pages))))
    return report


def _screenshots(test_name: str, pages: list[Page]) -> list[str]:
    ARTIFACTS.mkdir(exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", test_name)
    lines = []
    for n, page in enumerate(pages, start=1):
        path = ARTIFACTS / f"{stem}-{n}.png"
        try:
            page.screenshot(path=path, full_page=True)
            lines.append(f"{page.url} -> {path}")
        except PlaywrightError as error:  # a crashed page must not hide the test's own failure
            lines.append(f"{page.url} -> no screenshot: {error.message}")
    return lines


@pytest.fixture
def live_server(storage):
    """The whole product (public API and admin area) on the empty database, clock pinned to NOW: `.url`, `.app`."""
    app = build_app(make_config())
    app.extensions["lantern"].clock = lambda: NOW
    with LiveServer(app) as server:
        yield server


# Package scope, not session: Playwright's sync API keeps an asyncio loop running in this thread while it is open,
# which would break every later test that calls asyncio.run() (firebase-admin's async sends, for one).
@pytest.fixture(scope="package")
def browser():
    """Debian's chromium, headless, shared by the tests in tests/browser; skipped (visibly) when it is not installed."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}: run `make test`, which installs it "
                    "(or: apt-get install --no-install-recommends chromium libatomic1)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def browser_log():
    """Shared by the test's `page` and `phone`: blocked third-party requests and console errors, in order."""
    return BrowserLog()


@pytest.fixture
def page(browser, browser_log):
    """A desktop page (1280x800)."""
    context = _context(browser, browser_log, **DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser, browser_log):
    """A page in a phone-sized, touch, mobile context (390x844 at 3x) with a phone's user agent."""
    major = browser.version.split(".")[0]
    user_agent = (f"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                  f"Chrome/{major}.0.0.0 Mobile Safari/537.36")
    context = _context(browser, browser_log, user_agent=user_agent, **PHONE)
    yield context.new_page()
    context.close()


def _context(browser: Browser, log: BrowserLog, **options) -> BrowserContext:
    """A fresh context that reaches only 127.0.0.1 and records what it blocked and what its pages logged as errors."""
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)

    def only_local(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            log.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    def watch(page: Page):
        page.on("console", lambda message: message.type == "error" and log.console_errors.append(
            f"{message.text} ({message.location.get('url')})"))
        page.on("pageerror", lambda error: log.console_errors.append(f"uncaught: {error}"))

    context.route("**/*", only_local)
    context.on("page", watch)
    return context
