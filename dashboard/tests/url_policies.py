"""Declared access policy per URL of the `dashboard` app (format: core/tests/url_policies.py)."""


def _plan_kwargs():
    from dashboard.tests.factories import PlanFactory

    return {"plan_id": PlanFactory().id}


def _event_kwargs():
    from dashboard.tests.factories import GebeurtenisFactory

    return {"gebeurtenis_id": GebeurtenisFactory().id}


def _computed_plan_kwargs():
    """A plan with computed results: its page shows the what-if and the save form."""
    from dashboard import services
    from dashboard.tests.factories import GebeurtenisFactory

    plan = GebeurtenisFactory(hoeveelheid=10).plan
    services.plan_recompute(plan_id=plan.id)
    return {"plan_id": plan.id}


def _scenario_kwargs():
    from dashboard.tests.factories import ScenarioFactory

    return {"scenario_id": ScenarioFactory().id}


def _stuuractie_kwargs():
    from dashboard.tests.factories import StuuractieFactory

    return {"stuuractie_id": StuuractieFactory().id}


POLICIES = {
    "dashboard:overview": "internal_read",
    "dashboard:plan_detail": "internal_read",
    "dashboard:indicator_csv": "internal_read",
    "dashboard:raadsbesluit_create": "ambtenaar",
    "dashboard:event_create": "ambtenaar",
    "dashboard:event_import": "ambtenaar",
    "dashboard:import_status": "ambtenaar",
    "dashboard:plan_events": "internal_read",
    "dashboard:event_withdraw": "ambtenaar",
    "dashboard:scenario_save": "ambtenaar",
    "dashboard:scenario_delete": "ambtenaar",
    "dashboard:stuuractie_create": "ambtenaar",
    "dashboard:stuuractie_update": "ambtenaar",
    "dashboard:stuuractie_done": "ambtenaar",
    "dashboard:stuuractie_cancel": "ambtenaar",
}

SAMPLE_KWARGS: dict = {
    "dashboard:plan_detail": _plan_kwargs,
    "dashboard:indicator_csv": lambda: {**_plan_kwargs(), "indicator": "resultaten"},
    "dashboard:raadsbesluit_create": _plan_kwargs,
    "dashboard:import_status": lambda: {"job": "0123456789abcdef"},
    "dashboard:plan_events": _plan_kwargs,
    "dashboard:event_withdraw": _event_kwargs,
    "dashboard:scenario_save": _computed_plan_kwargs,
    "dashboard:scenario_delete": _scenario_kwargs,
    "dashboard:stuuractie_create": _plan_kwargs,
    "dashboard:stuuractie_update": _stuuractie_kwargs,
    "dashboard:stuuractie_done": _stuuractie_kwargs,
    "dashboard:stuuractie_cancel": _stuuractie_kwargs,
}
