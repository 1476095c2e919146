"""Remove free-text answers and unused invite codes older than PARTICIPATIE_RETENTION_DAYS."""

from django.core.management.base import BaseCommand

from participatie.services import retention_days, retention_purge


class Command(BaseCommand):
    help = "AVG retention: blank old free-text answers and delete old unused invite codes (idempotent)."

    def handle(self, *args, **options):
        result = retention_purge()
        self.stdout.write(
            f"Retention {retention_days()} days: {result['tekst_gewist']} free-text answers blanked, "
            f"{result['codes_verwijderd']} unused invite codes deleted."
        )
