"""The API reference page, rendered from the OpenAPI description, served only from our own server."""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import check_accessibility, check_looks_like_govuk, screenshot, use_language


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "cy"])
def test_api_docs_render_from_our_own_server_and_are_accessible(page, context, live_server, language):
    use_language(context, live_server, language)
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(urlsplit(request.url).netloc))

    page.goto("/api/docs/")
    page.locator("h1").wait_for()

    screenshot(page, f"api-docs-{language}")
    check_looks_like_govuk(page, language)
    assert requested_hosts == {urlsplit(live_server.url).netloc}
    check_accessibility(page, "API docs")
