"""The adopted version as the council and residents read it (issue 12): the adopted document
by default, the change proposal beside it with a readable diff, the PDF exactly as adopted and
accessible, the participation section without small numbers, the dashboard judging against
what was adopted."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core.constants import Role
from core.tests.factories import UserFactory
from wup import services as wup_services
from wup.constants import PlanStatus
from wup.tests.factories import PlanFactory, vastgesteld_plan, wgiw_compleet

pytestmark = pytest.mark.django_db

ALLE_KOPPEN = (
    "Samenvatting",
    "Het plangebied en zijn feiten",
    "Het gekozen alternatief en waarom",
    "Maatregelen",
    "Planning en einde van de gaslevering",
    "Investeringen per partij",
    "Keuzeruimte en het gelijkwaardige alternatief",
    "Waarborgen",
    "Participatie",
    "Routekaart",
    "Kaders",
    "Indicatoren van het dashboard",
    "Statusgeschiedenis",
)


def _adopted(titel="Zonnewijk van het gas af"):
    return vastgesteld_plan(titel=titel)


def _with_proposal():
    plan, door = _adopted()
    plan = wup_services.wijzigingsvoorstel_starten(plan=plan, door=door)
    wup_services.plan_update(plan=plan, samenvatting="Nieuwe samenvatting van het wijzigingsvoorstel.")
    return plan, door


def test_the_council_reads_the_adopted_version_by_default_and_the_proposal_on_request(client_for):
    plan, _ = _with_proposal()
    raad = client_for(Role.RAADSLID)
    url = reverse("portaal:plan_document", kwargs={"pk": plan.pk})
    html = raad.get(url).content.decode()
    assert 'data-weergave="vastgesteld"' in html and "RB-2026-031" in html
    assert "Samen met bewoners van het gas af." in html
    assert "Nieuwe samenvatting van het wijzigingsvoorstel." not in html
    actueel = raad.get(url + "?weergave=actueel").content.decode()
    assert 'data-weergave="actueel"' in actueel
    assert "Nieuwe samenvatting van het wijzigingsvoorstel." in actueel


def test_the_comparison_shows_per_section_what_changed(client_for):
    plan, _ = _with_proposal()
    response = client_for(Role.RAADSLID).get(reverse("portaal:plan_vergelijken", kwargs={"pk": plan.pk}))
    assert response.status_code == 200
    verschillen = {v.id: v for v in response.context["verschillen"]}
    assert verschillen["samenvatting"].gewijzigd
    assert not verschillen["waarborgen"].gewijzigd and not verschillen["investeringen"].gewijzigd
    regels = {(r.soort, r.tekst) for r in verschillen["samenvatting"].regels}
    assert ("weg", "Samen met bewoners van het gas af.") in regels
    assert ("nieuw", "Nieuwe samenvatting van het wijzigingsvoorstel.") in regels
    html = response.content.decode()
    assert "verwijderd:" in html and "nieuw:" in html


def test_the_stored_pdf_is_served_exactly_as_adopted_and_is_accessible(client_for):
    plan, _ = _with_proposal()
    versie = plan.versies.get()
    # the council's and the residents' PDF are the stored bytes, also after the change proposal
    intern = client_for(Role.RAADSLID).get(reverse("portaal:plan_versie_pdf", kwargs={"pk": plan.pk, "nummer": 1}))
    publiek = Client().get(reverse("portaal:publiek_pdf", kwargs={"plan_pk": plan.pk}))
    assert intern.content == publiek.content == bytes(versie.pdf)
    assert publiek["Content-Type"] == "application/pdf"
    # and it is a tagged PDF in Dutch with its title, a heading per section and the totals
    reader = PdfReader(io.BytesIO(publiek.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == "nl"
    assert reader.metadata.title == "Wijkuitvoeringsplan: Zonnewijk van het gas af"
    tekst = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for kop in ALLE_KOPPEN:
        assert kop in tekst, kop
    assert "Inhoud" in tekst and "€ 1.000.000" in tekst
    assert "Versie 1, vastgesteld door de raad op 12 maart 2026 (besluit RB-2026-031)" in tekst
    assert "volgt later" not in tekst.lower()
    # and its structure has a heading hierarchy and tables with header cells
    rollen = _rollen(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD"} <= rollen, rollen


def _rollen(node, gezien=None) -> set[str]:
    """The structure types (/S) in a PDF's structure tree."""
    gezien = set() if gezien is None else gezien
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for kind in node:
            _rollen(kind, gezien)
    elif isinstance(node, dict):
        if "/S" in node:
            gezien.add(str(node["/S"]))
        if "/K" in node:
            _rollen(node["/K"], gezien)
    return gezien


def test_the_public_page_shows_the_adopted_version_not_the_proposal():
    plan, _ = _with_proposal()
    html = Client().get(reverse("portaal:publiek", kwargs={"plan_pk": plan.pk})).content.decode()
    assert 'id="vastgesteld-plan"' in html and "12 maart 2026" in html
    assert "Samen met bewoners van het gas af." in html
    assert "Nieuwe samenvatting van het wijzigingsvoorstel." not in html
    assert reverse("portaal:publiek_pdf", kwargs={"plan_pk": plan.pk}) in html


def test_no_pdf_for_residents_before_adoption():
    plan = PlanFactory(in_consultatie=True)
    assert Client().get(reverse("portaal:publiek_pdf", kwargs={"plan_pk": plan.pk})).status_code == 404


@pytest.mark.parametrize(("n", "getoond"), [(3, "minder dan 5"), (5, ">5<")])
def test_the_participation_section_hides_small_numbers(n, getoond, client_for):
    from participatie.constants import VragenlijstStatus
    from participatie.models import Respons
    from participatie.tests.factories import BijeenkomstFactory, VragenlijstFactory

    plan = PlanFactory(in_consultatie=True)
    vragenlijst = VragenlijstFactory(plan=plan, titel="Enquête warmte", status=VragenlijstStatus.GESLOTEN)
    for _ in range(n):
        Respons.objects.create(vragenlijst=vragenlijst)
    BijeenkomstFactory(
        plan=plan,
        titel="Klein gesprek",
        datum=timezone.now() - dt.timedelta(days=3),
        gehouden=True,
        aantal_bezoekers=n,
    )
    html = client_for(Role.RAADSLID).get(reverse("portaal:plan_document", kwargs={"pk": plan.pk})).content.decode()
    sectie = html[html.index('id="sectie-participatie"') : html.index('id="sectie-routekaart"')]
    vragenlijsten = sectie[sectie.index("Enquête warmte") : sectie.index("</tr>", sectie.index("Enquête warmte"))]
    bijeenkomst = sectie[sectie.index("Klein gesprek") : sectie.index("</tr>", sectie.index("Klein gesprek"))]
    compact = "".join(vragenlijsten.split())
    if n < 5:
        assert getoond in " ".join(vragenlijsten.split()) and f">{n}<" not in compact
        assert "minder dan 5" in " ".join(bijeenkomst.split())
    else:
        assert getoond in compact
        assert "5 bezoekers" in " ".join(bijeenkomst.split())


# The plan with its parts, the participation, route map and dashboard reads, the session and
# the account: the same for 2 and 12 parts.
QUERIES_DOCUMENT = 32


@pytest.mark.parametrize("n", [2, 12])
def test_the_document_takes_the_same_number_of_queries_whatever_the_number_of_parts(
    n, client_for, django_assert_num_queries
):
    from wup.constants import Zekerheid
    from wup.models import Investering

    plan = PlanFactory(in_consultatie=True)
    wgiw_compleet(plan)
    partij = plan.partijen.first()
    for i in range(n):
        Investering.objects.create(
            plan=plan,
            partij=partij,
            wat=f"Deel {i}",
            bedrag=Decimal(1000 + i),
            periode_van=2026,
            periode_tot=2027,
            zekerheid=Zekerheid.VERWACHT,
        )
    client = client_for(Role.RAADSLID)
    url = reverse("portaal:plan_document", kwargs={"pk": plan.pk})
    client.get(url)  # warm the session and caches
    with django_assert_num_queries(QUERIES_DOCUMENT):
        response = client.get(url)
    assert f"Deel {n - 1}" in response.content.decode()


def test_the_dashboard_judges_against_the_adopted_interim_goals():
    from dashboard import selectors as dashboard_selectors
    from wup.constants import Metriek

    # given an adopted plan with an interim goal of 300 homes
    plan = PlanFactory(titel="Doelwijk")
    wgiw_compleet(plan)
    door = UserFactory(role=Role.AMBTENAAR)
    kernwaarde = wup_services.kernwaarde_create(
        plan=plan, pool_links="Betaalbaar", pool_rechts="Snel", positie=30, waarom="Niemand gaat erop achteruit."
    )
    doel = wup_services.tussendoel_create(
        plan=plan,
        omschrijving="300 woningen aardgasvrij",
        metriek=Metriek.WONINGEN_AARDGASVRIJ,
        streefwaarde=300,
        deadline=dt.date(2028, 12, 31),
        eigenaar="Projectleider warmte",
        kernwaarde=kernwaarde,
    )
    plan = wup_services.plan_transition(plan=plan, naar=PlanStatus.IN_CONSULTATIE, door=door)
    plan = wup_services.plan_transition(
        plan=plan, naar=PlanStatus.VASTGESTELD, door=door, vastgesteld_op=dt.date(2026, 3, 12), raadsbesluit_kenmerk="R"
    )
    # when a change proposal raises the goal to 500 (not adopted yet)
    plan = wup_services.wijzigingsvoorstel_starten(plan=plan, door=door)
    wup_services.tussendoel_update(tussendoel=doel, streefwaarde=500)
    # then the recompute and the charts still judge against 300
    invoer = dashboard_selectors.recompute_inputs(plan_ids=[plan.pk])[plan.pk]
    assert [d.streefwaarde for d in invoer.feiten.doelen] == [300.0]
    assert invoer.feiten.kernwaarde_ids == (kernwaarde.pk,)
    assert [d.streefwaarde for d in dashboard_selectors.plan_doelen(plan=plan)] == [300.0]
    # and once the change is adopted, against 500
    wup_services.wijziging_vaststellen(
        plan=plan, door=door, vastgesteld_op=timezone.localdate(), raadsbesluit_kenmerk="R2"
    )
    invoer = dashboard_selectors.recompute_inputs(plan_ids=[plan.pk])[plan.pk]
    assert [d.streefwaarde for d in invoer.feiten.doelen] == [500.0]


def test_a_civil_servant_opens_and_adopts_a_change_in_the_browser_forms(client_for):
    plan, _ = _adopted()
    ambtenaar = client_for(Role.AMBTENAAR)
    # the document offers the change proposal, not the edit buttons
    html = ambtenaar.get(reverse("portaal:plan_document", kwargs={"pk": plan.pk})).content.decode()
    assert reverse("wup:plan_wijzigingsvoorstel", kwargs={"pk": plan.pk}) in html
    assert reverse("wup:plan_update", kwargs={"pk": plan.pk}) not in html
    # an edit before the proposal is refused with the reason, the typed value kept
    response = ambtenaar.post(
        reverse("wup:plan_update", kwargs={"pk": plan.pk}),
        {"titel": "Andere titel", "focus": plan.focus, "techniekrichting": plan.techniekrichting},
    )
    assert response.status_code == 200 and "wijzigingsvoorstel" in response.content.decode()
    # start, then adopt with a bad date (kept, with the message), then a good one
    ambtenaar.post(reverse("wup:plan_wijzigingsvoorstel", kwargs={"pk": plan.pk}))
    url = reverse("wup:plan_wijziging_vaststellen", kwargs={"pk": plan.pk})
    bad = ambtenaar.post(url, {"vastgesteld_op": "2026-01-01", "raadsbesluit_kenmerk": "RB-9"})
    assert bad.status_code == 200 and 'value="RB-9"' in bad.content.decode()
    assert plan.versies.count() == 1
    good = ambtenaar.post(url, {"vastgesteld_op": timezone.localdate().isoformat(), "raadsbesluit_kenmerk": "RB-9"})
    assert good.status_code == 302
    assert list(plan.versies.values_list("nummer", "raadsbesluit_kenmerk")) == [(2, "RB-9"), (1, "RB-2026-031")]


def test_the_map_in_the_pdf_is_a_figure_with_its_alternative_text():
    from portaal import document
    from wup import selectors
    from wup.tests.factories import alkmaar_plan

    plan = selectors.plan_get(pk=alkmaar_plan(buurten_with_boundary=2).pk)
    secties = document.document_secties(plan=plan, vandaag=dt.date(2026, 12, 1))
    pdf = document.pdf_render(plan=plan, secties=secties, kenmerk="Concept")
    figuren = _figuren(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"])
    assert figuren == ["Kaart van het plangebied: wijk Huiswaard met 2 buurten"]


def _figuren(node) -> list[str]:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        return [alt for kind in node for alt in _figuren(kind)]
    if isinstance(node, dict):
        eigen = [str(node.get("/Alt", ""))] if node.get("/S") == "/Figure" else []
        return eigen + (_figuren(node["/K"]) if "/K" in node else [])
    return []
