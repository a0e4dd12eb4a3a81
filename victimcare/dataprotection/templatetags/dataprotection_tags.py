from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """mapping[key], or "" (the label of a retention rule)."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
