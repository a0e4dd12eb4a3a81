"""Error messages that name their field, whatever raised them.

Our forms write their own messages ("Note must be 500 characters or fewer"), as GOV.UK asks. Django's own
defaults name no field ("Ensure this value has at most 500 characters", "Null characters are not allowed"),
and they still reach a page when a form leaves one out or a field is added without them. `named_errors`
gives such an error its field's label, so every message shown says which field it is about."""

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()


def _defaults(field: forms.Field) -> list:
    return [message for klass in type(field).__mro__ for message in
            getattr(klass, "default_error_messages", {}).values()]


def _named(code: str, label: str, params: dict) -> str | None:
    if code == "max_length":
        return _("%(label)s must be %(limit)s characters or fewer") % {"label": label, "limit": params["limit_value"]}
    if code == "min_length":
        return _("%(label)s must be %(limit)s characters or more") % {"label": label, "limit": params["limit_value"]}
    if code == "null_characters_not_allowed":
        return _("%(label)s must not contain a null character") % {"label": label}
    if code in ("invalid_choice", "invalid_pk_value"):
        return _("%(label)s: select one of the options listed") % {"label": label}
    if code == "required":
        return _("%(label)s: this is needed") % {"label": label}
    if code in ("invalid", "max_value", "min_value", "max_digits", "max_decimal_places", "max_whole_digits"):
        return _("%(label)s: enter it in the correct format") % {"label": label}
    return None


@register.filter
def named_errors(bound_field) -> list[str]:
    """The field's error messages, Django's generic ones given the field's label."""
    field = bound_field.field
    defaults = _defaults(field)
    label = str(bound_field.label or bound_field.name).rstrip(":?")
    shown = []
    for error in bound_field.errors.as_data():
        message = error.message
        generic = (error.code and field.error_messages.get(error.code) is None) or any(
            message is default for default in defaults)
        named = _named(error.code, label, error.params or {}) if generic else None
        shown.append(named or (message % error.params if error.params else str(message)))
    return shown
