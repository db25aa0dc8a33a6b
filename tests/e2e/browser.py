"""Chromium, the axe check and screenshots for the browser tests (no pytest-playwright)."""

import contextlib
import importlib.util
import os
import re
from pathlib import Path

from django.utils import translation

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}
# The machine is shared: generous, but a broken page still fails within seconds.
TIMEOUT_MS = 15_000
BLOCKING_IMPACTS = {"serious", "critical"}
DEMO_PASSWORD = "portal-demo-2026"


def missing_tools():
    missing = []
    if importlib.util.find_spec("playwright") is None:
        missing.append("Playwright (pip install playwright)")
    if importlib.util.find_spec("axe_playwright_python") is None:
        missing.append("axe (pip install axe-playwright-python)")
    if not Path(CHROMIUM).is_file():
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    return missing


@contextlib.contextmanager
def launch_chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def t(text, language):
    """`text` as the portal shows it in `language` (the project's own catalogs)."""
    with translation.override(language):
        return translation.gettext(text)


class AccessibilityError(AssertionError):
    pass


def serious_violations(page):
    """axe-core's serious and critical violations on the page, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page).response
    lines = []
    for violation in response["violations"]:
        if violation.get("impact") not in BLOCKING_IMPACTS:
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        if targets:
            lines.append(f"{violation['impact']} {violation['id']}: {', '.join(targets[:5])}")
    return lines


class BrowserSession:
    """One browser context (its own cookies) and page on the live portal."""

    def __init__(self, browser, base_url, screenshot_dir, test_name):
        self.base_url = base_url
        self.screenshot_dir = Path(screenshot_dir)
        self.test_name = re.sub(r"[^A-Za-z0-9_.-]+", "-", test_name).strip("-")
        self.browser = browser
        self._open()

    def _open(self, storage_state=None):
        self.context = self.browser.new_context(
            viewport=DESKTOP,
            base_url=self.base_url,
            accept_downloads=True,
            storage_state=storage_state,
        )
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()

    def restart(self, storage_state):
        """A new context with the cookies saved by `save_cookies` (skips logging in again)."""
        self.context.close()
        self._open(storage_state)

    def save_cookies(self, path):
        self.context.storage_state(path=path)

    def close(self):
        self.context.close()

    def goto(self, path):
        response = self.page.goto(path)
        self.page.wait_for_load_state("load")
        return response

    def path(self):
        return self.page.url.removeprefix(self.base_url)

    def login(self, email, password=DEMO_PASSWORD, language="en"):
        self.goto(f"/{language}/account/login/")
        self.page.fill("#id_username", email)
        self.page.fill("#id_password", password)
        with self.page.expect_navigation():
            self.page.click("main form button[type=submit]")
        assert "/account/login/" not in self.page.url, self.page.locator("main").inner_text()

    def logout(self):
        with self.page.expect_navigation():
            self.page.click(".topbar-user form button[type=submit]")

    def assert_accessible(self, label):
        """No serious or critical axe violation on the current page."""
        problems = serious_violations(self.page)
        if problems:
            raise AccessibilityError(f"{label} ({self.path()}):\n" + "\n".join(problems))

    def screenshot(self, name, *, mobile=True):
        """Full-page PNGs at desktop and (by default) mobile width under var/screenshots/."""
        self.screenshot_dir.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=self.screenshot_dir / f"{name}-desktop.png", full_page=True)
        if mobile:
            self.page.set_viewport_size(MOBILE)
            self.page.screenshot(path=self.screenshot_dir / f"{name}-mobile.png", full_page=True)
            self.page.set_viewport_size(DESKTOP)
