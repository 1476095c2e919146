"""axe and unique ids on every page: each URL in the URLconf that answers a GET with HTML is opened in
Chromium by a role its policy admits and must have no serious or critical violation (and,
through the `new_page` guard, no CSP violation, JavaScript error or external request).

Generated from the URLconf and the policy tables like test_url_policies.py, so a new page
is checked without anyone writing a test for it.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from conftest import assert_accessible
from core.constants import Role
from core.permissions import policy_of
from core.tests.factories import UserFactory

from .policy_table import policy_table, routes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The first role in this order that the policy lets read the page opens it.
ROLE_ORDER = [Role.AMBTENAAR, Role.RAADSLID, Role.BEHEERDER, Role.ANONYMOUS]
# Django's own admin pages are not ours to fix; the admin index is checked in test_browser.
SKIP_NAMESPACES = ("admin",)


# The ids that occur more than once on the page.
DUBBELE_IDS = """() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}"""


def _pages():
    _, samples = policy_table()
    for route in routes():
        if route.namespace.split(":")[0] in SKIP_NAMESPACES:
            continue
        policy = policy_of(route.callback, route.namespace)
        role = next((r for r in ROLE_ORDER if r in policy.read or policy.name in ("public", "resident")), None)
        if role is None:
            continue
        yield route, role, samples


def test_every_html_page_passes_axe(new_page, live_server):
    checked, skipped, duplicates = [], [], []
    pages = {}
    for route, role, samples in _pages():
        if route.has_arguments:
            kwargs = samples[route.key]()
            url = reverse(route.name, kwargs=kwargs)
        else:
            url = reverse(route.name)
        pages.setdefault(role, []).append((route.key, url))
    users = {role: UserFactory(role=role) for role in pages if role != Role.ANONYMOUS}
    for role, entries in pages.items():
        page = new_page(user=users.get(role))
        for key, url in entries:
            try:
                response = page.goto(url)
            except PlaywrightError as error:  # a download or an empty 405 page: nothing to check
                skipped.append(f"{key} ({str(error).splitlines()[0][:60]})")
                page = new_page(user=users.get(role))  # the failed navigation may still be pending
                continue
            content_type = (response.headers.get("content-type") or "") if response else ""
            if response is None or response.status != 200 or "text/html" not in content_type:
                skipped.append(f"{key} ({response.status if response else '-'}, {content_type or '-'})")
                continue
            assert_accessible(page, f"{key} as {role.value}: {url}")
            dubbel = page.evaluate(DUBBELE_IDS)
            if dubbel:
                duplicates.append(f"{key}: {dubbel}")
            checked.append(key)
    # The check must have looked at the real pages, not at nothing.
    print(f"axe: {len(checked)} pages checked; skipped (not HTML or not a GET page): {skipped}")
    assert len(checked) >= 25, f"only {len(checked)} pages checked; skipped: {skipped}"
    # and no page has an id twice (issue 13: the kaders page's five "Toevoegen" buttons did)
    assert not duplicates, duplicates
