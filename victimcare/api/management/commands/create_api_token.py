"""Issue an API token to a system, acting as a system account, and print it (once: only its hash is kept).

    manage.py create_api_token "Niche RMS" niche-rms --organisation newport-cid --role officer \\
        --scope cases:read --scope decisions:write [--expires 2027-06-30]

The system account is made if it does not exist (it then needs --organisation), and given a role in an
organisation when --organisation is named. It has no usable password, so it cannot sign in to the web
screens; it sees what its memberships let it see, like a person in those roles. Each run issues a new token;
revoke one with `manage.py revoke_api_token PREFIX --reason ...`.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from victimcare.api.models import Scope
from victimcare.api.tokens import TokenError, issue_token
from victimcare.organisations.models import Membership, Organisation


class Command(BaseCommand):
    help = "Issue an API token to a system (making its system account if needed) and print the token once."

    def add_arguments(self, parser):
        parser.add_argument("system", help='The system that will use the token, e.g. "Niche RMS".')
        parser.add_argument("username", help="The system account it acts as, e.g. niche-rms.")
        parser.add_argument("--organisation", metavar="CODE", help="Code of the organisation the account works for.")
        parser.add_argument(
            "--role",
            choices=Membership.Role.values,
            help=f"Its role in that organisation (default {Membership.Role.OFFICER}).",
        )
        parser.add_argument("--scope", action="append", choices=Scope.values, required=True, dest="scopes",
                            help="What the token may do; give it once per scope.")
        parser.add_argument("--expires", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                            help="The last day the token works (none: until revoked).")

    @transaction.atomic
    def handle(self, *args, system, username, organisation, role, scopes, expires, **options):
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

        expires_at = None
        if expires is not None:
            end_of_day = dt.datetime.combine(expires + dt.timedelta(days=1), dt.time.min)
            expires_at = timezone.make_aware(end_of_day)
        try:
            token, text = issue_token(system=system, user=user, scopes=scopes, expires_at=expires_at)
        except TokenError as error:
            raise CommandError(str(error)) from None
        self._note(f"Issued token {token.prefix} to {token.system} ({', '.join(token.scopes)}). "
                   "It is shown once, below: keep it safe.")
        self.stdout.write(text)

    def _note(self, message: str) -> None:
        """What was done goes to stderr, so that stdout is only the token (for scripts)."""
        self.stderr.write(message, style_func=self.style.SUCCESS)
