"""Pages of results: `?page=` must be a whole number from 1 (else 400 naming it); a page past the last is a 404,
as DRF answers.

`count` is exact up to COUNT_CAP rows. Past that it says COUNT_CAP and `count_is_capped` is true: counting a
unit's ten years of cases (hundreds of thousands) was most of a list request's time. Every page can still be
read, past the cap too: `next` is there when the page's read found one row more than it shows."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from victimcare.frontend.pages import COUNT_CAP, CappedPaginator


class OpenEndedPage(Page):
    def __init__(self, rows, number, paginator, *, more: bool):
        super().__init__(rows, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class OpenEndedPaginator(CappedPaginator):
    """CappedPaginator whose pages go on past the cap: a page past it is read with one row more than it shows,
    which says whether another page follows; a page with no row is past the last."""

    def validate_number(self, number):
        if not self._capped():
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(_("That page number is not an integer")) from None
        if number < 1:
            raise EmptyPage(_("That page number is less than 1"))
        return number  # past the cap, whether the page has rows is known only once it is read

    def _capped(self) -> bool:
        return self.count >= COUNT_CAP and self.count_is_capped  # reading count sets count_is_capped

    def page(self, number):
        if not self._capped():
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom:bottom + self.per_page + 1])
        if not rows:
            raise EmptyPage(_("That page contains no results"))
        return OpenEndedPage(rows[:self.per_page], number, self, more=len(rows) > self.per_page)


class PageNumberPagination(pagination.PageNumberPagination):
    django_paginator_class = OpenEndedPaginator
    last_page_strings = ()  # DRF's "last" is not a number: the description says page is one

    def get_page_number(self, request, paginator):
        value = request.query_params.get(self.page_query_param)
        if value is None:
            return 1
        if not value.isascii() or not value.isdigit() or int(value) < 1:
            raise ValidationError({self.page_query_param: [_("Give a page number from 1, or leave page out.")]})
        return value

    def get_paginated_response(self, data):
        return Response({
            "count": self.page.paginator.count,
            "count_is_capped": self.page.paginator.count_is_capped,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": data,
        })

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        properties = described["properties"]
        properties["count"]["description"] = (
            f"How many there are, up to {COUNT_CAP:,}; past that, {COUNT_CAP:,}.")
        properties = {"count": properties.pop("count"), "count_is_capped": {
            "type": "boolean", "description": "True when there are more than `count`: read on while `next` is given.",
        }, **properties}
        described["properties"] = properties
        described["required"] = [*described.get("required", []), "count_is_capped"]
        return described

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
