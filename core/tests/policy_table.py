"""The declared policy table, assembled from every app, and the URLconf walk it is checked on."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps

from core.checks import iter_patterns
from core.permissions import policy_of

LOCAL_APPS = ("core", "wup", "logboek", "routekaart", "participatie", "dashboard", "portaal")


@dataclass(frozen=True)
class Route:
    route: str
    name: str | None
    namespace: str
    callback: object

    @property
    def key(self) -> str:
        return self.name or self.route

    @property
    def is_admin(self) -> bool:
        return self.namespace.split(":")[0] == "admin"

    @property
    def has_arguments(self) -> bool:
        return "<" in self.route or "(?P" in self.route


def routes(urlconf=None) -> list[Route]:
    from django.urls import get_resolver

    return [Route(*entry) for entry in iter_patterns(get_resolver(urlconf))]


def policy_table() -> tuple[dict[str, str], dict]:
    policies: dict[str, str] = {}
    samples: dict = {}
    for label in LOCAL_APPS:
        if not apps.is_installed(label):
            continue
        module = import_module(f"{label}.tests.url_policies")
        policies.update(module.POLICIES)
        samples.update(module.SAMPLE_KWARGS)
    return policies, samples


def table_problems(all_routes: list[Route], table: dict[str, str]) -> list[str]:
    """URLs without an entry, or whose view declares another policy than the table."""
    problems = []
    for r in all_routes:
        declared = policy_of(r.callback, r.namespace)
        if r.is_admin:
            if declared is None or declared.name != "beheer":
                problems.append(f"{r.key}: admin URL must be 'beheer'")
            continue
        if r.key not in table:
            problems.append(f"{r.key} ({r.route}): no entry in the policy table")
        elif declared is None:
            problems.append(f"{r.key}: view declares no policy")
        elif declared.name != table[r.key]:
            problems.append(f"{r.key}: view declares '{declared.name}', table says '{table[r.key]}'")
    return problems
