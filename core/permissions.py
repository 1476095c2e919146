"""Access policies: the one permission mechanism every view uses. Default deny.

Each view declares a `Policy` (with the `@access(...)` decorator for functions or the
`AccessPolicyMixin` for classes). `core.middleware.AccessPolicyMiddleware` enforces it for
every resolved URL and denies any view that declares none. `core.checks` reports such views
at start-up, and `core/tests/test_url_policies.py` checks every URL pattern against the
declared policy table for each role (security baseline: BIO2, OWASP ASVS L2 V4.1.3).

Object-level scoping (which plans a user may see) lives in the selectors.

The second factor (core/two_factor.py): an account that still has to pass it in this session
reaches only views whose policy is `before_2fa` (the 2FA pages, logout, and the resources a
page needs); the middleware sends it to the 2FA step from every other view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from .constants import ACCOUNT_ROLES, RESIDENT_SESSION_KEY, Role

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
INTERNAL = frozenset({Role.RAADSLID, Role.AMBTENAAR, Role.BEHEERDER})
EVERYONE = frozenset(Role)


@dataclass(frozen=True)
class Policy:
    """Which roles may read (GET/HEAD/OPTIONS) and write (any other method), and whether an
    account that has yet to pass its second factor may use the view at all (`before_2fa`)."""

    name: str
    read: frozenset[Role]
    write: frozenset[Role]
    before_2fa: bool = False

    def allows(self, roles: frozenset[Role], method: str) -> bool:
        allowed = self.read if method.upper() in SAFE_METHODS else self.write
        return bool(allowed & roles)


# Anyone, with or without an account (login page, health check, public plan page).
PUBLIC = Policy("public", read=EVERYONE, write=EVERYONE)
# Residents answering a survey: anyone may open it; the view itself checks the survey state.
RESIDENT = Policy("resident", read=EVERYONE, write=EVERYONE)
# Content-free resources every page needs (theme stylesheet, favicon) and the health check:
# read by anyone, also on the 2FA pages before the second factor; nobody writes through them.
RESOURCE = Policy("resource", read=EVERYONE, write=frozenset(), before_2fa=True)
# Any account holder (home redirect, own account pages).
AUTHENTICATED = Policy("authenticated", read=INTERNAL, write=INTERNAL)
# Setting up and passing the second factor, and logging out: what an account reaches before
# it passed its second factor in this session.
TWO_FACTOR = Policy("two_factor", read=INTERNAL, write=INTERNAL, before_2fa=True)
# Read-only internal pages: plans, dashboard, history. Nobody writes through them.
INTERNAL_READ = Policy("internal_read", read=INTERNAL, write=frozenset())
# Forms and actions of civil servants. Council members never reach a form (DOMAIN.md).
AMBTENAAR = Policy("ambtenaar", read=frozenset({Role.AMBTENAAR}), write=frozenset({Role.AMBTENAAR}))
# Django admin: users, roles, reference data.
BEHEER = Policy("beheer", read=frozenset({Role.BEHEERDER}), write=frozenset({Role.BEHEERDER}))
# Read by whoever holds an unguessable token in the URL (the parties' calendar feed: parties
# have no accounts, a calendar app sends no cookie). Any role may GET; the view itself looks
# the token up and answers 404 for a wrong or revoked one. Nobody writes through it.
TOKEN = Policy("token", read=EVERYONE, write=frozenset())

POLICIES = {
    p.name: p for p in (PUBLIC, RESIDENT, RESOURCE, AUTHENTICATED, TWO_FACTOR, INTERNAL_READ, AMBTENAAR, BEHEER, TOKEN)
}


def roles_of(request: HttpRequest) -> frozenset[Role]:
    """The roles of the request's user: Django groups for accounts, a session for residents."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if not user.is_active:
            return frozenset({Role.ANONYMOUS})
        cached = getattr(user, "_wijkproces_roles", None)
        if cached is None:
            names = {g.name for g in user.groups.all()}
            cached = frozenset(r for r in ACCOUNT_ROLES if r.value in names)
            if user.is_superuser:
                cached = cached | {Role.BEHEERDER}
            user._wijkproces_roles = cached
        return cached
    roles = {Role.ANONYMOUS}
    session = getattr(request, "session", None)
    if session is not None and session.get(RESIDENT_SESSION_KEY):
        roles.add(Role.RESIDENT)
    return frozenset(roles)


def has_role(request: HttpRequest, role: Role) -> bool:
    return role in roles_of(request)


def access(policy: Policy) -> Callable:
    """Declare the access policy of a function-based view."""

    def decorate(view: Callable) -> Callable:
        view.access_policy = policy
        return view

    return decorate


class AccessPolicyMixin:
    """Declare the access policy of a class-based view: `access_policy = AMBTENAAR`."""

    access_policy: Policy | None = None


def policy_of(view_func: Callable, namespace: str = "") -> Policy | None:
    """The declared policy of a resolved view, or None (which means: deny)."""
    policy = getattr(view_func, "access_policy", None)
    if policy is None:
        view_class = getattr(view_func, "view_class", None)
        policy = getattr(view_class, "access_policy", None)
    if policy is None and namespace.split(":")[0] == "admin":
        # Django's admin views are the functional administrators' (and checked by the admin
        # itself a second time: is_staff plus model permissions).
        policy = BEHEER
    return policy
