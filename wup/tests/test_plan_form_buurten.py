"""The plan form offers the buurten of the chosen wijk only (issue 13)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import assert_accessible
from core.constants import Role
from wup.forms import PlanForm

from .factories import BuurtFactory, PlanFactory, WijkFactory


@pytest.fixture
def two_wijken(db):
    kattenbroek = WijkFactory(code="WK030721", naam="Kattenbroek")
    soesterkwartier = WijkFactory(code="WK030722", naam="Soesterkwartier")
    BuurtFactory(wijk=kattenbroek, code="BU03072101", naam="Donken")
    BuurtFactory(wijk=kattenbroek, code="BU03072102", naam="Zanden")
    BuurtFactory(wijk=soesterkwartier, code="BU03072201", naam="Spoorzone")
    return kattenbroek, soesterkwartier


def _buurt_codes(form) -> set[str]:
    return set(form.fields["buurten"].queryset.values_list("code", flat=True))


def test_an_existing_plan_offers_the_buurten_of_its_own_wijk(two_wijken):
    # given a plan in Kattenbroek
    kattenbroek, _ = two_wijken
    plan = PlanFactory(wijk=kattenbroek)

    # when its form opens
    form = PlanForm(instance=plan)

    # then only Kattenbroek's buurten are offered
    assert _buurt_codes(form) == {"BU03072101", "BU03072102"}


def test_the_posted_wijk_limits_the_buurten_so_another_wijks_buurt_is_refused(two_wijken):
    # given a new plan posted for Kattenbroek with a buurt of Soesterkwartier
    kattenbroek, soesterkwartier = two_wijken
    spoorzone = soesterkwartier.buurten.get()

    # when the form validates
    form = PlanForm(data={"titel": "Plan", "wijk": kattenbroek.pk, "buurten": [spoorzone.pk]})

    # then that buurt is not a valid choice
    assert not form.is_valid()
    assert "buurten" in form.errors


def test_without_a_wijk_all_buurten_are_grouped_by_wijk(two_wijken):
    # given a new plan with no wijk chosen yet
    # when its form opens
    form = PlanForm()

    # then every buurt is offered, grouped under its wijk's name and code
    groups = dict(form.fields["buurten"].choices)
    assert set(groups) == {"Kattenbroek (WK030721)", "Soesterkwartier (WK030722)"}
    assert [label for _, label in groups["Kattenbroek (WK030721)"]] == ["Donken (BU03072101)", "Zanden (BU03072102)"]


def test_the_wijk_dropdown_shows_the_name_with_the_code(two_wijken):
    # when the plan form opens
    form = PlanForm()

    # then a wijk reads as its name with its code
    labels = [label for _, label in form.fields["wijk"].choices]
    assert "Kattenbroek (WK030721)" in labels


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_choosing_the_wijk_refreshes_the_buurten_list(new_page, two_wijken):
    # given the new plan form
    page = new_page(role=Role.AMBTENAAR)
    page.goto(reverse("wup:plan_create"))
    assert page.locator("#id_buurten option").count() == 3

    # when the civil servant chooses Soesterkwartier
    with page.expect_response(lambda r: "wijk=" in r.url):
        page.select_option("#id_wijk", label="Soesterkwartier (WK030722)")
    page.wait_for_function("document.querySelectorAll('#id_buurten option').length === 1")

    # then only its buurt is left to choose
    assert page.locator("#id_buurten option").all_inner_texts() == ["Spoorzone (BU03072201, Soesterkwartier)"]
    assert_accessible(page, "plan form after choosing the wijk")
