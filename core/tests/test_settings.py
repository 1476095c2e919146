"""Production settings fail loudly without configuration and pass `check --deploy`."""

import os
import subprocess
import sys

from django.conf import settings

BASE = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    env = {**BASE, "DJANGO_SETTINGS_MODULE": "config.settings.production", **env}
    env.pop("DATABASE_URL", None) if env.get("DATABASE_URL") == "" else None
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_secret_key_fails_loudly():
    env = {"DATABASE_URL": os.environ["DATABASE_URL"], "DJANGO_ALLOWED_HOSTS": "wijk.example.nl"}
    result = _run(env, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_without_database_fails_loudly():
    env = {"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "wijk.example.nl", "DATABASE_URL": ""}
    result = _run(env, "check")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    env = {
        "DJANGO_SECRET_KEY": "k8#Jd93lq!p0Zx_vQw2M7nR4tY6uI1oP3aS5dF8gH0jK2lZ9xC",
        "DJANGO_ALLOWED_HOSTS": "wijkproces.example.nl",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    }
    result = _run(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_every_variable_the_settings_read_is_in_env_example_and_the_readme():
    import re
    from pathlib import Path

    root = Path(settings.BASE_DIR)
    source = "\n".join(p.read_text() for p in (root / "config" / "settings").glob("*.py"))
    read = set(re.findall(r"""env(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]+)["']""", source))
    read |= set(re.findall(r"""os\.environ(?:\.get)?\(\s*["']([A-Z][A-Z0-9_]+)["']""", source))
    assert {"DATABASE_URL", "REDIS_URL", "PROXY_COUNT"} <= read  # the pattern finds them
    example = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", (root / ".env.example").read_text(), re.M))
    assert read - example == set()
    readme = (root / "README.md").read_text()
    assert {name for name in read if f"`{name}`" not in readme} == set()
