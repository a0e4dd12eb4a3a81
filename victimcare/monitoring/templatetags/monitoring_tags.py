"""The dashboards' table and chart includes read figures through these."""

from django import template

from victimcare.monitoring import display, publish

register = template.Library()


@register.filter
def cell(row: dict, column) -> display.Cell:
    """`{% with shown=row|cell:column %}`: how the figure in `column` of `row` reads."""
    return display.cell(row, column)


@register.filter
def chart(table) -> display.Chart | None:
    return display.chart(table)


@register.simple_tag
def small_number_threshold() -> int:
    return publish.threshold()
