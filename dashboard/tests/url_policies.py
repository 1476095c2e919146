"""Declared access policy per URL of the `dashboard` app (format: core/tests/url_policies.py)."""


def _plan_kwargs():
    from dashboard.tests.factories import PlanFactory

    return {"plan_id": PlanFactory().id}


POLICIES = {
    "dashboard:overview": "internal_read",
    "dashboard:plan_detail": "internal_read",
    "dashboard:raadsbesluit_create": "ambtenaar",
    "dashboard:event_create": "ambtenaar",
    "dashboard:event_import": "ambtenaar",
    "dashboard:import_status": "ambtenaar",
}

SAMPLE_KWARGS: dict = {
    "dashboard:plan_detail": _plan_kwargs,
    "dashboard:raadsbesluit_create": _plan_kwargs,
    "dashboard:import_status": lambda: {"job": "0123456789abcdef"},
}
