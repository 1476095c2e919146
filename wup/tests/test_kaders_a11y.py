"""Issue 13 on the kaders pages: add buttons with their own id and name, kernwaarde poles named, titles naming the plan."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from core.constants import Role

from .factories import PlanFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("per_plan", [True, False])
def test_each_add_button_has_its_own_id_and_name(client_for, per_plan):
    # given a plan's kaders page, or the municipality-wide one
    url = reverse("wup:plan_kaders", kwargs={"pk": PlanFactory().pk}) if per_plan else reverse("wup:gemeente_kaders")
    html = client_for(Role.AMBTENAAR).get(url).content.decode()
    # then the five add buttons each have an id of their own and a name that says what they add
    buttons = re.findall(r'<input type="submit"\s+name="submit"\s+value="([^"]*)"\s+class="[^"]*"\s+id="([^"]*)"', html)
    names, ids = [b[0] for b in buttons], [b[1] for b in buttons]
    expected = {
        "techniek": "Techniekkader toevoegen",
        "kernwaarde": "Kernwaarde toevoegen",
        "ambitie": "Gezamenlijke ambitie toevoegen",
        "tussendoel": "Tussendoel toevoegen",
        "fase": "Fase toevoegen",
    }
    if not per_plan:  # the municipality sets no interim goals or phases
        del expected["tussendoel"], expected["fase"]
    assert names == list(expected.values())
    assert ids == [f"submit-{key}" for key in expected]
    # and no id occurs twice on the page
    all_ids = re.findall(r'\sid="([^"]+)"', html)
    assert sorted({i for i in all_ids if all_ids.count(i) > 1}) == []


@pytest.mark.parametrize(
    ("url_name", "start"), [("wup:plan_kaders", "Kaders wijzigen"), ("wup:plan_transition", "Status wijzigen")]
)
def test_the_edit_pages_title_names_the_plan(client_for, url_name, start):
    # given a plan: its kaders and status pages say which plan they are about (WCAG 2.4.2)
    plan = PlanFactory(titel="Warmteplan Kattenbroek")
    html = client_for(Role.AMBTENAAR).get(reverse(url_name, kwargs={"pk": plan.pk})).content.decode()
    title = " ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split())
    assert title.startswith(f"{start}: Warmteplan Kattenbroek ·")


def test_a_kernwaarde_is_shown_and_edited_with_its_poles_named(client_for):
    from .factories import KernwaardeFactory

    # given a core value at 25 between two poles
    plan = PlanFactory()
    kernwaarde = KernwaardeFactory(plan=plan, pool_links="Betaalbaarheid", pool_rechts="Snelheid", positie=25)
    client = client_for(Role.AMBTENAAR)
    # when the kaders page lists it, then the position names both poles
    html = client.get(reverse("wup:plan_kaders", kwargs={"pk": plan.pk})).content.decode()
    assert "positie 25 van 100 (0 = Betaalbaarheid, 100 = Snelheid)" in html
    assert "linkerpool" not in html.split('id="kernwaarde"')[1].split("<form")[0]
    # and its edit form labels the position with the poles too
    edit = reverse("wup:kader_edit", kwargs={"pk": plan.pk, "soort": "kernwaarde", "item_pk": kernwaarde.pk})
    html = client.get(edit).content.decode()
    assert "positie (0 = Betaalbaarheid, 100 = Snelheid)" in html
