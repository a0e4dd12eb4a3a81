"""Helpers every screen uses: GOV.UK pagination items and durations in words, in the current language."""

from datetime import timedelta

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import ngettext

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP matching rows. Nobody pages through a unit's ten years of cases, and counting
    hundreds of thousands of rows was most of a list page's time; past the cap the page says "more than" and
    asks for a filter (`count_is_capped`)."""

    count_is_capped = False

    @cached_property
    def count(self) -> int:
        rows = self.object_list[:COUNT_CAP + 1]
        # A queryset: COUNT over a LIMITed subquery, which reads at most the cap. A list is already in memory.
        counted = rows.count() if hasattr(rows, "query") else len(rows)
        self.count_is_capped = counted > COUNT_CAP
        return min(counted, COUNT_CAP)


def how_long(duration: timedelta) -> str:
    """'2 days 3 hours', '5 hours 10 minutes' or '12 minutes', in the current language."""
    minutes = int(duration.total_seconds() // 60)
    days, hours, minutes = minutes // (24 * 60), minutes // 60 % 24, minutes % 60
    parts = []
    if days:
        parts.append(ngettext("%(count)s day", "%(count)s days", days) % {"count": days})
    if hours and len(parts) < 2:
        parts.append(ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours})
    if (minutes or not parts) and not days:
        parts.append(ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes})
    return " ".join(parts)


def page_links(page) -> list[dict]:
    """GOV.UK pagination items: first, last, and the pages next to the current one, with ellipses."""
    items, previous = [], 0
    for number in page.paginator.page_range:
        if number in (1, page.paginator.num_pages) or abs(number - page.number) <= 1:
            if number - previous > 1:
                items.append({"ellipsis": True})
            items.append({"number": number, "current": number == page.number})
            previous = number
    return items


def query_without_page(request) -> str:
    """The current query string without `page`, for pagination links that keep the filters."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
