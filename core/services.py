"""Writes shared by every app: creating and updating a model, roles."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction

logger = logging.getLogger(__name__)

M = TypeVar("M", bound="models.Model")


def model_update(
    *,
    instance: M,
    fields: Iterable[str],
    data: Mapping[str, Any],
    check: Callable[[M], None] | None = None,
    full_clean: bool = True,
) -> tuple[M, bool]:
    """Set the given editable fields on `instance`, validate and save only what changed.

    `fields` is the service's whitelist: a key in `data` outside it is a programming error
    (TypeError), never silently ignored. Strings are stripped. `full_clean` runs, then the
    service's own `check(instance)` (cross-field or cross-model rules), then a save of the
    changed columns (plus `updated_at` when the model has it). Returns (instance, changed).
    Pass `full_clean=False` when `check` validates the whole instance itself, so that its own
    Dutch messages come before Django's generic ones. Call it inside the service's transaction.
    """
    allowed = tuple(fields)
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"{type(instance).__name__} update does not change {', '.join(sorted(unknown))}")
    changed: list[str] = []
    for name in allowed:
        if name not in data:
            continue
        value = data[name]
        if isinstance(value, str):
            value = value.strip()
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    if not changed:
        return instance, False
    if full_clean:
        instance.full_clean()
    if check is not None:
        check(instance)
    update_fields = [instance._meta.get_field(name).attname for name in changed]
    if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
        update_fields.append("updated_at")
    instance.save(update_fields=update_fields)
    return instance, True


def model_create(
    *,
    model: type[M],
    fields: Iterable[str],
    data: Mapping[str, Any],
    check: Callable[[M], None],
    **fixed: Any,
) -> M:
    """Create `model` from the service's whitelisted `fields` of `data` plus `fixed` values
    (the owner, e.g. plan=...): the same rules as `model_update` (a key outside the whitelist
    is a TypeError, strings are stripped), then the service's `check` and a save."""
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"{model.__name__} create does not take {', '.join(sorted(unknown))}")
    instance = model(**fixed, **{k: v.strip() if isinstance(v, str) else v for k, v in data.items()})
    check(instance)
    instance.save()
    return instance


# --- Roles -------------------------------------------------------------------------------------

# Models the functional administrator (beheerder) manages in Django admin: users, roles and
# reference data. Everything else is edited in the application by civil servants.
BEHEERDER_MODELS = (
    "auth.user",
    "auth.group",
    "wup.gemeente",
    "wup.wijk",
    "wup.buurt",
    "logboek.gebeurtenis",  # read-only in the admin (logboek/admin.py)
    "pghistory.events",  # the audit history, read-only (pghistory's events admin)
    # the routekaart, read-only (routekaart/admin.py): it changes through its services only
    "routekaart.routekaart",
    "routekaart.mijlpaal",
    "routekaart.afspraak",
    "routekaart.verschuiving",
    "routekaart.koppelkans",
    "routekaart.vergunning",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
)


def roles_sync() -> None:
    """Create the role groups and give the beheerder group its admin permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    from .constants import ACCOUNT_ROLES, Role

    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in ACCOUNT_ROLES}
    perms = []
    for label in BEHEERDER_MODELS:
        app_label, model = label.split(".")
        perms.extend(Permission.objects.filter(content_type__app_label=app_label, content_type__model=model))
    groups[Role.BEHEERDER].permissions.set(perms)


@transaction.atomic
def user_create_with_role(*, username: str, password: str, role: str, first_name: str = "", last_name: str = ""):
    """Create (or reset) an account with exactly one role. Beheerders get admin (staff) access."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from .constants import Role

    user, _ = get_user_model().objects.get_or_create(username=username)
    user.first_name, user.last_name = first_name, last_name
    user.is_staff = role == Role.BEHEERDER
    user.set_password(password)
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    return user
