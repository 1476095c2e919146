"""Browser journey of issue 12: a civil servant fills in every required part of the
uitvoeringsplan and sees the completeness check go from missing to complete, adopts, changes one
part in a change proposal; the council member reads the adopted version and the diff; the PDF
holds every section heading and the investments total."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conftest import assert_accessible
from core.constants import Role
from wup.constants import PartijSoort, PlanStatus
from wup.models import Plan
from wup.tests.factories import PartijFactory, PlanFactory

from .test_versies import ALLE_KOPPEN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAARBORGEN = ("betaalbaarheid", "redelijke_termijn", "beschikbaarheid", "doenvermogen", "rechtsbescherming")


def _ontbreekt(page) -> int:
    lijst = page.locator("[data-wgiw=ontbreekt] li")
    return lijst.count()


def _toevoegen(page, soort: str, velden: dict, keuzes: dict | None = None, vinkjes=()) -> None:
    for veld, waarde in velden.items():
        page.fill(f"#id_{soort}_{veld}", waarde)
    for veld, waarde in (keuzes or {}).items():
        if isinstance(waarde, int):
            page.select_option(f"#id_{soort}_{veld}", index=waarde)
        else:
            page.select_option(f"#id_{soort}_{veld}", waarde)
    for veld in vinkjes:
        page.check(f"#id_{soort}_{veld}")
    page.locator(f"form[action$='/wgiw/{soort}/toevoegen/'] [type=submit]").click()
    page.wait_for_load_state()


def test_fill_in_adopt_change_and_compare(new_page):
    plan = PlanFactory(in_consultatie=True, titel="Zonnewijk all-electric")
    PartijFactory(plan=plan, soort=PartijSoort.GEMEENTE, naam="Gemeente Zonnestad")
    PartijFactory(plan=plan, soort=PartijSoort.NETBEHEERDER, naam="Stedin")
    page = new_page(role=Role.AMBTENAAR)
    wgiw = reverse("wup:plan_wgiw", kwargs={"pk": plan.pk})

    # given the Wgiw page lists every missing part before anything is filled in
    page.goto(wgiw)
    assert page.locator("[data-wgiw-status=onvolledig]").is_visible()
    begin = _ontbreekt(page)
    assert begin >= 10
    assert_accessible(page, "wgiw page, nothing filled in")

    # when the civil servant fills in the plan's own parts
    page.fill("#id_plan_gas_einddatum", "2040-01-01")
    page.fill("#id_plan_keuzeruimte", "Eigenaren kiezen zelf het moment van overstappen.")
    page.fill("#id_plan_participatie_verantwoording", "Drie bewonersavonden en een enquête.")
    page.locator("form[action$='/wgiw/plan/'] [type=submit]").click()
    page.wait_for_load_state()
    page.goto(wgiw)
    na_plan = _ontbreekt(page)
    assert na_plan < begin

    # and each part with its own rows
    _toevoegen(
        page,
        "maatregel",
        {"wat": "Kabels verzwaren", "waar": "Hoofdstraat", "wanneer": "2027-2029"},
        {"soort": "openbare_ruimte", "partij": 1},
    )
    _toevoegen(
        page,
        "maatregel",
        {"wat": "Warmtepompen plaatsen", "waar": "Alle woningen", "wanneer": "2028-2035"},
        {"soort": "gebouwen", "partij": 1},
    )
    _toevoegen(
        page,
        "investering",
        {"wat": "Netverzwaring", "bedrag": "6300000", "periode_van": "2027", "periode_tot": "2029"},
        {"partij": 2, "zekerheid": "zeker"},
    )
    _toevoegen(
        page,
        "investering",
        {"wat": "Isolatiesubsidie", "bedrag": "2500000", "periode_van": "2026", "periode_tot": "2030"},
        {"partij": 1, "zekerheid": "verwacht"},
    )
    _toevoegen(
        page,
        "overwogen",
        {"nationale_kosten": "180", "bron": "PBL Startanalyse 2020"},
        {"techniekrichting": "all_electric", "eenheid": "euro_per_ton_co2"},
        vinkjes=("gekozen",),
    )
    _toevoegen(
        page,
        "overwogen",
        {"nationale_kosten": "260", "bron": "PBL Startanalyse 2020"},
        {"techniekrichting": "warmtenet_mt", "eenheid": "euro_per_ton_co2"},
    )
    _toevoegen(page, "gelijkwaardig", {"omschrijving": "Hybride warmtepomp", "voorwaarden": "Tot 2034"})
    for soort in WAARBORGEN:
        _toevoegen(page, "waarborg", {"invulling": f"Zo geregeld voor {soort}."}, {"soort": soort})

    # then the check says complete
    page.goto(wgiw)
    assert _ontbreekt(page) == 0
    assert page.locator("[data-wgiw-status=compleet]").is_visible()
    assert_accessible(page, "wgiw page, complete")

    # when the plan is adopted
    page.goto(reverse("wup:plan_transition", kwargs={"pk": plan.pk}))
    page.check(f"input[name=naar][value={PlanStatus.VASTGESTELD}]")
    page.fill("#id_vastgesteld_op", "2026-03-12")
    page.fill("#id_raadsbesluit_kenmerk", "RB-2026-031")
    page.locator("form:has(input[name=naar]) [type=submit]").click()
    page.wait_for_url(f"**/plannen/{plan.pk}/")
    # then the document is the adopted version and offers a change proposal, no edit buttons
    assert page.locator("[data-weergave=vastgesteld]").is_visible()
    assert page.locator(f"a[href='{reverse('wup:plan_update', kwargs={'pk': plan.pk})}']").count() == 0
    assert_accessible(page, "adopted document")

    # when the civil servant starts a change proposal and changes one investment
    page.get_by_role("link", name="Wijzigingsvoorstel starten").click()
    assert_accessible(page, "start change proposal")
    page.get_by_role("button", name="Wijzigingsvoorstel starten").click()
    page.wait_for_url(f"**/plannen/{plan.pk}/")
    investering = Plan.objects.get(pk=plan.pk).investeringen.get(wat="Netverzwaring")
    page.goto(reverse("wup:wgiw_edit", kwargs={"pk": plan.pk, "soort": "investering", "item_pk": investering.pk}))
    page.fill("input[name$=bedrag]", "7100000")
    page.locator("main form [type=submit]").last.click()
    page.wait_for_load_state()
    assert Plan.objects.get(pk=plan.pk).investeringen.get(wat="Netverzwaring").bedrag == 7100000
    assert Plan.objects.get(pk=plan.pk).versies.count() == 1  # a draft, not adopted

    # then the council member reads the adopted version by default, and the diff
    raad = new_page(role=Role.RAADSLID)
    raad.goto(reverse("portaal:plan_document", kwargs={"pk": plan.pk}))
    assert raad.locator("[data-weergave=vastgesteld]").is_visible()
    investeringen = raad.locator("#sectie-investeringen").inner_text()
    assert "6.300.000" in investeringen and "7.100.000" not in investeringen
    assert_accessible(raad, "adopted version (council)")
    raad.get_by_role("link", name="Vergelijken met het plan zoals het nu is").click()
    raad.wait_for_url("**/vergelijken/**")
    verschil = raad.locator("#verschil-investeringen")
    assert "gewijzigd" in verschil.inner_text()
    assert "6.300.000" in verschil.locator(".diff-weg").first.inner_text()
    assert "7.100.000" in verschil.locator(".diff-nieuw").first.inner_text()
    assert "ongewijzigd" in raad.locator("#verschil-waarborgen").inner_text()
    assert_accessible(raad, "comparison")

    # and the adopted PDF holds every section heading and the adopted investments total
    pdf = raad.request.get(reverse("portaal:plan_versie_pdf", kwargs={"pk": plan.pk, "nummer": 1}))
    assert pdf.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.body()))
    tekst = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for kop in ALLE_KOPPEN:
        assert kop in tekst, kop
    assert "€ 8.800.000" in tekst  # 6,300,000 + 2,500,000 as adopted
    assert "RB-2026-031" in tekst
