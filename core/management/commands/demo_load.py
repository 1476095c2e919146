"""Load the demo: one demo account per role and every app's demo data. Idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from core.constants import Role
from core.services import roles_sync, user_create_with_role

DEMO_ACCOUNTS = [
    # username, password, role, first name, last name
    ("ambtenaar", "demo-ambtenaar-2026", Role.AMBTENAAR, "Anouk", "de Vries"),
    ("raadslid", "demo-raadslid-2026", Role.RAADSLID, "Rachid", "Bakker"),
    ("beheerder", "demo-beheerder-2026", Role.BEHEERDER, "Bea", "Jansen"),
]


class Command(BaseCommand):
    help = "Load demo data (CBS buurten of the demo municipality, accounts, plans ...). Idempotent."

    def handle(self, *args, **options):
        roles_sync()
        for username, password, role, first, last in DEMO_ACCOUNTS:
            user_create_with_role(username=username, password=password, role=role, first_name=first, last_name=last)
        for path in settings.DEMO_LOADERS:
            summary = import_string(path)()
            self.stdout.write(f"{path}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo accounts (username / password):"))
        for username, password, role, _, _ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role.label:<28} {username:<10} / {password}")
        self.stdout.write(
            "  ambtenaar and beheerder set up two-factor authentication (any TOTP authenticator app) at their first login."
        )
