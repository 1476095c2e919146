"""Declared access policy per URL of the `dashboard` app (format: core/tests/url_policies.py)."""


def _plan_kwargs():
    from dashboard.tests.factories import PlanFactory

    return {"plan_id": PlanFactory().id}


def _event_kwargs():
    from dashboard.tests.factories import GebeurtenisFactory

    return {"gebeurtenis_id": GebeurtenisFactory().id}


POLICIES = {
    "dashboard:overview": "internal_read",
    "dashboard:plan_detail": "internal_read",
    "dashboard:raadsbesluit_create": "ambtenaar",
    "dashboard:event_create": "ambtenaar",
    "dashboard:event_import": "ambtenaar",
    "dashboard:import_status": "ambtenaar",
    "dashboard:plan_events": "internal_read",
    "dashboard:event_withdraw": "ambtenaar",
}

SAMPLE_KWARGS: dict = {
    "dashboard:plan_detail": _plan_kwargs,
    "dashboard:raadsbesluit_create": _plan_kwargs,
    "dashboard:import_status": lambda: {"job": "0123456789abcdef"},
    "dashboard:plan_events": _plan_kwargs,
    "dashboard:event_withdraw": _event_kwargs,
}
