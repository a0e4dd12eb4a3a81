"""The Django admin: two-factor resets can be read, never changed. django-otp's own device admin is removed:
its pages would show a user's secret key (and its QR code) to anyone who can use the admin; an administrator
resets a user's two-factor from the staff pages instead (accounts:users)."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from victimcare.accounts.models import TwoFactorReset

for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(TwoFactorReset)
class TwoFactorResetAdmin(admin.ModelAdmin):
    list_display = ("reset_at", "user", "reset_by", "reason")
    list_select_related = ("user", "reset_by")
    search_fields = ("user__username", "reset_by__username", "reason")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
