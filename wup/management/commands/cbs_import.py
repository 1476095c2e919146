"""Import wijken and buurten from a CBS CSV (Kerncijfers wijken en buurten).

Idempotent (updates by CBS code) and atomic: when any row is bad every error is printed to
stderr, nothing is saved and the command exits non-zero.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wup.constants import GEMEENTECODE_REGEX
from wup.services import cbs_import

ALL_GEMEENTEN = "*"


class Command(BaseCommand):
    help = "Import wijken and buurten from a CBS CSV file (idempotent, atomic)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV file (comma or semicolon separated, UTF-8)")
        parser.add_argument(
            "--gemeente",
            default=settings.GEMEENTE_CODE,
            help=f"only rows of this CBS gemeente code (default {settings.GEMEENTE_CODE}; '*' for every gemeente)",
        )
        parser.add_argument("--dry-run", action="store_true", help="show what would change, save nothing")

    def handle(self, *args, path: str, gemeente: str, dry_run: bool, **options):
        gemeentecode = None if gemeente == ALL_GEMEENTEN else gemeente.strip().upper()
        if gemeentecode is not None and not re.match(GEMEENTECODE_REGEX, gemeentecode):
            raise CommandError(f"'{gemeente}' is geen gemeentecode (GM + 4 cijfers).")
        try:
            content = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan {path} niet lezen: {exc.strerror or exc}") from exc
        result = cbs_import(content=content, gemeentecode=gemeentecode, dry_run=dry_run)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Niets geïmporteerd: {len(result.errors)} fout(en) in {path}.")
        self.stdout.write(
            f"Wijken: {result.wijken_new} nieuw, {result.wijken_updated} bijgewerkt. "
            f"Buurten: {result.buurten_new} nieuw, {result.buurten_updated} bijgewerkt "
            f"({len(result.rows)} in het bestand)."
        )
        if dry_run:
            self.stdout.write(self.style.WARNING("Proefdraai (--dry-run): niets opgeslagen."))
        else:
            self.stdout.write(self.style.SUCCESS("Opgeslagen."))
