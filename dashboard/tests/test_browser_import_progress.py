"""Issue 13: the import progress page keeps one live region and swaps only its content, so a
screen reader hears each change (a live region that is itself replaced announces nothing)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import assert_accessible
from core.constants import Role
from dashboard import csv_import


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_progress_updates_inside_one_stable_live_region(new_page):
    # given an import that has done 10 of 130 rows, and its progress page
    csv_import.progress_set("jobaria1", done=10, total=130, finished=False)
    page = new_page(role=Role.AMBTENAAR)
    page.goto(reverse("dashboard:import_status", kwargs={"job": "jobaria1"}))
    region = page.locator("[aria-live]")
    assert region.count() == 1
    region.evaluate("(el) => { el.dataset.original = 'yes'; }")
    # when the import goes on and then finishes (the page polls every second)
    csv_import.progress_set("jobaria1", done=70, total=130, finished=False)
    page.wait_for_function("() => document.querySelector('[aria-live]').textContent.includes('70 / 130')")
    csv_import.progress_set(
        "jobaria1", done=130, total=130, finished=True, result={"created": 130, "duplicates": 0, "errors": []}
    )
    page.locator("[aria-live] .alert-success").wait_for()
    # then every update landed inside the same live region element, and polling stopped
    assert page.locator("[aria-live][data-original=yes]").count() == 1
    assert page.locator("[aria-live]").count() == 1
    assert page.locator("[hx-get]").count() == 0
    assert_accessible(page, "import finished")
