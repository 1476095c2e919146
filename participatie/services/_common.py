"""Helpers shared by the participatie service modules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models

from core.services import model_update

M = TypeVar("M", bound=models.Model)


def update_and_save(*, instance: M, fields: Iterable[str], data: Mapping[str, Any]) -> M:
    """`core.services.model_update`, but validating and saving also when nothing changed.

    The participatie update services always ran `full_clean` and saved (so `updated_at` moves on
    every edit, also of a form sent back unchanged); `model_update` skips both when no field
    changed. Rules that must give their own message before Django's run before this call.
    """
    instance, changed = model_update(instance=instance, fields=fields, data=data)
    if not changed:
        instance.full_clean()
        instance.save()
    return instance
