"""Restore a backup into a scratch database and check it (docs/operations.md, backup and restore).

    python manage.py restore_drill                 # dump this database now, restore, check
    python manage.py restore_drill --dump F.dump   # restore that backup (pg_dump -Fc), check
    python manage.py restore_drill --keep          # leave the scratch database for inspection

Checks: the restored event log, adopted plans and published snapshots equal this database's
(only for a fresh dump), and a full recompute from the restored event log reproduces the
restored snapshots. Any difference is listed and the command fails (exit code 1).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from dashboard import restore_drill

MARKER = "RESTORE-DRILL-RESULT "


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _url(db: dict, name: str) -> str:
    auth = db.get("USER") or ""
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    host = db.get("HOST") or ""
    if host.startswith("/"):  # a unix socket directory (the embedded development server)
        return f"postgres://{auth}@/{host}/{name}"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{name}"


class Command(BaseCommand):
    help = "Restore a backup into a scratch database and check that it tells the same story."

    def add_arguments(self, parser):
        parser.add_argument("--dump", help="a pg_dump custom-format file; default: dump this database now")
        parser.add_argument("--keep", action="store_true", help="keep the scratch database")
        parser.add_argument("--check", action="store_true", help="(internal) run the check in this database")

    def handle(self, *args, **options):
        if options["check"]:
            self.stdout.write(MARKER + json.dumps(restore_drill.restore_check()))
            return
        db = settings.DATABASES["default"]
        scratch = f"{db['NAME']}_restore_drill"
        env = _pg_env(db)
        live = None
        with tempfile.TemporaryDirectory() as tmp:
            dump = options["dump"]
            if not dump:
                dump = str(Path(tmp) / "backup.dump")
                live = restore_drill.fingerprint()
                subprocess.run(["pg_dump", "-Fc", "-f", dump, db["NAME"]], env=env, check=True)  # noqa: S603, S607
                self.stdout.write(f"Dumped {db['NAME']} ({Path(dump).stat().st_size // 1024} kB).")
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
                cursor.execute(f'CREATE DATABASE "{scratch}"')
            try:
                subprocess.run(  # noqa: S603
                    ["pg_restore", "--no-owner", "--exit-on-error", "-d", scratch, dump],  # noqa: S607
                    env=env,
                    check=True,
                )
                self.stdout.write(f"Restored into {scratch}.")
                result = subprocess.run(  # noqa: S603
                    [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "restore_drill", "--check"],
                    env={**env, "DATABASE_URL": _url(db, scratch)},
                    capture_output=True,
                    text=True,
                    check=True,
                )
            except subprocess.CalledProcessError as exc:
                raise CommandError(f"Restore drill failed: {exc.stderr or exc}") from exc
            finally:
                if not options["keep"]:
                    with connection.cursor() as cursor:
                        cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        line = next(part for part in result.stdout.splitlines() if part.startswith(MARKER))
        check = json.loads(line[len(MARKER) :])
        problems = restore_drill.compare(check["restored"], check["recomputed"], what="recompute")
        if live is not None:
            problems += restore_drill.compare(live, check["restored"], what="restore")
        restored = check["restored"]
        self.stdout.write(
            f"{restored['events'][0]} events, {len(restored['adopted'])} adopted plans, "
            f"{len(restored['snapshots'])} snapshots checked."
        )
        if problems:
            for problem in problems[:50]:
                self.stderr.write(problem)
            raise CommandError(f"Restore drill: {len(problems)} differences.")
        self.stdout.write(
            self.style.SUCCESS("Restore drill passed: the backup restores and recomputes to the same figures.")
        )
