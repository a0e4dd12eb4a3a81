"""Browser tests: Playwright's sync API driving Debian's Chromium (/usr/bin/chromium), never a downloaded
browser. Without Chromium they skip with the reason, unless VICTIMCARE_REQUIRE_BROWSER=1 makes that a
failure (CI). Screenshots of every page go to VICTIMCARE_SCREENSHOTS (default
/tmp/victimcare-screenshots), outside the repository; VICTIMCARE_NO_SCREENSHOTS=1 takes none (CI)."""

import datetime as dt
import functools
import json
import os
import tempfile
import warnings
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from tests.factories import CrimeFactory, LocalAuthorityFactory, LsoaFactory, VictimFactory, WardFactory
from tests.web.conftest import make_case, make_overdue
from victimcare.cases.models import TimelineEvent
from victimcare.cases.services import grade_response, record_attendance

# Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
STYLESHEET = Path(settings.BASE_DIR) / "victimcare" / "frontend" / "build" / "application.css"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SCREENSHOTS = Path(os.environ.get("VICTIMCARE_SCREENSHOTS") or Path(tempfile.gettempdir()) / "victimcare-screenshots")


def _unavailable(reason: str):
    if os.environ.get("VICTIMCARE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (VICTIMCARE_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


# Module scope, not session: Django's connections are context-local and what runs after Playwright's
# sync API starts runs in another context, so connections opened by later test modules would be
# invisible to the teardown that drops the PostgreSQL test database.
@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)")
    assert STYLESHEET.exists(), f"{STYLESHEET} is missing: run `npm run build` first"
    assert AXE.exists(), f"{AXE} is missing: run `npm ci` first"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield launched
    launched.close()
    playwright.stop()



# Every page reports what the Content Security Policy blocked (the `securitypolicyviolation` event, and the
# console's own messages about the policy or the Permissions-Policy header); a browser test fails on any.
_WATCH_POLICY = """document.addEventListener("securitypolicyviolation", (event) => window.__reportPolicyViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`
    + ` (${event.sourceFile || ""}:${event.lineNumber}) ${event.sample || ""}`), true);"""
_POLICY_MESSAGES = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


def watch_policy_violations(context) -> list[str]:
    violations: list[str] = []
    context.expose_function("__reportPolicyViolation", lambda violation: violations.append(violation))
    context.add_init_script(_WATCH_POLICY)
    context.on("console", lambda message: violations.append(f"console {message.type}: {message.text}")
               if any(words in message.text for words in _POLICY_MESSAGES) else None)
    return violations


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    violations = watch_policy_violations(context)
    yield context
    context.close()
    assert not violations, "The page broke its Content Security Policy or Permissions-Policy:\n" + "\n".join(violations)


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def use_language(context, live_server, language: str) -> None:
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])


def sign_in_as(context, live_server, user) -> None:
    """Put a signed-in session in the browser without going through the form (that has its own tests)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])


def wait_until_loaded(page) -> None:
    """A click on a link returns before the next page has loaded; checking then would look at a document
    that is not there yet. Tests should wait for the page they expect (wait_for_url); this catches the rest."""
    page.wait_for_load_state("load")
    page.wait_for_function("document.documentElement !== null && document.readyState === 'complete'")


@functools.cache
def _axe_source() -> str:
    return AXE.read_text()


# axe-core's full results (every passing node, with its HTML) took three quarters of each check to copy out of
# the browser: the page sends back only how many rules passed and what each violation is and where.
_RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return {
        passes: results.passes.length,
        violations: results.violations.map((v) => (
            {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((node) => node.target)})),
    };
}"""


def check_accessibility(page, name: str) -> None:
    """Run axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules; fail on serious or critical violations."""
    wait_until_loaded(page)
    # Evaluated through the browser's debugging protocol, which the page's policy does not govern: an injected
    # <script> would be inline script, refused by the Content Security Policy.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(_axe_source())
    results = page.evaluate(_RUN_AXE, WCAG_TAGS)
    assert results["passes"], "axe-core checked nothing"
    bad = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    if bad:
        print(json.dumps(bad, indent=2))
    assert not bad, f"{name}: axe found {len(bad)} serious or critical violation(s): " + ", ".join(
        v["id"] for v in bad
    )


# Chromium cannot capture a surface taller than its texture limit (16,384 px).
MAX_SCREENSHOT_HEIGHT = 16_000


def screenshot(page, name: str) -> Path | None:
    """A full-page screenshot for people to look at (the viewport is grown to the page, which is reliable
    with GOV.UK's `overflow-y: scroll` on <html>). It is not what a test asserts: if Chromium refuses to
    capture twice (it can, under load), the test goes on with a warning rather than failing."""
    from playwright.sync_api import Error as PlaywrightError

    wait_until_loaded(page)
    if os.environ.get("VICTIMCARE_NO_SCREENSHOTS"):
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    width = page.viewport_size["width"]
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": width, "height": min(max(height, 600), MAX_SCREENSHOT_HEIGHT)})
    try:
        for attempt in (1, 2):
            try:
                page.screenshot(path=str(path))
                return path
            except PlaywrightError as error:
                if "captureScreenshot" not in str(error):
                    raise
                if attempt == 2:
                    warnings.warn(f"no screenshot of {name}: {error}", stacklevel=2)
                    return None
                page.wait_for_timeout(500)
    finally:
        page.set_viewport_size({"width": width, "height": 900})
    return None


def check_looks_like_govuk(page, language: str) -> None:
    """The page is in `language`, has GOV.UK's black header and service navigation, and every piece of
    visible text but code is set in Arial (text outside a GOV.UK class would fall back to the browser's serif)."""
    assert page.locator("html").get_attribute("lang") == language
    found = page.evaluate(
        """() => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const serif = [];
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const element = node.parentElement;
                // <code> is monospace by design
                if (!node.textContent.trim() || element.closest('script, style, svg, code')) continue;
                if (!element.getClientRects().length) continue;
                if (!getComputedStyle(element).fontFamily.toLowerCase().includes('arial')) {
                    serif.push(element.tagName + ': ' + node.textContent.trim().slice(0, 40));
                }
            }
            const header = document.querySelector('.govuk-generic-header');
            return {serif, header: header && getComputedStyle(header).backgroundColor};
        }"""
    )
    assert not found["serif"], f"text not in Arial: {found['serif']}"
    assert found["header"] == "rgb(11, 12, 12)", found  # GOV.UK black
    assert page.locator(".govuk-service-navigation").count() == 1


@pytest.fixture
def scene(unit, other_unit, officer, colleague, supervisor, call_handler, other_officer):
    """Several cases in the officer's unit (one with an overdue commitment and a full timeline) and one
    elsewhere."""
    now = timezone.now()
    torfaen = LsoaFactory(code="W01001800", name="Torfaen 001A",
                          local_authority=LocalAuthorityFactory(code="W06000020", name_en="Torfaen",
                                                                name_cy="Tor-faen"))
    main = make_case(
        unit, officer, call_handler, at=now - dt.timedelta(days=30), is_vulnerable=True,
        victim=VictimFactory(given_name="Ffion", family_name="Morgan", preferred_language="cy",
                             communication_needs="Prefers calls after 5pm"),
        crime=CrimeFactory(reference="GW/2025/004242", is_domestic_abuse=True, offence="coercive-control",
                           ward=WardFactory()),
    )
    grade_response(main, 2, actor=call_handler, rationale="Caller frightened", at=now - dt.timedelta(days=30))
    record_attendance(main, actor=officer, at=now - dt.timedelta(days=30) + dt.timedelta(minutes=40))
    make_overdue(main, officer, days_ago=12)
    TimelineEvent.objects.create(crime=main.crime, kind=TimelineEvent.Kind.OUTCOME,
                                 data={"outcome": "Under investigation"}, occurred_at=now - dt.timedelta(days=3))
    others = [
        make_case(unit, colleague, call_handler, crime=CrimeFactory(category="burglary", offence="burglary-home",
                                                                     lsoa=torfaen)),
        make_case(unit, None, call_handler, crime=CrimeFactory(category="vehicle-crime", offence="theft-from-vehicle")),
    ]
    make_case(other_unit, other_officer, other_officer)
    return {"case": main, "commitment": main.commitments.get(kind="inform_decision"), "others": others}
