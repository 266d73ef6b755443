"""Playwright on Debian's chromium against pytest-django's live_server.

`playwright install` cannot download browsers on these machines, so we launch the
system chromium. With CI set, a missing browser fails the run instead of skipping.
"""

import os
import shutil
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop; Django refuses ORM calls inside one
# unless told this is deliberate (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path():
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if path is None:
        message = "chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class ForeignRequestRecorder:
    """Records every request the page makes to a host other than the app's own."""

    def __init__(self, allowed_netloc):
        self.allowed_netloc = allowed_netloc
        self.foreign = []

    def __call__(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.allowed_netloc:
            self.foreign.append(request.url)


@pytest.fixture
def page_factory(browser, live_server):
    """Makes pages of a given width; fails the test if any talked to another host."""
    contexts = []
    recorder = ForeignRequestRecorder(urlsplit(live_server.url).netloc)

    def make(width=1280, height=900, javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=javascript
        )
        contexts.append(context)
        new_page = context.new_page()
        new_page.on("request", recorder)
        return new_page

    yield make
    for context in contexts:
        context.close()
    assert recorder.foreign == [], f"requests left the app: {recorder.foreign}"


@pytest.fixture
def page(page_factory):
    return page_factory()


def assert_no_axe_violations(page):
    """Runs axe-core for WCAG 2.x A/AA (and 2.2 AA) rules; fails listing each violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
            }
        },
    )
    violations = results.response["violations"]
    summary = [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:5]) for v in violations
    ]
    assert violations == [], f"axe violations on {page.url}: {summary}"
