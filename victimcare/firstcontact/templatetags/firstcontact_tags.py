"""Small helpers for the report wizard's templates."""

from django import template

register = template.Library()


@register.filter
def part(value, index):
    """The `index`-th part of a date field's value ([day, month, year]), or ""."""
    if isinstance(value, list | tuple) and len(value) > int(index):
        return value[int(index)] or ""
    if hasattr(value, "day"):
        return (value.day, value.month, value.year)[int(index)]
    return ""

