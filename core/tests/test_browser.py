"""Browser journeys of the foundation: each role logs in and lands on its page; an anonymous
visitor is sent to login from every internal page; every page passes axe, loads nothing from
outside 127.0.0.1 and violates no CSP (the `new_page` guard checks the last two)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import assert_accessible
from core.constants import Role
from core.tests.factories import UserFactory, totp_code

from .policy_table import routes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("role", "landing", "heading"),
    [
        (Role.AMBTENAAR, "wup:plan_list", None),
        (Role.RAADSLID, "dashboard:overview", None),
        (Role.BEHEERDER, "admin:index", None),
    ],
    ids=lambda v: v.value if isinstance(v, Role) else None,
)
def test_each_role_logs_in_and_lands_on_its_page(new_page, role, landing, heading):
    # given an account of the role with its authenticator app, and the login page
    user = UserFactory(role=role, username=f"demo-{role.value}", two_factor=True)
    page = new_page()
    page.goto(reverse("core:login"))
    assert_accessible(page, "login")
    # when they log in with the keyboard: password, then the app's code
    page.get_by_label("Gebruikersnaam").fill(f"demo-{role.value}")
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('core:two_factor_verify')}*")
    page.get_by_label("Code").fill(totp_code(user.otp_device))
    page.keyboard.press("Enter")
    # then they land on their role's page, which passes axe
    page.wait_for_url(f"**{reverse(landing)}")
    assert page.locator("h1").count() >= 1
    assert_accessible(page, landing)


def test_a_wrong_password_shows_a_dutch_message(new_page):
    UserFactory(role=Role.AMBTENAAR, username="u1")
    page = new_page()
    page.goto(reverse("core:login"))
    page.get_by_label("Gebruikersnaam").fill("u1")
    page.get_by_label("Wachtwoord").fill("onjuist-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    # the answer is a new page: wait for it (a bare is_visible() can run before it arrived);
    # the message is in the error summary, which has the focus (issue 13)
    samenvatting = page.locator("[data-error-summary]")
    expect(samenvatting).to_be_visible()
    expect(samenvatting).to_be_focused()
    assert "wachtwoord" in samenvatting.inner_text().lower()
    assert page.title().startswith("Fout:")
    assert_accessible(page, "login with error")


def test_anonymous_visitor_is_sent_to_login_from_every_internal_page(new_page):
    # given every URL without arguments whose policy does not admit anonymous visitors
    from core.permissions import policy_of

    internal = []
    for r in routes():
        policy = policy_of(r.callback, r.namespace)
        if r.has_arguments or Role.ANONYMOUS in policy.read:
            continue
        internal.append(reverse(r.name))
    assert len(internal) >= 3
    page = new_page()
    for url in internal:
        # when an anonymous visitor opens it
        page.goto(url)
        # then they see the login page
        assert reverse("core:login") in page.url, url
        expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()


def test_logout_ends_the_session(new_page):
    page = new_page(role=Role.AMBTENAAR)
    page.goto(reverse("wup:plan_list"))
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"**{reverse('core:login')}")
    page.goto(reverse("wup:plan_list"))
    assert reverse("core:login") in page.url
