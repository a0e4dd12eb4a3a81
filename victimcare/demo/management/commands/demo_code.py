"""Print the code a demo account's authenticator app would show now, for signing in to the demo (two-factor).
Refuses unless DEBUG is on and the account is a demo account with the published demo secret."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from victimcare.demo.organisations import DEMO_AUTHENTICATOR_NAME, STAFF, demo_totp_key


class Command(BaseCommand):
    help = "Print a demo account's current two-factor code (DEBUG only; demo accounts only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("demo_code works only with DEBUG on: it is for the demo, never a real service.")
        if username not in {spec.username for spec in STAFF}:
            raise CommandError(f"{username} is not a demo account.")
        device = TOTPDevice.objects.filter(user__username=username, name=DEMO_AUTHENTICATOR_NAME, confirmed=True,
                                           key=demo_totp_key()).first()
        if device is None:
            raise CommandError(f"{username} has no demo authenticator (load the demo with load_demo, or the "
                               "account's two-factor was reset and set up with a real app).")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
