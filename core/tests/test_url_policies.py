"""Permission test generated from the URLconf (default deny, security baseline in DESIGN.md).

For every URL pattern and each role (anonymous, resident session, raadslid, ambtenaar,
beheerder), GET and POST are checked against the declared policy table. A URL without an
entry fails the test; so does a view whose declared policy differs from the table. An
account logged in that has yet to pass its second factor is a case of its own: it reaches
the views of `before_2fa` policies only and is sent to its 2FA step from every other URL.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.constants import Role
from core.permissions import POLICIES, policy_of

from .policy_table import policy_table, routes, table_problems

ALL_ROLES = [Role.ANONYMOUS, Role.RESIDENT, Role.RAADSLID, Role.AMBTENAAR, Role.BEHEERDER]
ROLE_SETS = {
    Role.ANONYMOUS: frozenset({Role.ANONYMOUS}),
    Role.RESIDENT: frozenset({Role.ANONYMOUS, Role.RESIDENT}),
    Role.RAADSLID: frozenset({Role.RAADSLID}),
    Role.AMBTENAAR: frozenset({Role.AMBTENAAR}),
    Role.BEHEERDER: frozenset({Role.BEHEERDER}),
}
# Tables whose rows change by merely using the site (sessions, login throttling), not data.
NON_DATA_TABLES = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}


def _requestable_routes():
    """Every non-admin route, plus admin routes that take no arguments (but the admin's own
    autocomplete JSON endpoint, which needs query parameters)."""
    return [r for r in routes() if not (r.is_admin and (r.has_arguments or r.name == "admin:autocomplete"))]


def _url(route, samples) -> str:
    if not route.has_arguments:
        return reverse(route.name) if route.name else "/" + route.route
    if route.key not in samples:
        pytest.fail(f"{route.key}: add a SAMPLE_KWARGS entry in its app's tests/url_policies.py")
    return reverse(route.name, kwargs=samples[route.key]())


def _denied(response) -> bool:
    """Denied by the access policy (not by a view's own check, such as the admin's)."""
    return getattr(response.wsgi_request, "denied_by_access_policy", False)


def test_every_url_has_a_declared_policy_matching_the_table():
    # given the URLconf and the policy table of every app
    table, _ = policy_table()
    # when every URL pattern is compared with its table entry
    problems = table_problems(routes(), table)
    # then each one has an entry and the view declares exactly that policy
    assert not problems, "\n".join(problems)
    assert set(table.values()) <= set(POLICIES)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=lambda r: r.value)
def test_each_role_gets_exactly_what_the_policy_allows(role, client_for):
    # given a client for the role and every requestable URL
    client = client_for(role)
    table, samples = policy_table()
    failures = []
    for route in _requestable_routes():
        url = _url(route, samples)
        policy = policy_of(route.callback, route.namespace)
        for method in ("get", "post"):
            # when the role requests the URL
            response = getattr(client, method)(url)
            # then it is denied exactly when the policy says so
            expected_allowed = policy.allows(ROLE_SETS[role], method.upper())
            if _denied(response) and response.status_code not in (302, 403):
                failures.append(f"{method.upper()} {url}: denied with status {response.status_code}")
            if _denied(response) == expected_allowed:
                failures.append(
                    f"{method.upper()} {url} ({route.key}) as {role.value}: status {response.status_code}, "
                    f"expected {'allowed' if expected_allowed else 'denied'}"
                )
            if role != Role.ANONYMOUS and client.session.session_key is None and role != Role.RESIDENT:
                client = client_for(role)  # logged out by a logout URL: log in again
    assert not failures, "\n".join(failures)


# The views an account reaches before its second factor: the 2FA step, logging out, and the
# resources those pages load. A change to this set is a change to the access policy.
BEFORE_SECOND_FACTOR = {
    "core:two_factor_setup",
    "core:two_factor_verify",
    "core:logout",
    "core:theme_css",
    "core:favicon",
    "core:health",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "step"),
    [
        (Role.AMBTENAAR, "core:two_factor_setup"),  # required, no app yet: set it up
        (Role.BEHEERDER, "core:two_factor_setup"),
        (Role.RAADSLID, "core:two_factor_verify"),  # optional, but it has an app: verify
    ],
    ids=lambda v: v.value if isinstance(v, Role) else v,
)
def test_logged_in_before_the_second_factor_only_the_two_factor_pages_are_reached(role, step, client_for):
    # given an account logged in with its password only, that must pass its second factor
    def unverified_client():
        client = client_for(role, verified=False)
        if role == Role.RAADSLID:
            TOTPDevice.objects.create(user=client.user, name="app", confirmed=True)
        return client

    client = unverified_client()
    _, samples = policy_table()
    failures, reached = [], set()
    for route in _requestable_routes():
        url = _url(route, samples)
        policy = policy_of(route.callback, route.namespace)
        for method in ("get", "post"):
            # when it requests the URL
            response = getattr(client, method)(url)
            sent_to_step = response.status_code == 302 and response["Location"].startswith(reverse(step))
            if policy.before_2fa:
                # then a 2FA page, logout or resource follows its policy as for a verified account
                reached.add(route.key)
                if _denied(response) == policy.allows(ROLE_SETS[role], method.upper()):
                    failures.append(f"{method.upper()} {url} ({route.key}): status {response.status_code}")
            elif not (sent_to_step and _denied(response)):
                # and every other URL sends it to its 2FA step
                failures.append(
                    f"{method.upper()} {url} ({route.key}): status {response.status_code}, "
                    f"{response.get('Location', '')!r}, expected a redirect to {reverse(step)}"
                )
            if client.session.session_key is None:
                client = unverified_client()  # logged out by the logout URL
    assert not failures, "\n".join(failures)
    assert reached == BEFORE_SECOND_FACTOR


def _row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in NON_DATA_TABLES or model._meta.proxy or not model._meta.managed:
                continue
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - table names from models
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db
def test_a_council_member_post_anywhere_changes_no_row(client_for):
    # given a council member and sample objects for every URL
    _, samples = policy_table()
    urls = [_url(route, samples) for route in _requestable_routes()]
    client = client_for(Role.RAADSLID)
    before = _row_counts()
    # when they POST to every URL, with and without form data
    for url in urls:
        client.post(url)
        client.post(url, {"titel": "Vervalst", "status": "gestopt", "naam": "x", "omschrijving": "x"})
    # then no row anywhere has changed
    assert _row_counts() == before


# --- A test of the test: an undeclared URL is caught --------------------------------------


def _undeclared_view(request):
    from django.http import HttpResponse

    return HttpResponse("secret")


def _urlconf_with_undeclared_view():
    """The real URLconf plus one view without a policy: what a careless change would add."""
    import types

    from django.urls import include, path

    module = types.ModuleType("urlconf_with_leak")
    module.urlpatterns = [path("", include("config.urls")), path("lek/", _undeclared_view, name="lek")]
    return module


def test_the_permission_test_fails_for_a_url_without_policy(client, db):
    # given a URLconf with one view that declares no policy and has no table entry
    urlconf = _urlconf_with_undeclared_view()
    table, _ = policy_table()
    # when the table check runs on it
    problems = table_problems(routes(urlconf), table)
    # then exactly that URL is reported
    assert problems == ["lek (lek/): no entry in the policy table"]
    # and at run time the middleware denies it (default deny), and the system check reports it
    with override_settings(ROOT_URLCONF=urlconf):
        assert client.get("/lek/").status_code == 403
        from core.checks import check_access_policies

        assert [e.id for e in check_access_policies(None)] == ["core.E001"]
