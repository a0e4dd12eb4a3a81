"""Stores are set up by an administrator in the Django admin; items move only through the property pages."""

from django.contrib import admin

from victimcare.property.models import Store


@admin.register(Store)
class StoreAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_cy", "force")
    list_filter = ("force",)
    search_fields = ("code", "name_en", "name_cy")
