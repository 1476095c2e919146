"""Municipality-wide kaders (plan NULL, Transitievisie Warmte): the same editor without a plan."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.constants import Role
from wup.constants import KeuzeSoort, Techniekrichting
from wup.models import Ambitie, Kernwaarde, TechniekKader
from wup.services import plan_create

from .factories import AmbitieFactory, KernwaardeFactory, PlanFactory, TechniekKaderFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("wup:gemeente_kaders")


def _add(soort: str) -> str:
    return reverse("wup:gemeente_kader_add", kwargs={"soort": soort})


def test_page_shows_only_the_municipality_wide_kaders(client_for):
    # given one default kader of each kind and one plan's own kernwaarde
    TechniekKaderFactory(plan=None, techniekrichting=Techniekrichting.GROEN_GAS, reden="Schaars.")
    KernwaardeFactory(plan=None, pool_links="CO2-reductie", pool_rechts="Woningen aardgasvrij")
    AmbitieFactory(plan=None, omschrijving="Samen de wijk verduurzamen.")
    KernwaardeFactory(plan=PlanFactory(), pool_links="Eigen plan", pool_rechts="Ander")
    # when a civil servant opens the page
    response = client_for(Role.AMBTENAAR).get(PAGE)
    # then it lists the three defaults, no tussendoelen or fasen, and the add forms
    content = response.content.decode()
    assert response.status_code == 200
    assert [s["key"] for s in response.context["sections"]] == ["techniek", "kernwaarde", "ambitie"]
    assert "CO2-reductie" in content and "Samen de wijk verduurzamen." in content
    assert "Eigen plan" not in content
    assert f'action="{_add("kernwaarde")}"' in content


def test_civil_servant_adds_a_default_kernwaarde(client_for):
    # when a civil servant adds a kernwaarde with a why
    response = client_for(Role.AMBTENAAR).post(
        _add("kernwaarde"),
        {
            "pool_links": "Koplopers",
            "pool_rechts": "Vangnet",
            "positie": 70,
            "waarom": "Niemand blijft achter.",
            "volgorde": 1,
        },
    )
    # then it is stored without a plan
    assert response.status_code == 302
    assert response["Location"] == PAGE + "#kernwaarde"
    waarde = Kernwaarde.objects.get()
    assert waarde.plan is None and waarde.positie == 70


def test_kernwaarde_without_why_is_refused_at_the_field(client_for):
    response = client_for(Role.AMBTENAAR).post(
        _add("kernwaarde"),
        {"pool_links": "Koplopers", "pool_rechts": "Vangnet", "positie": 70, "waarom": " ", "volgorde": 0},
    )
    assert response.status_code == 200
    form = next(s["form"] for s in response.context["sections"] if s["key"] == "kernwaarde")
    assert "waarom" in form.errors
    assert form["pool_links"].value() == "Koplopers"
    assert not Kernwaarde.objects.exists()


def test_duplicate_default_techniekkader_is_refused(client_for):
    # given groen gas already excluded municipality-wide
    TechniekKaderFactory(plan=None, techniekrichting=Techniekrichting.GROEN_GAS)
    # when it is added a second time
    response = client_for(Role.AMBTENAAR).post(
        _add("techniek"), {"techniekrichting": Techniekrichting.GROEN_GAS, "soort": KeuzeSoort.GEKOZEN, "reden": "x"}
    )
    # then the form names the field and nothing is added
    form = next(s["form"] for s in response.context["sections"] if s["key"] == "techniek")
    assert "techniekrichting" in form.errors
    assert TechniekKader.objects.filter(plan__isnull=True).count() == 1


def test_edit_and_delete_a_default_ambitie(client_for):
    client = client_for(Role.AMBTENAAR)
    ambitie = AmbitieFactory(plan=None, omschrijving="Oud")
    edit = reverse("wup:gemeente_kader_edit", kwargs={"soort": "ambitie", "item_pk": ambitie.pk})
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"omschrijving": "Nieuw", "partijen": "Gemeente, corporaties"})
    assert response.status_code == 302
    ambitie.refresh_from_db()
    assert ambitie.omschrijving == "Nieuw"
    client.post(reverse("wup:gemeente_kader_delete", kwargs={"soort": "ambitie", "item_pk": ambitie.pk}))
    assert not Ambitie.objects.exists()


def test_a_plans_kader_cannot_be_edited_through_the_municipality_urls(client_for):
    # given an ambitie that belongs to a plan
    ambitie = AmbitieFactory(omschrijving="Van het plan")
    client = client_for(Role.AMBTENAAR)
    # when it is edited or deleted through the municipality-wide URLs
    edit = client.post(
        reverse("wup:gemeente_kader_edit", kwargs={"soort": "ambitie", "item_pk": ambitie.pk}),
        {"omschrijving": "Gekaapt", "partijen": "x"},
    )
    client.post(reverse("wup:gemeente_kader_delete", kwargs={"soort": "ambitie", "item_pk": ambitie.pk}))
    # then it is not found and unchanged
    assert edit.status_code == 404
    ambitie.refresh_from_db()
    assert ambitie.omschrijving == "Van het plan"


def test_tussendoelen_and_fasen_need_a_plan(client_for):
    client = client_for(Role.AMBTENAAR)
    assert client.post(_add("tussendoel"), {"omschrijving": "x"}).status_code == 404
    assert client.post(_add("fase"), {"naam": "x"}).status_code == 404


def test_council_member_reads_without_edit_controls_and_cannot_post(client_for):
    # given a default kernwaarde
    waarde = KernwaardeFactory(plan=None, pool_links="Big bang", pool_rechts="Geleidelijk")
    client = client_for(Role.RAADSLID)
    # when a council member opens the page and forges a POST
    content = client.get(PAGE).content.decode()
    forged = client.post(_add("kernwaarde"), {"pool_links": "a", "pool_rechts": "b", "waarom": "c"})
    # then the kernwaarde is shown without forms, and the POST changed nothing
    assert "Big bang" in content
    assert 'method="post"' not in content.split("<main")[1]
    assert forged.status_code == 403  # a logged-in council member is refused, not redirected
    assert list(Kernwaarde.objects.all()) == [waarde]


def test_a_new_plan_inherits_the_defaults_edited_here(client_for):
    # given a default exclusion added on the page
    client_for(Role.AMBTENAAR).post(
        _add("techniek"),
        {"techniekrichting": Techniekrichting.GROEN_GAS, "soort": KeuzeSoort.UITGESLOTEN, "reden": "Schaars."},
    )
    # when a plan is created that inherits the kaders
    plan = plan_create(titel="Nieuw plan", kaders_overnemen=True)
    # then the plan has its own copy
    assert list(plan.techniekkaders.values_list("techniekrichting", "soort")) == [
        (Techniekrichting.GROEN_GAS, KeuzeSoort.UITGESLOTEN)
    ]


def test_plan_list_links_to_the_page_for_civil_servants_only(client_for):
    assert PAGE in client_for(Role.AMBTENAAR).get(reverse("wup:plan_list")).content.decode()
    assert PAGE not in client_for(Role.RAADSLID).get(reverse("wup:plan_list")).content.decode()


def test_page_query_count_is_flat(client_for):
    # given a civil servant, with 1 and then 10 defaults of each kind
    client = client_for(Role.AMBTENAAR)
    client.get(PAGE)

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            client.get(PAGE)
        return len(ctx.captured_queries)

    KernwaardeFactory(plan=None)
    AmbitieFactory(plan=None)
    few = count()
    KernwaardeFactory.create_batch(9, plan=None)
    AmbitieFactory.create_batch(9, plan=None)
    # then the page needs the same number of queries
    assert count() == few


def test_the_new_plan_form_ticks_kaders_overnemen_only_when_there_are_kaders(client_for):
    from django.urls import reverse

    from core.constants import Role
    from wup.models import Kernwaarde

    client = client_for(Role.AMBTENAAR)
    Kernwaarde.objects.filter(plan__isnull=True).delete()
    zonder = client.get(reverse("wup:plan_create")).context["form"]["kaders_overnemen"]
    assert zonder.value() is False and zonder.field.disabled
    Kernwaarde.objects.create(plan=None, pool_links="Tempo", pool_rechts="Zorgvuldigheid", positie=50, waarom="Omdat")
    met = client.get(reverse("wup:plan_create")).context["form"]["kaders_overnemen"]
    assert met.value() is True and not met.field.disabled
