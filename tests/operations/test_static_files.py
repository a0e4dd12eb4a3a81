"""Production's static files: collectstatic with the storage used when DEBUG is off (the tests use plain storage)."""

import json

from django.core.management import call_command

PRODUCTION = {"BACKEND": "victimcare.operations.staticfiles.StaticFilesStorage"}


def test_collectstatic_hashes_and_compresses_every_file(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION}
    call_command("collectstatic", "--no-input", verbosity=0)
    paths = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    css = paths["build/application.css"]
    assert css != "build/application.css" and (tmp_path / css).is_file() and (tmp_path / f"{css}.gz").is_file()
    text = (tmp_path / css).read_text()
    # A url() to a file that exists is rewritten to its hashed name; the one MOJ Frontend names but does not ship
    # is left as it was rather than failing the release.
    assert f"/static/{paths['moj/assets/images/icon-document.svg']}" in text
    assert "/static/moj/assets/images/govuk-crest.svg" in text
