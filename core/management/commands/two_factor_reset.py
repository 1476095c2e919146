"""`manage.py two_factor_reset <username>`: the break-glass reset when no functional
administrator can log in (the last one lost phone and recovery codes). Others use the
admin action "Reset two-factor authentication" in /beheer/."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.two_factor import two_factor_reset


class Command(BaseCommand):
    help = "Remove an account's authenticator app and recovery codes; it sets them up again at its next login."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"No account with username {username!r}.") from error
        removed = two_factor_reset(user=user)
        self.stdout.write(
            f"{username}: {removed} device(s) removed; two-factor authentication is set up at the next login."
        )
