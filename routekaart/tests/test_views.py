"""Screens of the routekaart: forms map service errors to fields and keep the typed input;
council members read the same pages without any form and cannot write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from core.constants import Role
from logboek.models import Gebeurtenis
from routekaart.models import Afspraak, Koppelkans, Mijlpaal, Routekaart, Vergunning, Verschuiving
from wup.models import Fase, Partij
from wup.tests.factories import PartijFactory, PlanFactory

from .factories import afspraak, gevuld_plan, mijlpaal

pytestmark = pytest.mark.django_db


def _url(name, plan, **kwargs):
    return reverse(f"routekaart:{name}", kwargs={"pk": plan.pk, **kwargs})


def test_page_shows_every_section_with_dutch_labels_dates_and_badges(client_for):
    # given a plan with one item of every kind
    data = gevuld_plan()
    client = client_for(Role.AMBTENAAR)
    # when the route map is opened
    response = client.get(_url("routekaart", data["plan"]))
    # then each section shows its items, dates in the named formats (short in tables, long in
    # sentences) and status badges
    html = response.content.decode()
    assert response.status_code == 200
    for tekst in ("Stedin", "Mijlpaal 0", "Afspraak 0", "Riolering 0", "Vergunning 0", "Verkenning"):
        assert tekst in html
    assert "<td>01-06-2026</td>" in html  # baseline of the milestone, in its table
    assert "01-09-2026" in html  # its moved forecast
    assert "1 september 2026" in html  # the same in the window's warning sentence
    assert "Levering vertraagd" in html
    assert "Regisseur" in html
    assert '<span class="visually-hidden">Status: </span>Over tijd' in html  # agreements of 2025 are overdue
    assert "Geschiedenis van de prognose (1)" in html
    assert "buiten dit venster" in html  # the milestone's forecast lies outside the sewer window
    assert 'action="' + _url("item_add", data["plan"], soort="mijlpaal") + '"' in html


def test_empty_plan_shows_empty_states_and_the_phase_proposal_link(client_for):
    plan = PlanFactory()
    html = client_for(Role.AMBTENAAR).get(_url("routekaart", plan)).content.decode()
    assert "Nog geen partijen" in html
    assert "Nog geen mijlpalen." in html
    assert "Nog geen afspraken." in html
    assert "Nog geen vergunningen." in html
    assert _url("fasen_voorstel", plan) in html


def test_council_member_reads_without_forms_and_cannot_post(client_for):
    # given a filled plan and a council member
    data = gevuld_plan()
    plan = data["plan"]
    client = client_for(Role.RAADSLID)
    # when the pages are read
    pages = [client.get(_url(name, plan)) for name in ("routekaart", "tijdlijn", "afspraken_matrix")]
    # then they show the content without a single form or edit link
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert "Mijlpaal 0" in html
        assert html.count('name="csrfmiddlewaretoken"') == 1  # the logout button only
        assert "/wijzigen/" not in html and "/verwijderen/" not in html and "/verschuiven/" not in html
    # and every write is refused
    count = Mijlpaal.objects.count()
    for response in (
        client.post(_url("item_add", plan, soort="mijlpaal"), {"naam": "X", "basisdatum": "2027-01-01"}),
        client.post(_url("routekaart", plan)),
        client.post(_url("item_delete", plan, soort="mijlpaal", item_pk=data["mijlpaal"].pk)),
        client.post(
            _url("prognose_verschuiven", plan, soort="mijlpaal", item_pk=data["mijlpaal"].pk),
            {"prognose": "2027-01-01", "reden": "x"},
        ),
    ):
        assert response.status_code == 403
    assert Mijlpaal.objects.count() == count


def test_role_and_why_this_route_are_saved(client_for):
    plan = PlanFactory()
    client = client_for(Role.AMBTENAAR)
    response = client.post(
        _url("routekaart_opslaan", plan),
        {"rol_gemeente": "facilitator", "rol_toelichting": "We faciliteren.", "waarom_route": "Bewoners willen zelf."},
    )
    assert response.status_code == 302
    rk = Routekaart.objects.get(plan=plan)
    assert (rk.rol_gemeente, rk.waarom_route) == ("facilitator", "Bewoners willen zelf.")


def test_party_is_added_edited_and_its_delete_refused_while_used(client_for):
    # given a plan
    plan = PlanFactory()
    client = client_for(Role.AMBTENAAR)
    # when a party is added and edited
    client.post(_url("item_add", plan, soort="partij"), {"soort": "netbeheerder", "naam": "Stedin", "rol": "Net"})
    partij = Partij.objects.get(plan=plan)
    client.post(
        _url("item_edit", plan, soort="partij", item_pk=partij.pk),
        {"soort": "netbeheerder", "naam": "Stedin Netbeheer", "rol": "Netverzwaring"},
    )
    partij.refresh_from_db()
    assert partij.naam == "Stedin Netbeheer"
    # and it is named by a milestone, then deleted
    mijlpaal(plan, verantwoordelijke=partij)
    confirm = client.get(_url("item_delete", plan, soort="partij", item_pk=partij.pk))
    refused = client.post(_url("item_delete", plan, soort="partij", item_pk=partij.pk))
    # then the confirmation page asks first, and the delete is refused with the service's Dutch message
    assert "Verwijderen" in confirm.content.decode()
    assert "wordt nog genoemd in 1 onderdeel" in refused.content.decode()
    assert Partij.objects.filter(pk=partij.pk).exists()


def test_duplicate_party_name_keeps_the_form_and_saves_nothing(client_for):
    plan = PlanFactory()
    PartijFactory(plan=plan, naam="Stedin")
    response = client_for(Role.AMBTENAAR).post(
        _url("item_add", plan, soort="partij"), {"soort": "overig", "naam": "stedin", "rol": "Mijn getypte rol"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mijn getypte rol" in html
    assert "heeft al een partij met deze naam" in html
    assert Partij.objects.filter(plan=plan).count() == 1


def test_milestone_is_added_edited_moved_with_history_completed_and_deleted(client_for):
    # given a plan with a party
    plan = PlanFactory()
    partij = PartijFactory(plan=plan, naam="Stedin")
    client = client_for(Role.AMBTENAAR)
    # when a milestone is added
    client.post(
        _url("item_add", plan, soort="mijlpaal"),
        {"naam": "Netverzwaring", "basisdatum": "2027-03-01", "verantwoordelijke": partij.pk},
    )
    m = Mijlpaal.objects.get(plan=plan)
    assert (m.basisdatum, m.prognose, m.verantwoordelijke) == (dt.date(2027, 3, 1), dt.date(2027, 3, 1), partij)
    # and edited
    client.post(
        _url("item_edit", plan, soort="mijlpaal", item_pk=m.pk),
        {"naam": "Netverzwaring gereed", "verantwoordelijke": partij.pk, "besluitmoment": "on"},
    )
    m.refresh_from_db()
    assert (m.naam, m.besluitmoment) == ("Netverzwaring gereed", True)
    # and its forecast moved without a reason: refused, typed date kept
    url = _url("prognose_verschuiven", plan, soort="mijlpaal", item_pk=m.pk)
    refused = client.post(url, {"prognose": "2027-06-01", "reden": ""})
    assert refused.status_code == 200 and 'value="2027-06-01"' in refused.content.decode()
    assert Verschuiving.objects.count() == 0
    # and with a reason
    client.post(url, {"prognose": "2027-06-01", "reden": "Transformator later geleverd"})
    m.refresh_from_db()
    assert m.prognose == dt.date(2027, 6, 1)
    history = client.get(url).content.decode()
    assert "Transformator later geleverd" in history and "1 maart 2027" in history and "1 juni 2027" in history
    # the name as the page prints it (HTML-escaped: Faker's Dutch names can hold an apostrophe)
    assert escape(client.user.get_full_name() or client.user.get_username()) in history
    # and completed in the future: refused
    done_url = _url("afronden", plan, soort="mijlpaal", item_pk=m.pk)
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    refused = client.post(done_url, {"uitkomst": "bereikt", "datum": future})
    assert "ligt in de toekomst" in refused.content.decode()
    m.refresh_from_db()
    assert not m.afgerond
    # and completed today, twice (double submit): one event
    today = timezone.localdate().isoformat()
    client.post(done_url, {"uitkomst": "bereikt", "datum": today})
    client.post(done_url, {"uitkomst": "bereikt", "datum": today})
    m.refresh_from_db()
    assert m.uitkomst == "bereikt"
    assert Gebeurtenis.objects.filter(type="mijlpaal_bereikt", plan=plan).count() == 1
    # and deleted after its confirmation page
    assert (
        "Netverzwaring gereed" in client.get(_url("item_delete", plan, soort="mijlpaal", item_pk=m.pk)).content.decode()
    )
    client.post(_url("item_delete", plan, soort="mijlpaal", item_pk=m.pk))
    assert not Mijlpaal.objects.filter(pk=m.pk).exists()


def test_bad_milestone_keeps_the_typed_input_and_saves_nothing(client_for):
    plan = PlanFactory()
    response = client_for(Role.AMBTENAAR).post(
        _url("item_add", plan, soort="mijlpaal"), {"naam": "Mijn mijlpaal", "basisdatum": "1999-01-01"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Mijn mijlpaal"' in html
    assert "1 januari 2000" in html
    assert not Mijlpaal.objects.exists()


def test_agreement_with_dependency_contradicting_date_is_refused_and_kept(client_for):
    # given a plan with an agreement due 1 June 2027
    plan = PlanFactory()
    eerst = afspraak(plan, wat="Netverzwaring", basisdatum=dt.date(2027, 6, 1))
    a, b = eerst.leverancier, eerst.ontvanger
    client = client_for(Role.AMBTENAAR)
    form = {
        "leverancier": b.pk,
        "ontvanger": a.pk,
        "wat": "Aansluitaanbod",
        "basisdatum": "2027-01-01",
        "afhankelijk_van": [eerst.pk],
    }
    # when an agreement depending on it is due earlier
    response = client.post(_url("item_add", plan, soort="afspraak"), form)
    # then it is refused with the dependency's date, input kept, nothing saved
    html = response.content.decode()
    assert "hangt af van" in html and "1 juni 2027" in html
    assert 'value="Aansluitaanbod"' in html
    assert Afspraak.objects.filter(plan=plan).count() == 1
    # when its date is after: saved with the dependency
    form["basisdatum"] = "2027-07-01"
    client.post(_url("item_add", plan, soort="afspraak"), form)
    tweede = Afspraak.objects.get(wat="Aansluitaanbod")
    assert list(tweede.afhankelijk_van.all()) == [eerst]
    # and a cycle through edit is refused
    response = client.post(
        _url("item_edit", plan, soort="afspraak", item_pk=eerst.pk),
        {"leverancier": a.pk, "ontvanger": b.pk, "wat": "Netverzwaring", "afhankelijk_van": [tweede.pk]},
    )
    assert "vormen een cirkel" in response.content.decode()
    assert not eerst.afhankelijk_van.exists()


def test_agreement_moved_completed_and_deleted(client_for):
    plan = PlanFactory()
    a = afspraak(plan, basisdatum=dt.date(2025, 1, 10))
    client = client_for(Role.AMBTENAAR)
    client.post(
        _url("prognose_verschuiven", plan, soort="afspraak", item_pk=a.pk), {"prognose": "2025-02-01", "reden": "Later"}
    )
    client.post(
        _url("afronden", plan, soort="afspraak", item_pk=a.pk), {"uitkomst": "niet_nagekomen", "datum": "2025-02-02"}
    )
    a.refresh_from_db()
    assert (a.prognose, a.status) == (dt.date(2025, 2, 1), "niet_nagekomen")
    client.post(_url("item_delete", plan, soort="afspraak", item_pk=a.pk))
    assert not Afspraak.objects.filter(pk=a.pk).exists()


def test_coupling_opportunity_and_permit_are_added(client_for):
    plan = PlanFactory()
    partij = PartijFactory(plan=plan)
    m = mijlpaal(plan, basisdatum=dt.date(2027, 6, 1))
    client = client_for(Role.AMBTENAAR)
    bad = client.post(
        _url("item_add", plan, soort="koppelkans"),
        {"soort": "riolering", "omschrijving": "Riool", "venster_van": "2027-01-01", "venster_tot": "2026-01-01"},
    )
    assert "eindigt voordat het begint" in bad.content.decode()
    assert not Koppelkans.objects.exists()
    client.post(
        _url("item_add", plan, soort="koppelkans"),
        {
            "soort": "riolering",
            "omschrijving": "Riool",
            "verantwoordelijke": partij.pk,
            "venster_van": "2027-01-01",
            "venster_tot": "2027-03-01",
            "mijlpalen": [m.pk],
        },
    )
    kans = Koppelkans.objects.get()
    client.post(
        _url("item_add", plan, soort="vergunning"),
        {
            "soort": "omgevingsvergunning",
            "omschrijving": "Graafvergunning",
            "status": "aangevraagd",
            "koppelkans": kans.pk,
            "verwachte_beslisdatum": "2026-12-01",
        },
    )
    assert Vergunning.objects.get().koppelkans == kans
    html = client.get(_url("routekaart", plan)).content.decode()
    assert "buiten dit venster" in html  # milestone 1 June 2027, window until 1 March 2027


def test_phase_proposal_is_shown_editable_and_confirmed(client_for):
    # given a plan without phases
    plan = PlanFactory(startdatum=dt.date(2026, 1, 1), doeljaar_aardgasvrij=2031)
    client = client_for(Role.AMBTENAAR)
    url = _url("fasen_voorstel", plan)
    # when the proposal is opened
    page = client.get(url)
    formset = page.context["formset"]
    assert len(formset.forms) == 6
    # and confirmed with the first name changed and the last step removed
    data = {"fase-TOTAL_FORMS": "6", "fase-INITIAL_FORMS": "6"}
    for i, f in enumerate(formset.forms):
        for name in ("naam", "startdatum", "einddatum", "eindproduct"):
            value = f.initial[name]
            data[f"fase-{i}-{name}"] = value.isoformat() if hasattr(value, "isoformat") else value
    data["fase-0-naam"] = "Start"
    data["fase-5-DELETE"] = "on"
    response = client.post(url, data)
    # then five phases exist, each with its decision milestone
    assert response.status_code == 302
    fasen = list(Fase.objects.filter(plan=plan).order_by("volgorde"))
    assert [f.naam for f in fasen][0] == "Start" and len(fasen) == 5
    assert Mijlpaal.objects.filter(plan=plan, besluitmoment=True).count() == 5
    # and the proposal page now sends to the route map
    assert client.get(url).status_code == 302
    html = client.get(_url("routekaart", plan)).content.decode()
    assert "Start" in html and reverse("wup:plan_kaders", kwargs={"pk": plan.pk}) in html


def test_phase_proposal_with_end_before_start_keeps_input(client_for):
    plan = PlanFactory(startdatum=dt.date(2026, 1, 1), doeljaar_aardgasvrij=2031)
    client = client_for(Role.AMBTENAAR)
    data = {
        "fase-TOTAL_FORMS": "1",
        "fase-INITIAL_FORMS": "1",
        "fase-0-naam": "Mijn fase",
        "fase-0-startdatum": "2027-01-01",
        "fase-0-einddatum": "2026-01-01",
        "fase-0-eindproduct": "",
    }
    response = client.post(_url("fasen_voorstel", plan), data)
    assert response.status_code == 200
    assert 'value="Mijn fase"' in response.content.decode()
    assert not Fase.objects.filter(plan=plan).exists()


def test_timeline_and_matrix_render_with_chart_data_and_overdue_first(client_for):
    data = gevuld_plan(n=3)
    client = client_for(Role.AMBTENAAR)
    tijdlijn = client.get(_url("tijdlijn", data["plan"]))
    html = tijdlijn.content.decode()
    assert 'data-chart="tijdlijn-figuur"' in html and 'id="tijdlijn-figuur"' in html
    assert "plotly-strict.min.js" in html and "js/charts.js" in html
    assert "Mijlpaal 2" in html and "Riolering 0" in html
    matrix = client.get(_url("afspraken_matrix", data["plan"]))
    rows = [a.wat for a in matrix.context["afspraken"]]
    assert rows[0] == "Afspraak 0"  # the oldest overdue one first
    assert "Over tijd" in matrix.content.decode()


def test_plan_document_and_kaders_link_to_the_route_map(client_for):
    plan = PlanFactory()
    url = _url("routekaart", plan)
    assert (
        url in client_for(Role.RAADSLID).get(reverse("portaal:plan_document", kwargs={"pk": plan.pk})).content.decode()
    )
    assert url in client_for(Role.AMBTENAAR).get(reverse("wup:plan_kaders", kwargs={"pk": plan.pk})).content.decode()
