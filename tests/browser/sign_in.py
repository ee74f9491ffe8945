"""Signing a staff member in through the admin login form, as a person would."""

import re

from playwright.sync_api import Page, expect

from tests.admin.conftest import PASSWORD


def sign_in(page: Page, live_server, user) -> None:
    """Open the admin area (which asks to sign in), sign in as user and wait for the home page."""
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=re.compile("Hello"))).to_be_visible()
