"""Stores are set up by an administrator in the Django admin; items move only through the property pages.
The chain of custody is shown read-only: an administrator sees every entry but cannot add, change or delete
one (the model and the database refuse it too)."""

from django.contrib import admin

from victimcare.property.models import CustodyEntry, Store


@admin.register(Store)
class StoreAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_cy", "force")
    list_filter = ("force",)
    search_fields = ("code", "name_en", "name_cy")


@admin.register(CustodyEntry)
class CustodyEntryAdmin(admin.ModelAdmin):
    list_display = ("item", "sequence", "movement", "at", "from_label", "to_label", "actor", "recorded_at")
    list_filter = ("movement",)
    list_select_related = ("item", "actor", "from_store", "to_store")
    search_fields = ("item__exhibit_reference",)
    ordering = ("item", "sequence")
    fields = ("item", "sequence", "movement", "at", "from_store", "from_place", "to_store", "to_place", "actor",
              "note", "recorded_at")
    readonly_fields = fields
    actions = None

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
