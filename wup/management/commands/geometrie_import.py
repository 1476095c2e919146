"""Import wijk/buurt boundaries from a GeoJSON FeatureCollection, matched by CBS code.

Atomic: when any feature is bad every error is printed to stderr, nothing is saved and the
command exits non-zero.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wup.services import geometrie_import


class Command(BaseCommand):
    help = "Import wijk/buurt boundaries (GeoJSON Polygon/MultiPolygon per CBS code; atomic)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="GeoJSON FeatureCollection (WGS84) with a wijkcode/buurtcode per feature")
        parser.add_argument("--dry-run", action="store_true", help="check the file, save nothing")

    def handle(self, *args, path: str, dry_run: bool, **options):
        try:
            content = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan {path} niet lezen: {exc.strerror or exc}") from exc
        result = geometrie_import(content=content, dry_run=dry_run)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Niets geïmporteerd: {len(result.errors)} fout(en) in {path}.")
        self.stdout.write(
            f"Grenzen: {result.wijken_updated} wijken en {result.buurten_updated} buurten bijgewerkt, "
            f"{result.unchanged} ongewijzigd ({result.features} objecten in het bestand)."
        )
        if dry_run:
            self.stdout.write(self.style.WARNING("Proefdraai (--dry-run): niets opgeslagen."))
        else:
            self.stdout.write(self.style.SUCCESS("Opgeslagen."))
