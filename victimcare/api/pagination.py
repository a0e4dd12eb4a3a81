"""Pages of results: `?page=` must be a whole number from 1 (else 400 naming it); a page past the last is a 404,
as DRF answers."""

from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    last_page_strings = ()  # DRF's "last" is not a number: the description says page is one

    def get_page_number(self, request, paginator):
        value = request.query_params.get(self.page_query_param)
        if value is None:
            return 1
        if not value.isascii() or not value.isdigit() or int(value) < 1:
            raise ValidationError({self.page_query_param: [_("Give a page number from 1, or leave page out.")]})
        return value

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
