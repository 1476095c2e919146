import pytest
from django.test import Client
from django.urls import reverse

from core.client_ip import client_ip
from core.constants import Role
from core.tests.factories import totp_code, two_factor_device_give


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "landing"),
    [(Role.AMBTENAAR, "wup:plan_list"), (Role.RAADSLID, "dashboard:overview"), (Role.BEHEERDER, "admin:index")],
)
def test_home_after_login_depends_on_role(client, user_for, role, landing):
    # given an account of the role, with its authenticator app
    device = two_factor_device_give(user_for(role, username="u1"))
    # when it logs in with the Dutch login form, then with the app's code
    response = client.post(reverse("core:login"), {"username": "u1", "password": "correct-horse-battery"}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("core:two_factor_verify"))
    response = client.post(response.redirect_chain[-1][0], {"code": totp_code(device)}, follow=True)
    # then it lands on its role's page
    assert response.redirect_chain[-1][0] == reverse(landing)
    assert response.status_code == 200


@pytest.mark.django_db
def test_login_page_is_dutch_and_wrong_password_keeps_username(client, user_for):
    user_for(Role.AMBTENAAR, username="u1")
    response = client.post(reverse("core:login"), {"username": "u1", "password": "fout"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="nl"' in html
    assert "Inloggen" in html
    assert 'value="u1"' in html


@pytest.mark.django_db
def test_login_is_throttled_after_five_failures(client, user_for):
    # given five failed attempts
    user_for(Role.AMBTENAAR, username="u1")
    for _ in range(5):
        client.post(reverse("core:login"), {"username": "u1", "password": "fout"})
    # when the right password is tried
    response = client.post(reverse("core:login"), {"username": "u1", "password": "correct-horse-battery"})
    # then the account stays locked
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_behind_the_proxy_a_lockout_is_per_client_not_for_everyone(client, user_for, settings):
    # given one reverse proxy (10.0.0.2) that appends the client's address to X-Forwarded-For
    settings.PROXY_COUNT = 1
    user_for(Role.AMBTENAAR, username="u1")
    via_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    # when an attacker at 203.0.113.9 tries five wrong passwords, spoofing a header entry
    for _ in range(5):
        client.post(
            reverse("core:login"),
            {"username": "u1", "password": "fout"},
            HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9",
            **via_proxy,
        )
    # then the attacker is locked out, also when spoofing another address in front
    locked = client.post(
        reverse("core:login"),
        {"username": "u1", "password": "correct-horse-battery"},
        HTTP_X_FORWARDED_FOR="192.0.2.77, 203.0.113.9",
        **via_proxy,
    )
    assert locked.status_code == 429
    # and the real user at 192.0.2.10, behind the same proxy, still logs in
    response = Client().post(
        reverse("core:login"),
        {"username": "u1", "password": "correct-horse-battery"},
        HTTP_X_FORWARDED_FOR="192.0.2.10",
        **via_proxy,
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "192.0.2.10", "10.0.0.2"),  # no proxy configured: the header is the client's own
        (1, "192.0.2.10", "192.0.2.10"),
        (1, "198.51.100.1, 192.0.2.10", "192.0.2.10"),
        (2, "198.51.100.1, 192.0.2.10, 10.0.0.1", "192.0.2.10"),
        (2, "192.0.2.10", "10.0.0.2"),  # shorter than the chain: it bypassed a proxy
        (1, "not-an-ip", "10.0.0.2"),
        (1, "", "10.0.0.2"),
    ],
)
def test_client_ip_trusts_exactly_the_configured_proxies(rf, settings, count, forwarded, expected):
    settings.PROXY_COUNT = count
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == expected


@pytest.mark.django_db
def test_idle_session_expires(client, user_for, settings):
    # given a logged-in civil servant whose last request was longer ago than the idle limit
    client.force_login(user_for(Role.AMBTENAAR))
    session = client.session
    session["last_activity"] = 0
    session.save()
    # when they come back
    response = client.get(reverse("wup:plan_list"))
    # then they are sent to the login page
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:login"))


@pytest.mark.django_db
def test_user_without_role_gets_no_internal_page(client, django_user_model):
    user = django_user_model.objects.create_user("geenrol", password="x" * 14)
    client.force_login(user)
    assert client.get(reverse("wup:plan_list")).status_code == 403
    assert client.get(reverse("dashboard:overview")).status_code == 403


@pytest.mark.django_db
def test_theme_css_only_accepts_colours(client, settings):
    settings.THEME_PRIMARY = "red;}body{display:none"
    css = client.get(reverse("core:theme_css")).content.decode()
    assert "display:none" not in css and "--wp-primary:#00689e" in css
