"""Declared access policy per URL of the `portaal` app (format: core/tests/url_policies.py)."""


def _plan():
    from wup.tests.factories import PlanFactory

    return {"pk": PlanFactory().pk}


def _plan_pk():
    from wup.tests.factories import PlanFactory

    return {"plan_pk": PlanFactory().pk}


POLICIES = {
    "portaal:plan_document": "internal_read",
    "portaal:plan_pdf": "internal_read",
    "portaal:publiek": "public",
}

SAMPLE_KWARGS = {
    "portaal:plan_document": _plan,
    "portaal:plan_pdf": _plan,
    "portaal:publiek": _plan_pk,
}
