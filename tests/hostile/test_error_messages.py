"""Every error shown names its field: Django's generic messages get the field's label (govuk_errors)."""

from django import forms
from django.template import Context, Template
from django.utils import translation

SUMMARY = Template('{% include "includes/error_summary.html" %}')
FIELD = Template('{% include "includes/field_error.html" with field=form.name %}')


class NameForm(forms.Form):
    name = forms.CharField(label="Name", max_length=5)
    colour = forms.ChoiceField(label="Colour", choices=[("red", "Red")], required=False)
    note = forms.CharField(label="Note", max_length=5, required=False,
                           error_messages={"max_length": "Note must be 5 characters or fewer"})
    key = forms.UUIDField(widget=forms.HiddenInput, required=False)


def test_generic_messages_are_given_the_fields_label():
    form = NameForm({"name": "toolong\x00", "colour": "blue", "note": "far too long", "key": "<script>"})
    summary = SUMMARY.render(Context({"form": form}))
    assert "Name must be 5 characters or fewer" in summary
    assert "Colour: select one of the options listed" in summary
    assert "Note must be 5 characters or fewer" in summary  # the form's own message is kept
    assert "This page was changed before it was sent" in summary  # the hidden field
    assert "Ensure this value" not in summary and "Select a valid choice" not in summary
    assert "Name must be 5 characters or fewer" in FIELD.render(Context({"form": form}))


def test_a_null_character_is_named_too_in_welsh():
    with translation.override("cy"):
        form = NameForm({"name": "a\x00b"})
        assert "Ni chaiff Name gynnwys nod nwl" in FIELD.render(Context({"form": form}))
