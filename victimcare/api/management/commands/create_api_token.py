"""Make a system account for an API client (a police records system, a partner) and print its token.

    manage.py create_api_token niche-rms --organisation newport-cid --role officer

Run it again to print the same token, or to give the account a role in another organisation. The
account has no usable password, so it cannot sign in to the web screens; it sees what its
memberships let it see, like a person in those roles.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from victimcare.organisations.models import Membership, Organisation


class Command(BaseCommand):
    help = "Create (or reuse) a system account with a membership, and print its API token."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Name of the system account, e.g. niche-rms.")
        parser.add_argument("--organisation", metavar="CODE", help="Code of the organisation it works for.")
        parser.add_argument(
            "--role",
            choices=Membership.Role.values,
            help=f"Its role in that organisation (default {Membership.Role.OFFICER}).",
        )

    @transaction.atomic
    def handle(self, *args, username: str, organisation: str | None, role: str | None, **options):
        if role and not organisation:
            raise CommandError("--role needs --organisation: a role is held in an organisation.")
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            if not organisation:
                raise CommandError("A new system account needs --organisation: without a membership it sees nothing.")
            user = user_model(username=username, is_system_account=True)
            user.set_unusable_password()
            user.save()
            self._note(f"Created system account {username}.")
        elif not user.is_system_account:
            raise CommandError(f"{username} is a person's account, not a system account. Choose another name.")

        if organisation:
            try:
                found = Organisation.objects.get(code=organisation)
            except Organisation.DoesNotExist:
                raise CommandError(f"No organisation with the code {organisation!r}.") from None
            membership, created = Membership.objects.get_or_create(
                user=user, organisation=found, role=role or Membership.Role.OFFICER
            )
            if created:
                self._note(f"{username} is now: {membership.get_role_display()} in {found.name_en}.")

        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)

    def _note(self, message: str) -> None:
        """What was done goes to stderr, so that stdout is only the token (for scripts)."""
        self.stderr.write(message, style_func=self.style.SUCCESS)
