"""Declared access policy per URL of the `portaal` app (format: core/tests/url_policies.py)."""


def _plan():
    from wup.tests.factories import PlanFactory

    return {"pk": PlanFactory().pk}


def _plan_pk():
    from wup.tests.factories import PlanFactory

    return {"plan_pk": PlanFactory().pk}


def _versie():
    from wup.tests.factories import vastgesteld_plan

    return {"pk": vastgesteld_plan()[0].pk, "nummer": 1}


def _vastgesteld_plan_pk():
    from wup.tests.factories import vastgesteld_plan

    return {"plan_pk": vastgesteld_plan()[0].pk}


def _token():
    return {"token": "x" * 43}  # not a valid token: the policy is checked, the view says 404


def _plan_with_token():
    from portaal import services
    from wup.tests.factories import PlanFactory

    row, _ = services.agenda_token_create(plan=PlanFactory(), label="Netbeheerder")
    return {"pk": row.plan_id, "token_pk": row.pk}


POLICIES = {
    "portaal:plan_document": "internal_read",
    "portaal:plan_pdf": "internal_read",
    "portaal:plan_versie": "internal_read",
    "portaal:plan_versie_pdf": "internal_read",
    "portaal:plan_vergelijken": "internal_read",
    "portaal:publiek": "public",
    "portaal:publiek_pdf": "public",
    "portaal:agenda_publiek": "public",
    "portaal:agenda_partijen": "token",
    "portaal:agenda_tokens": "ambtenaar",
    "portaal:agenda_token_revoke": "ambtenaar",
}

SAMPLE_KWARGS = {
    "portaal:plan_document": _plan,
    "portaal:plan_pdf": _plan,
    "portaal:plan_versie": _versie,
    "portaal:plan_versie_pdf": _versie,
    "portaal:plan_vergelijken": _plan,
    "portaal:publiek": _plan_pk,
    "portaal:publiek_pdf": _vastgesteld_plan_pk,
    "portaal:agenda_publiek": _plan_pk,
    "portaal:agenda_partijen": _token,
    "portaal:agenda_tokens": _plan,
    "portaal:agenda_token_revoke": _plan_with_token,
}
