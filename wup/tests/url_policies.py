"""Declared access policy per URL of the `wup` app (format: core/tests/url_policies.py)."""


def _plan():
    from .factories import PlanFactory

    return {"pk": PlanFactory().pk}


def _vastgesteld():
    from .factories import vastgesteld_plan

    return {"pk": vastgesteld_plan()[0].pk}


def _wijzigingsvoorstel():
    from .factories import vastgesteld_plan

    return {"pk": vastgesteld_plan(wijzigingsvoorstel=True)[0].pk}


def _kader_add():
    from .factories import PlanFactory

    return {"pk": PlanFactory().pk, "soort": "ambitie"}


def _kader_item():
    from .factories import AmbitieFactory

    ambitie = AmbitieFactory()
    return {"pk": ambitie.plan_id, "soort": "ambitie", "item_pk": ambitie.pk}


def _wgiw_add():
    from .factories import PlanFactory

    return {"pk": PlanFactory().pk, "soort": "investering"}


def _wgiw_item():
    from wup.constants import Zekerheid
    from wup.models import Investering

    from .factories import PartijFactory

    partij = PartijFactory()
    investering = Investering.objects.create(
        plan=partij.plan,
        partij=partij,
        wat="Netverzwaring",
        bedrag=1000,
        periode_van=2026,
        periode_tot=2028,
        zekerheid=Zekerheid.ZEKER,
    )
    return {"pk": partij.plan_id, "soort": "investering", "item_pk": investering.pk}


def _gemeente_kader_add():
    return {"soort": "kernwaarde"}


def _gemeente_kader_item():
    from .factories import AmbitieFactory

    return {"soort": "ambitie", "item_pk": AmbitieFactory(plan=None).pk}


POLICIES = {
    "wup:plan_list": "internal_read",
    "wup:plan_create": "ambtenaar",
    "wup:plan_update": "ambtenaar",
    "wup:plan_transition": "ambtenaar",
    "wup:plan_wijzigingsvoorstel": "ambtenaar",
    "wup:plan_wijziging_vaststellen": "ambtenaar",
    "wup:plan_kaders": "ambtenaar",
    "wup:kader_add": "ambtenaar",
    "wup:kader_edit": "ambtenaar",
    "wup:kader_delete": "ambtenaar",
    "wup:plan_history": "internal_read",
    "wup:plan_wgiw": "internal_read",
    "wup:plan_wgiw_update": "ambtenaar",
    "wup:wgiw_add": "ambtenaar",
    "wup:wgiw_edit": "ambtenaar",
    "wup:wgiw_delete": "ambtenaar",
    "wup:wijk_import": "ambtenaar",
    "wup:wijk_import_confirm": "ambtenaar",
    "wup:geometrie_import": "ambtenaar",
    "wup:gebied_list": "ambtenaar",
    "wup:wijk_naam": "ambtenaar",
    "wup:buurt_naam": "ambtenaar",
    "wup:gebied_namen_import": "ambtenaar",
    "wup:gemeente_kaders": "internal_read",
    "wup:gemeente_kader_add": "ambtenaar",
    "wup:gemeente_kader_edit": "ambtenaar",
    "wup:gemeente_kader_delete": "ambtenaar",
}


def _wijk():
    from .factories import WijkFactory

    return {"pk": WijkFactory().pk}


def _buurt():
    from .factories import BuurtFactory

    return {"pk": BuurtFactory().pk}


SAMPLE_KWARGS: dict = {
    "wup:wijk_naam": _wijk,
    "wup:buurt_naam": _buurt,
    "wup:plan_update": _plan,
    "wup:plan_transition": _plan,
    "wup:plan_wijzigingsvoorstel": _vastgesteld,
    "wup:plan_wijziging_vaststellen": _wijzigingsvoorstel,
    "wup:plan_kaders": _plan,
    "wup:kader_add": _kader_add,
    "wup:kader_edit": _kader_item,
    "wup:kader_delete": _kader_item,
    "wup:plan_history": _plan,
    "wup:plan_wgiw": _plan,
    "wup:plan_wgiw_update": _plan,
    "wup:wgiw_add": _wgiw_add,
    "wup:wgiw_edit": _wgiw_item,
    "wup:wgiw_delete": _wgiw_item,
    "wup:gemeente_kader_add": _gemeente_kader_add,
    "wup:gemeente_kader_edit": _gemeente_kader_item,
    "wup:gemeente_kader_delete": _gemeente_kader_item,
}
