"""Revoke an API token at once, saying why.

    manage.py revoke_api_token 3f9a0c1d2e4b --reason "Niche RMS replaced" [--by alun.james]

The token is named by its prefix (the 12 characters after `vc_`, shown on the administrators' API tokens page).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from victimcare.api.models import ApiToken
from victimcare.api.tokens import TokenError, revoke_token


class Command(BaseCommand):
    help = "Revoke an API token (named by its prefix), with a reason."

    def add_arguments(self, parser):
        parser.add_argument("prefix", help="The token's prefix: the 12 characters after vc_.")
        parser.add_argument("--reason", required=True, help="Why it is revoked (kept with the token).")
        parser.add_argument("--by", metavar="USERNAME", help="Who is revoking it, if they have an account.")

    def handle(self, *args, prefix, reason, by, **options):
        prefix = prefix.removeprefix("vc_").split("_", 1)[0]
        try:
            token = ApiToken.objects.get(prefix=prefix)
        except ApiToken.DoesNotExist:
            raise CommandError(f"No token with the prefix {prefix!r}.") from None
        revoked_by = None
        if by:
            revoked_by = get_user_model().objects.filter(username=by).first()
            if revoked_by is None:
                raise CommandError(f"No account {by!r}.")
        try:
            revoke_token(token, by=revoked_by, reason=reason)
        except TokenError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Revoked token {token.prefix} of {token.system}.", style_func=self.style.SUCCESS)
