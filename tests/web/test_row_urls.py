"""row_url fills an id into a URL pattern resolved once: the same address as {% url %}, under a script prefix too."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

from victimcare.frontend.templatetags.row_urls import row_url


@pytest.mark.parametrize("name", ["cases:detail", "worklists:reassign"])
@pytest.mark.parametrize("pk", [1, 42, 987654321])
def test_the_same_address_as_reverse(name, pk):
    assert row_url(pk, name) == reverse(name, kwargs={"case_id": pk})


def test_under_a_script_prefix():
    try:
        set_script_prefix("/victim-care/")
        assert row_url(7, "cases:detail") == "/victim-care/cases/7/" == reverse("cases:detail", kwargs={"case_id": 7})
    finally:
        set_script_prefix("/")
    assert row_url(7, "cases:detail") == "/cases/7/"


def test_in_a_template():
    html = Template('{% load row_urls %}<a href="{{ pk|row_url:"cases:detail" }}">').render(Context({"pk": 12}))
    assert html == '<a href="/cases/12/">'


def test_a_pattern_it_cannot_fill_is_refused():
    with pytest.raises(NoReverseMatch):  # cases:list takes no case_id
        row_url(1, "cases:list")
