"""Declared access policy per URL of the `participatie` app (format: core/tests/url_policies.py)."""


def _vragenlijst(**kwargs):
    from participatie.constants import VraagType
    from participatie.tests.factories import VraagFactory, VragenlijstFactory

    vragenlijst = VragenlijstFactory(**kwargs)
    VraagFactory(vragenlijst=vragenlijst, type=VraagType.LIKERT)
    # a number without bounds and a free text too: the bad-input sweep posts to each type
    VraagFactory(vragenlijst=vragenlijst, type=VraagType.GETAL, volgorde=1)
    VraagFactory(vragenlijst=vragenlijst, type=VraagType.KORTE_TEKST, volgorde=2)
    return vragenlijst


def _open_slug():
    return {"slug": _vragenlijst(open=True).slug}


def _open_page():
    return {"slug": _vragenlijst(open=True).slug, "pagina": 1}


def _pk():
    return {"pk": _vragenlijst().pk}


def _vraag_pk():
    from participatie.tests.factories import VraagFactory

    return {"pk": VraagFactory().pk}


def _plan_pk():
    from wup.tests.factories import PlanFactory

    return {"plan_pk": PlanFactory().pk}


def _bijeenkomst_pk():
    from participatie.tests.factories import BijeenkomstFactory

    return {"pk": BijeenkomstFactory().pk}


POLICIES = {
    "participatie:vragenlijst_start": "resident",
    "participatie:vragenlijst_code": "resident",
    "participatie:vragenlijst_pagina": "resident",
    "participatie:vragenlijst_bedankt": "resident",
    "participatie:overzicht": "ambtenaar",
    "participatie:vragenlijst_list": "ambtenaar",
    "participatie:bijeenkomst_create": "ambtenaar",
    "participatie:pulsronde_create": "ambtenaar",
    "participatie:vragenlijst_detail": "ambtenaar",
    "participatie:vragenlijst_status": "ambtenaar",
    "participatie:vraag_create": "ambtenaar",
    "participatie:codes_generate": "ambtenaar",
    "participatie:vragenlijst_resultaten": "ambtenaar",
    "participatie:vragenlijst_export": "ambtenaar",
    "participatie:vraag_update": "ambtenaar",
    "participatie:vraag_delete": "ambtenaar",
    "participatie:vraag_move": "ambtenaar",
    "participatie:bijeenkomst_update": "ambtenaar",
    "participatie:bijeenkomst_gehouden": "ambtenaar",
    "participatie:bijeenkomst_annuleren": "ambtenaar",
}

SAMPLE_KWARGS: dict = {
    "participatie:vragenlijst_start": _open_slug,
    "participatie:vragenlijst_code": _open_slug,
    "participatie:vragenlijst_pagina": _open_page,
    "participatie:vragenlijst_bedankt": _open_slug,
    "participatie:vragenlijst_list": _plan_pk,
    "participatie:bijeenkomst_create": _plan_pk,
    "participatie:pulsronde_create": _plan_pk,
    "participatie:vragenlijst_detail": _pk,
    "participatie:vragenlijst_status": _pk,
    "participatie:vraag_create": _pk,
    "participatie:codes_generate": _pk,
    "participatie:vragenlijst_resultaten": _pk,
    "participatie:vragenlijst_export": _pk,
    "participatie:vraag_update": _vraag_pk,
    "participatie:vraag_delete": _vraag_pk,
    "participatie:vraag_move": _vraag_pk,
    "participatie:bijeenkomst_update": _bijeenkomst_pk,
    "participatie:bijeenkomst_gehouden": _bijeenkomst_pk,
    "participatie:bijeenkomst_annuleren": _bijeenkomst_pk,
}
