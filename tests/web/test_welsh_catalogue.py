"""The Welsh catalogues (the project's and each app's own) are complete: every message has Welsh, none
is fuzzy, placeholders survive."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

CATALOGUES = sorted((Path(settings.BASE_DIR) / "victimcare").glob("**/locale/cy/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)s")


@pytest.fixture(params=CATALOGUES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def catalogue(request):
    return request.param


def read_messages(catalogue):
    with catalogue.open("rb") as po:
        return [m for m in read_po(po, locale="cy") if m.id]


def test_the_project_catalogue_is_found():
    assert Path(settings.BASE_DIR) / "victimcare" / "locale" / "cy" / "LC_MESSAGES" / "django.po" in CATALOGUES


def test_every_message_has_welsh_and_none_is_fuzzy(catalogue):
    messages = read_messages(catalogue)
    untranslated = [m.id for m in messages if not all(m.string if isinstance(m.string, tuple) else [m.string])]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert not untranslated, f"No Welsh for: {untranslated}"
    assert not fuzzy, f"Fuzzy (check and remove the flag): {fuzzy}"


def test_placeholders_are_kept(catalogue):
    for message in read_messages(catalogue):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, (message.id, string)


def test_plural_forms_match_djangos_welsh(catalogue):
    text = catalogue.read_text()
    assert "Plural-Forms: nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;" in text
