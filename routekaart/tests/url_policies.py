"""Declared access policy per URL of the `routekaart` app (format: core/tests/url_policies.py).

The samples build a plan with one item of every kind, so the generated axe check
(core/tests/test_axe_every_page.py) opens each page with data present.
"""


def _gevuld():
    from .factories import gevuld_plan

    return gevuld_plan()


def _plan():
    return {"pk": _gevuld()["plan"].pk}


def _leeg_plan():
    from wup.tests.factories import PlanFactory

    return {"pk": PlanFactory().pk}


def _add():
    return {"pk": _gevuld()["plan"].pk, "soort": "mijlpaal"}


def _mijlpaal():
    data = _gevuld()
    return {"pk": data["plan"].pk, "soort": "mijlpaal", "item_pk": data["mijlpaal"].pk}


def _afspraak():
    data = _gevuld()
    return {"pk": data["plan"].pk, "soort": "afspraak", "item_pk": data["afspraak"].pk}


POLICIES = {
    "routekaart:routekaart": "internal_read",
    "routekaart:tijdlijn": "internal_read",
    "routekaart:afspraken_matrix": "internal_read",
    "routekaart:routekaart_opslaan": "ambtenaar",
    "routekaart:fasen_voorstel": "ambtenaar",
    "routekaart:item_add": "ambtenaar",
    "routekaart:item_edit": "ambtenaar",
    "routekaart:item_delete": "ambtenaar",
    "routekaart:prognose_verschuiven": "ambtenaar",
    "routekaart:afronden": "ambtenaar",
}

SAMPLE_KWARGS: dict = {
    "routekaart:routekaart": _plan,
    "routekaart:tijdlijn": _plan,
    "routekaart:afspraken_matrix": _plan,
    "routekaart:routekaart_opslaan": _plan,
    "routekaart:fasen_voorstel": _leeg_plan,
    "routekaart:item_add": _add,
    "routekaart:item_edit": _afspraak,
    "routekaart:item_delete": _mijlpaal,
    "routekaart:prognose_verschuiven": _mijlpaal,
    "routekaart:afronden": _afspraak,
}
