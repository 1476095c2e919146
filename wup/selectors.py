"""Reads of the `wup` app."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Plan


def plan_list() -> QuerySet[Plan]:
    return Plan.objects.select_related("wijk").order_by("titel")
