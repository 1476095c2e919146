"""The Wgiw page of a plan: the check before adoption, editing the parts, who may write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from core.constants import Role
from wup.constants import KostenEenheid, MaatregelSoort, PlanStatus, Techniekrichting, Zekerheid
from wup.models import GelijkwaardigAlternatief, Investering, Maatregel, OverwogenAlternatief, Plan

from .factories import PartijFactory, PlanFactory, wgiw_compleet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def _url(name, plan, **kwargs):
    return reverse(name, kwargs={"pk": plan.pk, **kwargs})


def test_the_wgiw_page_shows_what_is_missing_then_complete(client_for):
    client = client_for(Role.AMBTENAAR)
    # given an empty plan: the page lists the missing parts in Dutch
    plan = PlanFactory()
    html = client.get(_url("wup:plan_wgiw", plan)).content.decode()
    assert "De raad kan dit plan nog niet vaststellen." in html
    assert "Investeringen: vermeld welke partij waarin investeert, en hoeveel." in html
    # when everything is filled in, then the page says it is complete
    wgiw_compleet(plan)
    html = client.get(_url("wup:plan_wgiw", plan)).content.decode()
    assert 'data-wgiw-status="compleet"' in html
    assert "Investeringen: vermeld" not in html


def test_the_transition_page_shows_the_check_before_adoption(client_for):
    client = client_for(Role.AMBTENAAR)
    plan = PlanFactory(in_consultatie=True)
    html = client.get(_url("wup:plan_transition", plan)).content.decode()
    assert "Controle vóór vaststelling (Wgiw)" in html
    assert "Gekozen alternatief: markeer een van de overwogen alternatieven als gekozen." in html
    # and adopting it is refused with the list on top of the form, nothing saved
    response = client.post(
        _url("wup:plan_transition", plan),
        {"naar": PlanStatus.VASTGESTELD, "vastgesteld_op": "2026-06-01", "raadsbesluit_kenmerk": "RB-1"},
    )
    assert response.status_code == 200
    assert any("Gekozen alternatief" in e for e in response.context["form"].non_field_errors())
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_CONSULTATIE


def test_with_the_power_a_short_term_is_shown_as_not_allowed(client_for):
    client = client_for(Role.AMBTENAAR)
    plan = wgiw_compleet(
        PlanFactory(),
        aanwijsbevoegdheid=True,
        gas_einddatum=dt.date(2030, 1, 1),
        omgevingsplanregel_op=dt.date(2026, 1, 1),
    )
    html = client.get(_url("wup:plan_wgiw", plan)).content.decode()
    assert 'data-wgiw="fouten"' in html
    assert "Wgiw: ten minste acht jaar tussen vaststelling van de regel" in html


def test_bad_plan_fields_keep_the_input_and_save_nothing(client_for):
    client = client_for(Role.AMBTENAAR)
    plan = PlanFactory()
    response = client.post(
        _url("wup:plan_wgiw_update", plan),
        {"gas_einddatum": "1899-01-01", "keuzeruimte": "Eigenaren kiezen zelf", "participatie_verantwoording": ""},
    )
    assert response.status_code == 200
    form = response.context["plan_form"]
    assert "gas_einddatum" in form.errors
    assert form["keuzeruimte"].value() == "Eigenaren kiezen zelf"
    plan.refresh_from_db()
    assert plan.keuzeruimte == "" and plan.gas_einddatum is None
    # and good input is saved
    ok = client.post(
        _url("wup:plan_wgiw_update", plan),
        {"gas_einddatum": "2040-01-01", "aanwijsbevoegdheid": "on", "keuzeruimte": "Eigen moment"},
    )
    assert ok.status_code == 302
    plan.refresh_from_db()
    assert (plan.gas_einddatum, plan.aanwijsbevoegdheid, plan.keuzeruimte) == (
        dt.date(2040, 1, 1),
        True,
        "Eigen moment",
    )


def test_an_investment_is_added_refused_edited_and_deleted(client_for):
    client = client_for(Role.AMBTENAAR)
    plan = PlanFactory()
    partij = PartijFactory(plan=plan, naam="Stedin")
    add = _url("wup:wgiw_add", plan, soort="investering")
    data = {"partij": partij.pk, "wat": "Netverzwaring", "periode_van": 2026, "periode_tot": 2028, "zekerheid": "zeker"}
    # a negative amount: the page comes back with the input kept, nothing saved
    refused = client.post(add, {**data, "bedrag": "-5"})
    assert refused.status_code == 200
    section = next(s for s in refused.context["sections"] if s["key"] == "investering")
    assert "bedrag" in section["form"].errors
    assert section["form"]["wat"].value() == "Netverzwaring"
    assert not Investering.objects.exists()
    # an end year before the start year: refused by the service at the field
    refused = client.post(add, {**data, "bedrag": "5", "periode_tot": 2020})
    section = next(s for s in refused.context["sections"] if s["key"] == "investering")
    assert section["form"].errors["periode_tot"] == ["Het eindjaar ligt vóór het beginjaar."]
    assert not Investering.objects.exists()
    # added
    assert client.post(add, {**data, "bedrag": "6300000"}).status_code == 302
    investering = Investering.objects.get()
    # edited
    edit = _url("wup:wgiw_edit", plan, soort="investering", item_pk=investering.pk)
    assert client.get(edit).status_code == 200
    assert client.post(edit, {**data, "bedrag": "7000000", "zekerheid": "verwacht"}).status_code == 302
    investering.refresh_from_db()
    assert investering.zekerheid == Zekerheid.VERWACHT
    # deleted
    client.post(_url("wup:wgiw_delete", plan, soort="investering", item_pk=investering.pk))
    assert not Investering.objects.exists()


def test_a_party_of_another_plan_is_refused_in_the_form(client_for):
    client = client_for(Role.AMBTENAAR)
    plan = PlanFactory()
    vreemd = PartijFactory()  # of another plan
    response = client.post(
        _url("wup:wgiw_add", plan, soort="maatregel"),
        {"soort": MaatregelSoort.GEBOUWEN, "wat": "Isolatie", "waar": "Overal", "wanneer": "2027", "partij": vreemd.pk},
    )
    assert response.status_code == 200
    assert not Maatregel.objects.exists()


def test_council_members_read_the_wgiw_page_but_every_write_is_forbidden(client_for):
    client = client_for(Role.RAADSLID)
    plan = wgiw_compleet(PlanFactory())
    investering = plan.investeringen.get()
    # they read it, without forms
    response = client.get(_url("wup:plan_wgiw", plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aanleg" in html and "<form" not in html.split("<main", 1)[-1].split("</main>")[0]
    # and every write is refused
    writes = [
        ("post", _url("wup:plan_wgiw_update", plan), {"keuzeruimte": "Anders"}),
        ("post", _url("wup:wgiw_add", plan, soort="gelijkwaardig"), {"omschrijving": "x", "voorwaarden": "y"}),
        ("get", _url("wup:wgiw_edit", plan, soort="investering", item_pk=investering.pk), {}),
        ("post", _url("wup:wgiw_edit", plan, soort="investering", item_pk=investering.pk), {"wat": "Anders"}),
        ("post", _url("wup:wgiw_delete", plan, soort="investering", item_pk=investering.pk), {}),
    ]
    for method, url, data in writes:
        assert getattr(client, method)(url, data).status_code == 403, url
    assert GelijkwaardigAlternatief.objects.filter(plan=plan).count() == 1
    assert Investering.objects.filter(pk=investering.pk, wat="Aanleg").exists()
    assert Plan.objects.get(pk=plan.pk).keuzeruimte != "Anders"


@pytest.mark.parametrize("n", [2, 20])
def test_the_wgiw_page_takes_the_same_number_of_queries_for_2_or_20_items(n, client_for, django_assert_num_queries):
    # given a plan with n investments, measures and alternatives of each kind
    client = client_for(Role.AMBTENAAR)
    plan = PlanFactory()
    partij = PartijFactory(plan=plan)
    richtingen = list(Techniekrichting)
    for i in range(n):
        Investering.objects.create(
            plan=plan,
            partij=partij,
            wat=f"Investering {i}",
            bedrag=1000 + i,
            periode_van=2026,
            periode_tot=2030,
            zekerheid=Zekerheid.ZEKER,
        )
        Maatregel.objects.create(
            plan=plan, soort=MaatregelSoort.GEBOUWEN, wat=f"Maatregel {i}", waar="Overal", wanneer="2027", partij=partij
        )
        GelijkwaardigAlternatief.objects.create(plan=plan, omschrijving=f"Alternatief {i}", voorwaarden="Geen")
    for i, richting in enumerate(richtingen[: min(n, len(richtingen))]):
        OverwogenAlternatief.objects.create(
            plan=plan,
            techniekrichting=richting,
            nationale_kosten=100 + i,
            eenheid=KostenEenheid.EURO_PER_WONING,
            bron="PBL",
            gekozen=i == 0,
        )
    url = _url("wup:plan_wgiw", plan)
    client.get(url)  # warm the session and the caches
    # when the page is read, then the number of queries does not grow with n
    with django_assert_num_queries(QUERIES_WGIW_PAGE):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Investering ") >= n


# session + user + groups + second-factor device, plan_get (plan + 14 prefetches), the party and
# buurt choices of the add forms (measure, investment, gas end per buurt), kaders' lookups
QUERIES_WGIW_PAGE = 23
