"""Screens of the `wup` app: forms map service errors to fields; council members only read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.constants import Role
from wup.constants import KeuzeSoort, PlanStatus, Techniekrichting
from wup.models import Buurt, Plan, PlanStatusWijziging, Wijk

from .factories import KernwaardeFactory, PlanFactory, TechniekKaderFactory, WijkFactory, wgiw_compleet

pytestmark = pytest.mark.django_db

CSV_HEADER = "buurtcode,wijkcode,gemeentecode,buurtnaam,gemeentenaam,aantal_inwoners,woningvoorraad,pct_koopwoningen\n"
GOOD_CSV = CSV_HEADER + (
    "BU03070100,WK030701,GM0307,Hof,Amersfoort,710,396,26.0\nBU03070101,WK030701,GM0307,Nieuwstraat,Amersfoort,460,259,\n"
)
BAD_CSV = CSV_HEADER + (
    "BU03070100,WK030701,GM0307,Hof,Amersfoort,710,396,26.0\nBU0307010X,WK030701,GM0307,Fout,Amersfoort,1,1,140\n"
)


def test_plan_list_filters_searches_and_paginates(client_for):
    # given 25 plans, two of them about Liendert in consultation
    client = client_for(Role.RAADSLID)
    for i in range(23):
        PlanFactory(titel=f"Plan {i:02d}")
    PlanFactory(titel="Liendert hybride", in_consultatie=True)
    PlanFactory(titel="Liendert-Zuid", techniekrichting=Techniekrichting.HYBRIDE)
    # when the list is opened, searched and filtered
    first = client.get(reverse("wup:plan_list"))
    second = client.get(reverse("wup:plan_list"), {"pagina": 2})
    search = client.get(reverse("wup:plan_list"), {"q": "liendert"})
    filtered = client.get(reverse("wup:plan_list"), {"q": "liendert", "status": PlanStatus.IN_CONSULTATIE})
    # then pages hold 20 plans and the filters narrow it down
    assert len(first.context["plans"]) == 20
    assert len(second.context["plans"]) == 5
    assert [p.titel for p in search.context["plans"]] == ["Liendert hybride", "Liendert-Zuid"]
    assert [p.titel for p in filtered.context["plans"]] == ["Liendert hybride"]


def test_civil_servant_creates_a_plan(client_for):
    client = client_for(Role.AMBTENAAR)
    wijk = WijkFactory()
    response = client.post(
        reverse("wup:plan_create"),
        {
            "titel": "Kattenbroek",
            "wijk": wijk.pk,
            "focus": "wat",
            "techniekrichting": Techniekrichting.ALL_ELECTRIC,
            "startdatum": "2025-01-01",
            "doeljaar_aardgasvrij": "2033",
        },
    )
    plan = Plan.objects.get(titel="Kattenbroek")
    assert response.status_code == 302
    assert response["Location"] == reverse("portaal:plan_document", kwargs={"pk": plan.pk})


def test_edit_shows_the_rule_at_the_field_and_keeps_input(client_for):
    # given a plan whose kaders exclude green gas
    client = client_for(Role.AMBTENAAR)
    plan = PlanFactory(titel="Oud")
    TechniekKaderFactory(plan=plan, techniekrichting=Techniekrichting.GROEN_GAS, soort=KeuzeSoort.UITGESLOTEN)
    # when the civil servant chooses green gas
    response = client.post(
        reverse("wup:plan_update", kwargs={"pk": plan.pk}),
        {"titel": "Nieuw", "focus": "hoe", "techniekrichting": Techniekrichting.GROEN_GAS},
    )
    # then the form comes back with the message at that field, the input kept, nothing saved
    assert response.status_code == 200
    assert "techniekrichting" in response.context["form"].errors
    assert response.context["form"]["titel"].value() == "Nieuw"
    plan.refresh_from_db()
    assert plan.titel == "Oud"


def test_transition_form_offers_only_allowed_transitions(client_for):
    client = client_for(Role.AMBTENAAR)
    plan = wgiw_compleet(PlanFactory(in_consultatie=True))
    response = client.get(reverse("wup:plan_transition", kwargs={"pk": plan.pk}))
    choices = [value for value, _ in response.context["form"].fields["naar"].choices]
    assert choices == [PlanStatus.CONCEPT, PlanStatus.VASTGESTELD, PlanStatus.GESTOPT]
    # a forged transition outside the lifecycle is refused
    refused = client.post(reverse("wup:plan_transition", kwargs={"pk": plan.pk}), {"naar": PlanStatus.AFGEROND})
    assert refused.status_code == 200
    # adoption without a reference is refused at the field
    missing = client.post(
        reverse("wup:plan_transition", kwargs={"pk": plan.pk}),
        {"naar": PlanStatus.VASTGESTELD, "vastgesteld_op": "2025-06-01"},
    )
    assert "raadsbesluit_kenmerk" in missing.context["form"].errors
    ok = client.post(
        reverse("wup:plan_transition", kwargs={"pk": plan.pk}),
        {"naar": PlanStatus.VASTGESTELD, "vastgesteld_op": "2025-06-01", "raadsbesluit_kenmerk": "RB-7"},
    )
    assert ok.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.VASTGESTELD
    assert PlanStatusWijziging.objects.filter(plan=plan).count() == 1


def test_kaders_editor_adds_refuses_and_deletes(client_for):
    client = client_for(Role.AMBTENAAR)
    plan = PlanFactory(startdatum=dt.date(2025, 1, 1), doeljaar_aardgasvrij=2030)
    waarde = KernwaardeFactory(plan=plan)
    url = reverse("wup:kader_add", kwargs={"pk": plan.pk, "soort": "tussendoel"})
    bad = client.post(
        url,
        {
            "omschrijving": "Isoleren",
            "metriek": "woningen_geisoleerd",
            "streefwaarde": "100",
            "deadline": "2031-01-01",
            "eigenaar": "PL",
            "kernwaarde": waarde.pk,
        },
    )
    assert bad.status_code == 200
    form = next(s["form"] for s in bad.context["sections"] if s["key"] == "tussendoel")
    assert "deadline" in form.errors
    good = client.post(
        url,
        {
            "omschrijving": "Isoleren",
            "metriek": "woningen_geisoleerd",
            "streefwaarde": "100",
            "deadline": "2029-01-01",
            "eigenaar": "PL",
            "kernwaarde": waarde.pk,
        },
    )
    assert good.status_code == 302
    doel = plan.tussendoelen.get()
    assert doel.kernwaarde == waarde
    page = client.get(reverse("wup:plan_kaders", kwargs={"pk": plan.pk}))
    assert b"data-confirm" in page.content
    client.post(reverse("wup:kader_delete", kwargs={"pk": plan.pk, "soort": "tussendoel", "item_pk": doel.pk}))
    assert not plan.tussendoelen.exists()


def test_history_shows_readable_diff_with_who(client_for, ambtenaar):
    # given a civil servant who renamed a plan through the site
    client = client_for(None)
    client.force_login(ambtenaar)
    plan = PlanFactory(titel="Oude titel")
    client.post(
        reverse("wup:plan_update", kwargs={"pk": plan.pk}),
        {"titel": "Nieuwe titel", "focus": "hoe", "techniekrichting": "open"},
    )
    # when a council member opens the history
    response = client_for(Role.RAADSLID).get(reverse("wup:plan_history", kwargs={"pk": plan.pk}))
    # then the change is shown as old -> new with who
    entry = next(e for e in response.context["entries"] if e.actie == "update")
    assert any(w.oud == "Oude titel" and w.nieuw == "Nieuwe titel" for w in entry.wijzigingen)
    assert entry.door == (ambtenaar.get_full_name() or ambtenaar.username)


def _upload(client, text, name="cbs.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("wup:wijk_import"), {"bestand": SimpleUploadedFile(name, text.encode(), "text/csv")})


def test_cbs_upload_preview_then_commit(client_for):
    client = client_for(Role.AMBTENAAR)
    preview = _upload(client, GOOD_CSV)
    assert preview.context["result"].buurten_new == 2
    assert not Buurt.objects.exists()  # preview saves nothing
    sha = preview.context["pending"]["sha"]
    client.post(reverse("wup:wijk_import_confirm"), {"sha": sha})
    assert Buurt.objects.count() == 2
    wijk = Wijk.objects.get(code="WK030701")
    assert wijk.woningvoorraad == 655
    assert Buurt.objects.get(code="BU03070101").pct_koopwoningen is None  # unknown stays unknown
    # importing again changes nothing (idempotent)
    again = _upload(client, GOOD_CSV)
    assert (again.context["result"].buurten_new, again.context["result"].buurten_updated) == (0, 0)


def test_cbs_upload_with_a_bad_row_shows_errors_and_saves_nothing(client_for):
    client = client_for(Role.AMBTENAAR)
    preview = _upload(client, BAD_CSV)
    errors = [str(e) for e in preview.context["result"].errors]
    assert any("Regel 3" in e and "buurtcode" in e for e in errors)
    assert any("pct_koopwoningen" in e for e in errors)
    assert preview.context["pending"] is None
    client.post(reverse("wup:wijk_import_confirm"), {"sha": "x"})
    assert not Buurt.objects.exists()


def test_upload_forms_refuse_a_file_above_their_limit_at_the_field():
    # given a CBS file of 5 MB + 1 byte and a boundaries file of 10 MB + 1 byte
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wup.forms import CbsUploadForm, GeometrieUploadForm

    for form_class, limit in ((CbsUploadForm, 5), (GeometrieUploadForm, 10)):
        big = SimpleUploadedFile("groot.csv", b"x" * (limit * 1024 * 1024 + 1))
        # when the form validates it
        form = form_class(data={}, files={"bestand": big})
        # then the field carries the error and nothing is parsed
        assert not form.is_valid()
        assert form.errors["bestand"] == [f"Het bestand is groter dan {limit} MB."]
